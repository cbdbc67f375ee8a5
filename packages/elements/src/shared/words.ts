/**
 * The elements' own words ("Live now", "Add to calendar", "Buy"…) in the visitor's language.
 *
 * English is built in, so an English page makes no extra request. Every other language is a small
 * data module in `../i18n/`, fetched the first time an element on the page needs it (the classic
 * script carries them all). Numbers, dates and units never live here: `Intl` formats those.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { warnOnce } from './warn.ts';

/** A word that changes with a count, by `Intl.PluralRules` category; `other` is always there. */
export type PluralWord = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

/**
 * Templates name what goes in them (`{time}`, `{n}`, `{zone}`) so each language can put it where
 * its word order wants it.
 */
export const en = {
  // countdown
  live: 'Live now',
  ended: 'This drop has ended',
  soldOut: 'Sold out',
  addToCalendar: 'Add to calendar',
  googleCalendar: 'Google Calendar',
  notifyMe: 'Notify me',
  /** The drop moment on the visitor's clock, e.g. "Fri 18:00 your time". */
  yourTime: '{time} your time',
  /** The drop moment on the creator's clock, `{zone}` being a city such as "Los Angeles". */
  creatorTime: '{time} {zone}',
  /** Screen readers: `{time}` is `Intl.RelativeTimeFormat`'s "in 10 minutes". */
  startsIn: 'The drop starts {time}.',
  isLive: 'The drop is live.',
  // button
  /** `{time}` is the clock, e.g. "01:02:03". */
  dropsIn: 'Drops in {time}',
  comingSoon: 'Coming soon',
  dropEnded: 'Drop ended',
  unavailable: 'Checkout unavailable',
  buy: 'Buy',
  onlyLeft: { other: 'Only {n} left' } as PluralWord,
  // clip
  clip: 'Product clip',
  play: 'Play',
  pause: 'Pause',
  mute: 'Mute',
  captions: 'Captions',
  playClip: 'Play clip',
  watchAgain: 'Watch again',
  productsNow: 'Products in this moment',
  allProducts: 'All products in this clip',
  productList: 'Products in this clip',
};

export type WordKey = keyof typeof en;
export type Words = { readonly [K in WordKey]: (typeof en)[K] extends string ? string : PluralWord };

/**
 * One chunk per language, named after it (`de-….js`). A regional variant gets its own file only
 * when it reads differently (`zh-Hant`); `pt-BR` and `pt-PT` share `pt` until someone writes one.
 */
export const languageChunks: Readonly<Record<string, () => Promise<{ default: Words }>>> = {
  de: () => import('../i18n/de.ts'),
  es: () => import('../i18n/es.ts'),
  fr: () => import('../i18n/fr.ts'),
  it: () => import('../i18n/it.ts'),
  ja: () => import('../i18n/ja.ts'),
  ko: () => import('../i18n/ko.ts'),
  nl: () => import('../i18n/nl.ts'),
  pl: () => import('../i18n/pl.ts'),
  pt: () => import('../i18n/pt.ts'),
  sv: () => import('../i18n/sv.ts'),
  tr: () => import('../i18n/tr.ts'),
  zh: () => import('../i18n/zh.ts'),
  'zh-Hant': () => import('../i18n/zh-Hant.ts'),
};

/**
 * The language whose words fit `locale` best: `de-AT` → `de`, `zh-TW` → `zh-Hant`, `en-GB` → `en`,
 * or null when dropkit has no words for it (the caller shows English).
 */
export function matchLanguage(locale: string): string | null {
  let tag: Intl.Locale;
  try {
    // Filling in the likely script tells Taiwan's and Hong Kong's Chinese (Hant) from the mainland's.
    tag = new Intl.Locale(locale).maximize();
  } catch {
    return null;
  }
  const { language, script, region } = tag;
  if (language === 'en') return 'en';
  for (const candidate of [`${language}-${region}`, `${language}-${script}`, language]) {
    if (Object.hasOwn(languageChunks, candidate)) return candidate;
  }
  return null;
}

const loaded = new Map<string, Words>([['en', en]]);
const loading = new Map<string, Promise<Words>>();

/** The words for a language already here, or undefined while they still have to be fetched. */
export const wordsIfLoaded = (language: string): Words | undefined => loaded.get(language);

/** Fetches a language's words once per page; a chunk that cannot load (offline, blocked) gives English. */
export function loadWords(language: string): Promise<Words> {
  let words = loading.get(language);
  if (!words) {
    const chunk = languageChunks[language];
    words = (chunk ? chunk() : Promise.reject(new Error('no such language')))
      .then(
        (module) => module.default,
        (error: unknown) => {
          warnOnce(null, `words:${language}`, `could not load the ${language} words (${String(error)}); showing English.`);
          return en;
        },
      )
      .then((result) => {
        loaded.set(language, result);
        return result;
      });
    loading.set(language, words);
  }
  return words;
}

/** Fills a template's `{name}` placeholders; an unknown name stays as written, visibly. */
export const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** A counted word ("Only 3 left") with the count in the language's own digits and plural form. */
export function countWord(word: PluralWord, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale).select(count);
  return fill(word[category] ?? word.other, { n: new Intl.NumberFormat(locale).format(count) });
}

/** Canonicalising is costly next to everything else a tick does, and a page has few `lang` values. */
const canonicalLocales = new Map<string, string>();
function canonicalLocale(lang: string): string {
  let locale = canonicalLocales.get(lang);
  if (locale === undefined) {
    try {
      locale = Intl.getCanonicalLocales(lang)[0] ?? navigator.language;
    } catch {
      locale = navigator.language;
    }
    canonicalLocales.set(lang, locale);
  }
  return locale;
}

/** The nearest `lang` up the tree (crossing shadow roots), else the document's, else the browser's. */
export function localeOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      return canonicalLocale(node.getAttribute('lang')!);
    }
    node = node.parentNode ?? (node as ShadowRoot).host ?? null;
  }
  return navigator.language;
}

/**
 * Gives an element the words of its language. `current` is null until they are here: the element
 * then renders only its default slot, i.e. what the creator wrote, so a German page never flashes
 * English. A language change keeps the old words on screen until the new ones arrive.
 */
export class ElementWords implements ReactiveController {
  /** The locale the words were chosen for (numbers inside words are formatted in it). */
  locale = 'en';
  #host: ReactiveControllerHost & Element;
  #language = '';
  #words: Words | null = null;

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  /** The words to render with, or null while the first ones load. */
  get current(): Words | null {
    // A state change can need words before the first render (a countdown already live on load).
    if (!this.#language && this.#host.isConnected) this.hostUpdate();
    return this.#words;
  }

  hostUpdate(): void {
    const locale = localeOf(this.#host);
    this.locale = locale;
    const matched = matchLanguage(locale);
    if (matched === null) {
      warnOnce(null, `lang:${locale}`, `no words for lang="${locale}"; showing English. dropkit speaks ${['en', ...Object.keys(languageChunks)].join(', ')}.`);
    }
    const language = matched ?? 'en';
    if (language === this.#language) return;
    this.#language = language;
    const ready = wordsIfLoaded(language);
    if (ready) {
      this.#words = ready;
      return;
    }
    void loadWords(language).then((words) => {
      if (this.#language !== language) return;
      this.#words = words;
      this.#host.requestUpdate();
    });
  }
}
