import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import type { PlannedAsset } from '../plan/types.ts';
import { badgeStage } from './stage.ts';
import { directRenderContext, testInput } from './testing.ts';

/**
 * The `<picture>` markup docs/badges.md tells creators to paste, in Chromium, over the files forge
 * writes for the documented config: a visitor who asks for less motion gets the PNG (the badge at
 * rest), everyone else the animation, and the dark files where the markup offers them. GIF and
 * WebP cannot see the visitor's settings: only the markup can honour them.
 */
const browser = chromiumForThisFile();
const docs = readFileSync(new URL('../../../../docs/badges.md', import.meta.url), 'utf8');
const pictures = [...docs.matchAll(/```html\n([\s\S]*?)```/gu)].flatMap((block) => [...block[1]!.matchAll(/<picture>[\s\S]*?<\/picture>/gu)].map((match) => match[0]));
const documentedConfig = [...docs.matchAll(/```json\n([\s\S]*?)```/gu)].map((block) => JSON.parse(block[1]!)).find((config) => config.badges);

let server: Server;
let origin: string;
beforeAll(async () => {
  const input = testInput({ badges: documentedConfig.badges, colors: documentedConfig.colors, glyph: 'glyph.svg' });
  const assets = new Map<string, PlannedAsset>(badgeStage.plan(input).assets.map((asset) => [`/${asset.name}`, asset]));
  const context = directRenderContext();
  const types: Record<string, string> = { png: 'image/png', gif: 'image/gif', webp: 'image/webp' };
  server = createServer((request, response) => {
    const { pathname, searchParams } = new URL(request.url!, 'http://127.0.0.1');
    if (pathname === '/page') {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><body>${pictures[Number(searchParams.get('picture'))]!.replaceAll('https://nova.example/', '/')}</body>`);
      return;
    }
    const asset = assets.get(pathname);
    if (!asset) {
      response.statusCode = 404;
      response.end();
      return;
    }
    void Promise.resolve(asset.render(context)).then((bytes) => {
      response.setHeader('content-type', types[asset.format]!);
      response.end(bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The file the page's one `<picture>` shows, once it has loaded. */
async function shown(picture: number, media: { reducedMotion: 'reduce' | 'no-preference'; colorScheme: 'light' | 'dark' }): Promise<string> {
  const context = await browser().newContext(media);
  try {
    const tab = await context.newPage();
    await tab.goto(`${origin}/page?picture=${picture}`);
    await tab.waitForFunction(() => document.querySelector('img')!.complete && document.querySelector('img')!.naturalWidth > 0);
    return await tab.evaluate(() => new URL(document.querySelector('img')!.currentSrc).pathname);
  } finally {
    await context.close();
  }
}

describe('the <picture> markup docs/badges.md suggests', () => {
  it('is there to check, with the config it is written for', () => {
    expect(pictures.length).toBeGreaterThanOrEqual(2);
    expect(documentedConfig.colors.dark).toBeDefined();
  });

  it.each(pictures.map((markup, index) => [index, markup] as const))('picture %i shows the badge at rest under reduced motion, moving otherwise', async (index, markup) => {
    const followsScheme = markup.includes('prefers-color-scheme: dark');
    for (const colorScheme of ['light', 'dark'] as const) {
      const dark = followsScheme && colorScheme === 'dark';
      const still = await shown(index, { reducedMotion: 'reduce', colorScheme });
      expect(still, `${colorScheme}, reduced motion`).toMatch(/\.png$/u);
      expect(still.includes('-dark'), `${colorScheme}, reduced motion: ${still}`).toBe(dark);
      const moving = await shown(index, { reducedMotion: 'no-preference', colorScheme });
      expect(moving, `${colorScheme}, motion`).toMatch(/\.(gif|webp)$/u);
      expect(moving.includes('-dark'), `${colorScheme}, motion: ${moving}`).toBe(dark);
    }
  });
});
