import { rgbOf } from '../badge/colors.ts';
import { blankRefusal } from '../errors.ts';
import { faviconSvg, readIndexedPng } from '../favicon/stage.ts';
import type { ForgeInput, ForgeStage, HexColor } from '../plan/types.ts';

/** The universal "on air" red, the same in light and dark tabs. */
export const LIVE_DOT_COLOR: HexColor = '#ef4444';

/** On favicon.svg's 64-unit canvas: bottom right, large enough to read at 16 px. */
export const LIVE_DOT = { cx: 50, cy: 50, r: 12, outline: 4 } as const;
export const LIVE_FAVICON_PNG_SIZE = 96;

/**
 * favicon.svg with a live dot. The dot's outline is painted in the page background colour so it
 * stands off the mark; the favicon's own dark-mode rules repaint that colour, so it follows too.
 * With `pixels`, the raster job for the PNG of that size (see faviconSvg).
 */
export function liveFaviconSvg(input: ForgeInput, pixels?: number): string {
  const favicon = faviconSvg(input, pixels);
  const { cx, cy, r, outline } = LIVE_DOT;
  const dot = `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${LIVE_DOT_COLOR}" stroke="${input.config.colors.background}" stroke-width="${outline}"/>`;
  return `${favicon.slice(0, favicon.lastIndexOf('</svg>'))}${dot}</svg>`;
}

/**
 * True when an opaque palette colour is one the dot alone can paint: its red fill, its outline in
 * `background`, or a blend of the two where they meet (both opaque, so no rounding beyond 1).
 * Any other opaque colour is the glyph's, seen without decoding a pixel.
 */
function dotColour(rgb: ArrayLike<number>, background: HexColor): boolean {
  const dot = rgbOf(LIVE_DOT_COLOR);
  const tile = rgbOf(background);
  const axis = [0, 1, 2].reduce((best, channel) => (Math.abs(dot[channel]! - tile[channel]!) > Math.abs(dot[best]! - tile[best]!) ? channel : best), 0);
  const span = dot[axis]! - tile[axis]!;
  const share = span === 0 ? 0 : (rgb[axis]! - tile[axis]!) / span;
  return share >= -0.01 && share <= 1.01 && [0, 1, 2].every((channel) => Math.abs(rgb[channel]! - (tile[channel]! + share * (dot[channel]! - tile[channel]!))) <= 2);
}

/**
 * True when the live favicon PNG shows the dot and nothing else: every pixel clear of the dot (its
 * outline and one pixel of antialiasing) is transparent, so the glyph showed nowhere. Judged on the
 * PNG this stage writes anyway, as the favicon stage judges its icons (drawsNothing): no render of
 * the glyph alone. A glyph that shows only under the dot is judged blank too, rightly: its live
 * favicon is the dot alone. Used only in runs without the favicon stage (see the stage below).
 *
 * forge's renderer writes an image of up to 256 colours as an indexed PNG with filter 0 on every
 * row (render/render-child.cjs); any other PNG counts as drawn. An opaque colour the dot cannot
 * paint settles it from the palette; only otherwise (a blank glyph, or one in the dot's colours)
 * are the pixels read, with zlib loaded then: loading it costs a run ~2 ms that most never pay.
 */
export async function onlyTheDot(png: Uint8Array, background: HexColor): Promise<boolean> {
  const indexed = readIndexedPng(png);
  if (!indexed || indexed.interlaced) return false;
  const { width, height, depth, palette, alpha, data } = indexed;
  const entries = palette.length / 3;
  // Entries past the end of tRNS are opaque.
  const alphaOf = (index: number) => (index < alpha.length ? alpha[index]! : 255);
  for (let index = 0; index < entries; index += 1) {
    if (alphaOf(index) === 255 && !dotColour(palette.subarray(index * 3, index * 3 + 3), background)) return false;
  }
  const { inflateSync } = await import('node:zlib');
  const raw = inflateSync(Buffer.concat(data));
  const rowBytes = Math.ceil((width * depth) / 8);
  const scale = width / 64;
  const [cx, cy, reach] = [LIVE_DOT.cx * scale, LIVE_DOT.cy * scale, (LIVE_DOT.r + LIVE_DOT.outline / 2) * scale + 1];
  for (let y = 0; y < height; y += 1) {
    const row = y * (rowBytes + 1);
    if (raw[row] !== 0) return false;
    for (let x = 0; x < width; x += 1) {
      if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= reach) continue;
      const bit = x * depth;
      const index = (raw[row + 1 + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
      if (alphaOf(index) !== 0) return false;
    }
  }
  return true;
}

/**
 * `favicon-live.svg` and `favicon-live.png`: what `<drop-countdown favicon-live>` swaps in while a
 * drop is live. Not in head.html: the page's normal icon stays the default.
 */
export const liveFaviconStage: ForgeStage = {
  name: 'live-favicon',
  plan(input, options) {
    const size = LIVE_FAVICON_PNG_SIZE;
    const { config } = input;
    // With the favicon stage in the run, the glyph is judged there, on images of it alone: a faint
    // hairline that shows at 512 px but vanishes at 96 px is accepted, as without this stage.
    const judge = !options?.stages?.includes('favicon');
    return {
      assets: [
        {
          name: 'favicon-live.svg',
          format: 'svg',
          purpose: 'live-favicon',
          width: 64,
          height: 64,
          render: () => new TextEncoder().encode(liveFaviconSvg(input)),
        },
        {
          name: 'favicon-live.png',
          format: 'png',
          purpose: 'live-favicon',
          width: size,
          height: size,
          async render(context) {
            const png = await context.rasterize({ svg: liveFaviconSvg(input, size), width: size, height: size, output: 'png' });
            // The glyph on a transparent canvas under the dot: when none of it shows, the live
            // favicon is a red dot alone. The favicon stage refuses such a glyph (on its own
            // icons); this catches it when the live favicon is forged without that stage.
            if (judge && (await onlyTheDot(png, config.colors.background))) {
              throw blankRefusal(config.glyph ? 'glyph' : 'mark', config.glyph ?? config.mark, `${size}x${size} live favicon`, 'every pixel beside the live dot came out transparent');
            }
            return png;
          },
        },
      ],
    };
  },
};
