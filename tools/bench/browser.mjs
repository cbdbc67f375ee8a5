/**
 * One headless Chromium and one local static server for all browser sections of a bench run.
 * Every measurement gets a fresh context (no shared cache, storage or leftover timers).
 */
import { chromiumArgs, findChromium } from '../chromium.mjs';
import { startServer } from './server.mjs';

export const viewport = { width: 1280, height: 720 };

/** The URL folder bench pages load the kit from; it serves the build being measured. */
export const kitPath = '/kit/';

/**
 * @param {string} repoRoot
 * @param {string} cdnDir the built kit to serve at `kitPath`
 */
export async function openBrowser(repoRoot, cdnDir) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found (set CHROME_PATH or install Debian chromium)');
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error('playwright-core is not installed (npm install at the repository root)');
  }
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const server = await startServer(repoRoot, { [kitPath]: cdnDir });
  return {
    version: browser.version(),
    server,
    /** A page in its own context; the page's origin is the local server, and the network beyond it is refused. */
    async newPage() {
      const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
      const blocked = [];
      await context.route(
        (url) => url.origin !== server.origin,
        (route) => {
          blocked.push(route.request().url());
          return route.abort('internetdisconnected');
        },
      );
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      return { page, cdp, blocked, close: () => context.close() };
    },
    async close() {
      await server.close();
      await browser.close();
    },
  };
}
