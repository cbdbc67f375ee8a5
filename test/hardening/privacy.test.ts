/**
 * Privacy: a page using every element, watched from the browser's side (every request it makes, to
 * any host) through the drop going live, the clip playing and the widgets being used. The only
 * requests allowed are the kit's own files and the URLs the creator configured; nothing may be
 * written to cookies or any storage.
 */
import { describe, expect, it } from 'vitest';
import { creatorPage, kitSettled, openPage } from './support/browser.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';
import { everyElementBody } from './support/every-element.ts';

const { server, browser } = serverAndChromiumForThisFile();


/** The creator configured exactly these (see everyElementBody), plus the kit's own folder. */
const ALLOWED = [
  /^\/cdn\/[\w.-]+\.js$/,
  /^\/api\/time$/,
  /^\/api\/stock\?available=40$/,
  /^\/media\/clip\/(clip\.webm|poster\.png)$/,
  /^\/fixtures\/mark\/(wordmark|glyph)\.svg$/,
];

describe.each(['es', 'iife'] as const)('privacy, %s build', (kit) => {
  it('requests only the kit and the configured URLs, and writes no cookie or storage', async () => {
    const at = new Date(Date.now() + 2000).toISOString();
    const path = `/privacy-${kit}`;
    const url = server().page(path, { html: creatorPage({ kit, body: everyElementBody({ at }) }) });
    const requested: string[] = [];
    const watch = await openPage(browser(), url, { viewport: { width: 800, height: 900 } }, async (page) => {
      page.on('request', (request) => requested.push(request.url()));
    });
    try {
      await kitSettled(watch.page);
      // Live, scrolled through (the clip loads and plays), the widgets focused and hovered.
      await watch.page.waitForSelector('#drop[state="live"]', { timeout: 10_000 });
      await watch.page.locator('#clip').scrollIntoViewIfNeeded();
      await watch.page.locator('#buy').hover();
      await watch.page.keyboard.press('Tab');
      await watch.page.keyboard.press('Tab');
      await watch.page.waitForTimeout(2500);

      const origin = new URL(url).origin;
      const foreign = requested.filter((u) => /^https?:/.test(u) && new URL(u).origin !== origin);
      expect(foreign).toEqual([]);
      const unexpected = requested
        .filter((u) => /^https?:/.test(u))
        .map((u) => new URL(u))
        .map((u) => u.pathname + u.search)
        .filter((p) => p !== path && p !== '/favicon.ico' && !ALLOWED.some((pattern) => pattern.test(p)));
      expect(unexpected).toEqual([]);
      // The configured URLs were really used, so the list above is a real list.
      expect(requested.some((u) => u.includes('/api/time'))).toBe(true);
      expect(requested.some((u) => u.includes('/media/clip/'))).toBe(true);

      const storage = await watch.page.evaluate(async () => ({
        cookie: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
        indexedDB: (await indexedDB.databases()).length,
        caches: (await caches.keys()).length,
        serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
      }));
      expect(storage).toEqual({ cookie: '', local: 0, session: 0, indexedDB: 0, caches: 0, serviceWorkers: 0 });
      const state = await watch.context.storageState();
      expect(state.cookies).toEqual([]);
      expect(state.origins).toEqual([]);
      expect(watch.errors).toEqual([]);
    } finally {
      await watch.close();
    }
  });
});
