import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { forge } from '../forge.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { placeMark } from '../svg/compose.ts';
import { drawnIconPixels } from '../testing/draw-icon.ts';
import { inputFromMark } from '../testing/marks.ts';
import { FAVICON_INSET, faviconStage, faviconSvg, MASKABLE_CONTENT_CIRCLE } from './stage.ts';

/**
 * A mark's `<style>` as every output shows it: the mark alone in Chromium (what its creator sees),
 * favicon.svg in Chromium, and the PNGs resvg draws, decoded. Marks are 100 × 100 user units; each
 * point is named in the mark's units and found in each image through its placement.
 */
const browser = chromiumForThisFile();
let renderer: IsolatedRenderer;
beforeAll(() => {
  renderer = new IsolatedRenderer();
});
afterAll(() => renderer.close());

type Points = Record<string, readonly [number, number]>;
const VIEWBOX = [0, 0, 100, 100] as const;
const BRAND = [0xff, 0x33, 0x66, 255];
const BACKGROUND = [0xff, 0xf7, 0xf9, 255];

const scaled = (points: Points, x: number, y: number, scale: number): Points =>
  Object.fromEntries(Object.entries(points).map(([name, [px, py]]) => [name, [Math.floor(x + px * scale), Math.floor(y + py * scale)] as const]));

/**
 * The mark drawn alone as an image, as a browser shows the file, at its viewBox's size: one user
 * unit a pixel. (Chromium measures a filter region on the root in CSS pixels of the image's size,
 * so drawn at 64 px it cut a shadow at 70 user units that at 100 px, and by the spec, it shows.)
 */
async function alone(mark: string, points: Points) {
  const page = await browser().newPage();
  try {
    const url = `data:image/svg+xml;base64,${Buffer.from(mark).toString('base64')}`;
    return (await page.evaluate(
      async ({ url, points }) => {
        const image = new Image(100, 100);
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 100;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0, 100, 100);
        return Object.fromEntries(Object.entries(points).map(([name, [x, y]]) => [name, [...context.getImageData(x, y, 1, 1).data]]));
      },
      { url, points: points as Record<string, readonly [number, number]> },
    )) as Record<string, number[]>;
  } finally {
    await page.close();
  }
}

/** favicon.svg in Chromium (the mark inset by FAVICON_INSET on 64 units). */
async function inFaviconSvg(mark: string, points: Points) {
  const place = placeMark(VIEWBOX, { size: 64, inset: FAVICON_INSET });
  return drawnIconPixels(browser(), faviconSvg(await inputFromMark(mark)), 'light', scaled(points, place.x, place.y, place.width / 100));
}

/** The favicon stage's PNGs decoded, at the points of each: favicon-96x96.png, the maskable and the monochrome icon, the touch icon's corner. */
async function inPngs(mark: string, points: Points) {
  const result = await forge(await inputFromMark(mark), { renderer, stages: [faviconStage] });
  const read = async (name: string, size: number, place: { x: number; y: number; width: number }) => {
    const bytes = result.files.find((file) => file.name === name)!.bytes;
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = ([x, y]: readonly [number, number]) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)];
    expect(info.width).toBe(size);
    return { at, found: Object.fromEntries(Object.entries(scaled(points, place.x, place.y, place.width / 100)).map(([key, point]) => [key, at(point)])) };
  };
  const small = await read('favicon-96x96.png', 96, placeMark(VIEWBOX, { size: 96, inset: FAVICON_INSET }));
  const safe = placeMark(VIEWBOX, { size: 512, inset: FAVICON_INSET, safeCircle: MASKABLE_CONTENT_CIRCLE });
  const maskable = await read('web-app-manifest-maskable-512x512.png', 512, safe);
  const monochrome = await read('web-app-manifest-monochrome-512x512.png', 512, safe);
  const touch = await read('apple-touch-icon.png', 180, { x: 0, y: 0, width: 180 });
  return { small: small.found, maskable: maskable.found, monochromeAlpha: Object.fromEntries(Object.entries(monochrome.found).map(([key, pixel]) => [key, pixel[3]])), touchCorner: touch.at([1, 1]) };
}

const FILTER_OFFSET = '<filter id="f"><feOffset dx="40" dy="40" in="SourceGraphic" result="o"/><feMerge><feMergeNode in="o"/><feMergeNode in="SourceGraphic"/></feMerge></filter>';

describe("a mark sheet's filter or mask on the root", () => {
  // A logo's shadow cast past its drawing: the filter's default region is -10 % to 120 % of the
  // root's box, which a browser showing the mark alone measures by its viewBox. Applied to a group
  // measured by its content, the shadow at 70,70 was cut off in the PNGs and favicon.svg.
  const points = { shape: [30, 30], shadow: [70, 70], empty: [30, 75] } as const;

  for (const [name, mark] of [
    ['a <filter> with feOffset', `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>svg{filter:url(#f)}</style>${FILTER_OFFSET}<circle cx="30" cy="30" r="20" fill="#000000"/></svg>`],
    ['the same filter as a root attribute', `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" filter="url(#f)">${FILTER_OFFSET}<circle cx="30" cy="30" r="20" fill="#000000"/></svg>`],
  ] as const) {
    it(`applies ${name} once, over the mark's viewBox, in every output as in the mark alone`, async () => {
      const black = [0, 0, 0, 255];
      const clear = [0, 0, 0, 0];
      expect(await alone(mark, points)).toEqual({ shape: black, shadow: black, empty: clear });
      expect(await inFaviconSvg(mark, points)).toEqual({ shape: black, shadow: black, empty: clear });
      const pngs = await inPngs(mark, points);
      expect(pngs.small).toEqual({ shape: black, shadow: black, empty: clear });
      expect(pngs.maskable).toEqual({ shape: black, shadow: black, empty: BACKGROUND });
      expect(pngs.monochromeAlpha).toEqual({ shape: 255, shadow: 255, empty: 0 });
    });
  }

  it('masks with objectBoundingBox units by the viewBox, as the mark alone does', async () => {
    // The left half of the root's box: of the viewBox (x < 50), not of the drawing (x < 45).
    const mark =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>svg{mask:url(#m)}</style><mask id="m" maskContentUnits="objectBoundingBox"><rect width="0.5" height="1" fill="#ffffff"/></mask>' +
      '<rect x="10" y="10" width="80" height="30" fill="#000000"/></svg>';
    const half = { kept: [47, 25], masked: [53, 25] } as const;
    const shown = { kept: [0, 0, 0, 255], masked: [0, 0, 0, 0] };
    expect(await alone(mark, half)).toEqual(shown);
    expect(await inFaviconSvg(mark, half)).toEqual(shown);
    expect((await inPngs(mark, half)).small).toEqual(shown);
  });
});

describe("a mark sheet's rules never reach the shapes forge draws around the mark", () => {
  it("leaves forge's groups and tiles alone: g{…}, rect{…} and *{…} style the mark's own elements only", async () => {
    // The root's filter puts the mark in a group of forge's; g{stroke:…} outlined every shape in it,
    // and rect{clip-path:…} or *{…} reached the touch and maskable tiles. The circle leaves its
    // fill to forge (the brand colour); no <g> or <rect> of the mark is styled.
    const mark =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>svg{filter:url(#id)} g{stroke:#0000ff;stroke-width:12} rect{clip-path:url(#none);fill:#00ff00}</style>' +
      '<filter id="id"><feOffset dx="0" dy="0"/></filter><clipPath id="none"/><circle cx="50" cy="50" r="30"/></svg>';
    const points = { centre: [50, 50], edge: [50, 22] } as const;
    const pngs = await inPngs(mark, points);
    expect(pngs.small).toEqual({ centre: BRAND, edge: BRAND });
    expect(pngs.maskable).toEqual({ centre: BRAND, edge: BRAND });
    expect(pngs.touchCorner).toEqual(BACKGROUND);
    expect(await inFaviconSvg(mark, points)).toEqual({ centre: BRAND, edge: BRAND });
  });

  it('draws colours a sheet gives through custom properties in every output, as the mark alone shows them', async () => {
    // resvg reads no var(), so the PNGs drew such a mark in the brand colour, where a browser shows the sheet's red.
    const mark = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>:root{--ink:#e30613} rect{fill:var(--ink)}</style><rect width="100" height="100"/></svg>';
    const red = [0xe3, 0x06, 0x13, 255];
    expect(await alone(mark, { centre: [50, 50] })).toEqual({ centre: red });
    expect(await inFaviconSvg(mark, { centre: [50, 50] })).toEqual({ centre: red });
    expect((await inPngs(mark, { centre: [50, 50] })).small).toEqual({ centre: red });
  });

  it("keeps forge's root in favicon.svg as it is under an important root rule: the fade applies once", async () => {
    // In a browser an important sheet rule beats an inline style: svg{opacity:.5!important} and
    // :root{…} reached forge's root too, and favicon.svg drew the mark at a quarter.
    for (const rule of ['svg{opacity:.5!important}', ':root{opacity:.5 !important}', 'svg{opacity:.5!important;display:inline!important}']) {
      const mark = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>${rule}</style><rect width="100" height="100" fill="#000000"/></svg>`;
      const points = { centre: [50, 50], corner: [5, 5] } as const;
      const alpha = (pixels: Record<string, number[]>) => Object.fromEntries(Object.entries(pixels).map(([key, pixel]) => [key, Math.round(pixel[3]! / 8) * 8]));
      expect([rule, alpha(await alone(mark, { centre: points.centre }))]).toEqual([rule, { centre: 128 }]);
      expect([rule, alpha(await inFaviconSvg(mark, points))]).toEqual([rule, { centre: 128, corner: 128 }]);
      expect([rule, alpha((await inPngs(mark, points)).small)]).toEqual([rule, { centre: 128, corner: 128 }]);
    }
  });
});
