/**
 * `npm run check:engines`: opens the demo page and the pages in tools/engines/pages.mjs in WebKit
 * (Safari's engine, through WebKitGTK's MiniBrowser and WebKitWebDriver), Gecko (Firefox ESR,
 * through puppeteer's WebDriver BiDi) and Chromium, the engine every other test uses, as the
 * reference. For each page and engine it reads, in the page, what it said (console errors and
 * warnings, uncaught errors), whether each dropkit element rendered its shadow DOM and in which
 * state, and takes a screenshot. Exit 1 when an engine shows something Chromium does not. Two
 * pages are also acted on (`actions`): the print page is printed for real where the engine can print
 * under automation, and the clock page is left and come back to in every way each engine really
 * does (another window, another tab, minimised, the back/forward cache) with its clock set forward
 * while away.
 *
 * Needs a build (`npm run build`). Part of `npm test`, after the story tests have started beside it
 * (`tools/together.mjs`). Installs the engines from Debian when run as root and they are missing
 * (`tools/ensure-browsers.mjs`, which `npm test` runs first).
 *
 *   node tools/engines.mjs [--engines webkit,firefox] [--pages countdown,button] [--shots <dir>]
 *   node tools/engines.mjs --serve [--port 4174]   only serves the pages, to open them by hand
 *                                                  (a real iPhone on the same network, with --host 0.0.0.0)
 */
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, findChromium } from './chromium.mjs';
import { WEBKIT_DRIVER, ensureBrowsers, findFirefox, findMiniBrowser } from './ensure-browsers.mjs';
import { startDemo } from './demo.mjs';
import { pages, setBase } from './engines/pages.mjs';
import { strictCsp } from '../test/support/strict-csp.mjs';
import { contentTypeOf } from './content-types.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const PAGE_NAMES = ['demo', ...Object.keys(pages)];
const wantedPages = option('pages')?.split(',') ?? PAGE_NAMES;
const wantedEngines = option('engines')?.split(',') ?? ['webkit', 'firefox', 'firefox-no-tt'];
const shotsDir = option('shots') ?? join(tmpdir(), 'dropkit-engines');
/** A phone, as most visitors at drop time. */
const VIEWPORT = { width: 390, height: 844 };
/** How long a page may take to reach every data-expect* value (the button page flips 4 s in). */
const SETTLE_MS = 12_000;

// ---------------------------------------------------------------------------------------------
// The engines

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Chromium and Firefox share puppeteer; only the launch differs. */
async function puppeteerEngine(name, launchOptions, clockRouteNames = []) {
  const browser = await puppeteer.launch({ ...launchOptions, defaultViewport: VIEWPORT });
  const page = await browser.newPage();
  let other;
  return {
    name,
    version: await browser.version(),
    async open(url) {
      await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    },
    evaluate: (source) => page.evaluate(source),
    async screenshot(path) {
      await page.screenshot({ path, fullPage: true });
    },
    // A real print: Chromium's print layout (CDP Page.printToPDF), Firefox's BiDi browsingContext.print.
    async print() {
      const pdf = await page.pdf({ format: 'A4', timeout: 30_000 });
      if (Buffer.from(pdf).subarray(0, 5).toString() !== '%PDF-') throw new Error('the print is no PDF');
    },
    clockRoutes: [
      {
        // Headless Chromium tells its pages nothing of a second window; Firefox blurs the first.
        name: 'another window',
        expect: ['focus'],
        leave: async () => void (other = await browser.newPage({ type: 'window' })),
        async comeBack() {
          await page.bringToFront();
          await other.close();
        },
      },
      {
        name: 'another tab',
        expect: ['visibilitychange:visible', 'focus'],
        leave: async () => void (other = await browser.newPage()),
        async comeBack() {
          await page.bringToFront();
          await other.close();
        },
      },
      {
        name: 'back/forward cache',
        shiftWhenHidden: true,
        expect: ['pageshow:persisted'],
        leave: (away) => page.goto(away, { waitUntil: 'load', timeout: 30_000 }),
        // Not page.goBack(): it waits for a load event, and a page restored from the cache has none.
        comeBack: () => page.evaluate('void setTimeout(() => history.back())'),
      },
    ].filter((route) => clockRouteNames.includes(route.name)),
    close: () => browser.close(),
  };
}

/** A private X display: WebKitGTK 2.50's MiniBrowser has no headless mode (--headless is ignored). */
async function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return { display, stop: () => xvfb.kill() };
}

/** WebKitWebDriver speaks classic WebDriver over HTTP: a few fetch calls are the whole client. */
async function webkitEngine() {
  const port = await freePort();
  const x = await startXvfb();
  // Not WEBKIT_DISABLE_COMPOSITING_MODE=1: with it, a screenshot of a page showing an SVG image with
  // <text> (test/media/mark/wordmark.svg) never returns in WebKitGTK 2.50; the page itself is fine.
  const env = { ...process.env, DISPLAY: x.display };
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let driverLog = '';
  driver.stderr.on('data', (chunk) => (driverLog = (driverLog + chunk).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      // A page that hangs WebKit's main thread must fail its check, not stall the run for 5 minutes.
      signal: AbortSignal.timeout(45_000),
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${json.value?.message ?? response.status}`);
    return json.value;
  };
  for (let i = 0; ; i++) {
    try {
      await call('GET', '/status');
      break;
    } catch (error) {
      if (i > 50) {
        driver.kill();
        x.stop();
        throw new Error(`WebKitWebDriver did not start: ${error.message}\n${driverLog}`);
      }
      await sleep(100);
    }
  }
  const session = await call('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        'webkitgtk:browserOptions': { binary: findMiniBrowser(), args: ['--automation'] },
      },
    },
  });
  const id = session.sessionId;
  const at = (path) => `/session/${id}${path}`;
  // The window rect includes MiniBrowser's own frame: grow it by the difference so the page gets a
  // phone's viewport, as in the other engines.
  await call('POST', at('/window/rect'), VIEWPORT).catch(() => {});
  const inner = await call('POST', at('/execute/sync'), { script: 'return [innerWidth, innerHeight]', args: [] });
  await call('POST', at('/window/rect'), { width: 2 * VIEWPORT.width - inner[0], height: 2 * VIEWPORT.height - inner[1] }).catch(() => {});
  // WebDriver's default page-load wait is 5 minutes; a page that does not load in 30 s has failed.
  await call('POST', at('/timeouts'), { pageLoad: 30_000, script: 20_000 });
  const phoneWindow = await call('GET', at('/window'));
  let focusedWindow;
  return {
    name: 'webkit',
    version: `WebKitGTK ${session.capabilities.browserVersion}`,
    // On Xvfb, with no window manager, a MiniBrowser window whose size was set never has the focus
    // again (document.hasFocus() false, no focus event after minimise, maximise or another window;
    // probed): a page that must be left and focused again opens in a window of its own, at
    // MiniBrowser's own size, which has it.
    async open(url, { focused = false } = {}) {
      if (focused) {
        focusedWindow = (await call('POST', at('/window/new'), { type: 'window' })).handle;
        await call('POST', at('/window'), { handle: focusedWindow });
      }
      await call('POST', at('/url'), { url });
    },
    async closeFocused() {
      if (!focusedWindow) return;
      await call('DELETE', at('/window'));
      await call('POST', at('/window'), { handle: phoneWindow });
      focusedWindow = undefined;
    },
    evaluate: (source) => call('POST', at('/execute/sync'), { script: `return (${source})`, args: [] }),
    // WebDriver's screenshot is the viewport only: a page longer than a phone's screen is taken a
    // screen at a time (name.png, name-2.png, …) so what lies below the fold is looked at too.
    async screenshot(path) {
      const [height, screen] = await call('POST', at('/execute/sync'), { script: 'return [document.documentElement.scrollHeight, innerHeight]', args: [] });
      for (let i = 0; i * screen < height; i++) {
        await call('POST', at('/execute/sync'), { script: 'scrollTo(0, arguments[0])', args: [i * screen] });
        // A frame or two for the scrolled page to be painted (and a clip scrolled to, to start).
        if (i > 0) await sleep(300);
        const file = i === 0 ? path : path.replace(/\.png$/, `-${i + 1}.png`);
        writeFileSync(file, Buffer.from(await call('GET', at('/screenshot')), 'base64'));
      }
      await call('POST', at('/execute/sync'), { script: 'scrollTo(0, 0)', args: [] });
    },
    // WebDriver's Print Page; WebKitWebDriver 2.50 answers it "unknown command" (probed).
    async print() {
      let pdf;
      try {
        pdf = await call('POST', at('/print'), {});
      } catch (error) {
        if (/unknown command/i.test(error.message)) return { cannot: error.message };
        throw error;
      }
      if (Buffer.from(pdf, 'base64').subarray(0, 5).toString() !== '%PDF-') throw new Error('the print is no PDF');
      return undefined;
    },
    clockRoutes: [
      {
        // MiniBrowser's window iconified, then maximised: as big as before on a display with no
        // window manager, and focused again.
        name: 'minimised',
        expect: ['visibilitychange:visible', 'focus'],
        leave: () => call('POST', at('/window/minimize'), {}),
        comeBack: () => call('POST', at('/window/maximize'), {}),
      },
      {
        // A second window takes the focus and is closed: focus alone, the page stays visible.
        name: 'another window',
        expect: ['focus'],
        async leave() {
          this.window = (await call('POST', at('/window/new'), { type: 'window' })).handle;
        },
        async comeBack() {
          await call('POST', at('/window'), { handle: this.window });
          await call('DELETE', at('/window'));
          await call('POST', at('/window'), { handle: focusedWindow });
        },
      },
      {
        name: 'back/forward cache',
        shiftWhenHidden: true,
        expect: ['pageshow:persisted'],
        leave: (away) => call('POST', at('/url'), { url: away }),
        comeBack: () => call('POST', at('/back'), {}),
      },
    ],
    async close() {
      await call('DELETE', at('')).catch(() => {});
      driver.kill();
      x.stop();
    },
  };
}

const firefox = (name, prefs = {}) =>
  puppeteerEngine(
    name,
    {
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
      // A muted clip may autoplay, as on a phone; nothing dials out from the closed network.
      extraPrefsFirefox: { 'media.autoplay.default': 0, 'app.update.enabled': false, 'network.captive-portal-service.enabled': false, ...prefs },
    },
    // Another window is focus alone; the cache, pageshow with visibilitychange.
    ['another window', 'back/forward cache'],
  );

const launchers = {
  chromium: () => puppeteerEngine('chromium', { executablePath: findChromium(), args: chromiumArgs, headless: true }, ['another tab', 'back/forward cache']),
  firefox: () => firefox('firefox'),
  // All three engines here enforce Trusted Types; older Safari and Firefox versions do not.
  // This Firefox plays such a browser on the strict CSP page: the kit must work there too.
  'firefox-no-tt': () => firefox('firefox-no-tt', { 'dom.security.trusted_types.enabled': false }),
  webkit: webkitEngine,
};
/** Engines that open only some pages. */
const onlyPages = { 'firefox-no-tt': ['csp'] };

// ---------------------------------------------------------------------------------------------
// The server: the engine pages, the test media, a clock and a stock endpoint; anything else is
// the real demo server's (the kit in dist/cdn, the forged icons, the demo page).

async function serveFile(req, res, dir, relative) {
  const full = normalize(join(dir, decodeURIComponent(relative)));
  if (!full.startsWith(dir + sep) || !(await stat(full).catch(() => null))?.isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  const body = await readFile(full);
  const headers = { 'content-type': contentTypeOf(full), 'cache-control': 'no-cache', 'accept-ranges': 'bytes' };
  // Media engines (GStreamer in WebKitGTK) ask for byte ranges, as they do from any CDN.
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}`, 'content-length': end - start + 1 });
    res.end(body.subarray(start, end + 1));
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
}

async function startServer(demoUrl, { port = 0, host = '127.0.0.1' } = {}) {
  const demo = new URL(demoUrl);
  const captureTag = '<script src="/engines/capture.js"></script>';
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const json = (body) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', date: new Date().toUTCString() }).end(JSON.stringify(body));
      if (url.pathname === '/engines-api/time') return json({ now: Date.now() });
      // Where the clock page's visitor goes before coming back through the back/forward cache.
      if (url.pathname === '/engines-api/away') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>away</title><p>Away from the drop.</p>');
      if (url.pathname === '/engines-api/stock') return json({ available: Number(url.searchParams.get('available') ?? 10) });
      // Bytes that are no video in any codec: how a visitor meets a clip their browser cannot decode.
      if (url.pathname === '/engines-api/undecodable.webm') return res.writeHead(200, { 'content-type': 'video/webm' }).end(Buffer.alloc(4096, 7));
      if (url.pathname.startsWith('/engines/')) return await serveFile(req, res, join(repo, 'tools', 'engines'), url.pathname.slice('/engines/'.length));
      if (url.pathname.startsWith('/media/')) return await serveFile(req, res, join(repo, 'test', 'media'), url.pathname.slice('/media/'.length));
      const name = /^\/p\/([a-z]+)$/.exec(url.pathname)?.[1];
      if (name && pages[name]) {
        setBase(Number(url.searchParams.get('base')) || Date.now());
        const nonce = randomBytes(16).toString('base64');
        const html = pages[name](nonce).replaceAll('/api/', '/engines-api/');
        // The clock page is left and restored from the back/forward cache, which no-store keeps it out of.
        const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': name === 'clock' ? 'no-cache' : 'no-store' };
        if (name === 'csp') headers['content-security-policy'] = strictCsp(nonce);
        return res.writeHead(200, headers).end(html);
      }
      // Everything else is the demo server's; its page gets the capture script first in <head>.
      const upstream = httpRequest({ host: demo.hostname, port: demo.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        if (url.pathname === '/' && answer.statusCode === 200) {
          const chunks = [];
          answer.on('data', (chunk) => chunks.push(chunk));
          answer.on('end', () => {
            const html = Buffer.concat(chunks).toString('utf8').replace('<head>', `<head>\n${captureTag}`);
            const { 'content-length': _, ...headers } = answer.headers;
            res.writeHead(200, headers).end(html);
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', (error) => res.writeHead(502).end(String(error)));
      req.pipe(upstream);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return { server, url: `http://${host}:${server.address().port}/` };
}

// ---------------------------------------------------------------------------------------------
// One page in one engine

const READ = 'window.__engines ? window.__engines.report() : null';

async function check(engine, url, options) {
  await engine.open(url, options);
  // At least 2.5 s: a countdown that reached its state at once may still be corrected by time-src.
  const earliest = Date.now() + 2500;
  const deadline = Date.now() + SETTLE_MS;
  let report = null;
  // Wait for every element to be defined and each data-expect state reached (or the time is up).
  for (;;) {
    const raw = await engine.evaluate(READ);
    report = raw ? JSON.parse(raw) : null;
    const settled =
      report &&
      report.elements.length > 0 &&
      report.elements.every(
        (el) =>
          el.defined &&
          el.shadow &&
          (!el.expect || el.expect === el.state) &&
          (!el.expectPlayback || el.expectPlayback === el.playback) &&
          (!el.expectVariant || el.expectVariant === el.variant) &&
          (!el.expectLangs || el.expectLangs === el.langs.join(' ')),
      );
    if ((settled && Date.now() > earliest) || Date.now() > deadline) break;
    await sleep(500);
  }
  // Late chunks, stock polls and video errors have had their time to speak.
  await sleep(1000);
  const raw = await engine.evaluate(READ);
  return raw ? JSON.parse(raw) : { errors: ['the capture script did not run'], warnings: [], elements: [] };
}

/** Polls a page expression until it is truthy (or `ms` passed); its last value either way. */
async function poll(engine, source, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    // A page being restored from the back/forward cache may not answer for a moment.
    const value = await engine.evaluate(source).catch(() => null);
    if (value || Date.now() > deadline) return value;
    await sleep(200);
  }
}

/**
 * What the pages that need the engine to do something do, once they settled (pages.mjs says why):
 * the print page is printed, the clock page is left and come back to with its clock set while away.
 */
const actions = {
  async print(engine) {
    const expected = await engine.evaluate(
      `(m => m.getAttribute('data-expect-print-${engine.name}') || m.getAttribute('data-expect-print'))(document.getElementById('print-mark'))`,
    );
    await engine.evaluate('window.__print.start()');
    const cannot = (await engine.print())?.cannot;
    if (cannot) return { cannot };
    // The screen's choice after the print comes with the print media's end, which may follow the PDF.
    const record = await poll(engine, `(r => r === ${JSON.stringify(expected)} && r)(window.__print.record())`, 5000);
    return { expected, record: record || (await engine.evaluate('window.__print.record()')) };
  },
  async clock(engine, url) {
    const away = new URL('/engines-api/away', url).href;
    const routes = [];
    for (const route of engine.clockRoutes) {
      await engine.evaluate(`window.__clock.arm(${JSON.stringify(route.name)}, ${Boolean(route.shiftWhenHidden)})`);
      await route.leave(away);
      if (!route.shiftWhenHidden) {
        // Set while away: after the page has seen itself left, so its coming back is what must see it.
        if (!(await poll(engine, 'window.__clock.away()', 5000))) {
          routes.push({ route: route.name, expect: route.expect, error: 'the page was not left (still visible and focused)' });
          await route.comeBack();
          continue;
        }
        await engine.evaluate('window.__clock.shift()');
      }
      await route.comeBack();
      // The reference timer is armed once the engine delivered the events of coming back: whether
      // they came is one check, whether the countdown was re-timed by them the other.
      const back = `typeof window.__clock === 'object' && window.__clock.seen(${JSON.stringify(route.expect)}) && window.__clock.cameBack()`;
      if (!(await poll(engine, back, 10_000))) {
        const events = await engine.evaluate("typeof window.__clock === 'object' ? window.__clock.events() : 'the page did not come back'").catch(() => 'the page did not come back');
        routes.push({ route: route.name, expect: route.expect, error: `coming back delivered ${events}, not all of ${route.expect.join(', ')} (10 s)` });
        continue;
      }
      const result = await poll(engine, 'window.__clock.result()', 15_000);
      routes.push(result ? { ...JSON.parse(result), expect: route.expect } : { route: route.name, expect: route.expect, error: 'no result 15 s after coming back' });
    }
    return { routes };
  },
};
/** Pages an engine opens where the page can have the focus (WebKit: a window of their own). */
const focusedPages = new Set(['clock']);

/** What is wrong with what an engine did on a page with an action. */
function judgeAction(action) {
  const problems = [];
  if (action.error) problems.push(action.error);
  if (action.expected !== undefined && action.record !== action.expected) problems.push(`printed "${action.record}", expected "${action.expected}"`);
  for (const r of action.routes ?? []) {
    const what = `clock set while away (${r.route})`;
    if (r.error) {
      problems.push(`${what}: ${r.error}`);
      continue;
    }
    if (!r.shifted) problems.push(`${what}: the page's clock was never set`);
    const missing = r.expect.filter((e) => !r.events.includes(e));
    if (missing.length) problems.push(`${what}: coming back delivered ${r.events.join(', ') || 'no event'}, not ${missing.join(', ')}`);
    if (!r.conclusive) problems.push(`${what}: came back too late to tell a re-timed countdown from one armed on the clock from before`);
    if (!r.liveAtReference) problems.push(`${what}: not live 1 s after coming back with its clock past T0 (live ${r.lateMs === null ? 'later' : `${r.lateMs} ms after its first event`})`);
  }
  return problems;
}

/** What is wrong with one engine's page, on its own and against Chromium's. */
function judge(report, reference) {
  const problems = [...report.errors.map((e) => `error: ${e}`)];
  const key = (el, i) => `${el.tag}#${el.id ?? i}`;
  const refElements = new Map((reference?.elements ?? []).map((el, i) => [key(el, i), el]));
  report.elements.forEach((el, i) => {
    const ref = refElements.get(key(el, i));
    // A <drop-product> is data: its card is drawn inside the clip, the element itself has no box.
    const shouldRender = ref ? ref.shadow && ref.height > 0 : el.tag !== 'drop-product';
    if (shouldRender && !(el.shadow && el.height > 0)) problems.push(`${key(el, i)} not rendered (defined: ${el.defined}, height ${el.height})`);
    if (el.expect && el.state !== el.expect) problems.push(`${key(el, i)} state ${el.state}, expected ${el.expect}`);
    if (el.expectPlayback && el.playback !== el.expectPlayback) problems.push(`${key(el, i)} playback ${el.playback}, expected ${el.expectPlayback}`);
    if (el.expectVariant && el.variant !== el.expectVariant) problems.push(`${key(el, i)} variant ${el.variant}, expected ${el.expectVariant}`);
    // A price is read from what the creator wrote (24,90; 12.500 dinars): its digits are the point.
    const latin = (t) => t?.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660));
    if (el.expectPrice && latin(el.price) !== el.expectPrice) problems.push(`${key(el, i)} price "${el.price}", expected "${el.expectPrice}"`);
    if (el.expectLangs && el.langs.join(' ') !== el.expectLangs) problems.push(`${key(el, i)} marks lang ${el.langs.join(', ') || 'none'}, expected ${el.expectLangs}`);
    // What the visitor reads: the time left, the moment in both zones, the button's words and
    // price. Digits are left out (the seconds tick between engines; WebKit writes Arabic-Indic ones).
    // Not the clip's: where a 4 s clip is when it is read is timing.
    const words = (t) => t.replace(/[\d\u0660-\u0669]+/g, '#');
    if (ref && el.tag !== 'drop-clip' && words(ref.text) !== words(el.text)) problems.push(`${key(el, i)} reads "${el.text}", Chromium "${ref.text}"`);
    // The moment is the same instant in every engine (pages count from the run's start): its
    // weekday, hours and minutes must match exactly, whichever digits the engine writes them in.
    if (ref && latin(ref.moment) !== latin(el.moment)) problems.push(`${key(el, i)} moment "${el.moment}", Chromium "${ref.moment}"`);
    if (ref && latin(ref.price) !== latin(el.price)) problems.push(`${key(el, i)} price "${el.price}", Chromium "${ref.price}"`);
    // Which words are marked as which language (an English fallback on a Finnish page, de-DE for a
    // server's de_DE) comes from each engine's Intl: a screen reader reads by it.
    if (ref && ref.langs?.join(' ') !== el.langs?.join(' ')) problems.push(`${key(el, i)} marks lang ${el.langs?.join(', ') || 'none'}, Chromium ${ref.langs?.join(', ') || 'none'}`);
    // A state no data-expect names (a clip card following its drop) is still the same drop.
    if (ref && ref.state !== el.state) problems.push(`${key(el, i)} state ${el.state}, Chromium ${ref.state}`);
    // Playing or ended depends on when the 4 s clip was read; an error or a refused play does not.
    const playback = (p) => (p === 'error' || p === 'blocked' || p === 'idle' ? p : 'plays');
    if (ref && playback(ref.playback) !== playback(el.playback)) problems.push(`${key(el, i)} playback ${el.playback}, Chromium ${ref.playback}`);
    if (ref && ref.variant !== el.variant) problems.push(`${key(el, i)} variant ${el.variant}, Chromium ${ref.variant}`);
  });
  if (reference && reference.elements.length !== report.elements.length) {
    problems.push(`${report.elements.length} dropkit elements, Chromium ${reference.elements.length}`);
  }
  // The rest of a warning must match Chromium's, but not: numbers (time words differ by the second),
  // the tag a duplicate kit names (whichever chunk arrived first) and a media error's own words.
  const shape = (w) =>
    w
      .replace(/\d+/g, '#')
      .replace(/already on this page with <[a-z-]+>/, 'already on this page with <…>')
      .replace(/could not be played \(.*\);/, 'could not be played (…);');
  const refWarnings = new Set((reference?.warnings ?? []).map(shape));
  for (const w of report.warnings) if (reference && !refWarnings.has(shape(w))) problems.push(`warning Chromium does not print: ${w}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(repo, 'dist', 'cdn', 'dropkit.js'))) {
    console.error('engines: dist/cdn is missing; run `npm run build` first.');
    process.exit(1);
  }
  if (args.includes('--serve')) {
    const demo = await startDemo({ port: 0 });
    const { url } = await startServer(demo.url, { port: Number(option('port') ?? 4174), host: option('host') ?? '127.0.0.1' });
    console.log(`engine pages: ${PAGE_NAMES.map((name) => (name === 'demo' ? url : `${url}p/${name}`)).join('\n  ')}`);
    return;
  }
  ensureBrowsers();
  mkdirSync(shotsDir, { recursive: true });

  const results = {};
  const engines = ['chromium', ...wantedEngines.filter((e) => e !== 'chromium')];
  let failed = false;
  // The engines run side by side: a check mostly waits (for a page to settle, a drop to flip), so
  // three browsers at once take about as long as one. Each is judged against Chromium's pages once
  // all are read.
  const reports = await Promise.all(
    engines.map(async (name) => {
      const t0 = Date.now();
      // The demo drop at the same instant for every engine (its moment must read the same), ten
      // minutes after the run started: scheduled in every engine, as a visitor first meets it.
      const demo = await startDemo({ port: 0, liveInMs: started + 10 * 60_000 - Date.now() });
      const { server, url } = await startServer(demo.url);
      const pageUrl = (name) => (name === 'demo' ? url : `${url}p/${name}?base=${started}`);
      const stop = async () => {
        server.close();
        await demo.close();
      };
      let engine;
      try {
        engine = await launchers[name]();
      } catch (error) {
        console.error(`${name}: could not start: ${error.message}`);
        failed = true;
        await stop();
        return undefined;
      }
      const pages = {};
      for (const page of wantedPages.filter((p) => !onlyPages[name] || onlyPages[name].includes(p))) {
        try {
          pages[page] = await check(engine, pageUrl(page), { focused: focusedPages.has(page) });
          if (actions[page]) {
            pages[page].action = await actions[page](engine, pageUrl(page)).catch((error) => ({ error: `${page} failed: ${error.message}` }));
          }
          // The clock page is a spacer and countdowns below it: nothing to look at, five screens to take.
          if (page !== 'clock') await engine.screenshot(join(shotsDir, `${name}-${page}.png`));
        } catch (error) {
          pages[page] = { errors: [`check failed: ${error.message}`], warnings: [], elements: [] };
        } finally {
          await engine.closeFocused?.().catch(() => {});
        }
      }
      await engine.close();
      await stop();
      return { version: engine.version, pages, seconds: ((Date.now() - t0) / 1000).toFixed(1) };
    }),
  );
  engines.forEach((name, i) => {
    const read = reports[i];
    if (!read) return;
    results[name] = { version: read.version, seconds: read.seconds, pages: {} };
    for (const [page, report] of Object.entries(read.pages)) {
      const problems = judge(report, name === 'chromium' ? null : results.chromium?.pages[page]?.report);
      if (report.action) problems.push(...judgeAction(report.action));
      if (name === 'firefox-no-tt' && report.trustedTypes) problems.push('Trusted Types still enabled: the pref did not apply');
      results[name].pages[page] = { report, problems };
      if (problems.length) failed = true;
    }
  });
  // The table: engine × page, rendered elements and errors, then every problem in full.
  const cell = (r) => {
    if (!r) return '-';
    // <drop-product>s are data for their clip and have no box of their own: not counted.
    const els = r.report.elements.filter((el) => el.tag !== 'drop-product');
    const rendered = els.filter((el) => el.shadow && el.height > 0).length;
    return `${r.problems.length ? 'FAIL' : 'ok'} ${rendered}/${els.length} rendered, ${r.report.errors.length} errors`;
  };
  const columns = engines.filter((e) => results[e]);
  const rows = [['page', ...columns.map((e) => `${e} (${results[e].version})`)], ...wantedPages.map((p) => [p, ...columns.map((e) => cell(results[e].pages[p]))])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i])).join(' | '));
  console.log('');
  for (const e of columns) {
    for (const p of wantedPages) for (const problem of results[e].pages[p]?.problems ?? []) console.log(`${e} ${p}: ${problem}`);
  }
  for (const e of columns) {
    const tt = results[e].pages.csp?.report.trustedTypes;
    const webm = results[e].pages.clip?.report.webm;
    console.log(`${e}: ${results[e].seconds} s${tt === undefined ? '' : `, Trusted Types ${tt ? 'yes' : 'no'}`}${webm == null ? '' : `, WebM "${webm}"`}`);
    const printed = results[e].pages.print?.report.action;
    if (printed?.cannot) console.log(`  print: cannot print under automation (${printed.cannot})`);
    else if (printed?.record !== undefined) console.log(`  print: ${printed.record}`);
    for (const r of results[e].pages.clock?.report.action?.routes ?? []) {
      console.log(`  clock set while away, ${r.route}: ${r.error ?? `came back ${(r.awayMs / 1000).toFixed(1)} s after leaving, by ${r.events.join(', ')}; live ${r.lateMs < 0 ? `${-r.lateMs} ms before` : `${r.lateMs} ms after`} the first`}`);
    }
  }
  writeFileSync(join(shotsDir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`screenshots and results.json: ${shotsDir}`);
  console.log(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(failed ? 1 : 0);
}

await main();
