import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createBuilder, createLogger, createServer, type ViteDevServer } from 'vite';
import dropkitForge from './vite.ts';
import { faviconStage } from './favicon/stage.ts';
import { liveFaviconStage } from './live-favicon/live-favicon.ts';
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

  it("with the set on a CDN, opens the installed app at the config's url: a path would resolve against the CDN's manifest", async () => {
    const root = await mkdtemp(join(app, 'cdn-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>Drop</title></head><body></body></html>');
    const plugins = [dropkitForge({ config: 'brand/creator.json', basePath: 'https://cdn.example/nova/', stages: [faviconStage] })];
    await build({ root, configFile: false, logLevel: 'silent', base: '/shop/', plugins, build: { outDir: 'dist' } });
    const manifest = JSON.parse(await readFile(join(root, 'dist/site.webmanifest'), 'utf8'));
    expect(manifest.icons[0].src).toBe('https://cdn.example/nova/web-app-manifest-192x192.png');
    // '/shop/' against https://cdn.example/nova/site.webmanifest names the CDN, which browsers ignore.
    expect(manifest.start_url).toBe('https://nova.example');
  });

  it('with a protocol-relative basePath (//cdn.example/nova/), writes the set at the output\'s root to upload there', async () => {
    const root = await mkdtemp(join(app, 'cdn-host-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>Drop</title></head><body></body></html>');
    // Under base '/' the path was taken for a folder of the site, /cdn.example/nova/, which the bundler refuses.
    const plugins = [dropkitForge({ config: 'brand/creator.json', basePath: '//cdn.example/nova/', stages: [faviconStage] })];
    await build({ root, configFile: false, logLevel: 'silent', plugins, build: { outDir: 'dist' } });
    expect(await readdir(join(root, 'dist'))).toEqual(expect.arrayContaining(['favicon.ico', 'favicon.svg', 'site.webmanifest', 'index.html']));
    expect(await readFile(join(root, 'dist/index.html'), 'utf8')).toContain('<link rel="icon" type="image/svg+xml" href="//cdn.example/nova/favicon.svg">');
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

  it('warns when the drawing fills little of the canvas, from the icons the build drew', async () => {
    const config = JSON.parse(await readFile(join(app, 'brand/creator.json'), 'utf8'));
    delete config.glyph;
    delete config.homeScreen;
    await writeFile(join(app, 'brand/padded.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000"><circle cx="500" cy="500" r="150" fill="#1b1b3a"/></svg>');
    await writeFile(join(app, 'brand/padded.json'), JSON.stringify({ ...config, mark: 'padded.svg' }));
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root: app, configFile: false, customLogger, plugins: [dropkitForge({ config: 'brand/padded.json', stages: [faviconStage] })], build: { outDir: 'dist-padded' } });
    expect(warnings).toEqual([expect.stringMatching(/^dropkit forge: note: brand\/padded\.json: the drawing fills only 31 % of the mark's width and 30 % of its height, /)]);
  });

  it('warns when the mark hardly shows on colors.background, naming the colours and the files', async () => {
    const config = JSON.parse(await readFile(join(app, 'brand/creator.json'), 'utf8'));
    delete config.glyph;
    delete config.homeScreen;
    await writeFile(join(app, 'brand/white.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="40" fill="#fff"/></svg>');
    await writeFile(join(app, 'brand/white.json'), JSON.stringify({ ...config, mark: 'white.svg', colors: { ...config.colors, background: '#ffffff' } }));
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root: app, configFile: false, customLogger, plugins: [dropkitForge({ config: 'brand/white.json', stages: [faviconStage] })], build: { outDir: 'dist-white' } });
    expect(warnings).toEqual([
      'dropkit forge: note: brand/white.json: the mark hardly shows on colors.background (#ffffff) in apple-touch-icon.png and web-app-manifest-maskable-512x512.png: ' +
        'its most visible colour there, #ffffff, has a contrast of 1.00:1 against it, below the 1.5:1 under which a shape hardly stands out; ' +
        'give the mark a colour that stands out from #ffffff, or choose another colors.background',
    ]);
  });

  it('puts the snippet after the doctype and <meta charset> of a page without <head>', async () => {
    const root = await mkdtemp(join(app, 'no-head-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    // <head> and </head> are optional in HTML; the snippet went before the doctype (quirks mode).
    await writeFile(join(root, 'index.html'), '<!doctype html>\n<meta charset="utf-8">\n<title>Drop</title>\n<p>Drop</p>\n');
    await build({ root, configFile: false, logLevel: 'silent', plugins: plugins(), build: { outDir: 'dist' } });
    const html = await readFile(join(root, 'dist/index.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<meta charset="utf-8">\n<link rel="icon" /);
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
  });

  it.each([
    ["base './'", { base: './' } as { base: string; basePath?: string }],
    // An explicit basePath './' gave nested pages ./ hrefs, naming their own folder.
    ["basePath './'", { base: '/', basePath: './' }],
  ])("with %s, gives each page of a multi-page app hrefs that reach the set from its own folder", async (_name, { base, basePath }) => {
    const plugins = () => [dropkitForge({ config: 'brand/creator.json', stages: [faviconStage], ...(basePath ? { basePath } : {}) })];
    const root = await mkdtemp(join(app, 'relative-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>Home</title></head><body></body></html>');
    await cp(join(root, 'index.html'), join(root, 'about/index.html'), { recursive: true });
    await cp(join(root, 'index.html'), join(root, 'shop/tees/index.html'), { recursive: true });
    const input = { main: join(root, 'index.html'), about: join(root, 'about/index.html'), tees: join(root, 'shop/tees/index.html') };
    await build({ root, configFile: false, logLevel: 'silent', base, plugins: plugins(), build: { outDir: 'dist', rollupOptions: { input } } });
    const out = join(root, 'dist');
    for (const page of ['index.html', 'about/index.html', 'shop/tees/index.html']) {
      const html = await readFile(join(out, page), 'utf8');
      const hrefs = [...html.matchAll(/<link [^>]*href="([^"]+)"/g)].map((match) => match[1]!);
      expect(hrefs.length).toBeGreaterThan(4);
      // Each href, resolved as the browser does from the page's own URL, names a file the build wrote.
      for (const href of hrefs) {
        const file = new URL(href, `https://shop.example/${page}`).pathname.slice(1);
        expect({ page, href, file, exists: await readFile(join(out, file)).then(() => true, () => false) }).toEqual({ page, href, file, exists: true });
      }
    }
    expect(await readFile(join(out, 'shop/tees/index.html'), 'utf8')).toContain('href="../../favicon.svg"');
    // start_url is resolved against the manifest's URL (at the output's root): the app's root.
    const manifest = JSON.parse(await readFile(join(out, 'site.webmanifest'), 'utf8'));
    expect(new URL(manifest.start_url, 'https://shop.example/app/site.webmanifest').href).toBe(base === './' ? 'https://shop.example/app/' : 'https://shop.example/');
  });

  it.each([
    ['', plugins],
    // basePath './' was served in dev under no path a request has: every link a 404.
    [" with basePath './'", () => [dropkitForge({ config: 'brand/creator.json', basePath: './', stages: [faviconStage] })]],
  ])("in dev under base '/shop/'%s, every link the page gets is served (Vite's dev rewrite doubled the base)", async (_name, plugins) => {
    const server = await createServer({ root: app, configFile: false, logLevel: 'silent', base: '/shop/', plugins: plugins(), server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
      const html = await (await fetch(`${origin}/shop/`, { headers: { accept: 'text/html' } })).text();
      const hrefs = [...html.matchAll(/<link [^>]*href="([^"]+)"/g)].map((match) => match[1]!);
      expect(hrefs).toContain('/shop/favicon.svg');
      for (const href of hrefs) {
        const response = await fetch(new URL(href, `${origin}/shop/`));
        expect({ href, status: response.status, type: response.headers.get('content-type') }).toEqual({ href, status: 200, type: expect.stringMatching(/^image\/|^application\/manifest\+json$/) });
      }
    } finally {
      await server.close();
    }
  });

  it('in dev, serves a basePath written without its last slash where the page links it', async () => {
    // The page linked /shop/brand/favicon.svg, but the server looked for /shop/brand + a name: Vite's
    // index.html answered every link (200, text/html).
    const server = await createServer({
      root: app,
      configFile: false,
      logLevel: 'silent',
      base: '/shop/',
      plugins: [dropkitForge({ config: 'brand/creator.json', basePath: '/shop/brand', stages: [faviconStage] })],
      server: { port: 0, host: '127.0.0.1' },
    });
    await server.listen();
    try {
      const origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
      const html = await (await fetch(`${origin}/shop/`, { headers: { accept: 'text/html' } })).text();
      const hrefs = [...html.matchAll(/<link [^>]*href="([^"]+)"/g)].map((match) => match[1]!);
      expect(hrefs).toContain('/shop/brand/favicon.svg');
      for (const href of hrefs) {
        const response = await fetch(new URL(href, origin));
        expect({ href, status: response.status, type: response.headers.get('content-type') }).toEqual({ href, status: 200, type: expect.stringMatching(/^image\/|^application\/manifest\+json$/) });
      }
    } finally {
      await server.close();
    }
  });

  it("with a config forge refuses, dev still serves Vite's client and the app, so the error page shows the overlay", async () => {
    await writeFile(join(app, 'broken-dev.json'), JSON.stringify({ name: 'x', mark: 'missing.svg', colors: { brand: '#fff', background: '#000' } }));
    await writeFile(join(app, 'app-code.js'), 'export const drop = 1;');
    const server = await createServer({ root: app, configFile: false, logLevel: 'silent', plugins: [dropkitForge({ config: 'broken-dev.json' })], server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
      const page = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(500);
      const errorPage = await page.text();
      expect(errorPage).toContain('dropkit forge: Expected mark to name a readable file');
      // The error page draws the overlay and hears the reload through Vite's client.
      expect(errorPage).toContain('/@vite/client');
      const client = await fetch(`${origin}/@vite/client`);
      expect(client.status).toBe(200);
      expect(client.headers.get('content-type')).toMatch(/javascript/);
      const code = await fetch(`${origin}/app-code.js`);
      expect(code.status).toBe(200);
      expect(await code.text()).toContain('drop = 1');
    } finally {
      await server.close();
    }
  });

  it('forges nothing in an SSR build: the set belongs to the client build', async () => {
    const root = await mkdtemp(join(app, 'ssr-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(join(root, 'entry-server.js'), 'export const render = () => "<h1>Drop</h1>";');
    const renderer = new IsolatedRenderer({ processes: 1 });
    try {
      await build({
        root,
        configFile: false,
        logLevel: 'silent',
        plugins: [dropkitForge({ config: 'brand/creator.json', stages: [faviconStage], renderer })],
        build: { ssr: 'entry-server.js', outDir: 'dist-server' },
      });
      expect(await readdir(join(root, 'dist-server'))).toEqual(['entry-server.mjs']);
      expect(renderer.drawn).toBe(0);
    } finally {
      renderer.close();
    }
  });

  it('forges nothing in a library build: a package has no page to link the set', async () => {
    const root = await mkdtemp(join(app, 'lib-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(join(root, 'widget.js'), 'export const drop = 1;');
    const renderer = new IsolatedRenderer({ processes: 1 });
    try {
      // A plugin list shared by a monorepo's app and its library builds, say.
      await build({
        root,
        configFile: false,
        logLevel: 'silent',
        plugins: [dropkitForge({ config: 'brand/creator.json', stages: [faviconStage], renderer })],
        build: { lib: { entry: 'widget.js', formats: ['es'] }, outDir: 'dist' },
      });
      expect(await readdir(join(root, 'dist'))).toEqual(['widget.mjs']);
      expect(renderer.drawn).toBe(0);
    } finally {
      renderer.close();
    }
  });

  it('emits the set in the client build of an app built by environments (vite build --app), not in its server build', async () => {
    const root = await mkdtemp(join(app, 'environments-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>Drop</title></head><body><script type="module" src="/main.js"></script></body></html>');
    await writeFile(join(root, 'main.js'), 'document.title = "Drop";');
    await writeFile(join(root, 'entry-server.js'), 'export const render = () => "<h1>Drop</h1>";');
    const renderer = new IsolatedRenderer({ processes: 1 });
    try {
      // As an SSR framework configures it: one config, a client and a server environment.
      const builder = await createBuilder({
        root,
        configFile: false,
        logLevel: 'silent',
        plugins: [dropkitForge({ config: 'brand/creator.json', stages: [faviconStage], renderer })],
        environments: {
          client: { build: { outDir: 'dist/client' } },
          ssr: { build: { outDir: 'dist/server', rollupOptions: { input: 'entry-server.js' } } },
        },
      });
      await builder.buildApp();
      const out = join(root, 'dist/client');
      const html = await readFile(join(out, 'index.html'), 'utf8');
      const hrefs = [...html.matchAll(/<link [^>]*href="([^"]+)"/g)].map((match) => match[1]!);
      expect(hrefs).toContain('/favicon.svg');
      // Each link the page got names a file of the client's output.
      for (const href of hrefs) expect({ href, exists: await readFile(join(out, href)).then(() => true, () => false) }).toEqual({ href, exists: true });
      expect(await readdir(join(root, 'dist/server'))).toEqual(['entry-server.mjs']);
    } finally {
      renderer.close();
    }
  });

  it('refuses options it cannot use, naming the option and what it takes', () => {
    const plugin = dropkitForge as (options: unknown) => unknown;
    expect(() => plugin(undefined)).toThrow("dropkit forge: Expected dropkitForge({ config: 'brand/creator.json' }) but received undefined");
    expect(() => plugin({})).toThrow(/^dropkit forge: Expected the config option to be the path of creator\.json relative to Vite's root \(as "brand\/creator\.json"\) but received undefined$/);
    expect(() => plugin({ config: 5 })).toThrow(/the config option .* but received 5$/);
    expect(() => plugin({ config: ' ' })).toThrow(/the config option .* but received " "$/);
    expect(() => plugin({ config: 'brand/creator.json', basePath: 5 })).toThrow('dropkit forge: Expected the basePath option to be a URL path (as "/shop/") but received 5');
    expect(() => plugin({ config: 'brand/creator.json', stages: 'favicon' })).toThrow(
      "dropkit forge: Expected the stages option to be an array of forge's stages (as [faviconStage]) but received \"favicon\"",
    );
    expect(() => plugin({ config: 'brand/creator.json', stages: ['favicon'] })).toThrow(/the stages option .* but received an array$/);
    expect(() => plugin({ config: 'brand/creator.json', renderer: {} })).toThrow(/the renderer option to be an IsolatedRenderer .* but received an object$/);
    expect(() => plugin({ config: 'brand/creator.json', stages: [faviconStage], basePath: '/shop/' })).not.toThrow();
    // Linked as brand/favicon.svg from each page while written to the output's root: a 404 in build and dev.
    for (const basePath of ['brand/', '../brand/', '/shop/?v=1', 'ftp://cdn.example/']) {
      expect(() => plugin({ config: 'brand/creator.json', basePath })).toThrow(
        `dropkit forge: Expected the basePath option to be a URL path from the site's root (as "/shop/"), a full https:// address, or "./", but received ${JSON.stringify(basePath)}; `,
      );
    }
    for (const basePath of ['./', 'https://cdn.example/nova/', '//cdn.example/nova/']) expect(() => plugin({ config: 'brand/creator.json', basePath })).not.toThrow();
  });

  it('writes a set whose basePath lies under the base into that folder: two creators, each set where its page links it', async () => {
    const root = await mkdtemp(join(app, 'two-'));
    await cp(demoCreator, join(root, 'nova'), { recursive: true });
    await cp(demoCreator, join(root, 'other'), { recursive: true });
    const other = JSON.parse(await readFile(join(root, 'other/creator.json'), 'utf8'));
    await writeFile(join(root, 'other/creator.json'), JSON.stringify({ ...other, name: 'Other Shop', shortName: 'Other Shop' }));
    await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>Home</title></head><body></body></html>');
    const twoCreators = (second: string) => [
      dropkitForge({ config: 'nova/creator.json', basePath: '/shop/nova/', stages: [faviconStage] }),
      dropkitForge({ config: 'other/creator.json', basePath: second, stages: [faviconStage] }),
    ];
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root, configFile: false, customLogger, base: '/shop/', plugins: twoCreators('/shop/other/'), build: { outDir: 'dist' } });
    // The second plugin finds the first one's snippet in the page: not the page's own tags.
    expect(warnings).toEqual([]);
    const out = join(root, 'dist');
    const html = await readFile(join(out, 'index.html'), 'utf8');
    const hrefs = [...html.matchAll(/<link [^>]*href="([^"]+)"/g)].map((match) => match[1]!);
    expect(hrefs).toEqual(expect.arrayContaining(['/shop/nova/favicon.svg', '/shop/other/favicon.svg']));
    // Served from dist/ at /shop/: every link names a file the build wrote.
    for (const href of hrefs) expect({ href, exists: await readFile(join(out, href.slice('/shop/'.length))).then(() => true, () => false) }).toEqual({ href, exists: true });
    const novaManifest = JSON.parse(await readFile(join(out, 'nova/site.webmanifest'), 'utf8'));
    expect(novaManifest.name).toBe('Nova Threads');
    expect(JSON.parse(await readFile(join(out, 'other/site.webmanifest'), 'utf8')).name).toBe('Other Shop');
    // Installed, the app opens at its root (Vite's base), not the folder of the icons (/shop/nova/).
    expect(novaManifest.start_url).toBe('/shop/');

    await expect(
      build({ root, configFile: false, logLevel: 'silent', base: '/shop/', plugins: twoCreators('/shop/nova/'), build: { outDir: 'dist-same' } }),
    ).rejects.toThrow(/dropkit forge: other\/creator\.json would write nova\/[\w.-]+, which the build already has .*: give each creator its own basePath/);
  });

  it("warns about the page's own favicon (create-vite's template) that the snippet would compete with", async () => {
    const root = await mkdtemp(join(app, 'own-icon-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <link rel="icon" type="image/svg+xml" href="/vite.svg" />\n' +
        '    <meta name="theme-color" content="#646cff">\n    <title>Drop</title>\n  </head>\n  <body></body>\n</html>\n',
    );
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root, configFile: false, customLogger, plugins: plugins(), build: { outDir: 'dist' } });
    expect(warnings).toEqual([
      'dropkit forge: index.html has tags of its own that the forged head snippet also sets (<link rel="icon" type="image/svg+xml" href="/vite.svg" /> ' +
        '<meta name="theme-color" content="#646cff">): the browser picks one of each by its own rules, so remove them from index.html to show brand/creator.json\'s icons',
    ]);
  });

  it('warns about files of public/ that the set replaces (create-vue ships public/favicon.ico), in the build and in dev', async () => {
    const root = await mkdtemp(join(app, 'public-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>Drop</title></head><body></body></html>');
    await mkdir(join(root, 'public'));
    await writeFile(join(root, 'public/favicon.ico'), 'the template favicon');
    // A manifest of the app's own, with fields forge does not write: replaced without a word.
    await writeFile(join(root, 'public/site.webmanifest'), JSON.stringify({ name: 'Nova', shortcuts: [{ name: 'Drops', url: '/drops' }] }));
    await writeFile(join(root, 'public/robots.txt'), 'User-agent: *');
    const expected =
      'dropkit forge: public/favicon.ico and public/site.webmanifest have the names of files in brand/creator.json\'s set, which replace them ' +
      '(in the build and in vite dev): remove them from public/, or give the plugin a basePath of its own';
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root, configFile: false, customLogger, plugins: plugins(), build: { outDir: 'dist' } });
    expect(warnings).toEqual([expected]);
    expect(JSON.parse(await readFile(join(root, 'dist/site.webmanifest'), 'utf8')).name).toBe('Nova Threads');

    warnings.length = 0;
    const server = await createServer({ root, configFile: false, customLogger, plugins: plugins(), server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
      // forge's icon is served, not public/'s (an ICO file starts 00 00 01 00).
      expect([...new Uint8Array(await (await fetch(`${origin}/favicon.ico`)).arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
      await fetch(`${origin}/site.webmanifest`);
      expect(warnings).toEqual([expected]);
    } finally {
      await server.close();
    }
  });

  it('reads rel as the browser does, a list of words: an "alternate icon" of the page is named too', async () => {
    const root = await mkdtemp(join(app, 'rel-list-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    // The pair many guides recommend: an SVG icon and the ICO as its alternate.
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html>\n<html><head><link rel="alternate icon" href="/old.ico"><link rel="stylesheet" href="/style.css"><title>Drop</title></head><body></body></html>\n',
    );
    await writeFile(join(root, 'style.css'), 'h1 { color: navy }');
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root, configFile: false, customLogger, plugins: plugins(), build: { outDir: 'dist' } });
    expect(warnings).toEqual([expect.stringMatching(/^dropkit forge: index\.html has tags of its own that the forged head snippet also sets \(<link rel="alternate icon" href="\/old\.ico">\): /)]);
  });

  it('names rel words in any case, spacing and spelling, links between the comments of a conditional comment, and not other links', async () => {
    const root = await mkdtemp(join(app, 'rel-spellings-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    const own = ['<LINK REL="SHORTCUT ICON" HREF="/old.ico">', '<link rel=apple-touch-icon-precomposed href=/touch.png>', '<link rel="\tmask-icon\n" href="/mask.svg">', '<link rel="icon" href="/revealed.svg">'];
    await writeFile(
      join(root, 'index.html'),
      `<!doctype html>\n<html><head>${own[0]}${own[1]}${own[2]}<link rel="preload" as="image" href="/hero.png"><link rel="stylesheet" href="/style.css">` +
        `<!--[if lt IE 9]><link rel="shortcut icon" href="/ie.ico"><![endif]--><!--[if !IE]><!-->${own[3]}<!--<![endif]--><title>Drop</title></head><body></body></html>\n`,
    );
    await writeFile(join(root, 'style.css'), 'h1 { color: navy }');
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root, configFile: false, customLogger, plugins: plugins(), build: { outDir: 'dist' } });
    expect(warnings).toEqual([`dropkit forge: index.html has tags of its own that the forged head snippet also sets (${own.join(' ')}): ` + "the browser picks one of each by its own rules, so remove them from index.html to show brand/creator.json's icons"]);
  });

  it('does not take tags in a comment of the page for tags of its own', async () => {
    const root = await mkdtemp(join(app, 'commented-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    // The browser reads none of these; told to remove them, the creator finds nothing to remove.
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html>\n<html><head>\n<!-- <link rel="icon" href="/favicon.ico"> -->\n<!--\n  <meta name="theme-color" content="#000">\n-->\n<title>Drop</title></head><body></body></html>\n',
    );
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root, configFile: false, customLogger, plugins: plugins(), build: { outDir: 'dist' } });
    expect(warnings).toEqual([]);
  });

  it('puts the snippet into the head, not into a comment holding </head> (an old layout kept there)', async () => {
    const root = await mkdtemp(join(app, 'comment-head-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html>\n<html><head><title>Drop</title>\n<!-- the old layout:\n<link rel="icon" href="/old.ico"></head><body class="old">\n-->\n</head><body></body></html>\n',
    );
    await build({ root, configFile: false, logLevel: 'silent', plugins: plugins(), build: { outDir: 'dist' } });
    const html = await readFile(join(root, 'dist/index.html'), 'utf8');
    // What the browser reads: the page without its comments.
    const read = html.replace(/<!--[\s\S]*?-->/g, '');
    expect(read).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
    expect(read.indexOf('href="/favicon.svg"')).toBeLessThan(read.indexOf('</head>'));
  });

  it('does not take a <link> in a script, a template or a title for a tag of the page, nor a "<!--" in a script for a comment', async () => {
    const root = await mkdtemp(join(app, 'not-tags-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html>\n<html><head><title>Icons: <link rel="icon"></title>\n' +
        '<script>const tag = \'<link rel="icon" href="/script.ico">\'; const open = "<!--";</script>\n' +
        '<template><link rel="manifest" href="/template.webmanifest"></template>\n' +
        '<link rel="icon" href="/vite.svg">\n</head><body></body></html>\n',
    );
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root, configFile: false, customLogger, plugins: plugins(), build: { outDir: 'dist' } });
    // The one tag the browser reads as the page's icon, named alone.
    expect(warnings).toEqual([expect.stringMatching(/^dropkit forge: index\.html has tags of its own that the forged head snippet also sets \(<link rel="icon" href="\/vite\.svg">\): /)]);
  });

  it("does not warn about the page's own icon and manifest when the set makes neither (no favicon stage)", async () => {
    // Such a set linked a manifest without icons, and the warning told the creator to remove the
    // page's own manifest (and its icons) for it.
    const root = await mkdtemp(join(app, 'no-favicon-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html>\n<html><head><link rel="icon" href="/vite.svg"><link rel="manifest" href="/app.webmanifest">' +
        '<meta name="theme-color" content="#646cff"><title>Drop</title></head><body></body></html>\n',
    );
    const warnings: string[] = [];
    const customLogger = { ...createLogger('silent'), warn: (message: string) => void warnings.push(message) };
    await build({ root, configFile: false, customLogger, plugins: [dropkitForge({ config: 'brand/creator.json', stages: [liveFaviconStage] })], build: { outDir: 'dist' } });
    // The theme colour is the one tag both set.
    expect(warnings).toEqual([expect.stringMatching(/^dropkit forge: index\.html has tags of its own that the forged head snippet also sets \(<meta name="theme-color" content="#646cff">\): /)]);
    expect(await readdir(join(root, 'dist'))).not.toContain('site.webmanifest');
    const html = await readFile(join(root, 'dist/index.html'), 'utf8');
    expect(html.match(/rel="manifest"/g)).toEqual(['rel="manifest"']);
  });

  it('gives an app whose pages a server renders (no HTML input) the snippet as head.html beside the set, built and in dev', async () => {
    const root = await mkdtemp(join(app, 'backend-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    await mkdir(join(root, 'resources/js'), { recursive: true });
    await writeFile(join(root, 'resources/js/app.ts'), 'export const drop: number = 1;\nconsole.log(drop);\n');
    // As laravel-vite-plugin configures it: a script in, a manifest out, the output under public/
    // at /build/ once built; in dev, base '' and a placeholder origin its transform replaces.
    const laravel = { root, configFile: false, logLevel: 'silent', plugins: plugins(), publicDir: false, build: { manifest: true, outDir: 'public/build', rollupOptions: { input: 'resources/js/app.ts' } } } as const;
    await build({ ...laravel, base: '/build/' });
    const head = await readFile(join(root, 'public/build/head.html'), 'utf8');
    const hrefs = [...head.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
    expect(hrefs).toContain('/build/favicon.svg');
    // public/ is the site's root: every link names a file the build wrote.
    for (const href of hrefs) expect({ href, exists: await readFile(join(root, 'public', href)).then(() => true, () => false) }).toEqual({ href, exists: true });
    expect(await readdir(join(root, 'public/build'))).not.toContain('forge.json');

    for (const origin of ['__laravel_vite_placeholder__', 'http://vite.test:5173']) {
      const server = await createServer({ ...laravel, base: '', server: { port: 0, host: '127.0.0.1', origin } });
      await server.listen();
      try {
        const served = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
        // The backend's template fetches it from the dev server; its page is on another origin.
        const response = await fetch(`${served}/head.html`);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const hrefs = [...(await response.text()).matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
        const at = origin.startsWith('http:') ? origin : served;
        expect(hrefs).toContain(`${at}/favicon.svg`);
        for (const href of hrefs) {
          expect(href.startsWith(`${at}/`)).toBe(true);
          const file = await fetch(`${served}${href.slice(at.length)}`);
          expect({ href, status: file.status, type: file.headers.get('content-type') }).toEqual({ href, status: 200, type: expect.stringMatching(/^image\/|^application\/manifest\+json$/) });
        }
      } finally {
        await server.close();
      }
    }
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
      // An app with pages has them take the snippet: no head.html (here Vite's fallback, the page).
      expect(await (await fetch(`${origin}/head.html`, { headers: { accept: 'text/html' } })).text()).toMatch(/^<!doctype html>/i);
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

/**
 * What a page's HMR client hears: a real WebSocket to the dev server (Node 20 has no WebSocket
 * client), speaking just enough RFC 6455 to read the server's unmasked, unfragmented text frames.
 */
function listenAsAPage(origin: string): Promise<{ messages: { type: string }[]; close: () => void }> {
  return new Promise((connected, failed) => {
    const upgrade = request(`${origin}/`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': 'vite-hmr',
      },
    });
    upgrade.on('upgrade', (_response, socket, head) => {
      const messages: { type: string }[] = [];
      let pending = Buffer.alloc(0);
      const read = (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2) {
          let length = pending[1]! & 0x7f;
          let start = 2;
          if (length === 126) [length, start] = [pending.length >= 4 ? pending.readUInt16BE(2) : Infinity, 4];
          else if (length === 127) [length, start] = [pending.length >= 10 ? Number(pending.readBigUInt64BE(2)) : Infinity, 10];
          if (pending.length < start + length) break;
          if ((pending[0]! & 0x0f) === 1) messages.push(JSON.parse(pending.subarray(start, start + length).toString('utf8')));
          pending = pending.subarray(start + length);
        }
      };
      // The server's first frame ("connected") may come in the same packet as the upgrade answer.
      read(head);
      socket.on('data', read);
      socket.on('error', () => {});
      connected({ messages, close: () => socket.destroy() });
    });
    upgrade.on('response', (response) => failed(new Error(`expected a WebSocket upgrade but received HTTP ${response.statusCode}`)));
    upgrade.on('error', failed);
    upgrade.end();
  });
}

describe('@dropkit/forge/vite in dev, watching the files the set is forged from', () => {
  // A creator without a glyph, so the mark is what favicon.svg draws; mark-b.svg is a second mark
  // the config can switch to. app.css stands for the app's own code, edited all day long.
  const INK = '#1b1b3a';
  let renderer: IsolatedRenderer;
  let server: ViteDevServer;
  let origin: string;
  let page: Awaited<ReturnType<typeof listenAsAPage>>;
  let folder: string;
  let config: Record<string, unknown>;
  let markSvg: string;
  /** What the plugin told the terminal (Vite's info lines). */
  let logged: string[];

  const served = async (name: string) => (await fetch(`${origin}/${name}`)).text();
  const reloads = () => page.messages.filter((message) => message.type === 'full-reload').length;
  /** Writes a file and resolves once the dev server's watcher has reported it (after the plugin, whose listener came first). */
  const save = async (name: string, text: string) => {
    const file = join(folder, name);
    const reported = new Promise<void>((done) => {
      const seen = (path: string) => {
        if (resolve(path) !== file) return;
        server.watcher.off('change', seen).off('add', seen);
        done();
      };
      server.watcher.on('change', seen).on('add', seen);
    });
    await writeFile(file, text);
    await reported;
  };

  beforeEach(async () => {
    folder = await mkdtemp(join(app, 'watch-'));
    await cp(demoCreator, folder, { recursive: true });
    config = JSON.parse(await readFile(join(folder, 'creator.json'), 'utf8'));
    delete config.glyph;
    delete config.homeScreen;
    await writeFile(join(folder, 'creator.json'), JSON.stringify(config));
    markSvg = await readFile(join(folder, 'mark.svg'), 'utf8');
    await writeFile(join(folder, 'mark-b.svg'), markSvg.replaceAll(INK, '#0a6b3a'));
    await writeFile(join(folder, 'app.css'), 'h1 { color: navy }');
    renderer = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 });
    logged = [];
    server = await createServer({
      root: app,
      configFile: false,
      customLogger: { ...createLogger('silent'), info: (message: string) => void logged.push(message) },
      plugins: [dropkitForge({ config: relative(app, join(folder, 'creator.json')), stages: [faviconStage], renderer })],
      server: { port: 0, host: '127.0.0.1' },
    });
    await server.listen();
    origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
    page = await listenAsAPage(origin);
    await until(() => page.messages.some((message) => message.type === 'connected'), 'the page is connected');
  });

  afterEach(async () => {
    page.close();
    await server.close();
    renderer.close();
  });

  it("ignores saves of the app's own files: no run is stopped, nothing is drawn again, no reload", async () => {
    const icon = await served('favicon.svg');
    const drawn = renderer.drawn;
    expect(drawn).toBeGreaterThan(0);
    await save('app.css', 'h1 { color: rebeccapurple }');
    await save('main.ts', 'export {};');
    expect(await served('favicon.svg')).toBe(icon);
    expect(renderer.drawn).toBe(drawn);
    // Messages arrive in order: had the saves above reloaded the page, that reload would come first.
    await save('mark.svg', markSvg.replaceAll(INK, '#6b0a3a'));
    await until(() => reloads() > 0, 'the page is told to reload after the mark changed');
    expect(reloads()).toBe(1);
  });

  it('forges again when the mark is saved, serves the new icon and reloads the page once it is ready', async () => {
    const icon = await served('favicon.svg');
    expect(icon).toContain(INK);
    const drawn = renderer.drawn;
    // writeFile empties the file, then writes it: the watcher may report the empty file (a run
    // that read it failed and reloaded the page first, once in about forty runs of this test).
    await save('mark.svg', markSvg.replaceAll(INK, '#6b0a3a'));
    await until(() => reloads() > 0, 'the page is told to reload');
    // The reload comes once the new set is drawn: the page's requests find it ready.
    const drawnAtReload = renderer.drawn;
    expect(drawnAtReload).toBeGreaterThan(drawn);
    const newIcon = await served('favicon.svg');
    expect(newIcon).toContain('#6b0a3a');
    expect(newIcon).not.toContain(INK);
    expect(renderer.drawn).toBe(drawnAtReload);
    expect(reloads()).toBe(1);
  });

  it('waits for a mark saved in two steps (emptied, then written): no run of the empty file, one reload once the new set is drawn', async () => {
    expect(await served('favicon.svg')).toContain(INK);
    const drawn = renderer.drawn;
    // Step one, as editors that truncate before they write: the watcher reports an empty mark.
    await save('mark.svg', '');
    // Forge either reads it (and fails, and the failed run reloads the page onto its error) or says it waits.
    await until(() => reloads() > 0 || logged.some((line) => line.includes('mark.svg is empty')), 'forge reads the empty mark or waits for the rest of the save');
    expect(reloads()).toBe(0);
    expect(renderer.drawn).toBe(drawn);
    // Step two.
    await save('mark.svg', markSvg.replaceAll(INK, '#6b0a3a'));
    await until(() => reloads() > 0, 'the page is told to reload');
    expect(renderer.drawn).toBeGreaterThan(drawn);
    expect(await served('favicon.svg')).toContain('#6b0a3a');
    expect(reloads()).toBe(1);
  });

  it('follows the config to another mark: its saves count, the old mark is ignored from then on', async () => {
    expect(await served('favicon.svg')).toContain(INK);
    await save('creator.json', JSON.stringify({ ...config, mark: 'mark-b.svg' }));
    await until(() => reloads() === 1, 'the page is told to reload after the config changed');
    expect(await served('favicon.svg')).toContain('#0a6b3a');

    const drawn = renderer.drawn;
    await save('mark.svg', markSvg.replaceAll(INK, '#6b0a3a'));
    expect(await served('favicon.svg')).toContain('#0a6b3a');
    expect(renderer.drawn).toBe(drawn);

    await save('mark-b.svg', markSvg.replaceAll(INK, '#3a0a6b'));
    await until(() => reloads() === 2, 'the page is told to reload after the new mark changed');
    expect(renderer.drawn).toBeGreaterThan(drawn);
    expect(await served('favicon.svg')).toContain('#3a0a6b');
    expect(reloads()).toBe(2);
  });

  it('still forges and reloads on a save after the dev server restarted (the `r` shortcut, a saved .env)', async () => {
    expect(await served('favicon.svg')).toContain(INK);
    // A restart keeps a plugin given inline (Storybook, frameworks, this test): Vite starts the
    // new server, then closes the old one.
    page.close();
    await server.restart();
    origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
    page = await listenAsAPage(origin);
    await until(() => page.messages.some((message) => message.type === 'connected'), 'the page is connected again');
    expect(await served('favicon.svg')).toContain(INK);
    await save('mark.svg', markSvg.replaceAll(INK, '#6b0a3a'));
    await until(() => reloads() > 0, 'the page is told to reload after the mark changed');
    expect(await served('favicon.svg')).toContain('#6b0a3a');
  });

  it('forges as soon as a mark the config names but that is missing appears', async () => {
    expect(await served('favicon.svg')).toContain(INK);
    await save('creator.json', JSON.stringify({ ...config, mark: 'mark-c.svg' }));
    // The failed run reloads the page too, which then shows forge's message.
    await until(() => reloads() === 1, 'the page is told to reload after the config changed');
    expect((await fetch(`${origin}/favicon.svg`)).status).toBe(500);
    await save('mark-c.svg', markSvg.replaceAll(INK, '#3a0a6b'));
    await until(() => reloads() === 2, 'the page is told to reload once the mark exists');
    expect(await served('favicon.svg')).toContain('#3a0a6b');
  });
});

describe('@dropkit/forge/vite in `vite build --watch`', () => {
  // As in dev: no glyph, so favicon.svg draws the mark; main.js stands for the app's own code.
  const INK = '#1b1b3a';
  let root: string;
  let config: Record<string, unknown>;
  let renderer: IsolatedRenderer;
  /** What `build` returns with `build.watch` set (Rolldown's watcher in Vite 8, Rollup's before). */
  let watcher: Extract<Awaited<ReturnType<typeof build>>, { on: unknown }> | undefined;
  let builds = 0;
  let errors: Error[] = [];

  beforeEach(async () => {
    root = await mkdtemp(join(app, 'build-watch-'));
    await cp(demoCreator, join(root, 'brand'), { recursive: true });
    config = JSON.parse(await readFile(join(root, 'brand/creator.json'), 'utf8'));
    delete config.glyph;
    delete config.homeScreen;
    await writeFile(join(root, 'brand/creator.json'), JSON.stringify(config));
    await writeFile(join(root, 'index.html'), '<!doctype html><html><head><title>Drop</title></head><body><script type="module" src="./main.js"></script></body></html>');
    await writeFile(join(root, 'main.js'), 'document.title = "Drop";');
    renderer = new IsolatedRenderer({ processes: 1, timeoutMs: 30_000 });
    builds = 0;
    errors = [];
    watcher = undefined;
  });

  afterEach(async () => {
    await watcher?.close();
    renderer.close();
  });

  /** Starts `vite build --watch` and resolves once its first build has ended (built or failed). */
  const startWatching = async (creator = 'brand/creator.json') => {
    watcher = (await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [dropkitForge({ config: creator, stages: [faviconStage], renderer })],
      build: { outDir: 'dist', watch: {} },
    })) as NonNullable<typeof watcher>;
    // `build` resolves as the first build starts, long before forging lets it end.
    watcher.on('event', (event) => {
      if (event.code === 'BUNDLE_END') void event.result.close();
      if (event.code === 'ERROR') {
        errors.push(event.error);
        void event.result.close();
      }
      if (event.code === 'END') builds += 1;
    });
    await until(() => builds === 1, 'the first build ends');
  };
  const emitted = () => readFile(join(root, 'dist/favicon.svg'), 'utf8');
  /** Writes a file and resolves once the build it starts has ended (fails if none does). */
  const saveAndRebuild = async (name: string, text: string) => {
    const before = builds;
    await writeFile(join(root, name), text);
    await until(() => builds > before, `${name} rebuilds`, 10_000);
    expect(errors).toEqual([]);
  };

  it('forges again when the mark is edited: the emitted icon follows it', async () => {
    await startWatching();
    expect(errors).toEqual([]);
    expect(await emitted()).toContain(INK);
    const drawn = renderer.drawn;
    expect(drawn).toBeGreaterThan(0);
    const markSvg = await readFile(join(root, 'brand/mark.svg'), 'utf8');
    await saveAndRebuild('brand/mark.svg', markSvg.replaceAll(INK, '#6b0a3a'));
    const icon = await emitted();
    expect(icon).toContain('#6b0a3a');
    expect(icon).not.toContain(INK);
    expect(renderer.drawn).toBeGreaterThan(drawn);
  });

  it("reuses the forged set when the app's own code is edited", async () => {
    await startWatching();
    expect(errors).toEqual([]);
    const icon = await emitted();
    const drawn = renderer.drawn;
    await saveAndRebuild('main.js', 'document.title = "Drop soon";');
    expect(await readFile(join(root, 'dist/index.html'), 'utf8')).toContain('rel="icon"');
    expect(await emitted()).toBe(icon);
    expect(renderer.drawn).toBe(drawn);
  });

  it('forges once the mark the first build failed on is created in its folder', async () => {
    await writeFile(join(root, 'brand/creator.json'), JSON.stringify({ ...config, mark: 'new-mark.svg' }));
    await startWatching();
    expect(errors.map(String)).toEqual([expect.stringMatching(/dropkit forge: Expected mark to name a readable file .*new-mark\.svg/)]);
    errors = [];
    // Written beside and renamed into place, as many editors save: one event, the whole file.
    await writeFile(join(root, 'new-mark.tmp'), await readFile(join(root, 'brand/mark.svg'), 'utf8'));
    const before = builds;
    await rename(join(root, 'new-mark.tmp'), join(root, 'brand/new-mark.svg'));
    await until(() => builds > before, 'creating the mark rebuilds', 10_000);
    expect(errors).toEqual([]);
    expect(await emitted()).toContain(INK);
  });

  it('does not watch the root for a mark missing there: the build writes into it, which would rebuild forever', async () => {
    await writeFile(join(root, 'creator.json'), JSON.stringify({ ...config, mark: 'missing.svg' }));
    await startWatching('creator.json');
    expect(errors.map(String)).toEqual([expect.stringMatching(/dropkit forge: Expected mark to name a readable file .*missing\.svg/)]);
    // With the root watched, creating the mark builds, the build writes dist/ inside the root, the
    // watch reports that, and so on (measured: 108 builds in 3 s). Not watched, nothing happens.
    await writeFile(join(root, 'missing.svg'), await readFile(join(root, 'brand/mark.svg'), 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(builds).toBe(1);
  });

  it('builds again once the config the first build failed on is fixed', async () => {
    await writeFile(join(root, 'brand/creator.json'), JSON.stringify({ ...config, mark: 'missing.svg' }));
    await startWatching();
    expect(errors.map(String)).toEqual([expect.stringMatching(/dropkit forge: Expected mark to name a readable file/)]);
    errors = [];
    await saveAndRebuild('brand/creator.json', JSON.stringify(config));
    expect(await emitted()).toContain(INK);
  });
});
