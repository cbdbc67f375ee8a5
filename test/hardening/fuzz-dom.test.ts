/**
 * fast-check against the built kit in one Chromium page. URLs: at least 10,000 generated values per
 * URL-bearing attribute (set alternately as attribute and as property), and after each one every
 * URL attribute in every shadow tree the kit rendered must be https. Text: generated HTML, bidi
 * controls and very long strings in every text-bearing attribute never create an element and never
 * push a widget out of its box.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OFFLINE_EXCEPT_LOCALHOST, creatorPage, kitSettled, openPage, type PageWatch } from './support/browser.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';

const URL_RUNS = 10_000;
const TEXT_RUNS = 600;
const BOX_WIDTH = 360;

const { server, browser } = serverAndChromiumForThisFile({ chromiumArgs: [OFFLINE_EXCEPT_LOCALHOST] });
let watch: PageWatch;

const BODY = `
<style>.box { width: ${BOX_WIDTH}px; }</style>
<div class="box"><drop-countdown id="drop" at="2030-06-01T18:00:00Z" notify="https://t.me/a">Drops 1 June 2030</drop-countdown></div>
<div class="box"><drop-button id="buy" state="live" price="24" currency="EUR"><a href="https://buy.stripe.com/test_a">Buy — €24</a></drop-button></div>
<div class="box"><drop-mark id="mark" name="Glow Studio" src-wordmark="/fixtures/mark/wordmark.svg" src-glyph="/fixtures/mark/glyph.svg">Glow Studio</drop-mark></div>
<div class="box"><drop-clip id="clip" poster="/media/clip/poster.png" state="live" label="Glow tee clip">
  <drop-product id="product" at="0" until="60" href="https://shop.example/p/1" price="24" currency="EUR">Glow tee</drop-product>
</drop-clip></div>`;

beforeAll(async () => {
  const url = server().page('/fuzz', { html: creatorPage({ body: BODY }) });
  watch = await openPage(browser(), url, { viewport: { width: 900, height: 1600 } });
  await kitSettled(watch.page);
});
afterAll(async () => {
  await watch?.close();
});

/** URL-ish strings: real URLs of every scheme, classic filter bypasses, and random junk. */
function urlArbitrary(): fc.Arbitrary<string> {
  const schemes = ['javascript', 'JaVaScRiPt', 'java\tscript', 'java\nscript', 'jav&#x09;ascript', 'data', 'vbscript', 'http', 'https', 'HTTPS', 'ftp', 'file', 'blob', 'mailto', 'tel', 'about', 'chrome', 'ws', 'wss', 'intent', ''];
  const noise = fc.constantFrom('', ' ', '\t', '\n', '\u0000', '\u200b', '\ufeff', '\u00a0', '%20', '\u2028', '\u202e');
  const separators = fc.constantFrom(':', '://', ':/', ':\\\\', '%3a', '&colon;', '://user:pass@', '://shop.example@evil.example/', ':////');
  const payload = fc.oneof(fc.constantFrom('alert(1)', 'evil.example/x', 'text/html,<script>alert(1)</script>', '//evil.example', 'buy.stripe.com/x'), fc.webPath(), fc.string({ maxLength: 30 }));
  const crafted = fc.tuple(noise, fc.constantFrom(...schemes), noise, separators, payload, noise).map((parts) => parts.join(''));
  return fc.oneof(
    { weight: 4, arbitrary: crafted },
    { weight: 2, arbitrary: fc.webUrl({ validSchemes: ['http', 'https', 'ftp', 'javascript', 'data', 'file'], withFragments: true, withQueryParameters: true }) },
    { weight: 1, arbitrary: fc.constantFrom('//evil.example/x', '\\\\evil.example\\x', '/\\evil.example', 'https:evil.example', '/checkout', '?q=1', '#x', '.', '') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
}

/** Text a creator (or a compromised CMS) might put in a label. */
function textArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.constantFrom(
      '<img src=x onerror=alert(1)>',
      '</slot><script>alert(1)</script>',
      '"><svg onload=alert(1)>',
      '${alert(1)}',
      '{{constructor.constructor("alert(1)")()}}',
      '<!--',
      ']]>',
      '\u202eevil\u202c',
      '\u2066\u2067\u2068\u2069\u200f\u061c',
    ),
    fc.tuple(fc.constantFrom('W', 'ش', '漢', '👩‍👩‍👧‍👦', 'x\u0301'), fc.integer({ min: 200, max: 2000 })).map(([unit, n]) => unit.repeat(n)),
    fc.array(fc.constantFrom('<b>', 'x', '\u202e', ' ', '&amp;', '\u0000', '\n'), { maxLength: 200 }).map((parts) => parts.join('')),
  );
}

interface Target {
  /** Element the values go on. */
  selector: string;
  /** Attributes set together in one render, each with its own generated value ('#text' = content). */
  attributes: string[];
  /** The widget whose shadow trees are scanned and measured. */
  widget: string;
}

/**
 * Runs every value through the page in one call: set, let the kit render, check. Returns the first
 * few problems found. Self-contained because it is serialised into the page.
 */
function runInPage(page: Page, target: Target, values: string[][], check: 'urls' | 'text'): Promise<{ problems: string[]; checked: number }> {
  return page.evaluate(
    async ({ target, values, check, boxWidth }) => {
      type Updatable = Element & { updateComplete?: Promise<unknown> };
      const el = document.querySelector(target.selector) as Updatable & Record<string, unknown>;
      const widget = document.querySelector(target.widget)!;
      const shadowTrees = (root: ParentNode, out: ShadowRoot[] = []) => {
        for (const node of root.querySelectorAll('*')) {
          if (node.shadowRoot) {
            out.push(node.shadowRoot);
            shadowTrees(node.shadowRoot, out);
          }
        }
        return out;
      };
      const settle = async () => {
        // Mutation observers (a clip re-reading its products) run first, then every Lit update.
        for (let round = 0; round < 2; round++) {
          await Promise.resolve();
          const kit = [...widget.parentNode!.querySelectorAll('*'), ...shadowTrees(widget.parentNode!).flatMap((r) => [...r.querySelectorAll('*')])];
          await Promise.all(kit.filter((node) => node.localName.startsWith('drop-')).map((node) => (node as Updatable).updateComplete));
        }
      };
      const tagCensus = () =>
        shadowTrees(widget.parentNode!)
          .flatMap((root) => [...root.querySelectorAll('*')].map((node) => node.localName))
          .sort()
          .join(',');
      // The HTML srcset rules: a URL runs to the next whitespace (commas inside it belong to it),
      // trailing commas end a candidate, descriptors run to the next comma.
      const srcsetUrls = (value: string) => {
        const urls: string[] = [];
        let i = 0;
        while (i < value.length) {
          while (i < value.length && /[\s,]/.test(value[i]!)) i++;
          const start = i;
          while (i < value.length && !/\s/.test(value[i]!)) i++;
          let url = value.slice(start, i);
          if (!url) break;
          if (url.endsWith(',')) url = url.replace(/,+$/, '');
          else {
            let depth = 0;
            for (; i < value.length; i++) {
              const c = value[i];
              if (c === '(') depth++;
              else if (c === ')') depth--;
              else if (c === ',' && depth <= 0) {
                i++;
                break;
              }
            }
          }
          urls.push(url);
        }
        return urls;
      };
      const urlProblems = () => {
        const found: string[] = [];
        for (const root of shadowTrees(widget.parentNode!)) {
          for (const node of root.querySelectorAll('*')) {
            for (const name of ['href', 'src', 'poster', 'srcset', 'action', 'formaction', 'xlink:href', 'ping', 'background']) {
              const raw = node.getAttribute(name);
              if (raw === null) continue;
              const candidates = name === 'srcset' ? srcsetUrls(raw) : [raw];
              for (const candidate of candidates) {
                let protocol = 'unparseable';
                try {
                  protocol = new URL(candidate, document.baseURI).protocol;
                } catch {
                  /* counted below */
                }
                if (protocol !== 'https:') found.push(`<${node.localName} ${name}="${raw.slice(0, 80)}">`);
              }
            }
          }
        }
        return found;
      };
      // What sticks out of the widget's box: the deepest elements (light or shadow) past its right edge.
      const overflowing = () => {
        const limit = widget.parentElement!.getBoundingClientRect().right + 1;
        const out: string[] = [];
        const visit = (root: ParentNode) => {
          for (const node of root.querySelectorAll('*')) {
            const box = node.getBoundingClientRect();
            if (box.width > 0 && box.right > limit) out.push(`<${node.localName}${node.getAttribute('part') ? ` part=${node.getAttribute('part')}` : ''}> ${Math.round(box.width)} px`);
            if (node.shadowRoot) visit(node.shadowRoot);
          }
        };
        visit(widget.parentElement!);
        return out.slice(-3);
      };
      const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      const read = (name: string) => (name === '#text' ? el.textContent : el.getAttribute(name));
      const write = (name: string, value: string | null, asProperty: boolean) => {
        if (name === '#text') el.textContent = value;
        else if (value === null) el.removeAttribute(name);
        else if (asProperty) el[camel(name)] = value;
        else el.setAttribute(name, value);
      };
      const originals = target.attributes.map(read);
      const baselineTags = tagCensus();
      const problems: string[] = [];
      let checked = 0;
      for (let i = 0; i < values.length && problems.length < 5; i++) {
        const step = values[i]!;
        const value = step.join(' | ');
        try {
          // Half the runs as attributes (HTML, frameworks), half as properties (frameworks, scripts).
          target.attributes.forEach((name, n) => write(name, step[n]!, i % 2 === 1));
        } catch (error) {
          problems.push(`setting ${JSON.stringify(value.slice(0, 60))} threw ${String(error)}`);
          continue;
        }
        await settle();
        checked++;
        if (check === 'urls') {
          for (const problem of urlProblems()) problems.push(`${JSON.stringify(value.slice(0, 60))} rendered ${problem}`);
        } else {
          const tags = tagCensus();
          const extra = tags.split(',').filter((tag) => !baselineTags.split(',').includes(tag));
          if (extra.length > 0) problems.push(`${JSON.stringify(value.slice(0, 60))} created <${extra.join('>, <')}>`);
          const width = widget.getBoundingClientRect().width;
          if (width > boxWidth + 1) problems.push(`${JSON.stringify(value.slice(0, 60))} made ${target.widget} ${Math.round(width)} px wide in a ${boxWidth} px box`);
          const sticking = overflowing();
          if (sticking.length > 0) problems.push(`${JSON.stringify(value.slice(0, 60))} pushed ${sticking.join(', ')} out of the ${boxWidth} px box`);
        }
      }
      target.attributes.forEach((name, n) => write(name, originals[n]!, false));
      await settle();
      return { problems, checked };
    },
    { target, values, check, boxWidth: BOX_WIDTH },
  );
}

const URL_TARGETS: Target[] = [
  { selector: '#buy', attributes: ['href'], widget: '#buy' },
  { selector: '#drop', attributes: ['notify'], widget: '#drop' },
  { selector: '#product', attributes: ['href'], widget: '#clip' },
  { selector: '#mark', attributes: ['src-wordmark', 'src-monogram', 'src-glyph'], widget: '#mark' },
  { selector: '#mark', attributes: ['src-wordmark-dark', 'src-monogram-dark', 'src-glyph-dark'], widget: '#mark' },
];

const TEXT_TARGETS: Target[] = [
  { selector: '#product', attributes: ['#text'], widget: '#clip' },
  { selector: '#buy a', attributes: ['#text'], widget: '#buy' },
  { selector: '#buy', attributes: ['currency'], widget: '#buy' },
  { selector: '#product', attributes: ['currency'], widget: '#clip' },
  { selector: '#mark', attributes: ['name'], widget: '#mark' },
  { selector: '#drop', attributes: ['time-zone', 'name'], widget: '#drop' },
  { selector: '#clip', attributes: ['label'], widget: '#clip' },
];

/** `runs` steps, each with one fresh generated value per attribute of the target. */
const sampleSteps = (arbitrary: fc.Arbitrary<string>, target: Target, runs: number) =>
  fc.sample(fc.tuple(...target.attributes.map(() => arbitrary)), runs) as string[][];

describe(`${URL_RUNS} fuzzed URLs per attribute never become a non-https link or image (built ES kit)`, () => {
  it.each(URL_TARGETS.map((t) => [`${t.selector} ${t.attributes.join(' + ')}`, t] as const))('%s', async (_, target) => {
    const values = sampleSteps(urlArbitrary(), target, URL_RUNS);
    let problems: string[] = [];
    let checked = 0;
    // Batches keep each round trip to the page short.
    for (let start = 0; start < values.length && problems.length === 0; start += 2500) {
      const result = await runInPage(watch.page, target, values.slice(start, start + 2500), 'urls');
      problems = result.problems;
      checked += result.checked;
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(URL_RUNS);
  }, 180_000);
});

describe('fuzzed text never creates elements or breaks layout (built ES kit)', () => {
  it.each(TEXT_TARGETS.map((t) => [`${t.selector} ${t.attributes.join(' + ')}`, t] as const))('%s', async (_, target) => {
    const { problems, checked } = await runInPage(watch.page, target, sampleSteps(textArbitrary(), target, TEXT_RUNS), 'text');
    expect(problems).toEqual([]);
    expect(checked).toBe(TEXT_RUNS);
    expect(watch.errors).toEqual([]);
  }, 180_000);
});
