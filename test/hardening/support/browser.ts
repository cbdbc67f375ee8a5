/**
 * Pages in the file's Chromium (see server-and-chromium.ts): a page builder that writes a creator's
 * page the way a creator would (the one script tag, their own HTML inside the elements, optionally a
 * nonce for a strict CSP), and a watcher for what the page then does.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { HardeningServer } from './server.ts';

/** Every host name but the test server's fails to resolve at once: fuzzed URLs cannot reach out. */
export const OFFLINE_EXCEPT_LOCALHOST = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

export type KitScript = 'es' | 'iife' | 'none';

export interface PageOptions {
  body: string;
  kit?: KitScript;
  /** Base folder of the kit on the server: the first copy or the second one. */
  cdn?: '/cdn/' | '/cdn-second/';
  head?: string;
  /** When set, every script tag this builder writes carries it. */
  nonce?: string;
  lang?: string;
}

export function kitTag({ kit = 'es', cdn = '/cdn/', nonce }: Pick<PageOptions, 'kit' | 'cdn' | 'nonce'>): string {
  const nonceAttr = nonce ? ` nonce="${nonce}"` : '';
  if (kit === 'es') return `<script type="module" src="${cdn}dropkit.js"${nonceAttr}></script>`;
  if (kit === 'iife') return `<script src="${cdn}dropkit.iife.js"${nonceAttr}></script>`;
  return '';
}

export function creatorPage(options: PageOptions): string {
  return `<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A creator's drop page</title>
${options.head ?? ''}
${kitTag(options)}
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>`;
}

export interface PageWatch {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** console.warn texts (dropkit's dev warnings start with "[dropkit]"). */
  warnings: string[];
  /** console.error texts. */
  consoleErrors: string[];
  /** `securitypolicyviolation` events seen by the document, as "directive blocked-uri sample". */
  violations(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Opens a fresh context (no shared cookies or storage with other tests) and records errors,
 * warnings and CSP violations from before the first byte of the page runs.
 */
export async function openPage(
  browser: Browser,
  url: string,
  contextOptions: BrowserContextOptions = {},
  beforeLoad?: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<PageWatch> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...contextOptions });
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  // Init scripts run through the DevTools protocol, so they are not themselves subject to the page's CSP.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`.trim());
    });
  });
  if (beforeLoad) await beforeLoad(page, context);
  await page.goto(url);
  return {
    page,
    context,
    errors,
    warnings,
    consoleErrors,
    violations: () => page.evaluate(() => [...(globalThis as unknown as { __violations: string[] }).__violations]),
    close: () => context.close(),
  };
}

/** Runs `body` on an opened page, then closes the page's context whether `body` passed or threw. */
export async function withPage<T>(watch: PageWatch, body: (watch: PageWatch) => Promise<T>): Promise<T> {
  try {
    return await body(watch);
  } finally {
    await watch.close();
  }
}

/** The elements that render a shadow root (others, like <drop-product>, are data inside one). */
const RENDERING_TAGS = ['drop-countdown', 'drop-button', 'drop-mark', 'drop-clip'];

/** Resolves when every dropkit element in the page is defined and every widget has rendered once. */
export async function kitSettled(page: Page, timeout = 10_000): Promise<void> {
  // Written out twice on purpose: a function built in the page (new Function) would itself be
  // refused by the strict CSP pages this helper runs in.
  const pending = (rendering: string[]) =>
    [...document.querySelectorAll('*')]
      .filter((el) => el.localName.startsWith('drop-'))
      .filter((el) => !customElements.get(el.localName) || (rendering.includes(el.localName) && !el.shadowRoot))
      .map((el) => `<${el.localName}>`);
  try {
    await page.waitForFunction(
      (rendering) =>
        [...document.querySelectorAll('*')]
          .filter((el) => el.localName.startsWith('drop-'))
          .every((el) => customElements.get(el.localName) && (!rendering.includes(el.localName) || el.shadowRoot)),
      RENDERING_TAGS,
      { timeout, polling: 50 },
    );
  } catch {
    const missing = await page.evaluate(pending, RENDERING_TAGS);
    throw new Error(`dropkit elements never defined/rendered: ${[...new Set(missing)].join(', ')}`);
  }
  await page.evaluate(async () => {
    const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('drop-'));
    await Promise.all(elements.map((el) => (el as Element & { updateComplete?: Promise<unknown> }).updateComplete));
  });
}

/** Text a visitor sees inside an element's shadow root plus its light DOM, whitespace collapsed. */
export async function visibleText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
}

export type { HardeningServer };
