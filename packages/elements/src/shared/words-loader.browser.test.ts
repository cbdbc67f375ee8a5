/**
 * The script-tag loader starts fetching the page language's words beside the first element's chunk,
 * so a German page is not one round trip behind an English one. Its own page: the loader asks only
 * once, for the first element, and this file's page is German from before that element.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture, kitTarget } from '../test-support/fixture.ts';
import { waitFor } from '../test-support/wait.ts';

const AT = '2026-12-05T18:00:00+01:00';
const status = (el: Element) => el.shadowRoot?.querySelector('[part~="status"]')?.textContent ?? '';

describe('words: the loader and the page language', () => {
  afterEach(cleanup);

  it('asks for the German words before the first element chunk has arrived, once', async () => {
    document.documentElement.lang = 'de';
    try {
      const el = await fixture(`<drop-countdown at="${AT}" now="2026-12-05T17:30:00Z">Drop am Freitag</drop-countdown>`);
      await waitFor(() => status(el) === 'Jetzt live', 'the German live text');
      const loaded = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const words = loaded.filter((entry) => /\/de(-[\w-]+\.js|\.ts)$/.test(new URL(entry.name).pathname));
      // The classic script carries every language; the others fetch German once, whoever asks first.
      expect(words, 'fetches of the German words').to.have.length(kitTarget === 'iife' ? 0 : 1);
      if (kitTarget !== 'es') return; // the sources and the classic script define every element up front, with no loader
      const element = loaded.find((entry) => /\/countdown-[\w-]+\.js$/.test(new URL(entry.name).pathname))!;
      expect(words[0]!.startTime, 'German asked for before the countdown chunk had arrived').to.be.below(element.responseEnd);
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});
