/**
 * The buy path survives the creator's other services failing at the drop moment: a stock endpoint
 * that errors, hangs or talks nonsense never disables a live button; a clip whose video 404s, is
 * blocked by the page's CSP, or may not autoplay still offers a working link to the product.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { creatorPage, kitSettled, openPage, withPage } from './support/browser.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';
import { CHECKOUT_URL, PRODUCT_URL, everyElementBody } from './support/every-element.ts';

const { server, browser } = serverAndChromiumForThisFile();
let pageCount = 0;


/** The button a visitor presses: enabled, pointing at the checkout, and really clickable. */
async function expectBuyable(page: Page, selector: string, href: string): Promise<void> {
  const button = page.locator(selector).locator('[part~="button"]');
  expect(await page.locator(selector).getAttribute('state')).toBe('live');
  expect((await button.getAttribute('href'))?.startsWith(href)).toBe(true);
  expect(await button.getAttribute('aria-disabled')).not.toBe('true');
  await button.click({ trial: true, timeout: 3000 });
}

describe('a failing stock endpoint never disables a live button', () => {
  for (const mode of ['error', 'hang', 'stream', 'garbage'] as const) {
    it(`stock-src answering ${mode}`, async () => {
      const stock = `/api/stock?mode=${mode}&page=${++pageCount}`;
      const url = server().page(`/stock-${pageCount}`, {
        html: creatorPage({
          body: `<drop-button id="buy" state="live" stock-src="${stock}" stock-interval="1"><a href="${CHECKOUT_URL}">Buy</a></drop-button>`,
        }),
      });
      await withPage(await openPage(browser(), url), async ({ page, errors }) => {
        await kitSettled(page);
        const asked = () => server().requests.filter((r) => r.path === stock).length;
        // Each is asked again, backing off: one that never answers, or whose body never ends, is given
        // up once it takes longer than the interval (then twice that, and so on). Before, the first
        // such request held the button's polling for good.
        await expect.poll(asked, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
        await page.waitForTimeout(300);
        await expectBuyable(page, '#buy', CHECKOUT_URL);
        expect(errors).toEqual([]);
      });
    });
  }

  it('control: the same button does react to its stock endpoint (0 left: sold out)', async () => {
    const url = server().page(`/stock-${++pageCount}`, {
      html: creatorPage({
        body: `<drop-button id="buy" state="live" stock-src="/api/stock?available=0&page=${pageCount}" stock-interval="1"><a href="${CHECKOUT_URL}">Buy</a></drop-button>`,
      }),
    });
    await withPage(await openPage(browser(), url), async ({ page }) => {
      await kitSettled(page);
      await expect.poll(() => page.locator('#buy').getAttribute('state'), { timeout: 10_000 }).toBe('sold-out');
    });
  });
});

describe('a clip that cannot play still sells', () => {
  const live = () => ({ at: new Date(Date.now() - 60_000).toISOString() });
  const cases: Array<{ label: string; video: string; headers?: Record<string, string>; blockAutoplay?: boolean; playback: string }> = [
    { label: 'the video 404s', video: '/media/clip/missing.webm', playback: 'error' },
    { label: "the page's CSP blocks media", video: '/media/clip/clip.webm', headers: { 'Content-Security-Policy': "media-src 'none'" }, playback: 'error' },
    // Headless Chromium always allows muted autoplay, so this is what a blocking policy (iOS low-power
    // mode, data saver, some in-app browsers) does to the page: play() rejects with NotAllowedError.
    { label: 'autoplay is blocked', video: '/media/clip/clip.webm', blockAutoplay: true, playback: 'blocked' },
  ];
  for (const { label, video, headers, blockAutoplay, playback } of cases) {
    it(`${label}: a visible, working link to the product, and the buy button`, async () => {
      const url = server().page(`/clip-${++pageCount}`, {
        html: creatorPage({ body: everyElementBody({ ...live(), videoSrc: video }) }),
        headers,
      });
      const watch = await openPage(browser(), url, { viewport: { width: 800, height: 900 } }, async (page) => {
        if (blockAutoplay) {
          await page.addInitScript(() => {
            HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('autoplay is not allowed', 'NotAllowedError'));
          });
        }
      });
      await withPage(watch, async ({ page, errors }) => {
        await kitSettled(page);
        await page.locator('#clip').scrollIntoViewIfNeeded();
        await expect.poll(() => page.evaluate(() => (document.querySelector('#clip') as HTMLElement & { playback: string }).playback), { timeout: 10_000 }).toBe(playback);
        // Hotspots over the video are a mouse-only extra (aria-hidden); the card or list is the path.
        const productLinks = page.locator('#clip').locator(`a[href^="${PRODUCT_URL}"]:not([part~="hotspot"])`).filter({ visible: true });
        await expect.poll(() => productLinks.count(), { timeout: 5000 }).toBeGreaterThan(0);
        await productLinks.first().click({ trial: true, timeout: 3000 });
        await expectBuyable(page, '#buy', CHECKOUT_URL);
        expect(errors).toEqual([]);
      });
    });
  }
});
