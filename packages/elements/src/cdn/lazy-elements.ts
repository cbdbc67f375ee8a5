/**
 * Every tag the script-tag loader knows, each with the chunk that defines it. A page pays only for
 * the elements it actually uses. Add a line here when a new element ships.
 */
export const lazyElements: Record<string, () => Promise<unknown>> = {
  // The chunk also exports the calendar helpers its lazy .ics chunk imports; discarding the module
  // here spares it a namespace object (and the helper that builds one).
  'drop-countdown': () => import('../countdown/define.ts').then(() => {}),
  'drop-button': () => import('../button/define.ts'),
  'drop-mark': () => import('../mark/define.ts'),
  'drop-clip': () => import('../clip/define.ts'),
  'drop-product': () => import('../clip/define.ts'),
};

/**
 * The words of each language, as shared/words.ts imports them (the same files, so the same modules):
 * the loader starts the page language's fetch beside the first element's chunk.
 */
export const lazyWords: Record<string, () => Promise<unknown>> = {
  ar: () => import('../i18n/ar.ts'),
  de: () => import('../i18n/de.ts'),
  es: () => import('../i18n/es.ts'),
  fr: () => import('../i18n/fr.ts'),
  he: () => import('../i18n/he.ts'),
  it: () => import('../i18n/it.ts'),
  ja: () => import('../i18n/ja.ts'),
  ko: () => import('../i18n/ko.ts'),
  nl: () => import('../i18n/nl.ts'),
  pl: () => import('../i18n/pl.ts'),
  pt: () => import('../i18n/pt.ts'),
  ru: () => import('../i18n/ru.ts'),
  sv: () => import('../i18n/sv.ts'),
  tr: () => import('../i18n/tr.ts'),
  zh: () => import('../i18n/zh.ts'),
  'zh-Hant': () => import('../i18n/zh-Hant.ts'),
};

/**
 * The page language's words file, chosen like shared/words.ts `matchLanguage` does for the common
 * tags (its test holds the two together) without `Intl.Locale`, which the loader need not carry.
 * `iw` is Hebrew's old code, which Intl still maps to `he` for the element. A server's `de_DE` and
 * a stray space are read as the element reads them, and so is a lang that names no language (none,
 * und, und-DE, zxx, mul, mis): the browser's language, whose words the elements then ask for (on
 * an und page in German they came one round trip after the chunk). Undefined for English and for
 * languages without words.
 */
export function pageWords(lang: string): string | undefined {
  let [language = '', second = ''] = lang.trim().toLowerCase().split(/[-_]/);
  if (/^(und|zxx|mul|mis|)$/.test(language)) [language = '', second = ''] = navigator.language.toLowerCase().split(/[-_]/);
  const file = language === 'zh' && /^(hant|tw|hk|mo)$/.test(second) ? 'zh-Hant' : language === 'iw' ? 'he' : language;
  return Object.hasOwn(lazyWords, file) ? file : undefined;
}
