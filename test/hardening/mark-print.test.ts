/**
 * `<drop-mark>` on a printed page. A browser lays out a print at the paper's width, where no
 * ResizeObserver fires and no frame runs: a header mark that took its glyph on a phone was printed
 * as the glyph, with the room for the wordmark on the paper. Only a `print` media listener runs
 * inside that layout (`beforeprint` comes before it, at the screen's width), so this test prints
 * for real (`page.pdf()`, Chromium's print layout), not with print media emulated, where the
 * ResizeObserver keeps running and no mark could fail.
 */
import { describe, expect, it } from 'vitest';
import { creatorPage, kitSettled, openPage, withPage } from './support/browser.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';

const { server, browser } = serverAndChromiumForThisFile();

// A phone's header: the shop's words leave the mark 152 px, where the 160 px wordmark does not fit
// (a first choice) but, once shown, would be held, scaled down (its band reaches down to 147 px).
// On A4 the header is about 720 px wide and the wordmark fits.
const HEADER = `<nav style="display: flex; gap: 8px"><a href="/"><drop-mark name="Glow Studio" style="--drop-mark-height: 40px"
  src-wordmark="/fixtures/mark/wordmark.svg" src-glyph="/fixtures/mark/glyph.svg">Glow Studio</drop-mark></a><span style="flex: 1 1 0; min-width: 214px">Glow Studio's winter drop</span></nav>`;

describe.each(['es', 'iife'] as const)('<drop-mark> printed, %s build', (kit) => {
  it("chooses at the paper's width, and chooses again for the screen after", async () => {
    const url = server().page(`/mark-print-${kit}`, { html: creatorPage({ kit, body: HEADER }) });
    await withPage(await openPage(browser(), url, { viewport: { width: 390, height: 844 } }), async (watch) => {
      await kitSettled(watch.page);
      const mark = watch.page.locator('drop-mark');
      await expect.poll(() => mark.getAttribute('variant')).toBe('glyph');
      // What the mark shows in each layout it is drawn in, the print's included: read when its
      // variant changes (after its render), with the media the layout was made for.
      await mark.evaluate((el) => {
        const seen: string[] = [];
        (globalThis as unknown as { __seen: string[] }).__seen = seen;
        new MutationObserver(() => {
          const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.variant')].filter((part) => !part.hidden).map((part) => part.getAttribute('part'));
          seen.push(`${matchMedia('print').matches ? 'print' : 'screen'}: ${el.getAttribute('variant')} (${shown.join()}) ${el.getBoundingClientRect().width} px`);
        }).observe(el, { attributes: true, attributeFilter: ['variant'] });
      });
      const pdf = await watch.page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await expect.poll(() => mark.getAttribute('variant')).toBe('glyph');
      expect(await mark.evaluate(() => (globalThis as unknown as { __seen: string[] }).__seen)).toEqual([
        'print: wordmark (wordmark) 160 px',
        'screen: glyph (glyph) 40 px',
      ]);
      expect(watch.errors).toEqual([]);
      expect(watch.warnings).toEqual([]);
    });
  });
});
