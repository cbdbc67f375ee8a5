import { describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { testInput } from '../badge/testing.ts';
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
