import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { prepareInput } from '../config/load.ts';
import { forge } from '../forge.ts';
import { forgeStages } from '../forge-core.ts';
import { LIVE_DOT, LIVE_FAVICON_PNG_SIZE, liveFaviconStage, liveFaviconSvg } from '../live-favicon/live-favicon.ts';
import { STAGE_LOADERS } from '../plan/stage-registry.ts';
import type { CreatorConfig, ForgeResult, ForgeStage } from '../plan/types.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { socialStage } from '../social/social-card.ts';
import { testConfig, WIDE_MARK } from '../testing/marks.ts';

/**
 * Every stage draws a creator's SVG through compose's placedMark, so every stage gets the layer
 * anchor that keeps resvg 2.6.2 alive on artwork left beside the artboard (it panicked,
 * geom.rs:27, when everything inside the nested <svg> lay more than ~2 canvas sides off the
 * canvas). The social card and the live favicon once built their own nested <svg> and still
 * crashed: render-crashed. Forged for real, each stage alone, in the isolated renderer.
 */
const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${body}</svg>`;
const FAR: Record<string, string> = {
  'a rect far beside the viewBox': svg('<rect x="100000" width="100" height="100"/>'),
  'a group moved far off by its transform': svg('<g transform="translate(4000 4000) rotate(30)"><rect width="100" height="100"/></g>'),
  // The anchor is a path, which a sheet's path{display:none} reached too: render-crashed again.
  'a rect far beside the viewBox, under a sheet that hides paths': svg('<style>path{display:none}</style><rect x="100000" width="100" height="100"/>'),
};
/** The favicon stage's verdict, which the social card alone asks for too (one input, one verdict). */
const SOCIAL_REFUSAL =
  'mark: far.svg draws nothing: Expected some of it to show in its 512x512 icon, but every pixel came out transparent; ' +
  'check whether every shape is hidden by a style, a mask or clip, shown only for another language (<switch>), or lies outside the viewBox';

let renderer: IsolatedRenderer;
beforeAll(() => {
  renderer = new IsolatedRenderer({ processes: 2 });
});
afterAll(() => renderer?.close());

/** Badges and a social date so those stages draw everything they can (the verified badge draws the glyph). */
const withEverything: Partial<CreatorConfig> = { badges: ['live', 'verified'], social: { dropAt: '2026-12-05T18:00:00Z' } };

function inputFrom(files: Record<string, string>, overrides = {}) {
  return prepareInput(testConfig({ mark: 'far.svg', ...withEverything, ...overrides }), async (path) => new TextEncoder().encode(files[path]!));
}

/** The error code, or "ok": never render-crashed. */
function outcome(promise: Promise<ForgeResult>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error as { code?: string }).code ?? String(error),
  );
}

async function alphaOutside(png: Uint8Array, inside: (x: number, y: number) => boolean): Promise<number> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let max = 0;
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) if (!inside(x, y)) max = Math.max(max, data[(y * info.width + x) * 4 + 3]!);
  }
  return max;
}

describe.each(Object.entries(FAR))('%s', (_, far) => {
  it('is refused with svg-empty by the social card alone, with the favicon stage\'s verdict', async () => {
    const error = await forge(await inputFrom({ 'far.svg': far }), { renderer, stages: [socialStage] }).then(
      () => undefined,
      (reason: unknown) => reason as Error & { code: string },
    );
    expect(error?.code).toBe('svg-empty');
    expect(error?.message).toBe(SOCIAL_REFUSAL);
  });

  it('as the glyph, draws the live favicon with its dot alone instead of crashing, which that stage then refuses', async () => {
    const input = await inputFrom({ 'wide.svg': WIDE_MARK, 'far.svg': far }, { mark: 'wide.svg', glyph: 'far.svg' });
    // The image the stage draws, here drawn alone since the stage refuses to write it.
    const size = LIVE_FAVICON_PNG_SIZE;
    const png = await renderer.rasterize({ svg: liveFaviconSvg(input, size), width: size, height: size, output: 'png' });
    // The dot (outline included) on favicon.svg's 64-unit canvas, drawn at 96 px, with a pixel of antialiasing.
    const scale = LIVE_FAVICON_PNG_SIZE / 64;
    const reach = (LIVE_DOT.r + LIVE_DOT.outline / 2) * scale + 1;
    const inDot = (x: number, y: number) => Math.hypot(x + 0.5 - LIVE_DOT.cx * scale, y + 0.5 - LIVE_DOT.cy * scale) <= reach;
    expect(await alphaOutside(png, inDot)).toBe(0);
    expect(await alphaOutside(png, (x, y) => !inDot(x, y))).toBe(255);
    expect(await outcome(forge(input, { renderer, stages: [liveFaviconStage] }))).toBe('svg-empty');
  });

  it.each(Object.keys(STAGE_LOADERS))('as the mark and as the glyph, never crashes the renderer in the %s stage alone', async (name) => {
    const stage: ForgeStage = await STAGE_LOADERS[name]!();
    const asMark = await outcome(forge(await inputFrom({ 'far.svg': far }), { renderer, stages: [stage] }));
    const asGlyph = await outcome(forge(await inputFrom({ 'wide.svg': WIDE_MARK, 'far.svg': far }, { mark: 'wide.svg', glyph: 'far.svg' }), { renderer, stages: [stage] }));
    expect([asMark, asGlyph]).toEqual([
      // Without a glyph the live favicon draws the mark; the mark set publishes it; the verified
      // badge shows forge's initials.
      ['favicon', 'social', 'live-favicon', 'mark-set'].includes(name) ? 'svg-empty' : 'ok',
      // The social card draws the mark; the verified badge draws the glyph; the mark set publishes it.
      ['favicon', 'live-favicon', 'badges', 'mark-set'].includes(name) ? 'svg-empty' : 'ok',
    ]);
  }, 30_000);
});

describe('several stages failing at once', () => {
  it('reports the failure of the first asset in plan order, not of the first to finish', async () => {
    const input = await inputFrom({ 'far.svg': WIDE_MARK });
    const late = (ms: number, message: string) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms));
    const failing = (name: string, ms: number): ForgeStage => ({
      name,
      plan: () => ({ assets: [{ name: `${name}.txt`, format: 'json', purpose: 'report', render: () => late(ms, `${name} failed`) }] }),
    });
    // The favicon stage's 512 px icon and the social card's mark image both refuse a blank mark;
    // whichever render ends first used to decide the message.
    await expect(forgeStages(input, [failing('first', 200), failing('second', 0)], { renderer })).rejects.toThrow('first failed');
  });
});

describe("a mark's root opacity, filter and mask", () => {
  // resvg 2.6.2 applies these twice on a nested <svg>, which is how every stage places the mark.
  const EFFECTS: Record<string, string> = {
    'opacity="0.5"': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" opacity="0.5"><rect width="100" height="100" fill="#ff3366"/></svg>',
    'an inline opacity': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" style="opacity:.5"><style>.a{fill:#ff3366}</style><rect class="a" width="100" height="100"/></svg>',
    'a filter that halves the alpha':
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" filter="url(#half)"><filter id="half"><feColorMatrix values="1 0 0 0 0 0 1 0 0 0 0 0 1 0 0 0 0 0 .5 0"/></filter><rect width="100" height="100" fill="#ff3366"/></svg>',
    'a grey luminance mask':
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" mask="url(#grey)"><mask id="grey"><rect width="100" height="100" fill="#bbbbbb"/></mask><rect width="100" height="100" fill="#ff3366"/></svg>',
  };

  it.each(Object.keys(EFFECTS))('are applied once in the icons, as the mark alone draws: %s', async (kind) => {
    const mark = EFFECTS[kind]!;
    const input = await prepareInput(testConfig({ mark: 'mark.svg' }), async () => new TextEncoder().encode(mark));
    const result = await forge(input, { renderer, stages: [await STAGE_LOADERS['favicon']!()] });
    const icon = result.files.find((file) => file.name === 'web-app-manifest-512x512.png')!;
    const { data } = await sharp(icon.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    // The mark alone, drawn by resvg as the root of its own document.
    const alone = await renderer.rasterize({ svg: mark.replace('<svg ', '<svg width="100" height="100" '), width: 100, height: 100, output: 'rgba' });
    const expected = alone[(50 * 100 + 50) * 4 + 3]!;
    expect(expected).toBeGreaterThan(80);
    expect(expected).toBeLessThan(200);
    expect(Math.abs(data[(256 * 512 + 256) * 4 + 3]! - expected)).toBeLessThanOrEqual(2);
  });
});
