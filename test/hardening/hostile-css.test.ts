/**
 * Hostile page CSS: the kind of stylesheet a theme, a reset or a marketplace ships (`* { all: unset }`,
 * a 2 px root font, inherited rtl, white text, a silly font). The widgets must stay usable and
 * legible — measured in the rendered page: text size, contrast against what is really behind it,
 * target size, and that a click really lands — and mounting them must not change the page's styles.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { creatorPage, kitSettled, openPage } from './support/browser.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';
import { everyElementBody } from './support/every-element.ts';

const { server, browser } = serverAndChromiumForThisFile();

/**
 * Hostile, but a page its own visitors can read: light text on a dark page, body text at 16 px while
 * the root is 2 px (the rem trap), rtl and a novelty font inherited everywhere. A widget is judged
 * against that: as legible as the page's own text, whatever it inherits.
 */
const HOSTILE_CSS = `
* { all: unset; }
:root { font-size: 2px; direction: rtl; }
body { display: block; background: #101018; color: #fff; font: italic 16px/0.9 "Comic Sans MS", cursive; letter-spacing: 0.3em; word-spacing: -0.5em; text-transform: uppercase; }
main, h1, p { display: block; }
h1 { font-size: 3em; color: #f0f0f0; }
img, video { opacity: 0.02; }
`;

/** The parts a visitor must be able to read or press, per widget. */
const KEY_PARTS = [
  { host: '#drop', part: 'remaining', text: true },
  { host: '#drop', part: 'calendar-button', text: true, target: true },
  { host: '#buy', part: 'button', text: true, target: true },
  { host: '#mark', part: 'image', text: false },
  { host: '#clip', part: 'video', text: false },
] as const;


interface Measure {
  fontSize: number;
  contrast: number;
  width: number;
  height: number;
  opacity: number;
}

/** Font size, contrast against the first opaque background behind it (flat tree), box and opacity. */
function measure(page: Page, host: string, part: string): Promise<Measure | null> {
  return page.evaluate(
    ([hostSelector, partName]) => {
      const el = document.querySelector(hostSelector)?.shadowRoot?.querySelector(`[part~="${partName}"]`) as HTMLElement | null;
      if (!el) return null;
      const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
      };
      const parentOf = (node: Element): Element | null =>
        node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
      let background = rgb(getComputedStyle(document.body).backgroundColor).slice(0, 3);
      let opacity = 1;
      for (let node: Element | null = el; node; node = parentOf(node)) {
        const style = getComputedStyle(node);
        opacity *= Number(style.opacity);
        const bg = rgb(style.backgroundColor);
        if (bg.length === 4 ? bg[3]! > 0.9 : bg.length === 3) {
          background = bg.slice(0, 3);
          break;
        }
      }
      const style = getComputedStyle(el);
      const [l1, l2] = [luminance(rgb(style.color)), luminance(background)].sort((a, b) => b - a) as [number, number];
      const box = el.getBoundingClientRect();
      return { fontSize: parseFloat(style.fontSize), contrast: (l1 + 0.05) / (l2 + 0.05), width: box.width, height: box.height, opacity };
    },
    [host, part] as const,
  );
}

/** Computed styles of the page's own elements, to compare before and after the kit mounts. */
function pageStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const props = ['font-size', 'font-family', 'color', 'direction', 'display', 'letter-spacing', 'background-color', 'line-height', 'text-transform'];
    const result: Record<string, Record<string, string>> = {};
    for (const selector of ['html', 'body', 'main', 'h1', '#after']) {
      const style = getComputedStyle(document.querySelector(selector)!);
      result[selector] = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    }
    result['document'] = {
      styleSheets: String(document.styleSheets.length),
      adoptedStyleSheets: String(document.adoptedStyleSheets.length),
      headStyles: String(document.head.querySelectorAll('style, link[rel=stylesheet]').length),
    };
    return result;
  });
}

describe.each(['es', 'iife'] as const)('hostile page CSS, %s build', (kit) => {
  it('widgets stay legible and usable, and the page\'s own styles are unchanged by mounting them', async () => {
    const url = server().page(`/hostile-${kit}`, {
      html: creatorPage({ kit: 'none', head: `<style>${HOSTILE_CSS}</style>`, body: everyElementBody() }),
    });
    const watch = await openPage(browser(), url, { viewport: { width: 800, height: 1400 } });
    try {
      const before = await pageStyles(watch.page);
      // The kit arrives after the page has styled itself, as a tag manager would add it.
      await watch.page.addScriptTag(kit === 'es' ? { url: '/cdn/dropkit.js', type: 'module' } : { url: '/cdn/dropkit.iife.js' });
      await kitSettled(watch.page);
      await watch.page.waitForTimeout(300);
      expect(await pageStyles(watch.page)).toEqual(before);

      const report: string[] = [];
      for (const { host, part, text, ...rest } of KEY_PARTS) {
        const m = await measure(watch.page, host, part);
        expect(m, `${host} [part=${part}] is rendered`).not.toBeNull();
        const label = `${host} [part=${part}]`;
        report.push(`${label}: ${JSON.stringify(m)}`);
        expect.soft(m!.width, `${label} width`).toBeGreaterThan(0);
        expect.soft(m!.height, `${label} height`).toBeGreaterThan(0);
        expect.soft(m!.opacity, `${label} opacity`).toBeGreaterThan(0.9);
        if (text) {
          expect.soft(m!.fontSize, `${label} font size`).toBeGreaterThanOrEqual(12);
          expect.soft(m!.contrast, `${label} contrast`).toBeGreaterThanOrEqual(4.5);
        }
        if ('target' in rest) {
          expect.soft(m!.width, `${label} target width`).toBeGreaterThanOrEqual(24);
          expect.soft(m!.height, `${label} target height`).toBeGreaterThanOrEqual(24);
          // Playwright's actionability check: visible, stable, enabled and really hit by a click.
          await watch.page.locator(host).locator(`[part~="${part}"]`).click({ trial: true, timeout: 3000 });
        }
      }
      console.log(`hostile CSS (${kit}):\n  ${report.join('\n  ')}`);
      expect(watch.errors).toEqual([]);
    } finally {
      await watch.close();
    }
  });
});
