import { createHash } from 'node:crypto';
import { adviceFor } from './advice.ts';
import { IsolatedRenderer } from './render/isolated.ts';
import { planStages, type PlanOptions } from './plan/plan.ts';
import type { ForgeStage } from './plan/types.ts';
import type { ForgeInput, ForgeResult, ForgedFile, RenderContext } from './plan/types.ts';

export const FORGE_VERSION = '0.1.0';

export interface ForgeOptions extends Omit<PlanOptions, 'stages'> {
  /** Renderer to use (e.g. one shared over a batch). Default: a fresh isolated renderer, closed afterwards. */
  renderer?: RenderContext;
  /** Called after each file is rendered (progress display); never after `signal` aborts. */
  onFile?: (file: ForgedFile) => void;
  /**
   * Stops the run: forge rejects at once with the signal's reason, its images not yet drawn are
   * dropped from the renderer, and one being drawn finishes in its child, unused. Other runs
   * sharing the renderer carry on.
   */
  signal?: AbortSignal;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Promise.all, except that when several fail the first in plan order is the one reported, not
 * the first to finish: a mark that crashes the renderer fails the favicon stage's icons and the
 * social card alike, and which render finishes first depends on the machine. One input, one
 * message. A failure still ends the wait as soon as everything planned before it is in.
 */
async function inPlanOrder<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = promises.map((promise) => promise.then((value) => ({ value }), (error: unknown) => ({ error })));
  const values: T[] = [];
  for (const outcome of settled) {
    const result = await outcome;
    if ('error' in result) throw result.error;
    values.push(result.value);
  }
  return values;
}

/**
 * `work`, or the signal's reason as soon as it aborts. Whatever `work` does after that is ignored,
 * its failure included.
 */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** The renderer as this run's stages see it: every job carries the run's signal. */
function withSignal(renderer: RenderContext, signal: AbortSignal | undefined): RenderContext {
  if (!signal) return renderer;
  // A renderer of the caller's own may ignore the signal; no job of this run starts after it aborts.
  const { rasterizeMeasured } = renderer;
  return {
    rasterize: (job) => (signal.aborted ? Promise.reject(signal.reason) : renderer.rasterize(job, { signal })),
    rasterizeAll: (jobs) => (signal.aborted ? Promise.reject(signal.reason) : renderer.rasterizeAll(jobs, { signal })),
    ...(rasterizeMeasured
      ? { rasterizeMeasured: (job) => (signal.aborted ? Promise.reject(signal.reason) : rasterizeMeasured.call(renderer, job, { signal })) }
      : {}),
  };
}

/**
 * The core: plan, render every asset through the isolated renderer, add forge.json. Returns the
 * files; writing them is the shell's job. This module loads no stage itself (forge.ts adds the
 * defaults), so a shell that runs one stage loads only that stage.
 */
export async function forgeStages(input: ForgeInput, stages: readonly ForgeStage[], options: ForgeOptions = {}): Promise<ForgeResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const plan = planStages(input, stages, options);
  const ownRenderer = options.renderer ? undefined : new IsolatedRenderer();
  const renderer = withSignal(options.renderer ?? ownRenderer!, signal);
  // onFile is checked against the signal itself, not this promise: abort() may come between a
  // render's end and its callback, before any promise has settled.
  const onFile = (file: ForgedFile) => {
    if (!signal?.aborted) options.onFile?.(file);
  };
  try {
    const drawing = inPlanOrder(
      plan.assets.map(async (asset): Promise<ForgedFile> => {
        const bytes = await asset.render(renderer);
        const file: ForgedFile = {
          name: asset.name,
          format: asset.format,
          purpose: asset.purpose,
          ...(asset.width !== undefined ? { width: asset.width, height: asset.height } : {}),
          ...(asset.sizes ? { sizes: asset.sizes } : {}),
          bytes,
          sha256: sha256(bytes),
        };
        onFile(file);
        return file;
      }),
    );
    const files = await unlessAborted(drawing, signal);
    // Aborted between the last image and here: still no result.
    signal?.throwIfAborted();
    const report = {
      generator: `@dropkit/forge ${FORGE_VERSION}`,
      creator: input.config.name,
      files: files.map(({ bytes, ...file }) => ({ ...file, bytes: bytes.length })),
    };
    const reportBytes = new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`);
    const reportFile: ForgedFile = { name: 'forge.json', format: 'json', purpose: 'report', bytes: reportBytes, sha256: sha256(reportBytes) };
    onFile(reportFile);
    const head = new TextDecoder().decode(files.find((file) => file.name === 'head.html')!.bytes);
    return { files: [...files, reportFile], head, advice: [...adviceFor(input), ...plan.drawnAdvice()] };
  } finally {
    if (ownRenderer) (ownRenderer as IsolatedRenderer).close();
  }
}
