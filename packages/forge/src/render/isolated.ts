import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { RenderError } from '../errors.ts';
import type { RasterJob, RenderContext } from '../plan/types.ts';

/**
 * Runs every rasterization in child processes. A worker thread is not enough: when resvg aborts
 * (huge canvases), it takes the whole process down, threads included. A child that dies or
 * exceeds its time budget is killed and replaced; its job ends in a {@link RenderError}.
 */
export interface IsolatedRendererOptions {
  /** Child processes to spread jobs over (default: available cores, at most 4). */
  processes?: number;
  /** Budget for one rasterization, in milliseconds (default 10 s). */
  timeoutMs?: number;
}

interface Pending {
  job: RasterJob;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

type ChildMessage = { ready: true } | { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

/** resvg allocates the whole canvas up front; no icon or badge needs more than this per side. */
export const MAX_CANVAS_SIDE = 4096;

const { forkRenderer, takePrestarted } = createRequire(import.meta.url)('./fork.cjs') as {
  forkRenderer: () => ChildProcess;
  takePrestarted: () => { child: ChildProcess; ready: boolean } | undefined;
};

class RenderProcess {
  readonly child: ChildProcess;
  busy: { id: number; pending: Pending; timer: NodeJS.Timeout } | undefined;
  /** The budget of a job starts once the child has loaded resvg and sharp, not before. */
  ready = false;
  private exited = false;
  private killed = false;

  constructor(
    private readonly onFree: (process: RenderProcess) => void,
    private readonly onExit: (process: RenderProcess, wasReady: boolean) => void,
  ) {
    // The CLI's entry may have started one already (render/fork.cjs).
    const prestarted = takePrestarted();
    this.child = prestarted?.child ?? forkRenderer();
    this.child.on('message', (message: ChildMessage) => this.receive(message));
    this.child.on('exit', (code, signal) => this.exit(code, signal));
    this.child.on('error', () => this.exit(null, null));
    this.idle();
    if (prestarted?.ready) queueMicrotask(() => this.receive({ ready: true }));
  }

  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  private idle(): void {
    // An idle renderer must not keep a finished CLI or test process alive.
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
  }

  /** Keeps the caller's process alive while a job waits for this child. */
  hold(): void {
    this.child.ref();
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  run(id: number, pending: Pending, timeoutMs: number): void {
    this.hold();
    const timer = setTimeout(() => {
      this.kill();
      this.finish()?.reject(new RenderError('render-timeout', `Rendering ${pending.job.width}x${pending.job.height} took longer than ${timeoutMs} ms; the renderer was stopped`));
    }, timeoutMs);
    this.busy = { id, pending, timer };
    this.child.send({ id, job: pending.job });
  }

  private finish(): Pending | undefined {
    const busy = this.busy;
    if (!busy) return undefined;
    clearTimeout(busy.timer);
    this.busy = undefined;
    this.idle();
    return busy.pending;
  }

  private receive(message: ChildMessage): void {
    if ('ready' in message) {
      this.ready = true;
      this.onFree(this);
      if (!this.busy) this.idle();
      return;
    }
    if (message.id !== this.busy?.id) return;
    const pending = this.finish()!;
    if (message.ok) pending.resolve(message.bytes);
    else pending.reject(new RenderError('render-failed', `The renderer refused the image: ${message.message}`));
    this.onFree(this);
  }

  private exit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.finish()?.reject(
      new RenderError('render-crashed', `The renderer stopped (${signal ?? `exit code ${code}`}) while drawing the image; the input is not renderable`),
    );
    this.onExit(this, this.ready);
  }

  kill(): void {
    // Never hand this process another job, even before its exit event arrives.
    this.killed = true;
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

export class IsolatedRenderer implements RenderContext {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly processes = new Set<RenderProcess>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: IsolatedRendererOptions = {}) {
    this.size = Math.max(1, options.processes ?? Math.min(4, availableParallelism()));
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Starts the child processes now instead of on the first job (hides their start-up time). */
  warm(): this {
    while (this.processes.size < this.size) this.spawn();
    return this;
  }

  rasterize(job: RasterJob): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new RenderError('render-failed', 'The renderer is closed'));
    const validSide = (side: number) => Number.isInteger(side) && side >= 1 && side <= MAX_CANVAS_SIDE;
    if (!validSide(job.width) || !validSide(job.height)) {
      return Promise.reject(new RenderError('render-failed', `Expected a canvas of 1-${MAX_CANVAS_SIDE} px per side but received ${job.width}x${job.height}`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  rasterizeAll(jobs: readonly RasterJob[]): Promise<Uint8Array[]> {
    return Promise.all(jobs.map((job) => this.rasterize(job)));
  }

  /** Process ids of the live renderer children (diagnostics and crash tests). */
  pids(): number[] {
    return [...this.processes].filter((process) => process.alive).map((process) => process.child.pid!);
  }

  /** Stops every child process. Safe to call twice. */
  close(): void {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new RenderError('render-failed', 'The renderer was closed'));
    for (const process of this.processes) process.kill();
    this.processes.clear();
  }

  private spawn(): RenderProcess {
    const process = new RenderProcess(
      () => this.dispatch(),
      (gone, wasReady) => {
        this.processes.delete(gone);
        if (this.closed) return;
        if (!wasReady) {
          // A child that dies while starting will die again: fail the waiting jobs, don't loop.
          for (const pending of this.queue.splice(0)) pending.reject(new RenderError('render-crashed', 'The renderer process could not start'));
          return;
        }
        this.dispatch();
      },
    );
    this.processes.add(process);
    return process;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const free = [...this.processes].find((process) => process.alive && process.ready && !process.busy);
      if (!free) {
        const starting = [...this.processes].filter((process) => process.alive && !process.ready);
        if (this.processes.size < this.size && starting.length < this.queue.length) starting.push(this.spawn());
        for (const process of starting) process.hold();
        return;
      }
      free.run(this.nextId++, this.queue.shift()!, this.timeoutMs);
    }
  }
}
