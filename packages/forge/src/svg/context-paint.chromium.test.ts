import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { SvgRejectedError } from '../errors.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { sanitizeSvg } from './sanitize.ts';

/**
 * context-fill and context-stroke in a `<marker>` (the marked shape's paint) and in what a `<use>`
 * draws (the `<use>`'s): Chromium paints both, resvg 2.6.2 drew both black, and until 28 November
 * 2026 the sanitizer wrote the second `none` (probed). Each mark sanitized and drawn as a PNG by
 * forge's renderer, decoded by sharp, against the pixel Chromium paints for the original.
 */
const browser = chromiumForThisFile();
let page: Page;
beforeAll(async () => {
  page = await browser().newPage();
});
afterAll(() => page?.close());
const renderer = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 });
afterAll(() => renderer.close());

const SIZE = 8;
const NS = 'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"';
/** A marker the size of the mark, drawn centred on a point in the middle. */
const marker = (content: string) => `<marker id="m" viewBox="0 0 8 8" markerWidth="8" markerHeight="8" refX="4" refY="4" markerUnits="userSpaceOnUse">${content}</marker>`;
const DOT = 'd="M4 4h0.01" stroke-width="0.01"';

const MARKS: Record<string, string> = {
  'context-stroke of a path': `<svg ${NS}>${marker('<rect width="8" height="8" fill="context-stroke"/>')}<path ${DOT} stroke="#e30613" marker-start="url(#m)"/></svg>`,
  // currentColor, alone or in a mix, is read where the paint lands: with the marker's own colour (teal here, not the path's blue).
  'context-fill, the fill by currentColor': `<svg ${NS}><g color="#2a9d8f">${marker('<rect width="8" height="8" fill="context-fill"/>')}</g><path ${DOT} color="#0057b8" fill="currentColor" stroke="red" marker-end="url(#m)"/></svg>`,
  'context-fill of a mix of currentColor': `<svg ${NS}><g color="#2a9d8f">${marker('<rect width="8" height="8" fill="context-fill"/>')}</g><path ${DOT} color="#0057b8" fill="color-mix(in srgb, currentColor, white)" stroke="red" marker-end="url(#m)"/></svg>`,
  'stroke and marker inherited from a group': `<svg ${NS}>${marker('<g fill="context-stroke"><rect width="8" height="8"/></g>')}<g stroke="oklch(62% 0.2 25)" marker-mid="url(#m)"><path d="M3 4h1h1" stroke-width="0.01"/></g></svg>`,
  'a marker as a sheet applies it': `<svg ${NS}><style>.a{marker-start:url(#m);stroke:#22aa55}</style>${marker('<rect width="8" height="8" style="fill:context-stroke"/>')}<path class="a" ${DOT}/></svg>`,
  'context-fill of a use': `<svg ${NS}><defs><rect id="r" width="8" height="8" fill="context-fill" stroke="context-stroke"/></defs><use href="#r" fill="#ffcc00" stroke="blue" stroke-width="0.01"/></svg>`,
  'context-stroke of a symbol': `<svg ${NS}><symbol id="s" viewBox="0 0 8 8"><rect width="8" height="8" fill="context-stroke"/></symbol><use href="#s" width="8" height="8" stroke="#7b2cbf"/></svg>`,
};

async function chromiumPixel(svg: string): Promise<number[]> {
  return page.evaluate(
    async ({ svg, size }) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const image = new Image(size, size);
      image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await image.decode();
      context.drawImage(image, 0, 0, size, size);
      return [...context.getImageData(size / 2, size / 2, 1, 1).data];
    },
    { svg, size: SIZE },
  );
}

const sized = (svg: string) => svg.replace('<svg ', `<svg width="${SIZE}" height="${SIZE}" `);

describe('context paints', () => {
  it('draws a marker in its shape’s paint and a used element in its <use>’s, as Chromium does', async () => {
    const wrong: string[] = [];
    for (const [name, mark] of Object.entries(MARKS)) {
      const expected = await chromiumPixel(sized(mark));
      const png = await renderer.rasterize({ svg: sized(sanitizeSvg(mark).svg), width: SIZE, height: SIZE, output: 'png' });
      const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const at = 4 * ((SIZE / 2) * SIZE + SIZE / 2);
      const drawn = [...data.subarray(at, at + 4)];
      if (expected.some((value, channel) => Math.abs(value - drawn[channel]!) > 1)) wrong.push(`${name}: Chromium ${expected.join(',')}, forge ${drawn.join(',')}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('refuses a marker its shapes paint in different colours, and a used element that is drawn itself too, saying what to write', () => {
    const refusal = (mark: string) => {
      try {
        sanitizeSvg(mark, 'logo.svg');
      } catch (error) {
        if (error instanceof SvgRejectedError) return `${error.code}: ${error.message}`;
        throw error;
      }
      return 'accepted';
    };
    const twoColours = `<svg ${NS}>${marker('<rect width="8" height="8" fill="context-stroke"/>')}<path ${DOT} stroke="red" marker-start="url(#m)"/><path ${DOT} stroke="lime" marker-end="url(#m)"/></svg>`;
    expect(refusal(twoColours)).toBe(
      'svg-forbidden-attribute: logo.svg: Expected one paint for context-fill and context-stroke in <marker id="m">, but it is used by shapes painted fill #000000, stroke red; fill #000000, stroke lime: forge cannot draw them; write the colour itself, in a copy of <marker id="m"> for each colour',
    );
    const drawnToo = `<svg ${NS}><rect id="r" width="8" height="8" fill="context-fill"/><use href="#r" fill="red"/></svg>`;
    expect(refusal(drawnToo)).toBe(
      'svg-forbidden-attribute: logo.svg: Expected one paint for context-fill and context-stroke in <rect id="r">, but it is also drawn where it stands, where they paint nothing: forge cannot draw them; write the colour itself, in a copy of <rect id="r"> for each colour',
    );
    // The same colour twice is one paint; an unused marker is left alone.
    expect(refusal(`<svg ${NS}>${marker('<rect width="8" height="8" fill="context-stroke"/>')}<path ${DOT} stroke="red" marker-start="url(#m)"/><path ${DOT} stroke="#ff0000" marker-end="url(#m)"/></svg>`)).toBe('accepted');
  });
});
