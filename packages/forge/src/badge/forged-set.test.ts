import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareInput } from '../config/load.ts';
import { forge } from '../forge.ts';
import { IsolatedRenderer } from '../render/isolated.ts';
import { colorDistance, decodePage, pixelAt } from './testing.ts';

/**
 * Issue 6's stages inside a real forge run: planned by DEFAULT_STAGES, drawn by the isolated
 * renderer, listed in forge.json and head.html. The glyph carries a hostile stylesheet that would
 * turn every path green if a creator's SVG could reach forge's own drawing.
 */
const GREEN_EVERYTHING =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>path,rect,circle{fill:#00ff00 !important}</style><path d="M1 1h8v8H1z" fill="#123456"/></svg>';
const MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#6d28d9"/></svg>';

const renderer = new IsolatedRenderer({ processes: 2 });
afterAll(() => renderer.close());

async function forgeCreator() {
  const sources: Record<string, string> = { 'mark.svg': MARK, 'glyph.svg': GREEN_EVERYTHING };
  const input = await prepareInput(
    {
      name: 'Nova Studio',
      url: 'https://nova.example',
      mark: 'mark.svg',
      glyph: 'glyph.svg',
      colors: { brand: '#6d28d9', background: '#ffffff' },
      badges: ['verified'],
      social: { dropAt: '2026-12-05T18:00:00Z', timeZone: 'Europe/Berlin' },
    },
    async (path) => new TextEncoder().encode(sources[path]!),
  );
  return forge(input, { renderer });
}

describe('issue 6 files in a forge run', () => {
  it('are planned, drawn, reported and linked', async () => {
    const result = await forgeCreator();
    const byName = new Map(result.files.map((file) => [file.name, file]));
    for (const name of [
      'favicon-live.svg',
      'favicon-live.png',
      'mark/wordmark.svg',
      'mark/monogram.svg',
      'mark/glyph.svg',
      'mark/mark.json',
      'social-card.png',
      'badges/verified.svg',
      'badges/verified@2x.gif',
      'badges/verified@2x.webp',
      'badges/verified@2x.png',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
    const report = JSON.parse(new TextDecoder().decode(byName.get('forge.json')!.bytes));
    const reported = (name: string) => report.files.find((file: { name: string }) => file.name === name);
    expect(reported('badges/verified@2x.gif')).toMatchObject({ purpose: 'badge', format: 'gif', height: 40, width: 2 * reported('badges/verified.gif').width });
    expect(result.head).toMatch(/<meta property="og:image" content="https:\/\/nova\.example\/social-card\.png\?v=[0-9a-f]{10}">/u);
    expect(result.head).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect((await sharp(byName.get('badges/verified@2x.gif')!.bytes, { animated: true }).metadata()).pages).toBe(40);
  });

  it("keeps a creator's stylesheet out of forge's drawing around the glyph", async () => {
    const result = await forgeCreator();
    const byName = new Map(result.files.map((file) => [file.name, file]));
    const isGreen = (pixel: readonly number[]) => colorDistance(pixel, [0, 255, 0]) < 60 && pixel[3]! > 128;
    const countGreen = async (name: string, region: { x: number; y: number; width: number; height: number }) => {
      const image = await decodePage(byName.get(name)!.bytes);
      let green = 0;
      for (let y = region.y; y < region.y + region.height; y += 1) {
        for (let x = region.x; x < region.x + region.width; x += 1) if (isGreen(pixelAt(image, x, y))) green += 1;
      }
      return green;
    };
    // The glyph itself is green (its own stylesheet applies to it)…
    expect(await countGreen('badges/verified@2x.png', { x: 8, y: 8, width: 24, height: 24 })).toBeGreaterThan(20);
    // …but the badge's pill, check and text, and the card's text, are not.
    expect(await countGreen('badges/verified@2x.png', { x: 36, y: 0, width: 112, height: 40 })).toBe(0);
    expect(await countGreen('social-card.png', { x: 0, y: 360, width: 1200, height: 270 })).toBe(0);
  });
});
