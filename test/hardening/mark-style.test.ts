/**
 * `<drop-mark>` on a strict page (the CSP docs/hardening.md gives, Trusted Types enforced): its
 * width comes from a sheet of its own in its shadow root, not from its tag's `style` attribute, so
 * the page's script writing that attribute whole keeps the mark's width, the attribute stays what
 * the page wrote, and the browser refuses nothing.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { creatorPage, kitSettled, openPage, withPage } from './support/browser.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';
import { strictCsp } from '../support/strict-csp.mjs';

const { server, browser } = serverAndChromiumForThisFile();

// style-src 'self': the creator sizes the mark from a stylesheet on their own site.
const CSS = `.header { width: 400px } drop-mark { --drop-mark-height: 40px }`;

beforeAll(() => server().route('/mark-style.css', (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/css' }).end(CSS)));

describe.each(['es', 'iife'] as const)('<drop-mark> on a strict CSP page, %s build', (kit) => {
  it('sizes itself without touching its style attribute, and keeps its width when the page rewrites it', async () => {
    const nonce = randomBytes(16).toString('base64');
    const url = server().page(`/mark-style-${kit}`, {
      html: creatorPage({
        kit,
        nonce,
        head: `<link rel="stylesheet" href="/mark-style.css">`,
        // The fixture wordmark is 160 × 40 (160 px wide at 40 px high), the glyph square.
        body: `<div class="header"><drop-mark name="Glow Studio" src-wordmark="/fixtures/mark/wordmark.svg" src-glyph="/fixtures/mark/glyph.svg">Glow Studio</drop-mark></div>`,
      }),
      headers: { 'Content-Security-Policy': strictCsp(nonce, { reportUri: '/__csp-report' }) },
    });
    await withPage(await openPage(browser(), url), async (watch) => {
      await kitSettled(watch.page);
      const mark = watch.page.locator('drop-mark');
      await expect.poll(() => mark.getAttribute('variant')).toBe('wordmark');
      await expect.poll(() => mark.evaluate((el) => el.getBoundingClientRect().width)).toBe(160);
      expect(await mark.getAttribute('style')).toBeNull();
      // The page's own script writes the whole attribute (through the CSS object model, which the
      // policy allows, as a framework does): the width holds in that very layout and after.
      const rewritten = await mark.evaluate(async (el) => {
        (el as HTMLElement).style.cssText = 'margin-inline-end: 4px';
        const at = el.getBoundingClientRect().width;
        for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
        return { at, after: el.getBoundingClientRect().width, style: el.getAttribute('style'), variant: el.getAttribute('variant') };
      });
      expect(rewritten).toEqual({ at: 160, after: 160, style: 'margin-inline-end: 4px;', variant: 'wordmark' });
      expect(await watch.violations()).toEqual([]);
      expect(watch.errors).toEqual([]);
    });
  });

  it('where Lit falls back to <style> elements (no constructable sheets), sizes itself through its tag\'s style', async () => {
    // Safari before 16.4: Lit checks for CSSStyleSheet.prototype.replace before it adopts sheets.
    // No CSP here: that fallback's <style> elements need one that allows them.
    const url = server().page(`/mark-style-fallback-${kit}`, {
      html: creatorPage({
        kit,
        head: `<script>delete CSSStyleSheet.prototype.replace;</script><link rel="stylesheet" href="/mark-style.css">`,
        body: `<div class="header"><drop-mark name="Glow Studio" src-wordmark="/fixtures/mark/wordmark.svg" src-glyph="/fixtures/mark/glyph.svg">Glow Studio</drop-mark></div>`,
      }),
    });
    await withPage(await openPage(browser(), url), async (watch) => {
      await kitSettled(watch.page);
      const mark = watch.page.locator('drop-mark');
      await expect.poll(() => mark.getAttribute('variant')).toBe('wordmark');
      await expect.poll(() => mark.evaluate((el) => el.getBoundingClientRect().width)).toBe(160);
      expect(await mark.evaluate((el) => [el.shadowRoot!.adoptedStyleSheets.length, el.shadowRoot!.querySelectorAll('style').length > 0])).toEqual([0, true]);
      expect(await mark.evaluate((el) => (el as HTMLElement).style.getPropertyValue('--_drop-mark-aspect'))).toBe('4');
      expect(watch.errors).toEqual([]);
    });
  });
});
