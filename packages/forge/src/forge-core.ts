import { createHash } from 'node:crypto';
import { IsolatedRenderer } from './render/isolated.ts';
import { planStages, type PlanOptions } from './plan/plan.ts';
import type { ForgeStage } from './plan/types.ts';
import type { ForgeInput, ForgeResult, ForgedFile, RenderContext } from './plan/types.ts';

export const FORGE_VERSION = '0.1.0';

export interface ForgeOptions extends Omit<PlanOptions, 'stages'> {
  /** Renderer to use (e.g. one shared over a batch). Default: a fresh isolated renderer, closed afterwards. */
  renderer?: RenderContext;
  /** Called after each file is rendered (progress display). */
  onFile?: (file: ForgedFile) => void;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Promise.all, except that when several fail the first in plan order is the one reported, not
 * the first to finish: a mark that draws nothing fails the favicon stage (its 512 px icon) and the
 * social card (its mark image) alike, and which render finishes first depends on the machine. One
 * input, one message. A failure still ends the wait as soon as everything planned before it is in.
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
 * The core: plan, render every asset through the isolated renderer, add forge.json. Returns the
 * files; writing them is the shell's job. This module loads no stage itself (forge.ts adds the
 * defaults), so a shell that runs one stage loads only that stage.
 */
export async function forgeStages(input: ForgeInput, stages: readonly ForgeStage[], options: ForgeOptions = {}): Promise<ForgeResult> {
  const plan = planStages(input, stages, options);
  const ownRenderer = options.renderer ? undefined : new IsolatedRenderer();
  const renderer = options.renderer ?? ownRenderer!;
  try {
    const files = await inPlanOrder(
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
        options.onFile?.(file);
        return file;
      }),
    );
    const report = {
      generator: `@dropkit/forge ${FORGE_VERSION}`,
      creator: input.config.name,
      files: files.map(({ bytes, ...file }) => ({ ...file, bytes: bytes.length })),
    };
    const reportBytes = new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`);
    const reportFile: ForgedFile = { name: 'forge.json', format: 'json', purpose: 'report', bytes: reportBytes, sha256: sha256(reportBytes) };
    options.onFile?.(reportFile);
    const head = new TextDecoder().decode(files.find((file) => file.name === 'head.html')!.bytes);
    return { files: [...files, reportFile], head };
  } finally {
    if (ownRenderer) (ownRenderer as IsolatedRenderer).close();
  }
}
