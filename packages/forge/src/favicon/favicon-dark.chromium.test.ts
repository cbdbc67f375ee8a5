import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test/support/launch-chromium.ts';
import { drawnIconPixels } from '../testing/draw-icon.ts';
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

// The 30x10 mark sits at x 4-60, y 22.7-41.3: the middle of each of its three squares.
const SQUARES = { brand: [13, 32], own: [32, 32], background: [50, 32] } as const;

describe('favicon.svg of a mark coloured by its own stylesheet', () => {
  it('keeps the light palette in light mode and takes the dark palette in dark mode', async () => {
    const svg = faviconSvg(await inputFromMark(CLASS_COLOURED_MARK));
    const light = await drawnIconPixels(browser, svg, 'light', SQUARES);
    const dark = await drawnIconPixels(browser, svg, 'dark', SQUARES);
    expect(light).toEqual({ brand: [0xff, 0x33, 0x66, 255], own: [0x12, 0x34, 0x56, 255], background: [0xff, 0xf7, 0xf9, 255] });
    // testConfig's dark palette: brand #ff7a9c, background #14142b; a colour of the mark's own stays.
    expect(dark).toEqual({ brand: [0xff, 0x7a, 0x9c, 255], own: [0x12, 0x34, 0x56, 255], background: [0x14, 0x14, 0x2b, 255] });
  });
});
