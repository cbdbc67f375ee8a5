/**
 * Strict host pages: a marketplace's nonce-based CSP with Trusted Types enforced. The built kit must
 * render and work there without a single violation, and when the page's Trusted Types list does not
 * let Lit in, the creator's own HTML must still be there.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { creatorPage, kitSettled, openPage, type KitScript } from './support/browser.ts';
import { extraScripts } from './support/server.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';
import { bundlePageScript } from './support/page-script.ts';
import { strictCsp } from '../support/strict-csp.mjs';
import { CHECKOUT_URL, ELEMENT_TAGS, FALLBACK, everyElementBody } from './support/every-element.ts';

const { server, browser } = serverAndChromiumForThisFile();

let pageCount = 0;
function strictPage(kit: KitScript, options: { trustedTypes?: string; head?: (nonce: string) => string; at?: string } = {}) {
  const nonce = randomBytes(16).toString('base64');
  const path = `/csp-${++pageCount}`;
  return server().page(path, {
    html: creatorPage({ kit, nonce, head: options.head?.(nonce), body: everyElementBody({ at: options.at }) }),
    headers: { 'Content-Security-Policy': strictCsp(nonce, { trustedTypes: options.trustedTypes, reportUri: '/__csp-report' }) },
  });
}

/** What a visitor can see of each element: its shadow content rendered, or its light-DOM fallback. */
async function renderedTags(page: Page): Promise<Record<string, boolean>> {
  return page.evaluate((tags) => {
    const result: Record<string, boolean> = {};
    for (const tag of tags) {
      const el = document.querySelector(tag);
      const root = el?.shadowRoot;
      result[tag] = Boolean(customElements.get(tag) && root && root.children.length > 0 && (el as HTMLElement).offsetHeight > 0);
    }
    return result;
  }, [...ELEMENT_TAGS]);
}

/**
 * A page-owned Lit app (bundled from the repo's own lit package) that registers <other-app>. A classic
 * script placed before the kit, so it runs first whichever dropkit build the page uses.
 */
function otherLitApp(): Promise<string> {
  return bundlePageScript(`import { LitElement, html } from 'lit';
    class OtherApp extends LitElement { render() { return html\`<p>other app</p>\`; } }
    customElements.define('other-app', OtherApp);`);
}

beforeAll(async () => {
  extraScripts.set('/extra/other-lit-app.js', await otherLitApp());
});

describe.each(['es', 'iife'] as const)('strict CSP + Trusted Types, %s build', (kit) => {
  it('renders every element and goes live with zero securitypolicyviolation events', async () => {
    const reportsBefore = server().cspReports.length;
    // T0 a few seconds ahead so the live flip (and the button following it) happens under the CSP too.
    const at = new Date(Date.now() + 3000).toISOString();
    const watch = await openPage(browser(), strictPage(kit, { at }));
    try {
      await kitSettled(watch.page);
      expect(await renderedTags(watch.page)).toEqual(Object.fromEntries(ELEMENT_TAGS.map((tag) => [tag, true])));
      await watch.page.waitForSelector('drop-countdown[state="live"]', { timeout: 10_000 });
      const buy = watch.page.getByRole('link', { name: /buy/i });
      await expect.poll(async () => (await buy.first().getAttribute('href'))?.startsWith(`${CHECKOUT_URL}?`)).toBe(true);
      await expect.poll(() => buy.first().getAttribute('aria-disabled')).not.toBe('true');
      // Constructable stylesheets are not <style> elements: Chromium applies them under style-src 'self'.
      const styling = await watch.page.evaluate((tags) =>
        tags.map((tag) => {
          const root = document.querySelector(tag)!.shadowRoot!;
          return root.adoptedStyleSheets.length > 0 && root.querySelectorAll('style').length === 0;
        }),
      [...ELEMENT_TAGS]);
      expect(styling).toEqual(ELEMENT_TAGS.map(() => true));
      expect(await watch.violations()).toEqual([]);
      expect(watch.errors).toEqual([]);
      expect(server().cspReports.slice(reportsBefore)).toEqual([]);
      // A valid creator page: the kit has nothing to warn about (also when the IIFE in <head> upgrades
      // the elements before the parser has reached the links inside them).
      expect(watch.warnings.filter((w) => w.startsWith('[dropkit]'))).toEqual([]);
    } finally {
      await watch.close();
    }
  });

  it('a Trusted Types list without lit-html leaves the creator\'s own link and text in place', async () => {
    const watch = await openPage(browser(), strictPage(kit, { trustedTypes: 'marketplace-only' }));
    try {
      // Give the kit every chance to (fail to) start.
      await watch.page.waitForLoadState('load');
      await watch.page.waitForTimeout(500);
      const link = watch.page.locator('drop-button a');
      expect(await link.getAttribute('href')).toBe(CHECKOUT_URL);
      await expect.poll(() => link.isVisible()).toBe(true);
      expect(await watch.page.locator('drop-countdown').innerText()).toContain(FALLBACK.countdown);
      expect(await watch.page.locator('drop-product').innerText()).toContain(FALLBACK.product);
      // Blocked, not broken: the browser reports the refused policy and no widget half-renders.
      expect((await watch.violations()).some((v) => v.startsWith('trusted-types'))).toBe(true);
      expect(await watch.page.evaluate(() => document.querySelector('drop-button')!.shadowRoot)).toBeNull();
    } finally {
      await watch.close();
    }
  });

  it('when another Lit app already took the lit-html policy name: documented fallback, and allow-duplicates fixes it', async () => {
    const otherAppFirst = (nonce: string) =>
      `<script nonce="${nonce}" src="/extra/other-lit-app.js"></script>`;
    // Without 'allow-duplicates' the second createPolicy('lit-html') throws: whichever Lit comes second
    // cannot render, and the creator's plain HTML is what remains.
    const strict = await openPage(browser(), strictPage(kit, { head: otherAppFirst }));
    try {
      await strict.page.waitForFunction(() => customElements.get('other-app'));
      await strict.page.waitForTimeout(500);
      expect(await strict.page.locator('drop-button a').getAttribute('href')).toBe(CHECKOUT_URL);
      await expect.poll(() => strict.page.locator('drop-button a').isVisible()).toBe(true);
      expect(await strict.page.evaluate(() => document.querySelector('drop-button')!.shadowRoot)).toBeNull();
      // The page's own Lit app, which came first, is unaffected.
      expect(await strict.page.evaluate(() => customElements.get('other-app') !== undefined)).toBe(true);
    } finally {
      await strict.close();
    }
    const tolerant = await openPage(browser(), strictPage(kit, { head: otherAppFirst, trustedTypes: "lit-html 'allow-duplicates'" }));
    try {
      await kitSettled(tolerant.page);
      expect(await renderedTags(tolerant.page)).toEqual(Object.fromEntries(ELEMENT_TAGS.map((tag) => [tag, true])));
      expect(await tolerant.violations()).toEqual([]);
    } finally {
      await tolerant.close();
    }
  });
});
