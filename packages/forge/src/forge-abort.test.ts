import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadCreator } from './config/load.ts';
import { faviconStage } from './favicon/stage.ts';
import { forge } from './forge.ts';
import type { ForgedFile, ForgeInput, RasterJob } from './plan/types.ts';
import { IsolatedRenderer } from './render/isolated.ts';
import { inputFromMark, MARKS } from './testing/marks.ts';

/**
 * Cancelling a forge run, as a marketplace server does when a creator closes the page or uploads
 * another mark: with the real isolated renderer, one child process, so that every image of every
 * run goes through one queue and the renderer's count of drawn images says what was dropped.
 */
const demoConfig = fileURLToPath(new URL('../../../tools/demo/creator/creator.json', import.meta.url));
/** All stages, six badges: ~500 images. */
const bigRun = () => loadCreator(demoConfig);
const otherCreator = () => inputFromMark(MARKS.complex, { name: 'Other Creator', badges: ['live'] });

const renderers: IsolatedRenderer[] = [];
const oneChild = () => {
  const renderer = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 });
  renderers.push(renderer);
  return renderer;
};
afterEach(() => {
  for (const renderer of renderers.splice(0)) renderer.close();
});

/** Runs `input` with a signal that aborts at its `afterFiles`-th file; records what onFile saw after that. */
function abortedRun(input: ForgeInput, renderer: IsolatedRenderer, afterFiles: number, onAbort = () => {}) {
  const controller = new AbortController();
  const run = { drawnAtAbort: -1, filesAfterAbort: [] as string[], result: undefined as unknown as Promise<unknown> };
  let files = 0;
  run.result = forge(input, {
    renderer,
    signal: controller.signal,
    onFile: (file) => {
      if (controller.signal.aborted) run.filesAfterAbort.push(file.name);
      files += 1;
      if (files === afterFiles) {
        run.drawnAtAbort = renderer.drawn;
        onAbort();
        controller.abort();
      }
    },
  });
  return run;
}

const fingerprint = (files: readonly ForgedFile[]) => files.map((file) => `${file.name} ${file.sha256} ${file.bytes.length}`);

describe('forge with a signal', () => {
  it('rejects an already-aborted signal with its reason before any work', async () => {
    const renderer = oneChild();
    const reason = new Error('the creator closed the page');
    const seen: string[] = [];
    await expect(forge(await bigRun(), { renderer, signal: AbortSignal.abort(reason), onFile: (file) => seen.push(file.name) })).rejects.toBe(reason);
    // Not even a renderer child was started.
    expect(renderer.pids()).toEqual([]);
    expect(seen).toEqual([]);
    // Nor with a renderer of its own.
    await expect(forge(await bigRun(), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('frees a shared renderer: the next creator waits for no image of the aborted run', async () => {
    const renderer = oneChild();
    const big = await bigRun();
    const other = await otherCreator();
    // What each run costs alone, in images and time, on a warm child (as in a long-lived server).
    await forge(other, { renderer, stages: [faviconStage] });
    let drawn = renderer.drawn;
    let started = performance.now();
    await forge(big, { renderer });
    const wholeRunMs = performance.now() - started;
    const wholeRunImages = renderer.drawn - drawn;
    drawn = renderer.drawn;
    await forge(other, { renderer, stages: [faviconStage] });
    const faviconImages = renderer.drawn - drawn;
    expect(wholeRunImages).toBeGreaterThan(400);

    const child = renderer.pids()[0];
    const aborted = abortedRun(big, renderer, 1);
    const error = await aborted.result.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    started = performance.now();
    await forge(other, { renderer, stages: [faviconStage] });
    const faviconMs = performance.now() - started;

    // From the abort to the end of the favicon run, the one child drew the favicons and at most
    // the two images it held for the aborted run: none of the ~500 others that run would draw.
    expect(renderer.drawn - aborted.drawnAtAbort).toBeLessThanOrEqual(faviconImages + 2);
    // A sanity bound only (measured: ~0.2 s against ~1 s on 2 busy cores); the count above is the proof.
    expect(faviconMs).toBeLessThan(wholeRunMs);
    expect(renderer.pids()).toEqual([child]);
    expect(aborted.filesAfterAbort).toEqual([]);
  });

  it('leaves another run on the same renderer untouched: byte-identical files to a run alone', async () => {
    const renderer = oneChild();
    const other = await otherCreator();
    const alone = await forge(other, { renderer });

    let besideFiles = 0;
    let besideFilesAtAbort = -1;
    const aborted = abortedRun(await bigRun(), renderer, 20, () => (besideFilesAtAbort = besideFiles));
    const beside = forge(other, { renderer, onFile: () => (besideFiles += 1) });
    await expect(aborted.result).rejects.toMatchObject({ name: 'AbortError' });
    const together = await beside;
    // The abort came in the middle of the other run, not before or after it.
    expect(besideFilesAtAbort).toBeGreaterThan(0);
    expect(besideFilesAtAbort).toBeLessThan(together.files.length / 2);
    expect(fingerprint(together.files)).toEqual(fingerprint(alone.files));
    together.files.forEach((file, index) => expect(Buffer.from(file.bytes).equals(Buffer.from(alone.files[index]!.bytes))).toBe(true));
    expect(together.head).toBe(alone.head);
    expect(aborted.filesAfterAbort).toEqual([]);
  });

  it('stops at once with a renderer of the caller that ignores the signal, and calls onFile no more', async () => {
    const isolated = oneChild();
    // A caller's renderer written before signals: it draws every job it was given.
    const unaware = { rasterize: (job: RasterJob) => isolated.rasterize(job), rasterizeAll: (jobs: readonly RasterJob[]) => isolated.rasterizeAll(jobs) };
    const controller = new AbortController();
    const afterAbort: string[] = [];
    let files = 0;
    const run = forge(await bigRun(), {
      renderer: unaware,
      signal: controller.signal,
      onFile: (file) => {
        if (controller.signal.aborted) afterAbort.push(file.name);
        if (++files === 5) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const drawnAtRejection = isolated.drawn;
    // The jobs it had handed over are drawn meanwhile; wait for them, then look at onFile.
    await isolated.rasterize({ svg: '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>', width: 2, height: 2, output: 'rgba' });
    expect(isolated.drawn).toBeGreaterThan(drawnAtRejection + 1);
    expect(afterAbort).toEqual([]);
  });

  it('stops a run with a renderer of its own', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = forge(await bigRun(), {
      signal: controller.signal,
      onFile: (file) => {
        seen.push(file.name);
        controller.abort();
      },
    });
    const error = await run.then(() => undefined, (reason: unknown) => reason);
    expect(error).toBe(controller.signal.reason);
    expect(seen).toHaveLength(1);
  });
});
