/**
 * A page whose lang names no language (und here; zxx, mul and mis alike) gets the visitor's browser
 * language, and the script-tag loader starts those words beside the first element's chunk as it does
 * for a German page: before, it asked for none, and the element fetched them a round trip later. Its
 * own page: the loader asks only once, for the first element, and this file's page is lang="und" in
 * a German browser from before that element.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture, kitTarget } from '../test-support/fixture.ts';
import { waitFor } from '../test-support/wait.ts';

const AT = '2026-12-05T18:00:00+01:00';
const status = (el: Element) => el.shadowRoot?.querySelector('[part~="status"]')?.textContent ?? '';

describe('words: the loader on a page whose lang names no language', () => {
  afterEach(cleanup);

  it('asks for the browser language\'s words (German) before the first element chunk has arrived, once', async () => {
    document.documentElement.lang = 'und';
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'de-DE' });
    try {
      const el = await fixture(`<drop-countdown at="${AT}" now="2026-12-05T17:30:00Z">Drop am Freitag</drop-countdown>`);
      await waitFor(() => status(el) === 'Jetzt live', 'the German live text');
      const loaded = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const words = loaded.filter((entry) => /\/de(-[\w-]+\.js|\.ts)$/.test(new URL(entry.name).pathname));
      // The classic script carries every language; the others fetch German once, whoever asks first.
      expect(words, 'fetches of the German words').to.have.length(kitTarget === 'iife' ? 0 : 1);
      if (kitTarget !== 'es') return; // the sources and the classic script define every element up front, with no loader
      const element = loaded.find((entry) => /\/countdown-[\w-]+\.js$/.test(new URL(entry.name).pathname))!;
      expect(words[0]!.startTime < element.responseEnd, 'German asked for before the countdown chunk had arrived').to.equal(true);
    } finally {
      delete (navigator as { language?: string }).language;
      document.documentElement.lang = 'en';
    }
  });
});
