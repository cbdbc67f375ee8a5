import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configErrors, assertValidConfig, creatorConfigSchema, SUPPORTED_KEYWORDS } from './validate.ts';
import { ForgeConfigError } from '../errors.ts';
import { testConfig } from '../testing/marks.ts';
import { prepareInput } from './load.ts';
import { parseBadges } from '../badge/badge-config.ts';

describe('creator config validation', () => {
  it('accepts a complete config and a minimal one', () => {
    expect(configErrors(testConfig({ url: 'https://nova.example/shop', glyph: 'glyph.svg' }))).toEqual([]);
    expect(configErrors({ name: 'A', mark: 'a.svg', colors: { brand: '#f36', background: '#FFFFFF' } })).toEqual([]);
  });

  it('names the field and the expected value', () => {
    const errors = configErrors(testConfig({ colors: { brand: 'red;}' as never, background: '#fff' } }));
    expect(errors).toEqual(['Expected an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25) for colors.brand but received "red;}"']);
  });

  it('lists every problem at once', () => {
    const errors = configErrors({ mark: 42, colors: { background: '#fff', dark: { brand: '#000' } }, url: 'http://x', extra: 1 });
    expect(errors).toEqual([
      'Expected name (required: a non-empty string) but it is missing',
      'Expected a non-empty string for mark but received number 42',
      'Expected colors.brand (required: an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25)) but it is missing',
      'Expected colors.dark.background (required: an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25)) but it is missing',
      'Expected an https:// URL for url but received "http://x"',
      expect.stringMatching(/^Unexpected field extra; expected one of: name, shortName, url, mark, glyph, .*colors, badges, social/),
    ]);
  });

  it('says a stranger\'s flood of problems in a bounded message, never echoing it whole', () => {
    // A 1 MiB config of 100 000 unknown keys was 100 000 sentences, each listing the known fields:
    // a 12 MB message for the marketplace to show, log and store (1.3 s to build). 40 000 badges
    // were 40 000 more after the one saying "at most 32", and one 100 000-character key was echoed whole.
    const keys = testConfig();
    for (let index = 0; index < 100_000; index += 1) (keys as unknown as Record<string, unknown>)[`k${index}`] = 0;
    const flood = configErrors(keys);
    expect(flood.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, index) => expect.stringMatching(new RegExp(`^Unexpected field k${index}; expected one of: name, `))));
    expect(flood.slice(10)).toEqual(['Unexpected fields: 99990 more in the config (k10, k11, k12, …)']);
    const badges = configErrors(testConfig({ badges: Array.from({ length: 40_000 }, () => 'party') }));
    expect(badges).toEqual(['Expected at most 32 entries in badges but received 40000']);
    const long = configErrors({ ...testConfig(), ['x'.repeat(100_000)]: 1 });
    expect(long).toEqual([expect.stringMatching(/^Unexpected field x{40}…; expected one of: /)]);
    for (const errors of [flood, badges, long]) {
      try {
        assertValidConfig(errors === flood ? keys : errors === long ? { ...testConfig(), ['x'.repeat(100_000)]: 1 } : testConfig({ badges: Array(40_000).fill('party') }));
        expect.unreachable();
      } catch (error) {
        expect((error as ForgeConfigError).message.length).toBeLessThan(4_000);
      }
    }
  });

  it('refuses fields named as Object.prototype\'s members, as any other unknown field', () => {
    // The schema's properties were looked up by bracket: `__proto__`, `constructor`, `toString`…
    // found Object.prototype's members there, read them as schemas, and passed unseen.
    const parsed = JSON.parse(
      '{"name":"A","mark":"a.svg","colors":{"brand":"#f36","background":"#fff","__proto__":{"brand":"red"},"toString":1},' +
        '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"hasOwnProperty":0,"valueOf":"x"}',
    );
    const unexpected = (field: string) => expect.stringMatching(new RegExp(`^Unexpected field ${field.replace('.', '\\.')}; expected one of: `));
    expect(configErrors(parsed)).toEqual([
      unexpected('colors.__proto__'),
      unexpected('colors.toString'),
      unexpected('__proto__'),
      unexpected('constructor'),
      unexpected('hasOwnProperty'),
      unexpected('valueOf'),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBe(undefined);
  });

  it('refuses a url no browser can open, naming the field, rather than failing with a stack', () => {
    // Each passed the schema's pattern and stopped the run with "TypeError: Invalid URL" and its stack.
    for (const url of ['https://x.com:99999/', 'https://[::1', 'https://exa%mple.com', 'https://a:b', 'https://@']) {
      expect(configErrors(testConfig({ url }))).toEqual([
        `Expected an https:// URL for url (your page's address, such as https://nova.example/shop) but received ${JSON.stringify(url)}, which is not an address a browser can open`,
      ]);
    }
    expect(configErrors(testConfig({ url: 'https://nova.example:8443/shop?ref=bio#drops' }))).toEqual([]);
  });

  it('refuses a control character in a text field or a path, naming the field and where it is', () => {
    // A NUL in name went raw into the manifest and og:title (read as U+FFFD by every HTML parser).
    expect(configErrors(testConfig({ name: 'Nova\u0000Threads' }))).toEqual([
      'Expected a non-empty string without control characters for name but received "Nova\\u0000Threads" (U+0000 at character 5)',
    ]);
    expect(configErrors(testConfig({ social: { title: 'Drop\u0085' } }))).toEqual([
      expect.stringMatching(/^Expected .* without control characters for social\.title but received .* \(U\+0085 at character 5\)$/u),
    ]);
    expect(configErrors(testConfig({ mark: 'logo\u001b[0m.svg' }))).toEqual([expect.stringMatching(/for mark but received .* \(U\+001B at character 5\)$/u)]);
    // Tabs and line breaks are text.
    expect(configErrors(testConfig({ social: { description: 'Tees\nand prints\r\n\tevery Friday' } }))).toEqual([]);
  });

  it('refuses half a character (a lone surrogate, text cut inside an emoji), naming the field', () => {
    // Written as U+FFFD: "Nova �" under the home-screen icon.
    expect(configErrors(testConfig({ shortName: 'Nova \ud83d' }))).toEqual([
      'Expected a non-empty string of whole characters for shortName but received "Nova \\ud83d", which holds half of one (U+D83D at character 6, as where text was cut inside an emoji)',
    ]);
    expect(configErrors(testConfig({ social: { description: '\ude00 drops' } }))).toEqual([expect.stringMatching(/for social\.description .*U\+DE00 at character 1/u)]);
    expect(configErrors(testConfig({ shortName: 'Nova 😀', social: { title: 'Drops 🔥' } }))).toEqual([]);
  });

  it("says what a badge id takes, in the badge stage's words", () => {
    // It said: Expected File name under badges/ (default: the kind). for badges[0].id (the
    // editor-facing description taken as the expectation).
    expect(configErrors(testConfig({ badges: [{ kind: 'live', id: 'Live Now' }] }))).toEqual([
      'Expected a file name of lower-case letters, digits and dashes (at most 40), not a device name Windows reserves (con, prn, aux, nul, com0 to com9, lpt0 to lpt9) for badges[0].id but received "Live Now"',
    ]);
    expect(configErrors(testConfig({ badges: [{ kind: 'live', id: 'live-now' }] }))).toEqual([]);
  });

  it('refuses a badge id Windows keeps for a device, whose files no Windows machine can write or unpack', () => {
    // badges/con.svg, badges/nul.png: Windows opens the console or the null device for these names,
    // whatever the extension, so a creator forging there (or unzipping a marketplace's set) lost them.
    for (const id of ['con', 'prn', 'aux', 'nul', 'com0', 'com1', 'com9', 'lpt0', 'lpt9']) {
      expect(configErrors(testConfig({ badges: [{ kind: 'live', id }] }))).toEqual([
        `Expected a file name of lower-case letters, digits and dashes (at most 40), not a device name Windows reserves (con, prn, aux, nul, com0 to com9, lpt0 to lpt9) for badges[0].id but received "${id}"`,
      ]);
      expect(() => parseBadges([{ kind: 'live', id }])).toThrowError(`for badges[0].id but received "${id}"`);
    }
    for (const id of ['console', 'null', 'com10', 'lpt0-drop', 'con-x', 'aux1']) {
      expect(configErrors(testConfig({ badges: [{ kind: 'live', id }] }))).toEqual([]);
      expect(parseBadges([{ kind: 'live', id }])[0]!.id).toBe(id);
    }
  });

  it('says what to write for a required field that is missing', () => {
    expect(configErrors({ name: 'Nova', mark: 'mark.svg', colors: { brand: '#ff3366' } })).toEqual([
      'Expected colors.background (required: an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25)) but it is missing',
    ]);
    expect(configErrors({ name: 'Nova', mark: 'mark.svg' })).toEqual(['Expected colors (required: an object) but it is missing']);
  });

  it('accepts a dark ink that reads on the dark background, and names the field and the contrast when it does not', () => {
    const withInk = (ink: unknown) => testConfig({ colors: { brand: '#ff3366', background: '#fff7f9', dark: { brand: '#ff7a9c', background: '#14142b', ink: ink as never } } });
    expect(configErrors(withInk('#E0E7FF'))).toEqual([]);
    expect(configErrors(withInk('#eef'))).toEqual([]);
    expect(configErrors(withInk('lavender'))).toEqual([]);
    // A colour written another way is judged as the hex it is drawn in, which the message shows.
    expect(configErrors(withInk('navy'))).toEqual([
      'Expected a colour that reaches 3:1 against colors.dark.background (#14142b) for colors.dark.ink but received "navy" (#000080, 1.12:1)',
    ]);
    expect(configErrors(withInk('ink'))).toEqual(['Expected an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25) for colors.dark.ink but received "ink"']);
    expect(configErrors(withInk('#1e2a5a'))).toEqual([
      'Expected a colour that reaches 3:1 against colors.dark.background (#14142b) for colors.dark.ink but received "#1e2a5a" (1.31:1)',
    ]);
    expect(configErrors(testConfig({ colors: { brand: '#ff3366', background: '#fff7f9', ink: '#000' } as never }))).toEqual([
      'Unexpected field colors.ink; expected one of: brand, background, dark',
    ]);
  });

  it('accepts homeScreen "mark" or "glyph", and names the field and both values otherwise', () => {
    expect(configErrors(testConfig({ homeScreen: 'mark' }))).toEqual([]);
    expect(configErrors(testConfig({ glyph: 'glyph.svg', homeScreen: 'glyph' }))).toEqual([]);
    expect(configErrors(testConfig({ glyph: 'glyph.svg', homeScreen: 'icon' as never }))).toEqual(['Expected "mark" or "glyph" for homeScreen but received "icon"']);
    expect(configErrors(testConfig({ glyph: 'glyph.svg', homeScreen: true as never }))).toEqual(['Expected "mark" or "glyph" for homeScreen but received boolean true']);
  });

  it('refuses homeScreen "glyph" without a glyph, naming both fields', () => {
    expect(configErrors(testConfig({ homeScreen: 'glyph' }))).toEqual([
      'Expected glyph (the square SVG the home-screen icons draw) because homeScreen is "glyph", but the config names no glyph; add "glyph": "glyph.svg" or set homeScreen to "mark"',
    ]);
    expect(() => assertValidConfig(testConfig({ homeScreen: 'glyph' }), 'creator.json')).toThrow(/^creator\.json: Expected glyph .* because homeScreen is "glyph"/);
  });

  describe('colours in any CSS syntax a browser reads, as the mark takes them', () => {
    const E = 'an opaque CSS colour such as #ff3366, #f36, rebeccapurple or oklch(62% 0.2 25)';
    const pixel = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';
    const colorsOf = async (colors: Record<string, unknown>) =>
      (await prepareInput(testConfig({ colors: colors as never }), async () => new TextEncoder().encode(pixel))).config.colors;

    it('accepts hex, names and every colour function, each passed on as the lower-case #rrggbb Chromium paints', async () => {
      // Until 28 November 2026 only hex: a designer's "oklch(62% 0.2 25)" or "rebeccapurple" was refused.
      // The modern forms' hex are those the sanitizer's Chromium test proves (sanitize.test).
      const cases: [string, string][] = [
        ['#F36', '#ff3366'], ['#FF3366', '#ff3366'], ['#ff3366ff', '#ff3366'], [' #f36 ', '#ff3366'],
        ['rebeccapurple', '#663399'], ['RebeccaPurple', '#663399'], ['navy', '#000080'],
        ['rgb(255 51 102)', '#ff3366'], ['rgb(255, 51, 102)', '#ff3366'], ['rgba(255, 51, 102, 1)', '#ff3366'], ['rgb(255 51 102 / 100%)', '#ff3366'],
        ['hsl(345deg 100% 60%)', '#ff3366'], ['hsl(345, 100%, 60%)', '#ff3366'], ['hwb(345 20% 0%)', '#ff3366'],
        ['oklch(62% 0.2 25)', '#e64343'], ['OKLCH(62% 0.2 25)', '#e64343'], ['lab(50% 40 30)', '#bb5846'], ['lch(50% 60 30)', '#ca4948'],
        ['oklab(0.6 0.1 0.1)', '#c3602e'], ['color(xyz 0.3 0.3 0.3)', '#a2918f'], ['color(srgb 1 0.2 0.4)', '#ff3366'],
        ['color-mix(in oklch, red, blue)', '#ba00c2'], ['color-mix(in srgb, red 20%, blue)', '#3300cc'],
        // Outside sRGB: clipped channel by channel, as Chromium paints it (not CSS gamut mapping's #ff001c).
        ['oklch(62% 0.4 25)', '#ff0000'],
        // Relative colours and math in the channels, as a mark reads them (refused until 28 November 2026).
        ['rgb(from red r g b)', '#ff0000'], ['rgb(calc(255) 0 0)', '#ff0000'], ['oklch(from #f36 calc(l * 0.8) c h)', '#ce0041'], ['hsl(calc(120deg + 30deg) 50% 50%)', '#40bf80'],
      ];
      for (const [written, hex] of cases) {
        expect(configErrors(testConfig({ colors: { brand: written as never, background: '#fff' } })), written).toEqual([]);
        expect((await colorsOf({ brand: written, background: '#fff' })).brand, written).toBe(hex);
      }
      expect(await colorsOf({ brand: 'oklch(62% 0.2 25)', background: 'white', dark: { brand: 'hsl(345 100% 74%)', background: 'oklab(0.2 0.01 -0.05)', ink: 'lavender' } })).toEqual({
        brand: '#e64343',
        background: '#ffffff',
        dark: { brand: '#ff7a9c', background: '#13122c', ink: '#e6e6fa' },
      });
    });

    it('refuses what cannot be a brand or background colour, naming the field, the value expected and why', () => {
      const refused = (brand: string) => configErrors(testConfig({ colors: { brand: brand as never, background: '#fff' } }));
      const translucent = "a home-screen icon's background and a browser's theme colour are opaque: write an opaque colour";
      expect(refused('rgb(255 51 102 / 50%)')).toEqual([`Expected ${E} for colors.brand but received "rgb(255 51 102 / 50%)", which is translucent, but ${translucent}`]);
      expect(refused('#ff336680')).toEqual([`Expected ${E} for colors.brand but received "#ff336680", which is translucent, but ${translucent}`]);
      expect(refused('color-mix(in srgb, red 30%, transparent)')).toEqual([`Expected ${E} for colors.brand but received "color-mix(in srgb, red 30%, transparent)", which is translucent, but ${translucent}`]);
      expect(refused('#0000')).toEqual([`Expected ${E} for colors.brand but received "#0000", which is transparent, but ${translucent}`]);
      expect(refused('transparent')).toEqual([`Expected ${E} for colors.brand but received "transparent", which is transparent, but ${translucent}`]);
      expect(refused('currentColor')).toEqual([`Expected ${E} for colors.brand but received "currentColor", the colour of the text around an element, which a config has none of: write the colour itself`]);
      for (const paged of ['rgb(random(0, 255) 0 0)', 'hsl(calc(sibling-index() * 30) 50% 50%)']) {
        expect(refused(paged)).toEqual([`Expected ${E} for colors.brand but received ${JSON.stringify(paged)}, a colour that changes with the page around an element, which a config has none of: write the colour itself`]);
      }
      const system = (value: string) => `Expected ${E} for colors.brand but received ${JSON.stringify(value)}, a system colour, which each device and theme paints its own way: write the colour itself`;
      expect(refused('Canvas')).toEqual([system('Canvas')]);
      expect(refused('color-mix(in srgb, ButtonFace, red)')).toEqual([system('color-mix(in srgb, ButtonFace, red)')]);
      const variable = (value: string) => `Expected ${E} for colors.brand but received ${JSON.stringify(value)}, a CSS variable, which has no value outside a page's style sheet: write the colour itself`;
      expect(refused('var(--brand)')).toEqual([variable('var(--brand)')]);
      expect(refused('rgb(var(--r) 0 0)')).toEqual([variable('rgb(var(--r) 0 0)')]);
      expect(refused('light-dark(#ff3366, #ff7a9c)')).toEqual([
        `Expected ${E} for colors.brand but received "light-dark(#ff3366, #ff7a9c)", a light and a dark colour in one: write the light one here and the dark one as colors.dark.brand`,
      ]);
      // The second line: colours Chromium drops at parse time (sheet-fidelity.chromium.test), which the sanitizer
      // refuses in a mark and colorjs.io read all the same (hsl(1,2,3) was #080807, a 150% share was red).
      for (const unread of ['red;}', 'brand', 'oklch(62% 0.2)', 'rgb(from red r g)', 'inherit', 'red blue', '#ff33f',
        'hsl(1,2,3)', 'rgb(1 2 3 4)', 'rgb(1,2,3,)', 'hwb(1,2%,3%)', 'oklch(62% 0.2 25deg 3)', 'color-mix(in srgb, red 150%, blue)', 'color-mix(in srgb longer hue, red, blue)', 'rgb(calc(50% + 10) 0 0)', 'hsl(from red calc(h + 30deg) s l)']) {
        expect(refused(unread), unread).toEqual([`Expected ${E} for colors.brand but received ${JSON.stringify(unread)}`]);
      }
      expect(refused('')).toEqual([`Expected ${E} for colors.brand but received an empty string`]);
      expect(configErrors(testConfig({ colors: { brand: '#f36', background: 5 as never } }))).toEqual([`Expected ${E} for colors.background but received number 5`]);
      // Each field named, in a dark palette too.
      expect(
        configErrors(testConfig({ colors: { brand: '#f36', background: 'Canvas', dark: { brand: 'var(--x)', background: 'light-dark(#fff, #000)', ink: '#fff8' } } as never })),
      ).toEqual([
        `Expected ${E} for colors.background but received "Canvas", a system colour, which each device and theme paints its own way: write the colour itself`,
        `Expected ${E} for colors.dark.brand but received "var(--x)", a CSS variable, which has no value outside a page's style sheet: write the colour itself`,
        `Expected ${E} for colors.dark.background but received "light-dark(#fff, #000)", a light and a dark colour in one: write the dark one here (colors.dark is the dark-mode palette)`,
        `Expected ${E} for colors.dark.ink but received "#fff8", which is translucent, but ${translucent}`,
      ]);
    });

    it('reads the same text to the same hex every time', async () => {
      const colors = { brand: 'color-mix(in oklch, oklch(62% 0.2 25) 30%, lab(50% 40 30))', background: 'lch(95% 5 340)' };
      const first = await colorsOf(colors);
      expect(first.brand).toMatch(/^#[0-9a-f]{6}$/u);
      for (let run = 0; run < 3; run += 1) expect(await colorsOf(colors)).toEqual(first);
    });
  });

  it('passes the dark ink on in lower-case #rrggbb', async () => {
    const raw = testConfig({ colors: { brand: '#ff3366', background: '#fff7f9', dark: { brand: '#ff7a9c', background: '#14142b', ink: '#EEF' } } });
    const input = await prepareInput(raw, async () => new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'));
    expect(input.config.colors.dark).toEqual({ brand: '#ff7a9c', background: '#14142b', ink: '#eeeeff' });
  });

  it('rejects non-objects and empty strings', () => {
    expect(configErrors([])).toEqual(['Expected an object for the config but received an array']);
    expect(configErrors(testConfig({ name: '' }))).toEqual(['Expected a non-empty string for name but received an empty string']);
    // Spaces, a tab, a no-break space: nothing a home screen or a social card could show.
    expect(configErrors(testConfig({ name: '   ' }))).toEqual(['Expected a non-empty string for name but received only white space ("   ")']);
    expect(configErrors(testConfig({ shortName: '\t\u00a0' }))).toEqual(['Expected a non-empty string for shortName but received only white space ("\\t\u00a0")']);
    expect(configErrors(testConfig({ social: { title: ' ' } }))).toEqual(['Expected a non-empty string for social.title but received only white space (" ")']);
    expect(configErrors(testConfig({ shortName: 'x'.repeat(31) }))).toEqual([
      'Expected at most 30 characters (Unicode code points, counted in NFC) for shortName but received 31',
    ]);
  });

  it('counts a limit in characters a creator sees, as the schema does: an emoji or a letter pasted decomposed is one', () => {
    // macOS pastes NFD: 80 accented letters were 160 UTF-16 units, refused at 40; an emoji counted 2.
    const decomposed = 'e\u0301'.repeat(80);
    expect(configErrors(testConfig({ social: { title: `${decomposed}${'x'.repeat(20)}` }, badges: [{ kind: 'custom', text: decomposed }] }))).toEqual([]);
    expect(configErrors(testConfig({ shortName: '🔥'.repeat(30) }))).toEqual([]);
    expect(configErrors(testConfig({ shortName: '🔥'.repeat(31) }))).toEqual([
      'Expected at most 30 characters (Unicode code points, counted in NFC) for shortName but received 31',
    ]);
    expect(configErrors(testConfig({ badges: [{ kind: 'custom', text: `${decomposed}e` }] }))).toEqual([
      'Expected at most 80 characters (Unicode code points, counted in NFC) for badges[0].text but received 81',
    ]);
    // Where a control character is, in characters too: after an emoji it is the 3rd, not the 4th unit.
    expect(configErrors(testConfig({ name: '🔥A\u0007' }))).toEqual([expect.stringMatching(/\(U\+0007 at character 3\)$/u)]);
  });

  it('quotes a long value cut where a character ends, never half an emoji', () => {
    const id = `${'a'.repeat(39)}😀😀`;
    expect(configErrors(testConfig({ badges: [{ kind: 'live', id }] }))).toEqual([expect.stringContaining(`received "${'a'.repeat(39)}😀…"`)]);
    expect(configErrors(testConfig({ [`${'k'.repeat(39)}😀`]: 1 } as never))).toEqual([expect.stringContaining(`Unexpected field ${'k'.repeat(39)}😀;`)]);
    expect(configErrors(testConfig({ [`${'k'.repeat(39)}😀😀`]: 1 } as never))).toEqual([expect.stringContaining(`Unexpected field ${'k'.repeat(39)}😀…;`)]);
  });

  it('throws a typed error carrying every problem', () => {
    expect(() => assertValidConfig({}, 'creator.json')).toThrow(ForgeConfigError);
    try {
      assertValidConfig({}, 'creator.json');
    } catch (error) {
      expect((error as ForgeConfigError).problems).toHaveLength(3);
      expect((error as Error).message).toMatch(/^creator\.json: Expected name \(required: a non-empty string\) but it is missing; /);
    }
  });

  it('ships the schema it validates with', () => {
    const shipped = JSON.parse(readFileSync(new URL('./creator-config.schema.json', import.meta.url), 'utf8'));
    expect(shipped.required).toEqual(['name', 'mark', 'colors']);
    expect(Object.keys(shipped.properties)).toContain('badges');
  });
});

describe('schema coverage', () => {
  it('understands every keyword the shipped schema uses (stages extend it)', () => {
    const used = new Set<string>();
    const walk = (node: unknown, underProperties: boolean): void => {
      if (Array.isArray(node)) return node.forEach((item) => walk(item, false));
      if (typeof node !== 'object' || node === null) return;
      for (const [key, child] of Object.entries(node)) {
        if (!underProperties) used.add(key);
        walk(child, !underProperties && (key === 'properties' || key === '$defs'));
      }
    };
    walk(JSON.parse(readFileSync(new URL('./creator-config.schema.json', import.meta.url), 'utf8')), false);
    expect([...used].filter((keyword) => !SUPPORTED_KEYWORDS.has(keyword))).toEqual([]);
  });

  it('checks enums, numbers, arrays and anyOf', () => {
    const schema = creatorConfigSchema as unknown as { properties: Record<string, unknown> };
    if (!('badges' in schema.properties)) return;
    expect(configErrors(testConfig({ badges: ['live', { kind: 'limited', number: 1, of: 50 }] }))).toEqual([]);
    expect(configErrors(testConfig({ badges: ['party'] }))[0]).toMatch(/^Expected .*"live".* for badges\[0\] but received "party"$/);
    expect(configErrors(testConfig({ badges: [{ kind: 'limited', number: 1.5 }] }))).toEqual(['Expected a whole number for badges[0].number but received number 1.5']);
  });
});
