import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test/support/launch-chromium.ts';
import { CLASS_COLOURED_MARK, inputFromMark } from '../testing/marks.ts';
import { faviconSvg } from './stage.ts';

/** favicon.svg drawn the way a browser draws an icon (an image, not a document), light and dark. */
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function drawnPixels(svg: string, colorScheme: 'light' | 'dark'): Promise<Record<string, number[]>> {
  const context = await browser.newContext({ colorScheme });
  try {
    const page = await context.newPage();
    const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    return await page.evaluate(async (url) => {
      const image = new Image(64, 64);
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 64;
      const context2d = canvas.getContext('2d')!;
      context2d.drawImage(image, 0, 0, 64, 64);
      const at = (x: number, y: number) => [...context2d.getImageData(x, y, 1, 1).data];
      // The 30x10 mark sits at x 4-60, y 22.7-41.3: the middle of each of its three squares.
      return { brand: at(13, 32), own: at(32, 32), background: at(50, 32) };
    }, url);
  } finally {
    await context.close();
  }
}

describe('favicon.svg of a mark coloured by its own stylesheet', () => {
  it('keeps the light palette in light mode and takes the dark palette in dark mode', async () => {
    const svg = faviconSvg(await inputFromMark(CLASS_COLOURED_MARK));
    const light = await drawnPixels(svg, 'light');
    const dark = await drawnPixels(svg, 'dark');
    expect(light).toEqual({ brand: [0xff, 0x33, 0x66, 255], own: [0x12, 0x34, 0x56, 255], background: [0xff, 0xf7, 0xf9, 255] });
    // testConfig's dark palette: brand #ff7a9c, background #14142b; a colour of the mark's own stays.
    expect(dark).toEqual({ brand: [0xff, 0x7a, 0x9c, 255], own: [0x12, 0x34, 0x56, 255], background: [0x14, 0x14, 0x2b, 255] });
  });
});
