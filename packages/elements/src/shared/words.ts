/**
 * The elements' own words ("Live now", "Add to calendar", "Buy"…) in the visitor's language.
 *
 * English is built into each element, so an English page makes no extra request. Every other
 * language is a small data module in `../i18n/`, fetched once per page: by the script-tag loader
 * beside the first element's chunk (cdn/lazy-elements.ts keeps its own copy of the map below), or by
 * the first element that needs it. The classic script carries them all. Numbers, dates and units
 * never live here: `Intl` formats those.
 */
import type { ReactiveControllerHost } from 'lit';
import { warnOnce } from './warn.ts';

/** A word that changes with a count, by `Intl.PluralRules` category; `other` is always there. */
export type PluralWord = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

/**
 * Every word an element says, each language module has all of them. Templates name what goes in
 * them (`{time}`, `{n}`, `{zone}`) so each language can put it where its word order wants it.
 *
 * English lives beside each element (`countdownEnglish` in countdown/format.ts, `buttonEnglish` and
 * `clipEnglish` in button/words.ts and clip/words.ts), so a page carries only its own elements' words.
 */
export interface Words {
  // countdown
  readonly live: string;
  readonly ended: string;
  readonly soldOut: string;
  readonly addToCalendar: string;
  readonly googleCalendar: string;
  readonly notifyMe: string;
  /** The drop moment on the visitor's clock, e.g. "Fri 18:00 your time". */
  readonly yourTime: string;
  /** The drop moment on the creator's clock; `{zone}` is the zone as the page's language names it ("Los Angeles", "Los Angeles (Ortszeit)", "ロサンゼルス時間"). */
  readonly creatorTime: string;
  /** Screen readers: `{time}` is `Intl.RelativeTimeFormat`'s "in 10 minutes". */
  readonly startsIn: string;
  readonly isLive: string;
  /** The calendar entry's title when the drop has no `name` and the page no title. */
  readonly drop: string;
  // button
  /** `{time}` is the clock, e.g. "01:02:03". */
  readonly dropsIn: string;
  readonly comingSoon: string;
  readonly dropEnded: string;
  readonly unavailable: string;
  readonly buy: string;
  readonly onlyLeft: PluralWord;
  // clip
  readonly clip: string;
  readonly play: string;
  readonly pause: string;
  readonly mute: string;
  readonly captions: string;
  readonly playClip: string;
  readonly watchAgain: string;
  readonly productsNow: string;
  readonly allProducts: string;
  readonly productList: string;
}

export type WordKey = keyof Words;

/**
 * One chunk per language, named after it (`de-….js`). A regional variant gets its own file only
 * when it reads differently (`zh-Hant`); `pt-BR` and `pt-PT` share `pt` until someone writes one.
 * A new language goes here and in cdn/lazy-elements.ts `lazyWords` (words.test.ts compares them).
 */
export const languageChunks: Readonly<Record<string, () => Promise<{ default: Words }>>> = {
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

/** What each language's chunk gave: its words, or null when it could not load (English then). */
const loaded = new Map<string, Words | null>();

/**
 * Words the script-tag loader fetched beside the first element's chunk (cdn/loader.ts), by language.
 * Read before asking import() for them: its promise settles a task later, and an element that first
 * rendered without them would show the creator's text in its own box for a frame, then its real
 * rendering, moving the page twice (a layout shift; test/layout-shift.browser.test.ts).
 */
const earlyWords = (language: string): Words | undefined =>
  (globalThis as { [key: symbol]: Record<string, Words> | undefined })[Symbol.for('dropkit.words')]?.[language];
const loading = new Map<string, Promise<Words | null>>();

/** Fetches a language's words once per page; null when the chunk cannot load (offline, blocked). */
export function loadWords(language: string): Promise<Words | null> {
  let words = loading.get(language);
  if (!words) {
    const chunk = languageChunks[language];
    words = (chunk ? chunk() : Promise.reject(new Error('no such language'))).then(
      (module) => (loaded.set(language, module.default), module.default),
      (error: unknown) => {
        warnOnce(null, `words:${language}`, `could not load the ${language} words (${String(error)}); showing English.`);
        loaded.set(language, null);
        return null;
      },
    );
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
/** The locale a `lang` value means (what browsers and matchLanguage read), else the browser's. */
export function canonicalLocale(lang: string): string {
  let locale = canonicalLocales.get(lang);
  if (locale === undefined) {
    // A server's locale (de_DE from PHP or Java) or a template's stray space (" de") means a language
    // all the same: read as one, the words are the page's, not the visitor's browser's beside it.
    const tag = lang.trim().replace(/_/g, '-');
    try {
      locale = Intl.getCanonicalLocales(tag)[0]!;
      // Browsers and screen readers do not read it so: the creator's own text has no language.
      if (tag !== lang) warnOnce(null, `tag:${lang}`, `lang="${lang}" is not a language tag; reading it as "${locale}".`);
      // Undetermined (und, und-DE), no language (zxx), several (mul), uncoded (mis): valid tags that
      // name no language, as lang="" does, so the visitor's is the best guess here too. Read as
      // themselves, "und" gave English words with numbers in Intl's default locale, and "und-DE"
      // German words beside "€24.00".
      if (/^(und|zxx|mul|mis)(-|$)/.test(locale)) locale = navigator.language;
    } catch {
      // lang="" says the language is unknown, which is valid HTML: the visitor's is the best guess.
      if (tag) warnOnce(null, `tag:${lang}`, `lang="${lang}" is not a language tag like "de-DE"; using the browser's language.`);
      locale = navigator.language;
    }
    canonicalLocales.set(lang, locale);
  }
  return locale;
}

/**
 * The `lang` an element inherits as written: the nearest one up the tree (crossing shadow roots),
 * '' for none (no `lang` anywhere, or `lang=""`: an unknown language either way).
 */
export function inheritedLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node as ShadowRoot).host ?? null;
  }
  return '';
}

/** The locale of the nearest `lang` up the tree, else the browser's (no `lang`, `lang=""`, or no tag at all). */
export const localeOf = (element: Element): string => canonicalLocale(inheritedLang(element));

/**
 * Every connected element with words. A `lang` changed anywhere in the page (a single-page app's
 * language menu) makes each of them update: the countdown re-renders every second anyway, but a
 * live button or a clip would keep the old language beside it for good.
 */
const hosts = new Set<ReactiveControllerHost>();
let langObserver: MutationObserver | undefined;

/**
 * Gives an element the words of its language. `current` is null until they are here: the element
 * then renders only its default slot, i.e. what the creator wrote, so a German page never flashes
 * English. A language change keeps the old words on screen until the new ones arrive.
 */
export class ElementWords<K extends WordKey> {
  /**
   * The locale the words on screen are in, for what `Intl` writes beside them (numbers, units,
   * dates, prices) and for the `lang` of the text they make: the page's (`de-AT`, `en-GB`), or `en`
   * when the words are English on a page in another language (dropkit has no words for it, or they
   * could not load). Intl's Finnish beside English words made a line of neither language, "Drops in
   * 5 päivää", which a screen reader read with one voice.
   */
  locale = 'en';
  #host: ReactiveControllerHost & Element;
  #english: Pick<Words, K>;
  #pageLocale = '';
  #language = '';
  #words: Pick<Words, K> | null = null;
  /** The words being fetched, until the element has asked to re-render with them. */
  pending: Promise<unknown> | null = null;

  /**
   * The `lang` for what the element writes with its words: none (undefined) where its text inherits
   * that language already, so a German page's countdown carries no `lang="de"` of its own; the
   * locale where it does not (English on a Finnish page, `de-DE` on a page with no `lang`, `lang=""`
   * or `lang="de_DE"`, which browsers do not read as German). Tags differ in case only as written.
   */
  get lang(): string | undefined {
    return this.locale.toLowerCase() === inheritedLang(this.#host).toLowerCase() ? undefined : this.locale;
  }

  /** `english`: the element's own English words, what it says on English pages and when a chunk fails. */
  constructor(host: ReactiveControllerHost & Element, english: Pick<Words, K>) {
    this.#host = host;
    this.#english = english;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    langObserver ??= new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
    // The document's subtree stops at shadow roots: a marketplace's language menu changing `lang`
    // inside its own shadow tree went unseen, so each shadow root the element sits in is watched too.
    // An attributeFilter implies attributes: true. Observing again with the same options is a no-op.
    let node: Node | undefined = this.#host;
    do {
      node = node.getRootNode();
      langObserver.observe(node, { attributeFilter: ['lang'], subtree: true });
    } while ((node = (node as Partial<ShadowRoot>).host));
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  /** The words to render with, or null while the first ones load. */
  get current(): Pick<Words, K> | null {
    // A state change can need words before the first render (a countdown already live on load).
    if (!this.#language && this.#host.isConnected) this.hostUpdate();
    return this.#words;
  }

  hostUpdate(): void {
    const locale = localeOf(this.#host);
    // Most updates (a button's ticking time) change nothing here.
    if (locale === this.#pageLocale && this.#language) return;
    this.#pageLocale = locale;
    const matched = matchLanguage(locale);
    if (matched === null) warnOnce(null, `lang:${locale}`, `no words for lang="${locale}"; showing English.`);
    const language = matched ?? 'en';
    const same = language === this.#language;
    this.#language = language;
    const early = loaded.has(language) ? undefined : earlyWords(language);
    if (early) loaded.set(language, early);
    if (language === 'en' || loaded.has(language)) {
      // English's own regions (en-GB) keep their local form.
      this.#show(loaded.get(language), matched === 'en');
      // Words that were still on their way are no longer awaited (a language switched back to English).
      this.pending = null;
      return;
    }
    // Another region of a language still on its way (de-DE to de-AT): those words will do.
    if (same) return;
    const pending = loadWords(language).then((words) => {
      if (this.pending === pending) this.pending = null;
      if (this.#language !== language) return;
      this.#show(words, false);
      this.#host.requestUpdate();
    });
    this.pending = pending;
  }

  /** Shows a language's words (English for none), and the locale they speak with. */
  #show(words: Pick<Words, K> | null | undefined, english: boolean): void {
    this.#words = words ?? this.#english;
    this.locale = words || english ? this.#pageLocale : 'en';
  }
}
