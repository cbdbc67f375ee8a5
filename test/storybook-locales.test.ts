import { describe, expect, it } from 'vitest';
import { LOCALES, NO_WORDS_LOCALE } from '../.storybook/toolbar/locales.ts';
import { matchLanguage } from '../packages/elements/src/shared/words.ts';

// A designer reads the Locale menu's titles as what the widgets will say: "Svenska" must show
// dropkit's Swedish words, and the one entry titled as the English fallback must have none.
describe('the Storybook Locale menu', () => {
  it('offers the no-words page exactly once', () => {
    expect(LOCALES.filter((locale) => locale.value === NO_WORDS_LOCALE)).toHaveLength(1);
    expect(matchLanguage(NO_WORDS_LOCALE)).toBeNull();
  });

  it('has dropkit words for every other entry', () => {
    const without = LOCALES.filter((locale) => locale.value !== NO_WORDS_LOCALE && matchLanguage(locale.value) === null);
    expect(without.map((locale) => locale.value)).toEqual([]);
  });
});
