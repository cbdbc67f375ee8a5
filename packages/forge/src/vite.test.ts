import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createLogger, createServer } from 'vite';
import dropkitForge from './vite.ts';
import { faviconStage } from './favicon/stage.ts';

/** A real Vite build and a real dev server of a tiny app that uses the plugin. */
const demoCreator = fileURLToPath(new URL('../../../tools/demo/creator/', import.meta.url));
let app: string;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'forge-vite-'));
  await cp(demoCreator, join(app, 'brand'), { recursive: true });
  await writeFile(join(app, 'index.html'), '<!doctype html><html><head><title>Drop</title></head><body><h1>Drop</h1></body></html>');
});

afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

const plugins = () => [dropkitForge({ config: 'brand/creator.json', stages: [faviconStage] })];

describe('@dropkit/forge/vite', () => {
  it('emits the set on build and injects the head snippet into index.html', async () => {
    await build({ root: app, configFile: false, logLevel: 'silent', base: '/shop/', plugins: plugins(), build: { outDir: 'dist' } });
    const files = await readdir(join(app, 'dist'));
    expect(files).toEqual(expect.arrayContaining(['favicon.ico', 'favicon.svg', 'apple-touch-icon.png', 'site.webmanifest', 'web-app-manifest-maskable-512x512.png']));
    expect(files).not.toContain('head.html');
    const html = await readFile(join(app, 'dist/index.html'), 'utf8');
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="/shop/favicon.svg">');
    expect(html).toContain('<meta name="apple-mobile-web-app-title" content="Nova Threads">');
    expect(html.indexOf('rel="manifest"')).toBeLessThan(html.indexOf('</head>'));
    const manifest = JSON.parse(await readFile(join(app, 'dist/site.webmanifest'), 'utf8'));
    expect(manifest.start_url).toBe('/shop/');
  });

  it('fails the build with the forge message for a bad config', async () => {
    await writeFile(join(app, 'broken.json'), JSON.stringify({ name: 'x', mark: 'missing.svg', colors: { brand: '#fff', background: '#000' } }));
    await expect(
      build({ root: app, configFile: false, logLevel: 'silent', plugins: [dropkitForge({ config: 'broken.json' })], build: { outDir: 'dist-broken' } }),
    ).rejects.toThrow(/dropkit forge: Expected mark to name a readable file/);
  });

  it("warns with forge's advice and still builds (a wide mark without a glyph)", async () => {
    const config = JSON.parse(await readFile(join(app, 'brand/creator.json'), 'utf8'));
    // The demo creator puts its glyph on the home screen, which needs the glyph this test takes away.
    delete config.glyph;
    delete config.homeScreen;
    await writeFile(join(app, 'brand/no-glyph.json'), JSON.stringify(config));
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({
      root: app,
      configFile: false,
      customLogger,
      plugins: [dropkitForge({ config: 'brand/no-glyph.json', stages: [faviconStage] })],
      build: { outDir: 'dist-no-glyph' },
    });
    expect(warnings).toEqual([
      'dropkit forge: note: brand/no-glyph.json: the mark is 3.0:1 and the config names no glyph, so the 16-48 px favicons ' +
        'shrink the whole mark into the square; add "glyph": a square SVG drawn for small sizes (your symbol or initials)',
    ]);
    expect(await readdir(join(app, 'dist-no-glyph'))).toContain('favicon.ico');
  });

  it('serves the set from memory in dev and injects the head snippet', async () => {
    const server = await createServer({ root: app, configFile: false, logLevel: 'silent', plugins: plugins(), server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const address = server.httpServer!.address() as { port: number };
      const origin = `http://127.0.0.1:${address.port}`;
      const svg = await fetch(`${origin}/favicon.svg`);
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toBe('image/svg+xml');
      expect(await svg.text()).toMatch(/^<svg xmlns/);
      const png = await fetch(`${origin}/apple-touch-icon.png`);
      expect(new Uint8Array(await png.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
      const html = await (await fetch(`${origin}/`)).text();
      expect(html).toContain('<link rel="apple-touch-icon" sizes="180x180" href="/apple-touch-icon.png">');
    } finally {
      await server.close();
    }
  });
});
