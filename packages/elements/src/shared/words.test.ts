import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalLocale, countWord, fill, languageChunks, loadWords, matchLanguage, type PluralWord, type Words } from './words.ts';
import { countdownEnglish } from '../countdown/format.ts';
import { buttonEnglish } from '../button/words.ts';
import { clipEnglish } from '../clip/words.ts';
import { lazyWords, pageWords } from '../cdn/lazy-elements.ts';

/**
 * English as a whole: what the three elements say, each from its own module. `satisfies` fails the
 * type check when a word of Words is missing; each part's own `satisfies Partial<Words>` when it has
 * a word Words does not know.
 */
const en = { ...countdownEnglish, ...buttonEnglish, ...clipEnglish } satisfies Words;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const variants = (word: string | PluralWord) => (typeof word === 'string' ? [word] : Object.values(word));

describe('language modules', () => {
  for (const [language, chunk] of Object.entries(languageChunks)) {
    it(`${language}: exactly the English keys, the same placeholders, no English left over`, async () => {
      const { default: words } = await chunk();
      expect(Object.keys(words).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof Words)[]) {
        const english = variants(en[key]);
        const translated = variants(words[key]);
        expect(typeof words[key], key).toBe(typeof en[key]);
        for (const text of translated) {
          expect(text.trim(), `${language}.${key} is empty`).not.toBe('');
          expect(placeholders(text), `${language}.${key}: "${text}"`).toEqual(placeholders(english[0]!));
        }
        if (typeof words[key] !== 'string') {
          // Every plural form named must be one this language's rules can select.
          const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
          for (const category of Object.keys(words[key])) expect(categories, `${language}.${key}`).toContain(category);
        }
      }
    });
  }
});

describe('languages with many plural forms', () => {
  // A form a language's rules can select but its module lacks would fall back to `other`, which in
  // these languages is the wrong grammar for most counts: each module has every form, and each is
  // reached by the counts a stock note can show.
  const counts: Record<string, Record<string, number[]>> = {
    ar: { zero: [0], one: [1], two: [2], few: [3, 10, 103], many: [11, 99], other: [100, 102] },
    he: { one: [1], two: [2], other: [3, 10, 20, 100] },
    ru: { one: [1, 21, 101], few: [2, 4, 22], many: [5, 11, 12, 25, 100], other: [1.5] },
    pl: { one: [1], few: [2, 4, 22], many: [5, 12, 25], other: [1.5] },
  };
  for (const [language, forms] of Object.entries(counts)) {
    it(`${language}: a word for every plural form, each chosen by its counts`, async () => {
      const { default: words } = await languageChunks[language]!();
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      expect(Object.keys(words.onlyLeft).sort()).toEqual([...categories].sort());
      expect(Object.keys(forms).sort()).toEqual([...categories].sort());
      for (const [category, numbers] of Object.entries(forms)) {
        for (const n of numbers) {
          const expected = words.onlyLeft[category as Intl.LDMLPluralRule]!.replace('{n}', new Intl.NumberFormat(language).format(n));
          expect(countWord(words.onlyLeft, n, language), `${language} ${n}`).toBe(expected);
        }
      }
    });
  }
});

describe('matchLanguage', () => {
  it('picks the language, then a regional or script variant when one exists', () => {
    expect(matchLanguage('de')).toBe('de');
    expect(matchLanguage('de-AT')).toBe('de');
    expect(matchLanguage('pt-BR')).toBe('pt');
    expect(matchLanguage('pt-PT')).toBe('pt');
    expect(matchLanguage('fr-CA')).toBe('fr');
    expect(matchLanguage('zh')).toBe('zh');
    expect(matchLanguage('zh-CN')).toBe('zh');
    expect(matchLanguage('zh-Hans-SG')).toBe('zh');
    expect(matchLanguage('zh-TW')).toBe('zh-Hant');
    expect(matchLanguage('zh-HK')).toBe('zh-Hant');
    expect(matchLanguage('zh-Hant')).toBe('zh-Hant');
    expect(matchLanguage('ja-JP')).toBe('ja');
    expect(matchLanguage('ar')).toBe('ar');
    expect(matchLanguage('ar-EG')).toBe('ar');
    expect(matchLanguage('he-IL')).toBe('he');
    // The old code for Hebrew, still sent by some systems, is read as Hebrew.
    expect(matchLanguage('iw')).toBe('he');
    expect(matchLanguage('ru-RU')).toBe('ru');
  });

  it('English for every English, null for what dropkit does not speak or cannot read', () => {
    expect(matchLanguage('en')).toBe('en');
    expect(matchLanguage('en-GB')).toBe('en');
    expect(matchLanguage('en-US')).toBe('en');
    expect(matchLanguage('xx')).toBe(null);
    expect(matchLanguage('fa')).toBe(null);
    expect(matchLanguage('')).toBe(null);
    expect(matchLanguage('not a language!')).toBe(null);
    expect(matchLanguage('de_DE')).toBe(null);
  });
});

describe("the loader's choice of words file", () => {
  it('is the file matchLanguage chooses, for every tag the loader may see', () => {
    expect(Object.keys(lazyWords).sort()).toEqual(Object.keys(languageChunks).sort());
    const tags = ['de', 'de-AT', 'DE-at', 'es-419', 'fr-CA', 'it', 'ja-JP', 'ko-KR', 'nl-BE', 'pl', 'pt-BR', 'pt-PT', 'sv-FI', 'tr',
      'zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-HK', 'zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW',
      'ar', 'ar-EG', 'ar-SA', 'he', 'he-IL', 'iw', 'iw-IL', 'ru', 'ru-RU', 'ru-UA', 'en', 'en-GB', 'xx', 'fa'];
    for (const tag of tags) expect(pageWords(tag), tag).toBe(matchLanguage(tag) === 'en' ? undefined : (matchLanguage(tag) ?? undefined));
  });

  describe('a lang that names no language (none, und, und-DE, zxx, mul, mis): the browser language, as the element reads it', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    });
    const tags = ['und', 'und-DE', 'UND', 'und_DE', 'zxx', 'mul', 'mis', '', ' '];

    it('is the file the element chooses (a German browser)', () => {
      vi.stubGlobal('navigator', { language: 'de-DE' });
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      for (const tag of tags) {
        // canonicalLocale keeps what it read for each lang value: these are read here first.
        const element = matchLanguage(canonicalLocale(tag));
        expect(element, JSON.stringify(tag)).toBe('de');
        expect(pageWords(tag), JSON.stringify(tag)).toBe('de');
      }
    });

    it("follows the browser's language, English included", () => {
      for (const [browser, file] of [['zh-TW', 'zh-Hant'], ['iw', 'he'], ['en-US', undefined], ['fa-IR', undefined]] as const) {
        vi.stubGlobal('navigator', { language: browser });
        for (const tag of tags) expect(pageWords(tag), `${JSON.stringify(tag)} in ${browser}`).toBe(file);
      }
    });
  });

  it('is the file the element chooses for <html lang> as pages write it: any case, private use, a server locale, a space', () => {
    // The element reads its lang through canonicalLocale (which mends de_DE and " de"), the loader as written.
    const tags = ['EN-us', 'de-de', 'DE', 'ZH-tw', 'zh-hant-tw', 'zh-Hant-TW', 'zh-CN', 'zh-Hans-TW', 'de-x-shop', 'en-x-foo',
      'zh-TW-x-foo', 'de-u-nu-arab', 'pt-Latn-BR', 'iw', 'iw-IL', 'iw_IL', 'de_DE', 'zh_TW', 'pt_BR', ' de ', 'de ', 'no', 'nb', 'in', 'sr-Latn'];
    for (const tag of tags) {
      const element = matchLanguage(canonicalLocale(tag));
      expect(pageWords(tag), tag).toBe(element === 'en' ? undefined : (element ?? undefined));
    }
  });
});

describe('fill and countWord', () => {
  it('puts named values where the template wants them, and leaves unknown names visible', () => {
    expect(fill('{time} your time', { time: 'Fri 18:00' })).toBe('Fri 18:00 your time');
    expect(fill('{zone} {time}', { time: '9:00', zone: 'Los Angeles' })).toBe('Los Angeles 9:00');
    expect(fill('Only {m} left', { n: '3' })).toBe('Only {m} left');
  });

  it('chooses the plural form and formats the count in the language', () => {
    const pl = { one: '{n} sztuka', few: '{n} sztuki', many: '{n} sztuk', other: '{n} sztuki' };
    expect(countWord(pl, 1, 'pl')).toBe('1 sztuka');
    expect(countWord(pl, 3, 'pl')).toBe('3 sztuki');
    expect(countWord(pl, 5, 'pl')).toBe('5 sztuk');
    expect(countWord(en.onlyLeft, 1, 'en')).toBe('Only 1 left');
    expect(countWord({ other: '残り{n}点' }, 1200, 'ja')).toBe('残り1,200点');
    expect(countWord({ other: '{n}' }, 3, 'ar-EG')).toBe('٣');
  });
});

describe('loadWords', () => {
  it('loads a language once and keeps it; one that cannot load gives null (English) after one warning', async () => {
    const german = await loadWords('de');
    expect(german?.buy).toBe('Kaufen');
    expect(loadWords('de')).toBe(loadWords('de'));
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (message: unknown) => void warnings.push(message);
    try {
      expect(await loadWords('xx')).toBe(null);
      expect(await loadWords('xx')).toBe(null);
    } finally {
      console.warn = warn;
    }
    expect(warnings).toHaveLength(1);
  });
});
