import { describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { TEST_GLYPH, testInput } from '../badge/testing.ts';
import { drawnIconPixels } from '../testing/draw-icon.ts';
import { LIVE_DOT, liveFaviconSvg } from './live-favicon.ts';

/** The live favicon as a browser draws it (not only as resvg does), light and dark. */
const browser = chromiumForThisFile();

function drawnPixels(colorScheme: 'light' | 'dark') {
  const points = { dot: [LIVE_DOT.cx, LIVE_DOT.cy], outline: [LIVE_DOT.cx - LIVE_DOT.r - 1, LIVE_DOT.cy], glyph: [10, 10] } as const;
  return drawnIconPixels(browser(), liveFaviconSvg(testInput()), colorScheme, points);
}

describe('favicon-live.svg in Chromium', () => {
  it('shows the red dot, its outline in the background colour, and the glyph', async () => {
    const { dot, outline, glyph } = await drawnPixels('light');
    expect(dot).toEqual([239, 68, 68, 255]);
    expect(outline).toEqual([255, 255, 255, 255]);
    expect(glyph).toEqual([34, 170, 85, 255]);
  });

  it('follows the dark palette with the favicon it is made from', async () => {
    const { dot, outline } = await drawnPixels('dark');
    expect(dot).toEqual([239, 68, 68, 255]);
    expect(outline).toEqual([17, 24, 39, 255]); // the dark background
  });
});

describe('favicon-live.svg of a glyph whose sheet styles circles (a hand-written or icon-tool sheet)', () => {
  // The sheet reaches the whole file, the dot included.
  const glyph = { ...TEST_GLYPH, svg: TEST_GLYPH.svg.replace('<rect', '<style>circle{fill:#1d1d1b;stroke:#1d1d1b}</style><rect') };
  const input = { ...testInput(), glyph };
  const points = { dot: [LIVE_DOT.cx, LIVE_DOT.cy], outline: [LIVE_DOT.cx - LIVE_DOT.r - 1, LIVE_DOT.cy], disc: [32, 32] } as const;

  it('keeps the dot red with its outline in the background colour, light and dark', async () => {
    const light = await drawnIconPixels(browser(), liveFaviconSvg(input), 'light', points);
    const dark = await drawnIconPixels(browser(), liveFaviconSvg(input), 'dark', points);
    expect(light).toEqual({ dot: [239, 68, 68, 255], outline: [255, 255, 255, 255], disc: [0x1d, 0x1d, 0x1b, 255] });
    expect(dark.dot).toEqual([239, 68, 68, 255]);
    expect(dark.outline).toEqual([17, 24, 39, 255]);
  });
});

describe("favicon-live.svg of a glyph whose sheet styles circles with !important", () => {
  // An important rule outranks a normal inline style in browsers (resvg keeps the inline one).
  const glyph = {
    ...TEST_GLYPH,
    svg: TEST_GLYPH.svg.replace('<rect', '<style>circle{fill:#000000 !important;stroke:#000000 !important;stroke-width:0 !important}</style><rect'),
  };
  const input = { ...testInput(), glyph };
  const points = { dot: [LIVE_DOT.cx, LIVE_DOT.cy], outline: [LIVE_DOT.cx - LIVE_DOT.r - 1, LIVE_DOT.cy] } as const;

  it('keeps the dot red with its outline in the background colour, light and dark', async () => {
    const light = await drawnIconPixels(browser(), liveFaviconSvg(input), 'light', points);
    const dark = await drawnIconPixels(browser(), liveFaviconSvg(input), 'dark', points);
    expect(light).toEqual({ dot: [239, 68, 68, 255], outline: [255, 255, 255, 255] });
    expect(dark).toEqual({ dot: [239, 68, 68, 255], outline: [17, 24, 39, 255] });
  });
});

describe('favicon-live.svg of a glyph whose sheet fades or hides circles', () => {
  // What the dot's paint did not set, the sheet did: a pale dot, or none. Important or not, the
  // dot's important inline style wins.
  for (const rule of ['opacity:.3;fill-opacity:.3;stroke-opacity:.3', 'visibility:hidden !important', 'display:none !important', 'stroke-dasharray:1 30', 'transform:scale(.3)', 'filter:blur(6px)']) {
    it(`keeps the dot red with its outline under circle{${rule}}, light and dark`, async () => {
      const glyph = { ...TEST_GLYPH, svg: TEST_GLYPH.svg.replace('<rect', `<style>circle{${rule}}</style><rect`) };
      const input = { ...testInput(), glyph };
      const points = { dot: [LIVE_DOT.cx, LIVE_DOT.cy], outline: [LIVE_DOT.cx - LIVE_DOT.r - 1, LIVE_DOT.cy] } as const;
      const light = await drawnIconPixels(browser(), liveFaviconSvg(input), 'light', points);
      const dark = await drawnIconPixels(browser(), liveFaviconSvg(input), 'dark', points);
      expect(light).toEqual({ dot: [239, 68, 68, 255], outline: [255, 255, 255, 255] });
      expect(dark).toEqual({ dot: [239, 68, 68, 255], outline: [17, 24, 39, 255] });
    });
  }
});
