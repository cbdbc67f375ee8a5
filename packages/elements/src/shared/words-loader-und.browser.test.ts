/**
 * A page whose lang names no language (und here; zxx, mul and mis alike) gets the visitor's browser
 * language, and the script-tag loader starts those words beside the first element's chunk as it does
 * for a German page: before, it asked for none, and the element fetched them a round trip later. Its
 * own page: the loader asks only once, for the first element, and this file's page is lang="und" in
 * a German browser from before that element.
 */
import { cleanup } from '../test-support/fixture.ts';
import { expectGermanWordsBesideFirstChunk } from '../test-support/words-fetch.ts';

describe('words: the loader on a page whose lang names no language', () => {
  afterEach(cleanup);

  it("asks for the browser language's words (German) before the first element chunk has arrived, once", async () => {
    document.documentElement.lang = 'und';
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'de-DE' });
    try {
      await expectGermanWordsBesideFirstChunk();
    } finally {
      delete (navigator as { language?: string }).language;
      document.documentElement.lang = 'en';
    }
  });
});
