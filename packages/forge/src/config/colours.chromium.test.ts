import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { faviconStage } from '../favicon/stage.ts';
import { forge } from '../forge.ts';
import type { ForgeResult } from '../plan/types.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { loadCreator } from './load.ts';

/**
 * creator.json's colours in oklch(), as a designer's tokens write them, forged whole: the manifest,
 * the theme-color meta and the pixels of the opaque home-screen tile carry the hex Chromium paints
 * for each (asked of Chromium here, not assumed), and the run is the very run of that hex written
 * by hand. Until 28 November 2026 forge refused every colour here but hex.
 */
const BRAND = 'oklch(62% 0.2 25)';
// Outside sRGB: Chromium clips it channel by channel.
const BACKGROUND = 'oklch(0.9 0.3 140)';
// No fill: drawn in colors.brand. A disc in the middle of the tile, the tile's corners bare.
const MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

const browser = chromiumForThisFile();
let page: Page;
let renderer: IsolatedRenderer;
let dir: string;

beforeAll(async () => {
  page = await browser().newPage();
  renderer = new IsolatedRenderer({ processes: 1 });
  dir = await mkdtemp(join(tmpdir(), 'forge-config-colours-'));
});

afterAll(async () => {
  await page?.close();
  renderer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The colour Chromium paints for a CSS colour in an SVG image (as it paints favicon.svg), as #rrggbb. */
async function chromiumHex(colour: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="${colour}"/></svg>`;
  const [red, green, blue, alpha] = await page.evaluate(async (source) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 4;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const image = new Image(4, 4);
    image.src = `data:image/svg+xml;base64,${btoa(source)}`;
    await image.decode();
    context.drawImage(image, 0, 0, 4, 4);
    return [...context.getImageData(2, 2, 1, 1).data];
  }, svg);
  expect(alpha).toBe(255);
  return `#${[red, green, blue].map((channel) => channel!.toString(16).padStart(2, '0')).join('')}`;
}

async function forgeFrom(folder: string, colors: { brand: string; background: string }): Promise<ForgeResult> {
  const at = join(dir, folder);
  await writeFile(join(dir, `${folder}.svg`), MARK);
  await writeFile(`${at}.json`, JSON.stringify({ name: 'Nova', mark: `${folder}.svg`, colors }));
  return forge(await loadCreator(`${at}.json`), { renderer, stages: [faviconStage] });
}

const text = (result: ForgeResult, name: string) => new TextDecoder().decode(result.files.find((file) => file.name === name)!.bytes);

async function pixelHex(png: Uint8Array, x: number, y: number): Promise<string> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 3;
  return `#${[...data.subarray(at, at + 3)].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

describe('colors in oklch() in creator.json', () => {
  it('forges the hex Chromium paints into the manifest, the theme-color meta and the home-screen tile, byte for byte as that hex written by hand', async () => {
    const [brand, background] = [await chromiumHex(BRAND), await chromiumHex(BACKGROUND)];
    const modern = await forgeFrom('modern', { brand: BRAND, background: BACKGROUND });
    const manifest = JSON.parse(text(modern, 'site.webmanifest'));
    expect(manifest.theme_color).toBe(brand);
    expect(manifest.background_color).toBe(background);
    expect(text(modern, 'head.html')).toContain(`<meta name="theme-color" content="${brand}">`);
    const touch = modern.files.find((file) => file.name === 'apple-touch-icon.png')!.bytes;
    expect((await sharp(touch).metadata()).hasAlpha).toBe(false);
    expect(await pixelHex(touch, 1, 1)).toBe(background);
    expect(await pixelHex(touch, 90, 90)).toBe(brand);
    const byHand = await forgeFrom('hex', { brand, background });
    expect(byHand.files.map((file) => `${file.name} ${file.sha256}`)).toEqual(modern.files.map((file) => `${file.name} ${file.sha256}`));
    const again = await forgeFrom('again', { brand: BRAND, background: BACKGROUND });
    expect(again.files.map((file) => file.sha256)).toEqual(modern.files.map((file) => file.sha256));
  }, 120_000);
});
