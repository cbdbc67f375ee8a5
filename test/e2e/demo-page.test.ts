import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/launch-chromium.ts';
// @ts-expect-error -- plain ESM tool script without type declarations
import { forgeDemoCreator, startDemo } from '../../tools/demo.mjs';

/**
 * `npm start` end to end: the forged demo creator, the real demo server, the built kit loaded by its
 * one script tag, in Chromium. The drop is set to go live a few seconds after start so the test
 * watches the real flip, the way a visitor would.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('the demo page (npm start)', () => {
  let demo: { url: string; dropAt: number; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let stateAfterLoad: string | null;
  let stateReadAt = 0;

  beforeAll(async () => {
    expect(forgeDemoCreator({ log: () => {} })).toBe(true);
    browser = await launchChromium();
    demo = await startDemo({ port: 0, liveInMs: 10_000 });
    page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    await page.goto(demo.url, { waitUntil: 'load' });
    stateAfterLoad = await page.evaluate(async () => {
      await customElements.whenDefined('drop-countdown');
      const clock = document.querySelector('#drop-dec5') as HTMLElement & { updateComplete: Promise<unknown> };
      await clock.updateComplete;
      return clock.getAttribute('state');
    });
    stateReadAt = Date.now();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('defines every widget from the one script tag and loads the forged icons', async () => {
    const defined = await page.evaluate(() =>
      Promise.all(
        ['drop-countdown', 'drop-button', 'drop-mark', 'drop-clip'].map(async (tag) => {
          await customElements.whenDefined(tag);
          return tag;
        }),
      ),
    );
    expect(defined).toHaveLength(4);
    const icons = await page.$$eval('link[rel~="icon"]', (links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(icons.length).toBeGreaterThan(0);
    for (const href of icons) expect((await fetch(href)).status, href).toBe(200);
  });

  it('shows the drop as scheduled, then flips the clock and the buy button live at T0', async () => {
    // Read before T0 (the page had ten seconds), so 'scheduled' is what a visitor saw then.
    expect(stateReadAt).toBeLessThan(demo.dropAt);
    expect(stateAfterLoad).toBe('scheduled');
    const buyLink = page.locator('drop-button').first();
    await page.waitForFunction(() => document.querySelector('#drop-dec5')?.getAttribute('state') === 'live', null, {
      timeout: 20_000,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(demo.dropAt - 1_000);
    await expect.poll(() => buyLink.getAttribute('state'), { timeout: 5_000 }).toBe('live');
  }, 30_000);

  it('has no accessibility violations in the live state', async () => {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run();
      return result.violations.map((v) => `${v.id}: ${JSON.stringify((v.nodes as { target: unknown; failureSummary?: string }[]).map((n) => [n.target, n.failureSummary]))}`);
    });
    expect(violations).toEqual([]);
  });

  it('raised no script error and requested nothing that failed', () => {
    expect(problems).toEqual([]);
  });
});

/**
 * The same page on a phone (390 × 844 CSS px at 3×, as an iPhone), before the drop, in light and dark:
 * the layout and colours a visitor holding one meets first.
 */
describe('the demo page on a phone', () => {
  let demo: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    expect(forgeDemoCreator({ log: () => {} })).toBe(true);
    browser = await launchChromium();
    demo = await startDemo({ port: 0, liveInMs: 10 * 60_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`fits the screen, passes axe and shows the wordmark for the colour scheme (${colorScheme})`, async () => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        colorScheme,
      });
      try {
        const page = await context.newPage();
        await page.goto(demo.url, { waitUntil: 'load' });
        await page.evaluate(() => Promise.all(['drop-countdown', 'drop-button', 'drop-mark', 'drop-clip'].map((tag) => customElements.whenDefined(tag))));

        // A page wider than the phone makes mobile browsers zoom the whole page out to fit it.
        const overflow = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('body *')]
            .filter((element) => element.getBoundingClientRect().right > width + 0.5 && !element.closest('.forge-table'))
            .map((element) => element.outerHTML.slice(0, 80));
          return { scrollWidth: document.documentElement.scrollWidth, width, wide };
        });
        expect(overflow.wide).toEqual([]);
        expect(overflow.scrollWidth).toBe(overflow.width);

        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown; failureSummary?: string }[] }[] }> } }).axe;
          const result = await axe.run();
          return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => [n.target, n.failureSummary]))}`);
        });
        expect(violations).toEqual([]);

        // The header's slotted wordmark (the no-JS fallback) wins over mark.json's, so it must bring forge's dark twin itself.
        const wordmark = await page.evaluate(async () => {
          const slotted = document.querySelector('.brand-mark > [slot="wordmark"]')!;
          const image = slotted instanceof HTMLImageElement ? slotted : slotted.querySelector('img')!;
          await image.decode();
          return new URL(image.currentSrc).pathname;
        });
        expect(wordmark).toBe(colorScheme === 'dark' ? '/forge/mark/wordmark-dark.svg' : '/forge/mark/wordmark.svg');
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
