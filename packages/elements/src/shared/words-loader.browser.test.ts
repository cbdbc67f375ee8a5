/**
 * The script-tag loader starts fetching the page language's words beside the first element's chunk,
 * so a German page is not one round trip behind an English one. Its own page: the loader asks only
 * once, for the first element, and this file's page is German from before that element.
 */
import { cleanup } from '../test-support/fixture.ts';
import { expectGermanWordsBesideFirstChunk } from '../test-support/words-fetch.ts';

describe('words: the loader and the page language', () => {
  afterEach(cleanup);

  it('asks for the German words before the first element chunk has arrived, once', async () => {
    document.documentElement.lang = 'de';
    try {
      await expectGermanWordsBesideFirstChunk();
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});
