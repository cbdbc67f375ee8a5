import { describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { drawnIconPixels } from '../testing/draw-icon.ts';
import { CLASS_COLOURED_MARK, inputFromMark } from '../testing/marks.ts';
import { contrastRatio } from '../badge/colors.ts';
import { hexRgb } from '../badge/testing.ts';
import type { HexColor } from '../plan/types.ts';
import { readableTwin } from '../svg/dark.ts';
import { faviconSvg } from './stage.ts';

/** favicon.svg drawn the way a browser draws an icon (an image, not a document), light and dark. */
const browser = chromiumForThisFile();

// The 30x10 mark sits at x 4-60, y 22.7-41.3: the middle of each of its three squares.
const SQUARES = { brand: [13, 32], own: [32, 32], background: [50, 32] } as const;

describe('favicon.svg of a mark coloured by its own stylesheet', () => {
  it('keeps the light palette in light mode and takes the dark palette in dark mode', async () => {
    const svg = faviconSvg(await inputFromMark(CLASS_COLOURED_MARK));
    const light = await drawnIconPixels(browser(), svg, 'light', SQUARES);
    const dark = await drawnIconPixels(browser(), svg, 'dark', SQUARES);
    expect(light).toEqual({ brand: [0xff, 0x33, 0x66, 255], own: [0x12, 0x34, 0x56, 255], background: [0xff, 0xf7, 0xf9, 255] });
    // testConfig's dark palette: brand #ff7a9c, background #14142b. The mark's own #123456 reads
    // 1.4:1 there, so it lifts too (its rule is in the copy of the mark's stylesheet).
    expect(dark).toEqual({ brand: [0xff, 0x7a, 0x9c, 255], own: [...hexRgb(readableTwin('#123456', DARK_BACKGROUND)), 255], background: [0x14, 0x14, 0x2b, 255] });
  });
});

describe('favicon.svg of a mark whose inline styles override its stylesheet (an Illustrator file recoloured in Inkscape)', () => {
  // Each square has the sheet's class; the first two were recoloured in Inkscape, which writes an inline style.
  const RECOLOURED_MARK =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><style>.st0{fill:#22AA55}</style>' +
    '<rect class="st0" width="10" height="10" style="fill:#FF3366"/><rect class="st0" x="10" width="10" height="10" style="fill:#1E2A5A"/>' +
    '<rect class="st0" x="20" width="10" height="10"/></svg>';

  it('draws the inline colours in light mode and swaps or lifts them in dark mode', async () => {
    const svg = faviconSvg(await inputFromMark(RECOLOURED_MARK));
    const light = await drawnIconPixels(browser(), svg, 'light', SQUARES);
    const dark = await drawnIconPixels(browser(), svg, 'dark', SQUARES);
    expect(light).toEqual({ brand: [0xff, 0x33, 0x66, 255], own: [0x1e, 0x2a, 0x5a, 255], background: [0x22, 0xaa, 0x55, 255] });
    expect(dark).toEqual({ brand: [0xff, 0x7a, 0x9c, 255], own: [...hexRgb(readableTwin('#1e2a5a', DARK_BACKGROUND)), 255], background: [0x22, 0xaa, 0x55, 255] });
  });
});

const DARK_BACKGROUND = '#14142b';
const hexOf = (pixel: readonly number[]) => `#${pixel.slice(0, 3).map((channel) => channel.toString(16).padStart(2, '0')).join('')}` as HexColor;

describe('favicon.svg of a mark with a third, dark colour', () => {
  // Brand, navy ink (1.3:1 on the dark background), a green that reads (6:1).
  const INK_MARK =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="10" height="10" fill="#ff3366"/>' +
    '<rect x="10" width="10" height="10" style="fill:#1E2A5A"/><rect x="20" width="10" height="10" fill="#22aa55"/></svg>';

  it('lifts the navy to at least 3:1 in dark mode only, and leaves the readable green as it is', async () => {
    const svg = faviconSvg(await inputFromMark(INK_MARK));
    const light = await drawnIconPixels(browser(), svg, 'light', SQUARES);
    const dark = await drawnIconPixels(browser(), svg, 'dark', SQUARES);
    expect(light).toEqual({ brand: [0xff, 0x33, 0x66, 255], own: [0x1e, 0x2a, 0x5a, 255], background: [0x22, 0xaa, 0x55, 255] });
    expect(contrastRatio(hexOf(dark.own), DARK_BACKGROUND)).toBeGreaterThanOrEqual(3);
    expect(dark).toEqual({ brand: [0xff, 0x7a, 0x9c, 255], own: [...hexRgb(readableTwin('#1e2a5a', DARK_BACKGROUND)), 255], background: [0x22, 0xaa, 0x55, 255] });
    expect(svg.split('#22aa55')).toHaveLength(2);
  });

  it('lifts gradient stops and colour names too', async () => {
    const mark =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#1e2a5a"/>' +
      '<stop offset="1" stop-color="#1b1b3a"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/>' +
      '<rect x="10" width="10" height="10" fill="black"/><rect x="20" width="10" height="10" stroke="navy" stroke-width="4" fill="#ff3366"/></svg>';
    const svg = faviconSvg(await inputFromMark(mark));
    // The third square is brand inside a navy outline; probe the outline at the square's left edge.
    const dark = await drawnIconPixels(browser(), svg, 'dark', { ...SQUARES, background: [42, 32] });
    for (const [part, pixel] of Object.entries(dark)) expect(contrastRatio(hexOf(pixel), DARK_BACKGROUND), part).toBeGreaterThanOrEqual(3);
  });
});

describe("favicon.svg of a mark whose own sheet outranks its paint attributes (path{fill:…} over fill=\"<brand>\")", () => {
  // The first square is a path written in the brand colour that the mark's own element rule turns
  // green; the other two are rects the sheet does not reach.
  const SHEET_OVER_ATTRIBUTE_MARK =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><style>path{fill:#22aa55}</style>' +
    '<path d="M0 0h10v10H0z" fill="#ff3366"/><rect x="10" width="10" height="10" fill="#ff3366"/>' +
    '<rect x="20" width="10" height="10" fill="#fff7f9"/></svg>';

  it("keeps the sheet's colour in dark mode too, while the attributes it does not reach swap", async () => {
    const svg = faviconSvg(await inputFromMark(SHEET_OVER_ATTRIBUTE_MARK));
    const light = await drawnIconPixels(browser(), svg, 'light', SQUARES);
    const dark = await drawnIconPixels(browser(), svg, 'dark', SQUARES);
    expect(light).toEqual({ brand: [0x22, 0xaa, 0x55, 255], own: [0xff, 0x33, 0x66, 255], background: [0xff, 0xf7, 0xf9, 255] });
    expect(dark).toEqual({ brand: [0x22, 0xaa, 0x55, 255], own: [0xff, 0x7a, 0x9c, 255], background: [0x14, 0x14, 0x2b, 255] });
  });
});

describe("favicon.svg of a mark whose sheet fades or masks its root", () => {
  it('fades or masks the mark once, as the mark alone is drawn, and never forge\'s own root', async () => {
    // :root{…} named forge's root in favicon.svg (which its style then cancelled), so the mark was
    // not faded; svg{mask:…} masked forge's whole canvas with a mask sized for the mark.
    const mask = '<mask id="m"><rect width="10" height="10" fill="#fff" fill-opacity=".5"/></mask>';
    const cases: [sheet: string, root: string, alpha: number][] = [
      ['svg{opacity:.5}', '', 128],
      [':root{opacity:.5}', '', 128],
      ['*{opacity:.5}', '', 64],
      ['.logo{opacity:.5}', 'class="logo"', 128],
      ['svg{mask:url(#m)}', '', 128],
    ];
    const found = [];
    for (const [sheet, root, alpha] of cases) {
      const mark = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" ${root}><style>${sheet}</style>${mask}<rect width="10" height="10" fill="#000"/></svg>`;
      const { centre } = await drawnIconPixels(browser(), faviconSvg(await inputFromMark(mark)), 'light', { centre: [32, 32] });
      found.push({ sheet, root, alpha: Math.abs(centre[3]! - alpha) <= 2 ? alpha : centre[3] });
    }
    expect(found).toEqual(cases.map(([sheet, root, alpha]) => ({ sheet, root, alpha })));
  });
});
