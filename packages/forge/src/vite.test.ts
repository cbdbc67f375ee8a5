import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createLogger, createServer, type ViteDevServer } from 'vite';
import dropkitForge from './vite.ts';
import { faviconStage } from './favicon/stage.ts';
import { loadCreator } from './config/load.ts';
import { forge } from './forge.ts';
import { IsolatedRenderer } from './render/isolated.ts';

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

/** Resolves once `condition` holds (checked every 5 ms). */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('@dropkit/forge/vite in dev, while a run draws', () => {
  // Every stage (~500 images of the demo creator) through one child, shared with the test so that
  // its count of drawn images says which run drew what.
  let renderer: IsolatedRenderer;
  let server: ViteDevServer;
  let origin: string;
  let configFile: string;
  /** renderer.drawn when the server closed, counted by a plugin closed right after forge's. */
  let drawnAtClose: number;

  beforeEach(async () => {
    const folder = await mkdtemp(join(app, 'live-'));
    await cp(demoCreator, folder, { recursive: true });
    configFile = join(folder, 'creator.json');
    renderer = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 });
    const config = relative(app, configFile);
    const countAtClose = { name: 'count-at-close', closeBundle: () => void (drawnAtClose = renderer.drawn) };
    server = await createServer({
      root: app,
      configFile: false,
      logLevel: 'silent',
      plugins: [dropkitForge({ config, renderer }), countAtClose],
      server: { port: 0, host: '127.0.0.1' },
    });
    await server.listen();
    origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
  });

  afterEach(async () => {
    await server.close();
    renderer.close();
  });

  it('stops a run a file change superseded; the request that waited on it gets the new files', async () => {
    const waiting = fetch(`${origin}/site.webmanifest`).then((response) => response.json());
    await until(() => renderer.drawn > 0, 'the first run draws');
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    config.shortName = 'Nova Live';
    // Counted in the same event as the plugin's listener (registered first), which stops the run.
    let drawnAtChange = -1;
    const changed = new Promise<void>((resolve) =>
      server.watcher.on('change', (path) => {
        if (path !== configFile) return;
        drawnAtChange = renderer.drawn;
        resolve();
      }),
    );
    await writeFile(configFile, JSON.stringify(config));
    await changed;
    expect((await waiting).short_name).toBe('Nova Live');
    const drawnByBothRuns = renderer.drawn - drawnAtChange;

    // One whole run of the new config, for comparison: the superseded run drew at most the two
    // images its child held when it was stopped, not its ~500 others.
    const before = renderer.drawn;
    await forge(await loadCreator(configFile), { renderer });
    const oneRun = renderer.drawn - before;
    expect(oneRun).toBeGreaterThan(400);
    expect(drawnByBothRuns).toBeLessThanOrEqual(oneRun + 2);
  });

  it('stops its run when the dev server closes', async () => {
    const waiting = fetch(`${origin}/site.webmanifest`).catch(() => undefined);
    await until(() => renderer.drawn > 0, 'the run draws');
    await server.close();
    // A job queued now is drawn right after the two the child held, not after the rest of the run.
    await renderer.rasterize({ svg: '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>', width: 2, height: 2, output: 'rgba' });
    expect(renderer.drawn - drawnAtClose).toBeLessThanOrEqual(3);
    await waiting;
  });
});
