/**
 * A page language dropkit has no words for: its widgets say the whole line in English (words,
 * numbers, dates, prices) and mark it `lang="en"`, with one console warning for the page. Finnish,
 * a language creators' pages are written in. The stories that pin it check it still has no words.
 */
export const NO_WORDS_LOCALE = 'fi';

/** Languages a designer can switch the story's page to; Arabic and Hebrew pair with the RTL toggle. */
export const LOCALES = [
  { value: 'en', title: 'English' },
  { value: 'en-US', title: 'English (US)' },
  { value: 'fr', title: 'Français' },
  { value: 'de', title: 'Deutsch' },
  { value: 'es', title: 'Español' },
  { value: 'it', title: 'Italiano' },
  { value: 'nl', title: 'Nederlands' },
  { value: 'pl', title: 'Polski' },
  { value: 'pt-BR', title: 'Português (Brasil)' },
  { value: 'sv', title: 'Svenska' },
  { value: 'tr', title: 'Türkçe' },
  { value: 'ru', title: 'Русский' },
  { value: 'ja', title: '日本語' },
  { value: 'ko', title: '한국어' },
  { value: 'zh', title: '中文（简体）' },
  { value: 'zh-TW', title: '中文（台灣）' },
  { value: 'ar', title: 'العربية' },
  { value: 'he', title: 'עברית' },
  { value: NO_WORDS_LOCALE, title: 'Suomi: no dropkit words, English shown' },
];
