import { expect } from '@esm-bundle/chai';
import { sleep, waitFor } from '../packages/elements/src/test-support/wait.ts';

/**
 * Cumulative Layout Shift (Core Web Vitals: above 0.1 is "needs improvement") on a creator's drop
 * page when the kit arrives late, as on a phone on a slow network: test/layout-shift/creator-page.html
 * (mark in the header, countdown and buy button in the hero, text, a clip), served by the test
 * server, with the built kit (dist/cdn) from test/support/flaky-cdn.mjs answering every file after
 * a delay. The page has long painted what the creator wrote inside the tags when the kit upgrades
 * it. The page records every `layout-shift` entry (buffered, none after input) with the nodes that
 * moved; a failure prints them.
 *
 * Measured (Chromium, 390 × 844 viewport, 1.5 s per request, so the kit defines its elements about
 * 4.6 s after the first paint); see docs/countdown.md "No layout shift when the kit arrives":
 *   page as the paste snippets alone give it (?advice=0)         en 0.18–0.22, de 0.18–0.19
 *   with the rules the docs advise (creator-page.html #advice)   en 0.003, de 0.001–0.004
 *   the drop going live, with the advice: the flip alone         0.0005–0.001 (0.11–0.14 before the
 *                                                                countdown kept its box)
 *   German words 1.5 s after the chunks (delay-de=4500)          de 0.0007 (0.43 before the loader
 *                                                                held definitions for them)
 *   the classic script (kit=iife), with the advice               en 0.003, de 0.0007
 *   the classic script, ?advice=0                                en 0.23–0.25, de 0.23 (the ES kit
 *                                                                0.23 and 0.18 in the same run)
 * The bound below is the documented page's worst measurement (0.006, arrival and flip together) with
 * room for timing and fonts, and a tenth of the 0.1 a creator is judged by.
 */
const BOUND = 0.01;

type Shift = { value: number; at: number; sources: { node: string; from: number[]; to: number[] }[] };
type CreatorWindow = Window & typeof globalThis & { shifts: Shift[]; definedAt?: number; markDefinedAt?: number; flippedAt?: number };
type LogEntry = { file: string; at: number; answer: number | 'dropped' };

let runs = 0;

/**
 * The creator's page in a phone-sized frame, its kit answered `delay` ms after each request;
 * `late` answers some files later still (`{ de: 4500 }`: the German words after 4.5 s).
 */
async function creatorPage(query: Record<string, string>, delay = 1500, late: Record<string, number> = {}) {
  const run = `layout-${Date.now()}-${++runs}`;
  const settings = new URLSearchParams({ run, delay: String(delay) });
  for (const [chunk, ms] of Object.entries(late)) settings.set(`delay-${chunk}`, String(ms));
  await fetch(`/__test/flaky-set?${settings}`);
  const frame = document.createElement('iframe');
  // Sized in the test's own stylesheet-free page: the frame is the phone's viewport.
  frame.width = '390';
  frame.height = '844';
  frame.src = `/test/layout-shift/creator-page.html?${new URLSearchParams({ run, ...query })}`;
  document.body.append(frame);
  const win = () => frame.contentWindow as CreatorWindow;
  await waitFor(() => win().document?.getElementById('faq') != null && Array.isArray(win().shifts), 'the creator page to render', 10_000);
  const log = async (): Promise<LogEntry[]> => (await fetch(`/__test/flaky-log?run=${run}`)).json();
  return { win: win(), log, remove: () => frame.remove() };
}

/** Every element the page uses is defined and has rendered, then `settle` ms more. */
async function upgraded(win: CreatorWindow, settle = 1500): Promise<void> {
  await waitFor(
    () => ['drop-mark', 'drop-countdown', 'drop-button', 'drop-clip'].every((tag) => win.customElements.get(tag) !== undefined),
    'every element to be defined',
    15_000,
  );
  await sleep(settle);
}

const cls = (shifts: Shift[]) => shifts.reduce((sum, shift) => sum + shift.value, 0);
const describeShifts = (shifts: Shift[]) =>
  shifts
    .map((shift) => `${shift.value.toFixed(4)} at ${Math.round(shift.at)} ms: ${shift.sources.map((s) => `${s.node} ${s.from.map(Math.round)} -> ${s.to.map(Math.round)}`).join(' | ')}`)
    .join('\n') || '(none)';

describe('layout shift when the kit arrives late, on the page the docs describe', () => {
  for (const lang of ['en', 'de']) {
    it(`keeps CLS below ${BOUND} in ${lang === 'en' ? 'English' : 'German'}`, async () => {
      const page = await creatorPage({ lang });
      try {
        await upgraded(page.win);
        // The kit really came after the first paint: the fallback was on screen a second or more.
        const [paint] = page.win.performance.getEntriesByName('first-contentful-paint');
        expect(page.win.definedAt! - paint!.startTime, 'ms between the first paint and the kit').to.be.above(1000);
        expect(cls(page.win.shifts), describeShifts(page.win.shifts)).to.be.below(BOUND);
      } finally {
        page.remove();
      }
    });
  }

  // An element waits for its words before saying anything. Without the words the loader had already
  // fetched, the countdown and the button first rendered the creator's text in their own boxes (the
  // countdown 48 px high where the page reserved 100, the button 19 px where it reserved 44), then
  // their real faces a moment later: when a frame fell in between (3 runs in 4), the page moved twice,
  // CLS 0.30. The render order is checked, not only the shifts, so the test does not depend on frames.
  it('in German, the countdown and the button render with their words the first time', async () => {
    const page = await creatorPage({ lang: 'de' });
    try {
      await upgraded(page.win);
      const renders = (page.win as unknown as { renders: Record<string, string[]> }).renders;
      expect(renders['drop-countdown']![0], JSON.stringify(renders)).to.equal('span');
      expect(renders['drop-button']![0], JSON.stringify(renders)).to.equal('a');
      const moved = page.win.shifts.filter((shift) => shift.sources.some((source) => /^(main|p#|drop-button#)/.test(source.node)));
      expect(moved, describeShifts(page.win.shifts)).to.deep.equal([]);
    } finally {
      page.remove();
    }
  });
});

describe('layout shift while the visitor watches', () => {
  // Live, the countdown shows "Live now" and the creator's buy link where it showed three lines; it
  // keeps its box, so the buy button below does not jump under a thumb reaching for it (0.11–0.14 before).
  it('the drop going live moves neither the countdown nor what is below it', async () => {
    // The kit arrives about 4.6 s after the page; the drop 9 s after it, on screen.
    const page = await creatorPage({ lang: 'en', in: '9' });
    try {
      await upgraded(page.win, 0);
      await waitFor(() => page.win.flippedAt !== undefined, 'the drop to go live', 10_000);
      expect(page.win.flippedAt! - page.win.definedAt!, 'ms between the kit and the drop going live').to.be.above(500);
      await sleep(1000);
      expect(page.win.document.getElementById('winter')!.getAttribute('state')).to.equal('live');
      const after = page.win.shifts.filter((shift) => shift.at >= page.win.flippedAt! - 20);
      const moved = after.filter((shift) => shift.sources.some((source) => /^(drop-countdown|drop-button#|main|p#)/.test(source.node)));
      expect(moved, describeShifts(after)).to.deep.equal([]);
      expect(cls(after), describeShifts(after)).to.be.below(BOUND);
    } finally {
      page.remove();
    }
  });

  // format="auto" turns "1 day" into "23:59:59": the countdown's width comes from its widest line
  // (the moment), so the change moves nothing around it.
  it('format="auto" crossing from days to a clock moves nothing', async () => {
    const page = await creatorPage({ lang: 'en', format: 'auto', in: String(86_400 + 6) }, 1000);
    try {
      await upgraded(page.win, 0);
      const remaining = () => page.win.document.getElementById('winter')!.shadowRoot!.querySelector('[part="remaining"]')?.textContent ?? '';
      expect(remaining()).to.match(/day/);
      const before = page.win.shifts.length;
      await waitFor(() => /^\d\d:\d\d:\d\d$/.test(remaining()), 'the clock to show hours', 8000);
      await sleep(500);
      const after = page.win.shifts.slice(before);
      expect(after.filter((shift) => shift.sources.some((source) => /^(drop-countdown|main|p#)/.test(source.node))), describeShifts(after)).to.deep.equal([]);
      expect(cls(after), describeShifts(after)).to.be.below(BOUND);
    } finally {
      page.remove();
    }
  });
});

describe('the loader on a page in lang="iw" (Hebrew\'s old code)', () => {
  // The element has always loaded Hebrew for "iw" (Intl maps it to "he"), but only after its chunk
  // and Lit had arrived: a round trip more, the creator's text showing meanwhile.
  it('asks for the Hebrew words beside the first chunk, before Lit', async () => {
    const page = await creatorPage({ lang: 'iw' }, 300);
    try {
      await upgraded(page.win, 0);
      const log = await page.log();
      const at = (prefix: string) => log.find((entry) => entry.file.startsWith(prefix))?.at ?? Number.NaN;
      expect(at('he-'), JSON.stringify(log)).to.be.below(at('core-'));
      await waitFor(() => (page.win.document.getElementById('winter')!.shadowRoot?.textContent ?? '').includes('ליומן'), 'Hebrew words in the countdown', 5000);
    } finally {
      page.remove();
    }
  });
});

/** When `prefix-….js` had arrived in the page, in its own clock (performance.now()). */
const arrived = (win: CreatorWindow, prefix: string) =>
  (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) =>
    new URL(entry.name).pathname.split('/').pop()!.startsWith(`${prefix}-`),
  )?.responseEnd ?? Number.NaN;

const renderOrder = (win: CreatorWindow) => (win as unknown as { renders: Record<string, string[]> }).renders;

describe('layout shift when the words arrive after the element', () => {
  // The loader asks for the words beside the first chunk, but nothing says they come first: here the
  // German words come 1.5 s after the countdown's chunk and Lit (4.5 s against 1.5 + 1.5 s). An element
  // defined before them would draw the creator's text in its own box, then its German face: the page
  // moves twice, whatever frames fall in between.
  it('in German, each widget still draws once, in German', async () => {
    const page = await creatorPage({ lang: 'de' }, 1500, { de: 4500 });
    try {
      await upgraded(page.win);
      await waitFor(() => !Number.isNaN(arrived(page.win, 'de')), 'the German words to arrive', 5000);
      const words = arrived(page.win, 'de');
      const lit = arrived(page.win, 'core');
      expect(words - lit, 'ms between Lit and the German words arriving').to.be.above(1000);
      const renders = renderOrder(page.win);
      expect(renders['drop-countdown']![0], JSON.stringify(renders)).to.equal('span');
      expect(renders['drop-button']![0], JSON.stringify(renders)).to.equal('a');
      // Defined once the words were there, and not later than it takes to define; the mark, which
      // says no words, did not wait for them.
      expect(page.win.definedAt! - words, 'ms between the German words and the countdown defined').to.be.within(0, 200);
      expect(page.win.markDefinedAt! - lit, 'ms between Lit and the mark defined').to.be.below(200);
      expect(cls(page.win.shifts), describeShifts(page.win.shifts)).to.be.below(BOUND);
    } finally {
      page.remove();
    }
  });

  // Words that never come (a request a phone's network lost without an error) must not keep the
  // widgets from the page: 3 s after their chunk they are defined and show the creator's text in
  // their own boxes, then German if the words still come (English if they fail).
  it('waits a bounded time for words that do not come', async () => {
    const page = await creatorPage({ lang: 'de' }, 300, { de: 60_000 });
    try {
      await upgraded(page.win, 0);
      const ready = Math.max(arrived(page.win, 'countdown'), arrived(page.win, 'core'), arrived(page.win, 'intl'));
      expect(page.win.definedAt! - ready, 'ms the countdown waited for its words').to.be.within(2500, 3500);
      // What an element shows while its words are still on their way: the creator's text.
      expect(renderOrder(page.win)['drop-countdown']).to.deep.equal(['slot']);
      expect(page.win.document.getElementById('winter')!.offsetHeight).to.be.above(0);
    } finally {
      page.remove();
    }
  });
});

describe('a marketplace registering its own tag from the npm package on a page with the loader', () => {
  // The hold is for the loader's own tags while their words are on their way; a tag the page
  // registers itself (the npm package's defineCountdown('acme-countdown')) is defined at once,
  // as it is on a page without the loader.
  it('gets it defined at once, even while the German words are still on their way', async () => {
    const page = await creatorPage({ lang: 'de' }, 300, { de: 60_000 });
    try {
      await waitFor(() => arrived(page.win, 'countdown') > 0, 'the countdown chunk to arrive', 10_000);
      const win = page.win as CreatorWindow & { eval(code: string): Promise<{ defineCountdown(tag: string): void }> };
      const npmPackage = await win.eval(`import('/packages/elements/src/countdown/define.ts')`);
      npmPackage.defineCountdown('acme-countdown');
      expect(win.customElements.get('acme-countdown') !== undefined, 'acme-countdown defined in the same task').to.equal(true);
      // The loader's own tag still waits for its words (the test above says for how long).
      expect(win.customElements.get('drop-countdown') === undefined, 'drop-countdown still waiting for its words').to.equal(true);
    } finally {
      page.remove();
    }
  });
});

describe('layout shift with the classic script (dropkit.iife.js)', () => {
  // What a tag manager inserts: every element and every language in one file, defined at once.
  for (const lang of ['en', 'de']) {
    it(`keeps CLS below ${BOUND} in ${lang === 'en' ? 'English' : 'German'}, each widget's first frame its real face`, async () => {
      const page = await creatorPage({ lang, kit: 'iife' });
      try {
        await upgraded(page.win);
        const [paint] = page.win.performance.getEntriesByName('first-contentful-paint');
        expect(page.win.definedAt! - paint!.startTime, 'ms between the first paint and the kit').to.be.above(1000);
        // The classic script carries the words, but an element asks for them through a promise as
        // in the ES kit: it renders the creator's text first, then its words a few microtasks later,
        // in the same task. Checked by the frame each step came in: no frame shows the first one.
        const renders = renderOrder(page.win);
        const frames = (page.win as unknown as { renderFrames: Record<string, number[]> }).renderFrames;
        for (const [tag, face] of [['drop-countdown', 'span'], ['drop-button', 'a']] as const) {
          const drawn = renders[tag]!.filter((_, index) => frames[tag]![index] === frames[tag]![0]);
          expect(drawn, `${tag} before its first frame: ${JSON.stringify(renders)} ${JSON.stringify(frames)}`).to.include(face);
        }
        expect(cls(page.win.shifts), describeShifts(page.win.shifts)).to.be.below(BOUND);
      } finally {
        page.remove();
      }
    });
  }
});
