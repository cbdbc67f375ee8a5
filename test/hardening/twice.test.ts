/**
 * The kit loaded twice on one page, the way it happens on real creator pages: an old copy pasted in
 * the theme and a new one from a tag manager, ES and IIFE side by side, next to the page's own Lit
 * app. The second copy (served from /cdn-second/) claims another version. Nothing may throw, the
 * first definition wins, and exactly one warning names both versions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { creatorPage, kitSettled, openPage } from './support/browser.ts';
import { SECOND_KIT_VERSION, extraScripts } from './support/server.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';
import { bundlePageScript } from './support/page-script.ts';
import { ELEMENT_TAGS, everyElementBody } from './support/every-element.ts';
import { VERSION } from '../../packages/elements/src/shared/vocabulary.ts';

const FIRST_KIT_VERSION = VERSION;
const { server, browser } = serverAndChromiumForThisFile();
let pageCount = 0;

beforeAll(async () => {
  const otherApp = await bundlePageScript(`import { LitElement, html, css } from 'lit';
    class OtherApp extends LitElement {
      static styles = css\`p { color: rgb(1, 2, 3); }\`;
      render() { return html\`<p>the page's own Lit app</p>\`; }
    }
    customElements.define('other-app', OtherApp);`);
  extraScripts.set('/extra/other-lit-app.js', otherApp);
});

/** Which kit version owns each tag (define.ts stamps the class it registers). */
function owners(page: Page): Promise<Record<string, string | undefined>> {
  return page.evaluate((tags) => {
    const key = Symbol.for('dropkit.version');
    return Object.fromEntries(
      tags.map((tag) => [tag, (customElements.get(tag) as unknown as Record<symbol, string> | undefined)?.[key]]),
    );
  }, [...ELEMENT_TAGS]);
}

const duplicateWarnings = (warnings: string[]) => warnings.filter((w) => w.startsWith('[dropkit]') && /already on this page/.test(w));

async function scenario(head: string, body = '', afterLoad?: (page: Page) => Promise<void>) {
  const url = server().page(`/twice-${++pageCount}`, {
    html: creatorPage({ kit: 'none', head: `<script src="/extra/other-lit-app.js"></script>\n${head}`, body: `<other-app></other-app>${everyElementBody()}${body}` }),
  });
  const watch = await openPage(browser(), url);
  await watch.page.waitForLoadState('load');
  await afterLoad?.(watch.page);
  await kitSettled(watch.page);
  // Late chunks and late copies have had their chance to complain.
  await watch.page.waitForTimeout(500);
  const otherAppRendered = await watch.page.evaluate(() => document.querySelector('other-app')?.shadowRoot?.textContent?.includes("page's own"));
  return { watch, otherAppRendered };
}

describe('the kit loaded twice', () => {
  it('ES loader plus a classic IIFE copy of another version: the IIFE runs first and wins, one warning', async () => {
    const { watch, otherAppRendered } = await scenario(
      `<script type="module" src="/cdn/dropkit.js"></script>\n<script src="/cdn-second/dropkit.iife.js"></script>`,
    );
    try {
      expect(watch.errors).toEqual([]);
      expect(otherAppRendered).toBe(true);
      // Classic scripts run while the page parses, modules after: the IIFE copy defined everything.
      expect(Object.values(await owners(watch.page))).toEqual(ELEMENT_TAGS.map(() => SECOND_KIT_VERSION));
      const warnings = duplicateWarnings(watch.warnings);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(SECOND_KIT_VERSION);
      expect(warnings[0]).toContain(FIRST_KIT_VERSION);
    } finally {
      await watch.close();
    }
  });

  it('a tag manager injects a second IIFE after the ES kit ran: first definitions stay, one warning', async () => {
    const { watch, otherAppRendered } = await scenario(`<script type="module" src="/cdn/dropkit.js"></script>`, '', async (page) => {
      await kitSettled(page);
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const script = document.createElement('script');
            script.src = '/cdn-second/dropkit.iife.js';
            script.onload = () => resolve();
            script.onerror = () => reject(new Error('second copy did not load'));
            document.head.append(script);
          }),
      );
    });
    try {
      expect(watch.errors).toEqual([]);
      expect(otherAppRendered).toBe(true);
      expect(Object.values(await owners(watch.page))).toEqual(ELEMENT_TAGS.map(() => FIRST_KIT_VERSION));
      const warnings = duplicateWarnings(watch.warnings);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(SECOND_KIT_VERSION);
      expect(warnings[0]).toContain(FIRST_KIT_VERSION);
      // The widgets defined first still work after the second copy arrived.
      await watch.page.evaluate(() => document.querySelector('#drop')!.setAttribute('state', 'sold-out'));
      await expect.poll(() => watch.page.locator('#buy').getAttribute('state')).toBe('sold-out');
    } finally {
      await watch.close();
    }
  });

  it('two ES loaders from two folders: the second steps aside with one warning and fetches no element', async () => {
    const requestsBefore = server().requests.length;
    const { watch, otherAppRendered } = await scenario(
      `<script type="module" src="/cdn/dropkit.js"></script>\n<script type="module" src="/cdn-second/dropkit.js"></script>`,
    );
    try {
      expect(watch.errors).toEqual([]);
      expect(otherAppRendered).toBe(true);
      expect(Object.values(await owners(watch.page))).toEqual(ELEMENT_TAGS.map(() => FIRST_KIT_VERSION));
      expect(duplicateWarnings(watch.warnings)).toHaveLength(1);
      // Its own static imports (shared vocabulary, warnings) load with it; no element chunk does.
      const secondElementChunks = server().requests
        .slice(requestsBefore)
        .filter((r) => /^\/cdn-second\/(countdown|button|mark|clip)-/.test(r.path));
      expect(secondElementChunks).toEqual([]);
      expect(server().requests.slice(requestsBefore).some((r) => /^\/cdn\/countdown-/.test(r.path))).toBe(true);
    } finally {
      await watch.close();
    }
  });
});
