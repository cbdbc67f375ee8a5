import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { RenderError } from '../errors.ts';
import type { MeasuredImage, RasterJob, RenderContext, RenderJobOptions } from '../plan/types.ts';

/**
 * Runs every rasterization in child processes. A worker thread is not enough: when resvg aborts
 * (huge canvases), it takes the whole process down, threads included. A child that dies or
 * exceeds its time budget is killed and replaced; its job ends in a {@link RenderError}.
 */
export interface IsolatedRendererOptions {
  /** Child processes to spread jobs over (default: available cores, at most 4; at most 1024). */
  processes?: number;
  /** Budget for one rasterization, in milliseconds (default 10 s; longer than 2^31-1, Infinity included, is 2^31-1). */
  timeoutMs?: number;
}

interface Pending {
  job: RasterJob;
  /** The caller wants the box of the visible pixels too (rasterizeMeasured). */
  measure?: true;
  resolve: (image: MeasuredImage) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  /** Its caller's signal aborted: rejected already, never queued again, its answer discarded. */
  abandoned?: true;
  /**
   * Was in a child that died with other jobs queued behind it, so which one killed it is unknown:
   * it runs again alone in a child, where a crash is its own.
   */
  alone?: boolean;
  /**
   * Was being drawn when something outside killed its child (SIGKILL: the kernel's OOM killer, an
   * operator): that says nothing about the image, so it is drawn once more, alone, before a second
   * kill blames it.
   */
  killedOnce?: true;
}

interface Sent {
  id: number;
  pending: Pending;
}

type ChildMessage =
  | { ready: true }
  | { id: number; ok: true; bytes: Uint8Array; box?: MeasuredImage['box']; shown?: MeasuredImage['shown']; filled?: number }
  | { id: number; ok: false; message: string }
  /** An abandoned job the child dropped before drawing it. */
  | { id: number; skipped: true };

/** More renderer children than any machine has cores for: a bound on a typo, not a tuning. */
const MAX_PROCESSES = 1024;

/** The longest wait a Node timer holds (2^31-1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** resvg allocates the whole canvas up front; no icon or badge needs more than this per side. */
export const MAX_CANVAS_SIDE = 4096;

/**
 * Jobs a child may hold at once: the one it draws and the next, already in its IPC queue, so it
 * starts that one without waiting for a round trip to the parent (~0.5-1 ms per image, a tenth of
 * a favicon set's drawing). More would only hold work back from a child that frees up sooner.
 */
const JOBS_PER_CHILD = 2;

const { forkRenderer, takePrestarted } = createRequire(import.meta.url)('./fork.cjs') as {
  forkRenderer: () => ChildProcess;
  takePrestarted: () => { child: ChildProcess; ready: boolean } | undefined;
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What is wrong with an answer to `job`, or undefined when it is one. */
function wrongAnswer(message: ChildMessage, job: RasterJob): string | undefined {
  if (!('ok' in message) || typeof message.ok !== 'boolean') return 'something that is not an answer';
  if (!message.ok) return typeof message.message === 'string' ? undefined : 'a refusal without a reason';
  const { bytes, box, shown, filled } = message;
  const size = `${job.width}x${job.height}`;
  if (!(bytes instanceof Uint8Array)) return `${size} with something that is not bytes`;
  const starts = (prefix: readonly number[], at = 0) => prefix.every((byte, index) => bytes[at + index] === byte);
  if (job.output === 'rgba' && bytes.length !== job.width * job.height * 4) return `${size} with ${bytes.length} bytes, not the ${job.width * job.height * 4} of its pixels`;
  if (job.output === 'png' && !starts(PNG_SIGNATURE)) return `${size} with bytes that are not a PNG`;
  if (job.output === 'webp' && !(starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8))) return `${size} with bytes that are not a WebP`;
  if ((box !== undefined && (typeof box !== 'object' || box === null)) || (shown !== undefined && (typeof shown !== 'object' || shown === null))) return `${size} with a measure that is not one`;
  if (filled !== undefined && !(Number.isInteger(filled) && filled >= 0 && filled <= job.width * job.height)) return `${size} with a count of ${String(filled)} pixels`;
  return undefined;
}

class RenderProcess {
  readonly child: ChildProcess;
  /** Jobs sent and not answered, oldest first: the child draws them one at a time in this order. */
  readonly sent: Sent[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The budget of a job starts once the child has loaded resvg and drawn the jobs before it. */
  ready = false;
  private exited = false;
  private killed = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onAnswer: (drawn: boolean) => void,
    private readonly onFree: (process: RenderProcess) => void,
    private readonly onExit: (process: RenderProcess, wasReady: boolean, unanswered: Pending[]) => void,
  ) {
    // The CLI's entry may have started one already (render/fork.cjs).
    const prestarted = takePrestarted();
    this.child = prestarted?.child ?? forkRenderer();
    this.child.on('message', (message: unknown) => this.receive(message));
    this.child.on('exit', (code, signal) => this.exit(code, signal));
    this.child.on('error', () => this.exit(null, null));
    this.idle();
    if (prestarted?.ready) queueMicrotask(() => this.receive({ ready: true }));
  }

  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /** Whether this child may be handed `pending` now. */
  accepts(pending: Pending): boolean {
    if (!this.alive) return false;
    if (pending.alone) return this.sent.length === 0;
    return this.sent.length < JOBS_PER_CHILD && !this.sent.some((sent) => sent.pending.alone);
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

  /** Sends a job now, also before the child is ready: the IPC channel queues it meanwhile. */
  run(id: number, pending: Pending): void {
    this.hold();
    this.sent.push({ id, pending });
    this.child.send(pending.measure ? { id, job: pending.job, measure: true } : { id, job: pending.job });
    if (this.ready && this.sent.length === 1) this.startBudget();
  }

  /**
   * Asks the child to drop an abandoned job it holds but has not started. The one it is drawing
   * finishes (resvg cannot be interrupted, and killing the child would cost every other caller a
   * restart); its answer is discarded.
   */
  cancel(pending: Pending): void {
    const sent = this.sent.find((candidate) => candidate.pending === pending);
    if (sent && this.alive && this.child.connected) this.child.send({ cancel: sent.id });
  }

  /** The oldest unanswered job is the one being drawn; its budget runs from now. */
  private startBudget(): void {
    const { pending } = this.sent[0]!;
    this.timer = setTimeout(() => {
      this.sent.shift();
      this.kill();
      // The jobs queued behind it never started: the exit hands them back to the pool.
      pending.reject(new RenderError('render-timeout', `Rendering ${pending.job.width}x${pending.job.height} took longer than ${this.timeoutMs} ms; the renderer was stopped`));
    }, this.timeoutMs);
  }

  private takeAll(): Pending[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.idle();
    return this.sent.splice(0).map((sent) => sent.pending);
  }

  private receive(received: unknown): void {
    // The child is forge's own code, but it runs resvg on a stranger's drawing: what comes back is
    // checked as an answer before anything uses it. `null` threw in this handler (an uncaught
    // exception, the caller's whole process), and bytes of another kind or length were handed on
    // as the image.
    if (typeof received !== 'object' || received === null) return this.misbehaved('something that is not a message');
    const message = received as ChildMessage;
    if ('ready' in message) {
      this.ready = true;
      if (this.sent.length > 0) this.startBudget();
      else this.idle();
      this.onFree(this);
      return;
    }
    // Nothing sent: a message without an id is no answer either (it matched `this.sent[0]?.id`).
    if (this.sent.length === 0 || message.id !== this.sent[0]!.id) return;
    const wrong = 'skipped' in message ? undefined : wrongAnswer(message, this.sent[0]!.pending.job);
    if (wrong) return this.misbehaved(wrong);
    const { pending } = this.sent.shift()!;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sent.length > 0) this.startBudget();
    else this.idle();
    this.onAnswer(!('skipped' in message));
    // An abandoned job was rejected when its signal aborted: these settle nothing then.
    if ('skipped' in message) pending.reject(new RenderError('render-failed', 'The job was abandoned'));
    else if (message.ok) {
      pending.resolve({
        bytes: message.bytes,
        ...(message.box ? { box: message.box } : {}),
        ...(message.shown ? { shown: message.shown } : {}),
        ...(message.filled !== undefined ? { filled: message.filled } : {}),
      });
    }
    else pending.reject(new RenderError('render-failed', `The renderer refused the image: ${message.message}`));
    this.onFree(this);
  }

  /**
   * An answer that is none: the job being drawn fails (a renderer that answered it so would answer
   * it so again), and the child, in a state nobody knows, is stopped; the jobs queued behind it
   * go to another.
   */
  private misbehaved(what: string): void {
    // The budget's timer would take the next job for the hung one before the exit hands it back.
    clearTimeout(this.timer);
    this.timer = undefined;
    const drawn = this.sent.shift();
    this.kill();
    drawn?.pending.reject(new RenderError('render-failed', `The renderer answered ${what}; the renderer was stopped`));
  }

  private exit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    const stoppedByUs = this.killed;
    this.killed = true;
    const unanswered = this.takeAll();
    // A child that dies before it is ready drew nothing: its jobs fail as "could not start".
    if (!stoppedByUs && this.ready && unanswered.length > 0) {
      // The oldest job was being drawn. Alone in the child (or re-run alone) it is the cause;
      // with jobs queued behind it, its answer may still have been on its way: all run again alone.
      // resvg and Node end a child they cannot go on with by aborting it (SIGABRT) or by a fault;
      // a SIGKILL came from outside, so the first one sends the drawn job round again too, instead
      // of telling a creator under a busy server's memory pressure that their mark cannot be drawn.
      const drawn = unanswered[0]!;
      const killedFromOutside = signal === 'SIGKILL' && !drawn.killedOnce;
      if ((unanswered.length === 1 || drawn.alone) && !killedFromOutside) {
        unanswered.shift()!.reject(
          new RenderError('render-crashed', `The renderer stopped (${signal ?? `exit code ${code}`}) while drawing the image; the input is not renderable`),
        );
      } else {
        if (killedFromOutside) drawn.killedOnce = true;
        for (const pending of unanswered) pending.alone = true;
      }
    }
    this.onExit(this, this.ready, unanswered);
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
  /**
   * The jobs waiting on each caller's signal. One listener per signal, not per job: a forge run
   * puts dozens of jobs on one signal, and Node warns of a leak past ten listeners.
   */
  private readonly watched = new Map<AbortSignal, { jobs: Set<Pending>; listener: () => void }>();
  private nextId = 1;
  private closed = false;
  private drawnCount = 0;

  constructor(options: IsolatedRendererOptions = {}) {
    const { processes = Math.min(4, availableParallelism()), timeoutMs = 10_000 } = options;
    // NaN never started a child (every job waited for good); Infinity, and as surely 1e308 or a
    // million, started them until the machine ran out of processes or memory (tens of MB each).
    if (!(processes <= MAX_PROCESSES)) throw new RangeError(`Expected processes to be a number of child processes up to ${MAX_PROCESSES} but received ${processes}`);
    // 0, a negative or NaN budget would time every image out at once.
    if (!(timeoutMs > 0)) throw new RangeError(`Expected timeoutMs to be a positive number of milliseconds but received ${timeoutMs}`);
    this.size = Math.max(1, processes);
    // A Node timer waits at most 2^31-1 ms (24.8 days) and turns a longer wait into 1 ms, which
    // timed every image out: a longer budget, Infinity included, is that longest one.
    this.timeoutMs = Math.min(timeoutMs, MAX_TIMER_MS);
  }

  /** Starts the child processes now instead of on the first job (hides their start-up time). */
  warm(): this {
    while (this.processes.size < this.size) this.spawn();
    return this;
  }

  /**
   * Draws one job. With a `signal`, aborting it rejects the job at once with the signal's reason:
   * a job still queued is dropped, never drawn; one being drawn finishes in its child and its
   * result is discarded. Other callers' jobs are not disturbed.
   */
  rasterize(job: RasterJob, options: RenderJobOptions = {}): Promise<Uint8Array> {
    return this.draw(job, options, false).then((image) => image.bytes);
  }

  /**
   * `rasterize`, also saying where the image's visible pixels lie, or with the job's `shownOn` how
   * well they show on that colour. The child measures the pixels it holds anyway, before encoding
   * them, so the bytes are the same as `rasterize`'s.
   */
  rasterizeMeasured(job: RasterJob, options: RenderJobOptions = {}): Promise<MeasuredImage> {
    return this.draw(job, options, true);
  }

  private draw(job: RasterJob, options: RenderJobOptions, measure: boolean): Promise<MeasuredImage> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new RenderError('render-failed', 'The renderer is closed'));
    const validSide = (side: number) => Number.isInteger(side) && side >= 1 && side <= MAX_CANVAS_SIDE;
    if (!validSide(job.width) || !validSide(job.height)) {
      return Promise.reject(new RenderError('render-failed', `Expected a canvas of 1-${MAX_CANVAS_SIDE} px per side but received ${job.width}x${job.height}`));
    }
    return new Promise((resolve, reject) => {
      if (!signal) {
        this.queue.push({ job, ...(measure ? { measure: true as const } : {}), resolve, reject });
        this.dispatch();
        return;
      }
      const pending: Pending = {
        job,
        ...(measure ? { measure: true as const } : {}),
        signal,
        resolve: (image) => {
          this.unwatch(pending);
          resolve(image);
        },
        reject: (error) => {
          this.unwatch(pending);
          reject(error);
        },
      };
      this.watch(pending, signal);
      this.queue.push(pending);
      this.dispatch();
    });
  }

  rasterizeAll(jobs: readonly RasterJob[], options: RenderJobOptions = {}): Promise<Uint8Array[]> {
    return Promise.all(jobs.map((job) => this.rasterize(job, options)));
  }

  /** Jobs the children have drawn since this renderer was made; dropped ones do not count (diagnostics and tests). */
  get drawn(): number {
    return this.drawnCount;
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

  private watch(pending: Pending, signal: AbortSignal): void {
    const entry = this.watched.get(signal);
    if (entry) {
      entry.jobs.add(pending);
      return;
    }
    const jobs = new Set([pending]);
    const listener = () => {
      this.watched.delete(signal);
      for (const job of jobs) this.abandon(job, signal.reason);
    };
    this.watched.set(signal, { jobs, listener });
    signal.addEventListener('abort', listener, { once: true });
  }

  private unwatch(pending: Pending): void {
    const entry = pending.signal && this.watched.get(pending.signal);
    if (!entry) return;
    entry.jobs.delete(pending);
    if (entry.jobs.size > 0) return;
    this.watched.delete(pending.signal!);
    pending.signal!.removeEventListener('abort', entry.listener);
  }

  /** Its signal aborted: out of the queue, or out of its child's hands if not started there. */
  private abandon(pending: Pending, reason: unknown): void {
    pending.abandoned = true;
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) this.queue.splice(queued, 1);
    else for (const process of this.processes) process.cancel(pending);
    pending.reject(reason);
  }

  private spawn(): RenderProcess {
    const process = new RenderProcess(
      this.timeoutMs,
      (drawn) => {
        if (drawn) this.drawnCount += 1;
      },
      () => this.dispatch(),
      (gone, wasReady, unanswered) => {
        this.processes.delete(gone);
        if (this.closed) {
          for (const pending of unanswered) pending.reject(new RenderError('render-failed', 'The renderer was closed'));
          return;
        }
        if (!wasReady) {
          // A child that dies while starting will die again: fail the waiting jobs, don't loop.
          for (const pending of [...unanswered, ...this.queue.splice(0)]) pending.reject(new RenderError('render-crashed', 'The renderer process could not start'));
          return;
        }
        // Jobs that never started, or whose fate is unknown, go first to the next free child;
        // abandoned ones are no one's any more.
        this.queue.unshift(...unanswered.filter((pending) => !pending.abandoned));
        this.dispatch();
      },
    );
    this.processes.add(process);
    return process;
  }

  /**
   * Hands queued jobs to ready children, two at most each; while no child is ready yet (a cold
   * start), to the starting ones, so the first job is already waiting in a child when it is.
   */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const pending = this.queue[0]!;
      const alive = [...this.processes].filter((process) => process.alive);
      const anyReady = alive.some((process) => process.ready);
      let target: RenderProcess | undefined;
      for (const process of alive) {
        if ((process.ready || !anyReady) && process.accepts(pending) && (!target || process.sent.length < target.sent.length)) target = process;
      }
      if (target) {
        target.run(this.nextId++, this.queue.shift()!);
        continue;
      }
      const starting = alive.filter((process) => !process.ready);
      if (this.processes.size < this.size && starting.length < this.queue.length) {
        starting.push(this.spawn());
        if (!anyReady) continue;
      }
      for (const process of starting) process.hold();
      return;
    }
  }
}
