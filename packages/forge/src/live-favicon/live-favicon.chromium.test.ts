import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test/support/launch-chromium.ts';
import { testInput } from '../badge/testing.ts';
import { LIVE_DOT, liveFaviconSvg } from './live-favicon.ts';

/** The live favicon as a browser draws it (not only as resvg does), light and dark. */
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function drawnPixels(colorScheme: 'light' | 'dark'): Promise<Record<string, number[]>> {
  const context = await browser.newContext({ colorScheme });
  try {
    const page = await context.newPage();
    const url = `data:image/svg+xml;base64,${Buffer.from(liveFaviconSvg(testInput())).toString('base64')}`;
    return await page.evaluate(
      async ({ url, dot }) => {
        const image = new Image(64, 64);
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 64;
        const context2d = canvas.getContext('2d')!;
        context2d.drawImage(image, 0, 0, 64, 64);
        const at = (x: number, y: number) => [...context2d.getImageData(x, y, 1, 1).data];
        return { dot: at(dot.cx, dot.cy), outline: at(dot.cx - dot.r - 1, dot.cy), glyph: at(10, 10) };
      },
      { url, dot: LIVE_DOT },
    );
  } finally {
    await context.close();
  }
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
