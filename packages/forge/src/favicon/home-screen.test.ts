import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { checkForgedFolder } from '../check/check.ts';
import { prepareInput } from '../config/load.ts';
import { SvgRejectedError } from '../errors.ts';
import { forge } from '../forge.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { writeAtomically } from '../shell/write.ts';
import { composeIcon } from '../svg/compose.ts';
import { SQUARE_ICON, testConfig, WIDE_MARK } from '../testing/marks.ts';
import type { CreatorConfig, ForgeInput, ForgeResult, SanitizedSvg } from '../plan/types.ts';
import { faviconStage, FAVICON_INSET, MASKABLE_CONTENT_CIRCLE, TOUCH_ICON_INSET } from './stage.ts';

/**
 * `"homeScreen": "glyph"`: a 4:1 wordmark with a square glyph, forged twice (with and without the
 * field). The home-screen icons must be the glyph's picture, with the mark's padding and safe-zone
 * rules; the favicons must not move by a byte.
 */
const GLYPH = SQUARE_ICON.svg;
const BACKGROUND = '#fff7f9';

let renderer: IsolatedRenderer;
let dir: string;
let glyphInput: ForgeInput;
let withGlyph: ForgeResult;
let withMark: ForgeResult;

const fromFiles = (overrides: Partial<CreatorConfig>, files: Record<string, string> = { 'mark.svg': WIDE_MARK, 'glyph.svg': GLYPH }) =>
  prepareInput(testConfig({ glyph: 'glyph.svg', ...overrides }), async (path) => new TextEncoder().encode(files[path]!));
const file = (result: ForgeResult, name: string) => result.files.find((candidate) => candidate.name === name)!;

interface Pixels {
  size: number;
  data: Uint8Array;
}

async function decode(bytes: Uint8Array): Promise<Pixels & { hasAlpha: boolean }> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { size: info.width, data, hasAlpha: (await sharp(bytes).metadata()).hasAlpha === true };
}

/** The pixels forge would draw for `svg` composed with these options, straight from the renderer. */
async function reference(svg: SanitizedSvg, size: number, options: { inset?: number; background?: string; safeCircle?: number } = {}): Promise<Pixels> {
  const composed = composeIcon(svg, { size, inset: options.inset ?? FAVICON_INSET, background: options.background as never, safeCircle: options.safeCircle, defaultFill: '#ff3366' });
  return { size, data: await renderer.rasterize({ svg: composed, width: size, height: size, output: 'rgba' }) };
}

/** Peak signal-to-noise ratio, premultiplied (a transparent pixel's colour is invisible). */
function psnr(expected: Pixels, actual: Pixels, alphaOnly = false): number {
  let squared = 0;
  for (let offset = 0; offset < expected.data.length; offset += 4) {
    const a = expected.data[offset + 3]!;
    const b = actual.data[offset + 3]!;
    if (!alphaOnly) for (let channel = 0; channel < 3; channel += 1) squared += ((expected.data[offset + channel]! * a - actual.data[offset + channel]! * b) / 255) ** 2;
    squared += (a - b) ** 2;
  }
  return 10 * Math.log10((255 * 255) / Math.max(squared / expected.data.length, 1e-9));
}

/** The box around every pixel that is not the empty background (transparent, or the tile colour). */
function contentBox(image: Pixels, tile?: readonly number[]): { width: number; height: number } {
  let [left, top, right, bottom] = [image.size, image.size, -1, -1];
  for (let y = 0; y < image.size; y += 1) {
    for (let x = 0; x < image.size; x += 1) {
      const at = (y * image.size + x) * 4;
      const empty = tile ? tile.every((channel, index) => Math.abs(image.data[at + index]! - channel) <= 3) : image.data[at + 3] === 0;
      if (empty) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return { width: right - left + 1, height: bottom - top + 1 };
}

const TILE = [0xff, 0xf7, 0xf9, 255];

beforeAll(async () => {
  renderer = new IsolatedRenderer({ processes: 2 });
  dir = await mkdtemp(join(tmpdir(), 'forge-home-screen-'));
  glyphInput = await fromFiles({ homeScreen: 'glyph' });
  [withGlyph, withMark] = await Promise.all([
    forge(glyphInput, { renderer, stages: [faviconStage] }),
    forge(await fromFiles({}), { renderer, stages: [faviconStage] }),
  ]);
}, 120_000);

afterAll(async () => {
  renderer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('"homeScreen": "glyph"', () => {
  it('draws the glyph in the 192 and 512 px manifest icons, padded as the mark is', async () => {
    for (const size of [192, 512]) {
      const name = `web-app-manifest-${size}x${size}.png`;
      const image = await decode(file(withGlyph, name).bytes);
      expect(psnr(await reference(glyphInput.glyph, size), image), name).toBeGreaterThanOrEqual(40);
      // A square picture, not the 4:1 strip the mark makes (which the run without the field still draws).
      const box = contentBox(image);
      expect(box.width / box.height, name).toBeCloseTo(1, 1);
      const markBox = contentBox(await decode(file(withMark, name).bytes));
      expect(markBox.width / markBox.height, name).toBeGreaterThan(3.5);
    }
  });

  it('draws the glyph on the opaque apple-touch-icon tile, with the touch icon padding', async () => {
    const image = await decode(file(withGlyph, 'apple-touch-icon.png').bytes);
    expect(image.hasAlpha).toBe(false);
    expect(psnr(await reference(glyphInput.glyph, 180, { inset: TOUCH_ICON_INSET, background: BACKGROUND }), image)).toBeGreaterThanOrEqual(40);
    const box = contentBox(image, TILE);
    expect(box.width / box.height).toBeCloseTo(1, 1);
    expect(Math.max(box.width, box.height)).toBeLessThanOrEqual(Math.ceil(180 * (1 - 2 * TOUCH_ICON_INSET)) + 1);
  });

  it('keeps the maskable glyph inside the 80 % safe circle', async () => {
    const image = await decode(file(withGlyph, 'web-app-manifest-maskable-512x512.png').bytes);
    expect(image.hasAlpha).toBe(false);
    expect(psnr(await reference(glyphInput.glyph, 512, { background: BACKGROUND, safeCircle: MASKABLE_CONTENT_CIRCLE }), image)).toBeGreaterThanOrEqual(40);
    let inside = 0;
    for (let y = 0; y < 512; y += 1) {
      for (let x = 0; x < 512; x += 1) {
        const at = (y * 512 + x) * 4;
        if (TILE.every((channel, index) => Math.abs(image.data[at + index]! - channel) <= 3)) continue;
        if (Math.hypot(x + 0.5 - 256, y + 0.5 - 256) > 0.4 * 512) throw new Error(`maskable content outside the safe zone at ${x},${y}`);
        inside += 1;
      }
    }
    // The GitHub mark fills much of its circle: far more than a 4:1 strip would.
    expect(inside).toBeGreaterThan(30_000);
  });

  it("makes the monochrome icon from the glyph's shape, in black only", async () => {
    const image = await decode(file(withGlyph, 'web-app-manifest-monochrome-512x512.png').bytes);
    expect(psnr(await reference(glyphInput.glyph, 512, { safeCircle: MASKABLE_CONTENT_CIRCLE }), image, true)).toBeGreaterThanOrEqual(40);
    for (let offset = 0; offset < image.data.length; offset += 4) {
      if (image.data[offset + 3]! > 0 && image.data[offset]! + image.data[offset + 1]! + image.data[offset + 2]! !== 0) throw new Error(`colour at byte ${offset}`);
    }
  });

  it('leaves favicon.ico, favicon.svg and favicon-96x96.png, the head snippet and the manifest byte-identical', () => {
    for (const name of ['favicon.ico', 'favicon.svg', 'favicon-96x96.png', 'head.html', 'site.webmanifest']) {
      expect(file(withGlyph, name).sha256, name).toBe(file(withMark, name).sha256);
    }
    expect(withGlyph.head).toBe(withMark.head);
    // forge.json: the same entries in the same shape; only the home-screen icons' bytes differ.
    const entries = (result: ForgeResult) => JSON.parse(new TextDecoder().decode(file(result, 'forge.json').bytes)).files as Array<Record<string, unknown>>;
    const shape = (result: ForgeResult) => entries(result).map(({ name, purpose, width, height }) => ({ name, purpose, width, height }));
    expect(shape(withGlyph)).toEqual(shape(withMark));
    const changed = entries(withGlyph).filter((entry, index) => entry.sha256 !== entries(withMark)[index]!.sha256).map((entry) => entry.name);
    expect(changed.sort()).toEqual([
      'apple-touch-icon.png',
      'web-app-manifest-192x192.png',
      'web-app-manifest-512x512.png',
      'web-app-manifest-maskable-512x512.png',
      'web-app-manifest-monochrome-512x512.png',
    ]);
  });

  it("passes RealFaviconGenerator's checker with zero errors and zero warnings, and forges the same bytes again", async () => {
    const folder = join(dir, 'glyph');
    await writeAtomically(folder, withGlyph.files);
    expect(await checkForgedFolder(folder)).toEqual({ errors: [], warnings: [] });
    const again = await forge(await fromFiles({ homeScreen: 'glyph' }), { renderer, stages: [faviconStage] });
    expect(again.files.map((forged) => forged.sha256)).toEqual(withGlyph.files.map((forged) => forged.sha256));
  }, 60_000);

  it('still refuses a mark that draws nothing, judged on favicon-96x96.png, its largest image left', async () => {
    const blank = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100"><style>.a{display:none}</style><rect class="a" width="400" height="100"/></svg>';
    const input = await fromFiles({ homeScreen: 'glyph' }, { 'mark.svg': blank, 'glyph.svg': GLYPH });
    const error = await forge(input, { renderer, stages: [faviconStage] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(SvgRejectedError);
    expect((error as SvgRejectedError).code).toBe('svg-empty');
    expect((error as Error).message).toMatch(/^mark: mark\.svg draws nothing: Expected some of it to show in its 96x96 icon/);
  });
});
