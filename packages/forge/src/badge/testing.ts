import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import type { ForgeInput, HexColor, RasterJob, RenderContext, SanitizedSvg } from '../plan/types.ts';

/**
 * Shared by the tests of badge/, mark-set/, social/ and live-favicon/: a small creator whose glyph
 * is easy to find in pixels (a green square with a white disc).
 */
export const TEST_GLYPH: SanitizedSvg = {
  svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#22aa55"/><circle cx="5" cy="5" r="3" fill="#ffffff"/></svg>',
  viewBox: [0, 0, 10, 10],
  hasText: false,
};

export const TEST_WORDMARK: SanitizedSvg = {
  svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" rx="2" fill="#6d28d9"/><rect x="4" y="3" width="32" height="4" fill="#ffffff"/></svg>',
  viewBox: [0, 0, 40, 10],
  hasText: false,
};

export function testInput(config: Partial<ForgeInput['config']> = {}): ForgeInput {
  return {
    config: {
      name: 'Nova Studio',
      shortName: 'Nova',
      mark: 'mark.svg',
      colors: { brand: '#6d28d9', background: '#ffffff', dark: { brand: '#a78bfa', background: '#111827' } },
      ...config,
    },
    mark: TEST_WORDMARK,
    glyph: TEST_GLYPH,
  };
}

export function hexRgb(hex: HexColor): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export interface Decoded {
  width: number;
  height: number;
  data: Buffer;
}

/** One page of an image as straight RGBA. */
export async function decodePage(bytes: Uint8Array, page = 0): Promise<Decoded> {
  const { data, info } = await sharp(bytes, { page }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

export function pixelAt(image: Decoded, x: number, y: number): [number, number, number, number] {
  const offset = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.data[offset]!, image.data[offset + 1]!, image.data[offset + 2]!, image.data[offset + 3]!];
}

/** Largest channel difference between a pixel and a colour. */
export function colorDistance(pixel: readonly number[], rgb: readonly number[]): number {
  return Math.max(...rgb.map((channel, index) => Math.abs(channel - pixel[index]!)));
}

/** Mean absolute difference over all channels, alpha-weighted colour so transparent pixels compare equal. */
export function meanDifference(a: Decoded, b: Decoded): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const alphaA = a.data[i + 3]! / 255;
    const alphaB = b.data[i + 3]! / 255;
    for (let c = 0; c < 3; c += 1) sum += Math.abs(a.data[i + c]! * alphaA - b.data[i + c]! * alphaB);
    sum += Math.abs(a.data[i + 3]! - b.data[i + 3]!);
  }
  return sum / a.data.length;
}

/**
 * A renderer in this process, for these tests only: quicker than child processes, and every SVG
 * here is a fixture of ours. Forge itself always renders through the isolated renderer
 * (`forged-set.test.ts` covers that path).
 */
export function directRenderContext(): RenderContext {
  const rasterize = async (job: RasterJob): Promise<Uint8Array> => {
    const image = new Resvg(job.svg, { fitTo: { mode: 'width', value: job.width }, font: { loadSystemFonts: false } }).render();
    if (image.width !== job.width || image.height !== job.height) {
      throw new Error(`direct render: expected ${job.width}×${job.height}, drew ${image.width}×${image.height}`);
    }
    const raw = sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 4, premultiplied: true } });
    if (job.output === 'rgba') return raw.raw().toBuffer();
    if (job.output === 'webp') return raw.webp({ lossless: true }).toBuffer();
    return raw.png({ compressionLevel: 9, palette: job.palette ?? true }).toBuffer();
  };
  return { rasterize, rasterizeAll: (jobs) => Promise.all(jobs.map(rasterize)) };
}
