import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { faviconStage } from '../favicon/stage.ts';
import { forge } from '../forge.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { inputFromMark } from '../testing/marks.ts';
import { sanitizeSvg } from './sanitize.ts';

/**
 * A mark written in today's CSS colours draws in the PNG icons (resvg, after the sanitizer) in the
 * colour Chromium paints favicon.svg in. resvg 2.6.2 drew every one of these black before the
 * sanitizer resolved them (colours.ts); each is compared live against Chromium's painted pixel.
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
const COLOURS = [
  // Space-separated rgb()/hsl(), alpha after a slash, angle units, `none`.
  ...['rgb(255 0 0 / 50%)', 'rgb(30 42 90 / .25)', 'rgba(1 2 3)', 'rgb(255,0,0,50%)', 'RGB( 10% 20% 30% )', 'rgb(none 128 255)', 'hsl(120deg 100% 25%)', 'hsl(0.5turn 100% 25%)'],
  ...['hsl(3.1rad 60% 40%)', 'hsl(200grad 60% 40% / 40%)', 'hsl(none 100% 50%)', 'hsl(120 none 50%)', 'hsla(120 100% 25% / .5)', 'hsl(210 100% 36%)'],
  ...['hwb(120 0% 50%)', 'hwb(200 20% 10% / .7)', 'hwb(none 30% 30%)'],
  // Lab and LCH (D50), OKLab and OKLCH, in and out of the sRGB gamut, with percentages and `none`.
  ...['lab(50% 40 30)', 'lab(50 40 30 / 0.5)', 'lab(80 -60 70)', 'lab(30% 50% -80%)', 'lch(50% 60 30)', 'lch(70 90 140deg)', 'lch(40% 50% none)'],
  ...['oklab(0.6 0.1 0.1)', 'oklab(60% -20% 30%)', 'oklch(62% 0.2 25)', 'oklch(62% 0.4 25)', 'oklch(0.9 0.3 140)', 'oklch(0.5 0.2 none)', 'oklch(70% 0.1 3rad / 60%)', 'oklch(45% 100% 260)'],
  // color() in each predefined space.
  ...['color(srgb 1 0.5 0)', 'color(srgb 1.2 -0.2 0)', 'color(SRGB 1% none 0)', 'color(srgb-linear 0.5 0.5 0.5)', 'color(display-p3 1 0 0)', 'color(display-p3 0.2 0.6 0.4 / .5)'],
  ...['color(display-p3-linear 0.1 0.3 0.2)', 'color(a98-rgb 0.5 0.2 0.1)', 'color(prophoto-rgb 0.5 0.2 0.1)', 'color(rec2020 0.5 0.2 0.1)', 'color(xyz 0.3 0.3 0.3)', 'color(xyz-d50 0.3 0.3 0.3)', 'color(xyz-d65 0.2 0.1 0.4)'],
  // Picks and mixes, nested, with shares that do not add up, with currentColor (the group is #123456).
  ...['light-dark(red, blue)', 'light-dark(oklch(62% 0.2 25), black)', 'light-dark(currentColor, red)', 'contrast-color(red)', 'contrast-color(navy)'],
  ...['color-mix(in srgb, red, blue)', 'color-mix(in oklch, red, blue)', 'color-mix(in oklch longer hue, red, blue)', 'color-mix(in hsl, red 30%, blue)', 'color-mix(in lab, red, currentColor)'],
  ...['color-mix(in srgb, red 30%, transparent)', 'color-mix(in srgb, red 20%, blue 20%)', 'color-mix(in srgb, red 0%, blue 0%)', 'color-mix(red, blue)', 'color-mix(in xyz, red, blue)'],
  ...['color-mix(in display-p3, red, blue 70%)', 'color-mix(in hwb, red, blue)', 'color-mix(in oklab, white, oklch(50% 0.2 260) 40%)', 'color-mix(in oklch, white, blue)', 'color-mix(in srgb, light-dark(red, blue), lime)'],
  // Out of gamut and missing channels inside a mix: no gamut mapping before mixing, as Chromium.
  ...['color-mix(in srgb, lch(40% 60 250deg) 40%, #ffcc00)', 'color-mix(in srgb, color(display-p3 0 1 0), blue)', 'color-mix(in oklch, oklch(0.5 0.2 none), blue)', 'color-mix(in hsl, hsl(none 50% 50%), red)'],
  ...['color-mix(in oklch decreasing hue, red, blue)', 'color-mix(in hwb increasing hue, hwb(300 10% 10%), lime 30%)', 'color-mix(in lab, rgb(255 0 0 / 40%) 70%, color(display-p3 0 0 1 / 0.8))'],
  ...['color-mix(in srgb, red 30%, rgb(0 0 255 / 50%))', 'color-mix(in rec2020, red, blue)', 'color-mix(in prophoto-rgb, red, blue)', 'color-mix(in a98-rgb, red, blue)', 'color-mix(in srgb-linear, red, blue)', 'color-mix(in lch decreasing hue, color(display-p3 0 1 0), hwb(300 0% 0%))'],
  // System colours, in Chromium's light scheme (AccentColor below).
  ...['Canvas', 'CanvasText', 'ButtonFace', 'Highlight', 'LinkText', 'GrayText', 'Mark', 'SelectedItem', 'VisitedText', '-webkit-link', 'ThreeDHighlight'],
  // Painting nothing outside a marker.
  ...['context-fill', 'context-stroke'],
  // Relative colours (the origin converted to the function's space, its channels named) and math in the channels (resvg drew every one black until 28 November 2026).
  ...['rgb(from #f36 r g b / 50%)', 'oklch(from red calc(l + 0.1) c h)', 'hsl(from red h s calc(l * 0.5))', 'color(from red srgb calc(r / 2) g b)', 'hsl(from red calc(h + 30) s l)', 'lch(from blue l c calc(h + 180))'],
  ...['lab(from #f36 l calc(a * -1) b)', 'oklab(from red 50% 50% b)', 'hwb(from color(display-p3 0 1 0) h w b)', 'color(from blue xyz-d50 x y z)', 'rgb(from red alpha g b)', 'hsl(from rebeccapurple h s l / calc(alpha - 0.5))'],
  ...['rgb(from currentColor r g calc(b / 2))', 'rgb(from light-dark(#22aa55, red) r g b)', 'rgb(from color-mix(in srgb, red, blue) r g b)', 'color-mix(in srgb, rgb(from red r g b / 50%), blue)', 'oklch(from oklch(0.7 0.1 200) l c calc(h + 180))'],
  ...['rgb(calc(255 / 2) 0 0)', 'hsl(calc(120deg + 30deg) 50% 50%)', 'rgb(calc(pi * 20) calc(e * 50) calc(infinity))', 'hsl(calc(nan * 1deg) 100% 50%)', 'rgb(min(100, 200) max(10, 20) clamp(0, 300, 255))'],
  ...['rgb(round(up, 100.2, 10) mod(300, 256) calc((100 + 20) * 2))', 'hsl(atan2(1, 1) 100% 50%)', 'oklch(calc(0.5 + 0.1) 0.1 calc(20deg * 2))', 'lch(calc(50%) calc(50% + 5%) calc(1turn / 3))', 'rgba(calc(255), 0, 0, calc(0.5))'],
  ...['hsl(calc(10deg / 2deg) 50% 50%)', 'color-mix(in srgb, red calc(30%), blue)', 'color-mix(in srgb, red calc(150%), blue)', 'rgb(-webkit-calc(100) 0 0)'],
  // currentColor, which resvg reads in this spelling only (and none likewise: the differential test), as CSS reads it in any.
  ...['currentColor', 'currentcolor', 'CurrentColor', 'url(#none) CURRENTCOLOR', 'light-dark(currentcolor, red)'],
];

/** Each way a mark sets a colour: attribute, inline style, sheet, inherited, stroke and gradient stop. */
const WAYS: ReadonlyArray<[string, (colour: string) => string]> = [
  ['attribute', (colour) => `<rect width="8" height="8" fill="${colour}"/>`],
  ['style', (colour) => `<rect width="8" height="8" style="fill:${colour}"/>`],
  ['sheet', (colour) => `<style>.a{fill:${colour}}</style><rect class="a" width="8" height="8"/>`],
  // Inherited by a shape with a color of its own: a mix of currentColor is mixed again with it.
  ['inherited', (colour) => `<g fill="${colour}"><rect width="8" height="8" color="#00a651"/></g>`],
  ['stroke', (colour) => `<rect x="2" y="2" width="4" height="4" fill="none" stroke="${colour}" stroke-width="8"/>`],
  ['gradient stop', (colour) => `<linearGradient id="g"><stop offset="0" stop-color="${colour}"/><stop offset="1" style="stop-color:${colour}"/></linearGradient><rect width="8" height="8" fill="url(#g)"/>`],
];

const mark = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}"><g color="#123456">${body}</g></svg>`;

/** The centre pixel, premultiplied (resvg and Chromium straighten a translucent pixel with different roundings). */
const premultiplied = (pixel: ArrayLike<number>) => [0, 1, 2].map((channel) => Math.round((pixel[channel]! * pixel[3]!) / 255)).concat(pixel[3]!);

async function chromiumPixels(documents: readonly string[]): Promise<number[][]> {
  return page.evaluate(
    async ({ documents, size }) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const pixels: number[][] = [];
      for (const svg of documents) {
        const image = new Image(size, size);
        image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
        await image.decode();
        context.clearRect(0, 0, size, size);
        context.drawImage(image, 0, 0, size, size);
        pixels.push([...context.getImageData(size / 2, size / 2, 1, 1).data]);
      }
      return pixels;
    },
    { documents: [...documents], size: SIZE },
  );
}

describe('a colour resvg cannot read is drawn in the colour Chromium paints', () => {
  it('draws CSS Color 4 and 5 colours, system colours and context paints as Chromium does, set in each way', async () => {
    const cases = WAYS.flatMap(([way, write]) => COLOURS.map((colour) => ({ way, colour, original: mark(write(colour)) })));
    // Shown as an image, Chromium takes AccentColor and AccentColorText in a presentation attribute
    // only; in a style or a sheet it drops the declaration (probed: style="fill:AccentColor" over
    // fill="red" is red). forge reads them alike, as the attribute (docs/forge.md).
    cases.push(...['AccentColor', 'AccentColorText'].map((colour) => ({ way: 'attribute', colour, original: mark(WAYS[0]![1](colour)) })));
    const expected = await chromiumPixels(cases.map(({ original }) => original));
    const drawn = await Promise.all(
      cases.map(async ({ original }) => {
        const rebuilt = sanitizeSvg(original).svg.replace('<svg ', `<svg width="${SIZE}" height="${SIZE}" `);
        const pixels = await renderer.rasterize({ svg: rebuilt, width: SIZE, height: SIZE, output: 'rgba' });
        return [...pixels.subarray(4 * ((SIZE / 2) * SIZE + SIZE / 2), 4 * ((SIZE / 2) * SIZE + SIZE / 2) + 4)];
      }),
    );
    // One level of a channel apart is rounding (Chromium's 8-bit colour against colorjs.io's floats);
    // a gradient's own interpolation in Chromium rounds once more.
    const wrong = cases.flatMap(({ way, colour }, index) => {
      const [chromium, resvg] = [premultiplied(expected[index]!), premultiplied(drawn[index]!)];
      const tolerance = way === 'gradient stop' ? 2 : 1;
      return chromium.some((value, channel) => Math.abs(value - resvg[channel]!) > tolerance) ? [`${way} ${colour}: Chromium ${chromium.join(',')}, resvg ${resvg.join(',')}`] : [];
    });
    expect(wrong).toEqual([]);
  }, 60_000);
});

/**
 * A mark of relative colours and math in the channels, forged whole: each square of favicon-96x96.png
 * (decoded by sharp) is the colour Chromium shows for that square of the favicon.svg of the same run.
 * resvg drew every one black until 28 November 2026.
 */
const GRID_COLOURS = [
  'rgb(from #f36 r g b / 50%)',
  // In the sheet (below): var() is resolved from it first, then the relative colour.
  'oklch(from var(--brand) calc(l + 0.1) c h)',
  'hsl(from red h s calc(l * 0.5))',
  'color(from #0057b8 srgb b g r)',
  'rgb(calc(255 / 2) 0 calc(255 / 4))',
  'hsl(calc(120deg + 30deg) 50% 50%)',
  'rgb(calc(pi * 40) calc(e * 50) 0)',
  'oklch(clamp(0.4, 0.9, 0.7) 0.15 calc(360deg / 3))',
  'color-mix(in srgb, red calc(30%), blue)',
  'lch(from blue l c calc(h + 180))',
  // The square's own colour, inherited from its group.
  'rgb(from currentColor r g calc(b / 2))',
  'hwb(from color(display-p3 0 1 0) h w b)',
  'color(from red display-p3 calc(r * 0.5) g b / calc(alpha * 0.5))',
  'lab(from #f36 l calc(a * -1) b)',
  'rgb(from light-dark(#22aa55, red) r g b)',
  'rgb(round(up, 100.2, 10) mod(300, 256) sign(1))',
];

const GRID = 4;

/** The RGBA at the middle of each square of a grid of `grid` by `grid`, found within the bounds of what the image draws. */
function squareCentres(data: Uint8Array | Buffer, size: number, count: number, grid: number): number[][] {
  let [left, top, right, bottom] = [size, size, -1, -1];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (data[4 * (y * size + x) + 3]! === 0) continue;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  }
  const cell = (right + 1 - left) / grid;
  return Array.from({ length: count }, (_square, index) => {
    const x = Math.floor(left + cell * ((index % grid) + 0.5));
    const y = Math.floor(top + cell * (Math.floor(index / grid) + 0.5));
    return [...data.subarray(4 * (y * size + x), 4 * (y * size + x) + 4)];
  });
}

/** Forges a grid mark whole and compares each square of favicon-96x96.png (decoded by sharp) with favicon.svg drawn by Chromium. */
async function forgedAgainstFavicon(mark: string, names: readonly string[], grid: number): Promise<{ drawn: number[][]; wrong: string[] }> {
  const result = await forge(await inputFromMark(mark), { renderer, stages: [faviconStage] });
  const file = (name: string) => result.files.find((entry) => entry.name === name)!.bytes;
  const png = await sharp(file('favicon-96x96.png')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(png.info.width).toBe(96);
  const favicon = new TextDecoder().decode(file('favicon.svg'));
  const shown = await page.evaluate(async (source) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 96;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const image = new Image(96, 96);
    image.src = `data:image/svg+xml;base64,${btoa(source)}`;
    await image.decode();
    context.drawImage(image, 0, 0, 96, 96);
    return [...context.getImageData(0, 0, 96, 96).data];
  }, favicon);
  const [drawn, expected] = [squareCentres(png.data, 96, names.length, grid), squareCentres(Uint8Array.from(shown), 96, names.length, grid)];
  const wrong = names.flatMap((name, index) => {
    const [chromium, forged] = [premultiplied(expected[index]!), premultiplied(drawn[index]!)];
    return chromium.some((value, channel) => Math.abs(value - forged[channel]!) > 1) ? [`${name}: favicon.svg ${chromium.join(',')}, favicon-96x96.png ${forged.join(',')}`] : [];
  });
  return { drawn, wrong };
}

describe('a mark in relative colours and math forged whole', () => {
  it('draws each square of the PNG favicon in the colour Chromium shows in favicon.svg', async () => {
    const squares = GRID_COLOURS.map((colour, index) => {
      const paint = colour.includes('var(') ? 'class="v"' : `fill="${colour}"`;
      return `<rect x="${index % GRID}" y="${Math.floor(index / GRID)}" width="1" height="1" ${paint}/>`;
    });
    const sheet = `:root{--brand:#0057b8}.v{fill:${GRID_COLOURS[1]}}`;
    const mark = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${GRID} ${GRID}"><style>${sheet}</style><g color="#2a9d8f">${squares.join('')}</g></svg>`;
    const { drawn, wrong } = await forgedAgainstFavicon(mark, GRID_COLOURS, GRID);
    expect(wrong).toEqual([]);
    // Not one square is black: the mark is drawn in sixteen colours.
    expect(new Set(drawn.map((pixel) => pixel.join(','))).size).toBe(GRID_COLOURS.length);
  }, 60_000);
});

describe('a currentColor mark that mixes its colour, forged whole', () => {
  it('draws each mix of currentColor in the PNG favicon with the colour forge gives the mark, as favicon.svg shows it', async () => {
    // The mark sets no color: forge draws it in colors.brand (#ff3366), and these paints are of that colour.
    // The last square's group sets a colour of its own, which the sanitizer already resolves.
    const paints = [
      'fill="color-mix(in srgb, currentColor 50%, white)"',
      'fill="rgb(from currentColor r g calc(b / 2))"',
      'fill="currentColor"',
      'fill="light-dark(color-mix(in oklch, currentColor, blue), red)"',
      'fill="none" stroke="oklch(from currentColor calc(l * 0.5) c h)" stroke-width="1.2"',
      'fill="url(#none) contrast-color(color-mix(in srgb, currentColor 30%, black))"',
      'fill="color-mix(in lab, currentColor 30%, color-mix(in srgb, currentColor, black))"',
      'color="color-mix(in srgb, currentColor, white)" fill="rgb(from currentColor r calc(g / 2) b)"',
      'color="#22aa55" fill="color-mix(in srgb, currentColor, white)"',
    ];
    // Each paint fills a square of a 3 by 3 grid; the stroked one, in the middle, is a smaller square whose stroke covers its cell but for a tenth of a unit.
    const squares = paints.map((paint, index) => {
      const [x, y] = [(index % 3) * 2, Math.floor(index / 3) * 2];
      return paint.includes('stroke') ? `<rect x="${x + 0.5}" y="${y + 0.5}" width="1" height="1" ${paint}/>` : `<rect x="${x}" y="${y}" width="2" height="2" ${paint}/>`;
    });
    const mark = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 6 6">${squares.join('')}</svg>`;
    const { wrong } = await forgedAgainstFavicon(mark, paints, 3);
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe('a presentation attribute that reads a custom property', () => {
  it('is drawn with the value Chromium substitutes: the sheet’s, the fallback, or the inherited paint', async () => {
    const marks = [
      ['fill="var(--brand)"', ':root{--brand:#0057b8}'],
      ['fill="oklch(from var(--brand) calc(l + 0.1) c h)"', ':root{--brand:#0057b8}'],
      ['fill="color-mix(in srgb, var(--brand), white)"', 'g{--brand:#e30613}'],
      ['fill="var(--none, #22aa55)"', ''],
      ['fill="var(--none)"', ''],
      ['fill="var(--ink)"', ':root{--ink:banana}'],
      ['fill="#123456" stroke="var(--edge)" stroke-width="var(--w)"', ':root{--edge:#ffcc00;--w:8}'],
    ].map(([attributes, sheet]) => `<style>${sheet}</style><g fill="#7b2cbf"><rect x="2" y="2" width="4" height="4" ${attributes}/></g>`);
    const expected = await chromiumPixels(marks.map(mark));
    const drawn = await Promise.all(
      marks.map(async (body) => {
        const rebuilt = sanitizeSvg(mark(body)).svg.replace('<svg ', `<svg width="${SIZE}" height="${SIZE}" `);
        const pixels = await renderer.rasterize({ svg: rebuilt, width: SIZE, height: SIZE, output: 'rgba' });
        return [...pixels.subarray(4 * ((SIZE / 2) * SIZE + SIZE / 2), 4 * ((SIZE / 2) * SIZE + SIZE / 2) + 4)];
      }),
    );
    const wrong = marks.flatMap((body, index) => {
      const [chromium, resvg] = [premultiplied(expected[index]!), premultiplied(drawn[index]!)];
      return chromium.some((value, channel) => Math.abs(value - resvg[channel]!) > 1) ? [`${body}: Chromium ${chromium.join(',')}, resvg ${resvg.join(',')}`] : [];
    });
    expect(wrong).toEqual([]);
  });
});

describe('a colour function of currentColor in what a <use> draws', () => {
  it('is read with the <use>’s colour, as Chromium reads it, not with the colour around the <defs>', async () => {
    const marks = [
      '<defs><rect id="r" width="8" height="8" fill="color-mix(in srgb, currentColor 50%, blue)"/></defs><use href="#r" color="red"/>',
      '<defs color="lime"><rect id="r" width="8" height="8" fill="color-mix(in srgb, currentColor 50%, blue)"/></defs><use href="#r" color="red"/>',
      '<symbol id="s" viewBox="0 0 8 8"><rect width="8" height="8" fill="rgb(from currentColor r g 255)"/></symbol><g color="#e30613"><use href="#s" width="8" height="8"/></g>',
      '<defs><g id="g" fill="color-mix(in oklch, currentColor, #ffcc00)"><rect width="8" height="8" color="#0057b8"/></g></defs><use href="#g" color="red"/>',
      '<defs><rect id="r" width="8" height="8" color="color-mix(in srgb, currentColor, white)" fill="rgb(from currentColor g r b)"/></defs><use href="#r" color="#e30613"/><use href="#r" color="#e30613"/>',
    ].map((body) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">${body}</svg>`);
    const expected = await chromiumPixels(marks);
    const drawn = await Promise.all(
      marks.map(async (original) => {
        const rebuilt = sanitizeSvg(original).svg.replace('<svg ', `<svg width="${SIZE}" height="${SIZE}" `);
        const pixels = await renderer.rasterize({ svg: rebuilt, width: SIZE, height: SIZE, output: 'rgba' });
        return [...pixels.subarray(4 * ((SIZE / 2) * SIZE + SIZE / 2), 4 * ((SIZE / 2) * SIZE + SIZE / 2) + 4)];
      }),
    );
    const wrong = marks.flatMap((original, index) => {
      const [chromium, resvg] = [premultiplied(expected[index]!), premultiplied(drawn[index]!)];
      return chromium.some((value, channel) => Math.abs(value - resvg[channel]!) > 1) ? [`${original}: Chromium ${chromium.join(',')}, resvg ${resvg.join(',')}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('refuses an element its <use>s draw in different colours, saying to write a copy for each', () => {
    const twice = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><defs><rect id="r" width="4" height="4" fill="color-mix(in srgb, currentColor, blue)"/></defs><use href="#r" color="red"/><use href="#r" x="4" color="lime"/></svg>';
    expect(() => sanitizeSvg(twice, 'logo.svg')).toThrow(
      'logo.svg: Expected one colour for the <use>s of <rect id="r">, which paints with currentColor in a colour function, but they set #ff0000, #00ff00: forge cannot draw them; write the colour itself, in a copy of <rect id="r"> for each colour',
    );
  });
});
