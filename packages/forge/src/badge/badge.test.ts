import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ForgeConfigError } from '../errors.ts';
import type { PlannedAsset } from '../plan/types.ts';
import { badgeSpecs, parseBadges, type BadgeSpec } from './badge-config.ts';
import { animatedBadgeSvg, badgeColors } from './badge-svg.ts';
import { TextError } from './font.ts';
import { BADGE_FONT_FLOOR, BADGE_FONT_SIZE, layoutBadge } from './layout.ts';
import { BADGE_LOOP, MOTION_KEYFRAMES, sampleKeyframes } from './motion.ts';
import { badgeStage } from './stage.ts';
import { colorDistance, decodePage, hexRgb, meanDifference, pixelAt, testInput, directRenderContext, type Decoded } from './testing.ts';

const context = directRenderContext();
const BRAND = '#6d28d9';
const DARK_BRAND = '#a78bfa';

function spec(overrides: Partial<BadgeSpec> = {}): BadgeSpec {
  return { id: 'custom', kind: 'custom', label: 'Restock', motion: 'shine', maxWidth: 240, field: 'badges[0].text', ...overrides };
}

function plannedFor(badges: unknown[], dark = true, config: Parameters<typeof testInput>[0] = {}): Map<string, PlannedAsset> {
  const input = testInput({ badges, glyph: 'glyph.svg', ...config });
  if (!dark) input.config.colors = { brand: BRAND, background: '#ffffff' };
  return new Map(badgeStage.plan(input).assets.map((asset) => [asset.name, asset]));
}

async function render(assets: Map<string, PlannedAsset>, name: string): Promise<Uint8Array> {
  const asset = assets.get(name);
  if (!asset) throw new Error(`no asset ${name}; planned: ${[...assets.keys()].join(', ')}`);
  return asset.render(context);
}

/** The frame shown `ms` into the loop, found from the decoded delays as a viewer would. */
async function frameAt(bytes: Uint8Array, ms: number) {
  const { delay = [] } = await sharp(bytes, { animated: true }).metadata();
  let page = 0;
  for (let elapsed = delay[0] ?? 0; elapsed <= ms && page < delay.length - 1; elapsed += delay[page] ?? 0) page += 1;
  return decodePage(bytes, page);
}

describe('badge config', () => {
  it('counts text in characters a creator sees: 80 accented letters pasted decomposed are 80, not 160', () => {
    const decomposed = 'e\u0301'.repeat(80);
    expect(parseBadges([{ kind: 'custom', text: decomposed }])[0]!.label).toBe(decomposed);
    expect(() => parseBadges([{ kind: 'custom', text: `${decomposed}e` }])).toThrowError(
      /^Expected text of at most 80 characters \(Unicode code points, counted in NFC\) for badges\[0\]\.text but received "(e\u0301){20}…"$/u,
    );
    // A long value is quoted cut where a character ends: never half an emoji ("\ud83d").
    expect(() => parseBadges([{ kind: 'live', id: `${'a'.repeat(39)}😀😀` }])).toThrowError(`but received "${'a'.repeat(39)}😀…"`);
  });

  it('reads shorthand kinds and derives every label', () => {
    const specs = parseBadges([
      'live',
      { kind: 'drop', at: '2026-12-06T03:00:00Z', timeZone: 'America/Los_Angeles' },
      { kind: 'limited', number: 1, of: 50 },
      'verified',
      'sold-out',
      { kind: 'custom', id: 'restock', text: 'Restock Friday' },
    ]);
    expect(specs.map((s) => [s.id, s.label, s.motion])).toEqual([
      ['live', 'LIVE', 'pulse'],
      ['drop', 'Drop · Dec 5', 'shine'],
      ['limited', '1 of 50', 'shine'],
      ['verified', 'Verified', 'shine'],
      ['sold-out', 'Sold out', 'shine'],
      ['restock', 'Restock Friday', 'shine'],
    ]);
  });

  it('refuses an id that names the dark files of another badge, saying which, when there is a dark palette', () => {
    // With colors.dark, "live" also writes badges/live-dark.png: a badge with id "live-dark" wrote
    // the same files and the run stopped with "two stages produce badges/live-dark.png".
    for (const badges of [['live', { kind: 'custom', id: 'live-dark', text: 'Other' }], [{ kind: 'custom', id: 'live-dark', text: 'Other' }, 'live']]) {
      expect(() => plannedFor(badges)).toThrowError(ForgeConfigError);
      expect(() => plannedFor(badges)).toThrowError(/dark files of badges\[\d\] \("live"\).* for badges\[\d\]\.id but received "live-dark"/u);
    }
    // Without a dark palette nothing is named -dark, and the two badges do not meet.
    expect(plannedFor(['live', { kind: 'custom', id: 'live-dark', text: 'Other' }], false).has('badges/live-dark.png')).toBe(true);
  });

  it('refuses a drop locale whose dates the font cannot draw, naming locale rather than text the creator never wrote', () => {
    // "ja-JP" writes the day as "12月5日": the refusal named badges[0] and said "Use Latin, Greek
    // or Cyrillic text" to a creator who had written no text.
    const drop = { kind: 'drop', at: '2026-12-05T18:00:00Z' };
    expect(() => parseBadges([drop, { ...drop, id: 'jp', locale: 'ja-JP' }])).toThrowError(ForgeConfigError);
    expect(() => parseBadges([drop, { ...drop, id: 'jp', locale: 'ja-JP' }])).toThrowError(
      /for badges\[1\]\.locale but received "ja-JP": it writes "Drop · 12月5日".*"en-US".*badges\[1\]\.text/u,
    );
    expect(() => parseBadges([{ ...drop, locale: 'ar-EG' }])).toThrowError(/badges\[0\]\.locale/u);
    // Locales written in Latin, Greek or Cyrillic letters, and a text of its own, are drawn.
    expect(parseBadges([{ ...drop, locale: 'de-DE' }, { ...drop, id: 'ru', locale: 'ru-RU' }]).map((s) => s.label)).toEqual(['Drop · 5. Dez.', 'Drop · 5 дек.']);
    expect(parseBadges([{ ...drop, locale: 'ja-JP', text: 'Drop Dec 5' }])[0]!.label).toBe('Drop Dec 5');
  });

  it('refuses a drop locale whose date holds an accent forge cannot place, naming the locale', () => {
    // Yoruba writes December "Ọ̀pẹ̀" (Ọ with a grave, no single character): the refusal named
    // badges[0] and asked for "letters that exist with their accent" from a creator who wrote none.
    const drop = { kind: 'drop', at: '2026-12-05T18:00:00Z' };
    expect(() => parseBadges([{ ...drop, locale: 'yo' }])).toThrowError(ForgeConfigError);
    expect(() => parseBadges([{ ...drop, locale: 'yo' }])).toThrowError(/for badges\[0\]\.locale but received "yo": it writes "Drop · 5 Oṣù Ọ̀pẹ̀"/u);
    expect(() => parseBadges([drop], { socialLocale: 'yo' })).toThrowError(/for social\.locale but received "yo"/u);
  });

  it('takes the creator\'s words beside the fields of their kind, or without them', () => {
    expect(
      parseBadges([
        { kind: 'drop', at: '2026-12-05T18:00:00Z', timeZone: 'Asia/Kathmandu', locale: 'en-US-u-hc-h23', text: 'Drop Saturday' },
        { kind: 'drop', id: 'soon', text: 'Drop soon' },
        { kind: 'limited', number: 3, text: 'No. 3' },
      ]).map((spec) => spec.label),
    ).toEqual(['Drop Saturday', 'Drop soon', 'No. 3']);
  });

  it('takes every day that exists, leap days and the 24:00 that ends one included', () => {
    expect(parseBadges([{ kind: 'drop', at: '2028-02-29T18:00:00Z' }])[0]!.label).toBe('Drop · Feb 29');
    expect(parseBadges([{ kind: 'drop', at: '2000-02-29T18:00:00Z' }])[0]!.label).toBe('Drop · Feb 29');
    expect(() => parseBadges([{ kind: 'drop', at: '2100-02-29T18:00:00Z' }])).toThrowError(/February 2100 has 28 days/u);
    expect(parseBadges([{ kind: 'drop', at: '2026-12-31T09:00:00Z' }])[0]!.label).toBe('Drop · Dec 31');
    expect(parseBadges([{ kind: 'drop', at: '2026-12-05T24:00:00Z' }])[0]!.label).toBe('Drop · Dec 6');
  });

  it('dates the drop in the creator time zone, not the machine one', () => {
    const at = '2026-12-06T03:00:00Z';
    expect(parseBadges([{ kind: 'drop', at }])[0]!.label).toBe('Drop · Dec 6');
    expect(parseBadges([{ kind: 'drop', at, timeZone: 'Asia/Tokyo' }])[0]!.label).toBe('Drop · Dec 6');
    expect(parseBadges([{ kind: 'drop', at, timeZone: 'America/New_York' }])[0]!.label).toBe('Drop · Dec 5');
  });

  it('without a timeZone, dates the drop by the offset written in at, or by social.timeZone, UTC only for Z', async () => {
    // A creator in New York writing 21:00 -05:00 means the 5th; told in UTC the badge read "Dec 6".
    const evening = { kind: 'drop', at: '2026-12-05T21:00:00-05:00' };
    expect(parseBadges([evening])[0]!.label).toBe('Drop · Dec 5');
    expect(parseBadges([{ kind: 'drop', at: '2026-12-06T07:30:00+05:30' }])[0]!.label).toBe('Drop · Dec 6');
    expect(parseBadges([{ kind: 'drop', at: '2026-12-06T02:00:00+00:00' }])[0]!.label).toBe('Drop · Dec 6');
    // social.timeZone, the zone the creator named for the card, comes before the offset; the badge's own before both.
    expect(parseBadges([evening], { socialTimeZone: 'Asia/Tokyo' })[0]!.label).toBe('Drop · Dec 6');
    expect(parseBadges([{ ...evening, timeZone: 'America/Chicago' }], { socialTimeZone: 'Asia/Tokyo' })[0]!.label).toBe('Drop · Dec 5');
    expect(() => parseBadges([evening], { socialTimeZone: 'Mars/Olympus' })).toThrowError(/for social\.timeZone/u);
    // Through the stage, read off the pixels: the badge draws exactly the words "Drop · Dec 5".
    const drawn = async (badge: unknown, config: Parameters<typeof testInput>[0] = {}) => {
      const assets = plannedFor([badge], false, config);
      return decodePage(await render(assets, `badges/${(badge as { id?: string }).id ?? 'drop'}@2x.png`));
    };
    const day5 = await drawn({ kind: 'custom', id: 'drop', text: 'Drop · Dec 5' });
    expect(meanDifference(await drawn(evening), day5)).toBe(0);
    expect(meanDifference(await drawn(evening, { social: { timeZone: 'Asia/Tokyo' } }), day5)).toBeGreaterThan(0);
  });

  it('without a locale, writes the drop day in social.locale, as the card writes it', async () => {
    // A creator who chose "fr-FR" for the card got "Drop · sam. 5 déc." there and "Drop · Dec 5" on the badge.
    const drop = { kind: 'drop', at: '2026-12-05T18:00:00Z' };
    expect(parseBadges([drop], { socialLocale: 'fr-FR' })[0]!.label).toBe('Drop · 5 déc.');
    expect(parseBadges([{ ...drop, locale: 'de-DE' }], { socialLocale: 'fr-FR' })[0]!.label).toBe('Drop · 5. Dez.');
    expect(() => parseBadges([drop], { socialLocale: 'ja-JP' })).toThrowError(/for social\.locale but received "ja-JP".*badges\[0\]\.text/u);
    // What tools read (the bench's label column) is what the stage draws: one reading of the config.
    expect(badgeSpecs({ badges: [drop, 'live'], social: { locale: 'fr-FR', timeZone: 'Asia/Tokyo' } }).map((spec) => spec.label)).toEqual(['Drop · 6 déc.', 'LIVE']);
    const assets = plannedFor([drop], false, { social: { locale: 'fr-FR' } });
    const french = plannedFor([{ kind: 'custom', id: 'drop', text: 'Drop · 5 déc.' }], false);
    const [a, b] = await Promise.all([render(assets, 'badges/drop@2x.png'), render(french, 'badges/drop@2x.png')].map(async (bytes) => decodePage(await bytes)));
    expect(meanDifference(a!, b!)).toBe(0);
  });

  it.each([
    [['glow'], 'badges[0]', 'one of live, drop'],
    [[{ kind: 'custom' }], 'badges[0].text', 'the text of a custom badge'],
    [[{ kind: 'drop', at: '2026-12-05 18:00' }], 'badges[0].at', 'ISO 8601'],
    [[{ kind: 'drop', at: '2026-12-05T18:00:00Z', timeZone: 'Mars/Olympus' }], 'badges[0].timeZone', 'IANA time zone'],
    [[{ kind: 'limited', number: 51, of: 50 }], 'badges[0].number', 'no greater than of (50)'],
    [[{ kind: 'limited', number: 1.5, of: 50 }], 'badges[0].number', 'whole number'],
    [['live', 'live'], 'badges[1].id', 'not already used'],
    [[{ kind: 'live', id: '../x' }], 'badges[0].id', 'lower-case letters'],
    [[{ kind: 'live', colour: 'red' }], 'badges[0].colour', 'expected one of'],
    [[{ kind: 'live', maxWidth: 5000 }], 'badges[0].maxWidth', 'from 40 to 480'],
    // Intl cannot parse these tags: supportedLocalesOf threw a RangeError that named no field.
    [[{ kind: 'drop', at: '2026-12-05T18:00:00Z', locale: 'en_US' }], 'badges[0].locale', 'BCP 47 locale such as "en-US" (written with dashes: "en-US")'],
    [[{ kind: 'drop', at: '2026-12-05T18:00:00Z', locale: 'x-klingon' }], 'badges[0].locale', 'BCP 47 locale'],
    // Date.parse rolled these into the next month ("Drop · Mar 2", "Drop · Mar 1", "Drop · May 1").
    [[{ kind: 'drop', at: '2026-02-30T18:00:00Z' }], 'badges[0].at', 'February 2026 has 28 days'],
    [[{ kind: 'drop', at: '2026-02-29T18:00:00Z' }], 'badges[0].at', 'February 2026 has 28 days'],
    [[{ kind: 'drop', at: '2026-04-31T09:00:00-04:00' }], 'badges[0].at', 'April 2026 has 30 days'],
    // Beside the creator's own words, a value given is still read.
    [[{ kind: 'drop', at: '2026-02-30T18:00:00Z', text: 'Drop Friday' }], 'badges[0].at', 'February 2026 has 28 days'],
    [[{ kind: 'drop', timeZone: 'Mars/Olympus', text: 'Drop Friday' }], 'badges[0].timeZone', 'IANA time zone'],
    [[{ kind: 'drop', locale: 'en_GB', text: 'Drop Friday' }], 'badges[0].locale', 'BCP 47 locale'],
    [[{ kind: 'limited', number: 60, of: 50, text: 'Last ones' }], 'badges[0].number', 'no greater than of (50)'],
    [[{ kind: 'limited', number: 0, text: 'Last ones' }], 'badges[0].number', 'whole number'],
  ])('refuses %j naming %s', (badges, field, expected) => {
    let error: unknown;
    try {
      parseBadges(badges);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ForgeConfigError);
    expect((error as Error).message).toContain(field);
    expect((error as Error).message).toContain(expected);
  });

  it('draws a badge given a field its kind does not read, and says so in a note naming it', () => {
    // Dropped without a word until 28 November 2026 (the limited badge stayed "1 of 50" in English),
    // then refused for some hours: a config that built, and that the schema allows, stopped forge.
    const badges = [
      { kind: 'limited', number: 1, of: 50, locale: 'de-DE' },
      { kind: 'live', at: '2026-12-05T18:00:00Z' },
      { kind: 'drop', at: '2026-12-05T18:00:00Z', of: 50 },
      // Not read, so not judged either: a live badge's "at" is no date forge shows.
      { kind: 'live', id: 'live-text', text: 'On air', at: '2026-02-30T18:00:00Z' },
      // Words of the creator's own: no advice to write them in text.
      { kind: 'custom', text: 'Bientôt', locale: 'fr-FR' },
    ];
    const specs = parseBadges(badges);
    expect(specs.map((spec) => spec.label)).toEqual(['1 of 50', 'LIVE', 'Drop · Dec 5', 'On air', 'Bientôt']);
    const notes = [
      "badges[0].locale is not read: only a drop badge reads locale, so the limited badge is drawn without it; its words are forge's own, in English: to have them in another language, write them in badges[0].text",
      'badges[1].at is not read: only a drop badge reads at, so the live badge is drawn without it',
      'badges[2].of is not read: only a limited badge reads of, so the drop badge is drawn without it',
      'badges[3].at is not read: only a drop badge reads at, so the live badge is drawn without it',
      'badges[4].locale is not read: only a drop badge reads locale, so the custom badge is drawn without it',
    ];
    expect(specs.flatMap((spec) => spec.notes ?? [])).toEqual(notes);
    // The stage's advice, which the CLI and the Vite plugin print as notes.
    expect(badgeStage.plan(testInput({ badges })).advice!()).toEqual(notes);
    expect(badgeStage.plan(testInput({ badges: ['live'] })).advice!()).toEqual([]);
  });
});

describe('badge text fitting', () => {
  it('grows the badge with the text at the nominal size', () => {
    const short = layoutBadge(spec({ label: 'New' }));
    const long = layoutBadge(spec({ label: 'New colourway restock' }));
    expect(short.fontSize).toBe(BADGE_FONT_SIZE);
    expect(long.fontSize).toBe(BADGE_FONT_SIZE);
    expect(long.width).toBeGreaterThan(short.width + 60);
  });

  it('shrinks the font once the badge reaches its widest, down to the floor', () => {
    const layout = layoutBadge(spec({ label: 'Limited edition colourway, back for one weekend', maxWidth: 240 }));
    expect(layout.fontSize).toBeLessThan(BADGE_FONT_SIZE);
    expect(layout.fontSize).toBeGreaterThanOrEqual(BADGE_FONT_FLOOR);
    expect(layout.width).toBeLessThanOrEqual(240);
    expect(layout.textX + layout.textWidth).toBeLessThanOrEqual(layout.width);
  });

  it('refuses text that would not fit even at the floor, saying how wide it would need to be', () => {
    const label = 'This limited edition colourway is back for one weekend only, while stock lasts';
    expect(() => layoutBadge(spec({ label }))).toThrowError(TextError);
    expect(() => layoutBadge(spec({ label }))).toThrowError(/badges\[0\]\.text .* needs a badge \d+ px wide .*at most 240 px/u);
    // The same text fits when the creator allows a wider badge, as wide as the refusal says.
    let refusal = '';
    try {
      layoutBadge(spec({ label }));
    } catch (error) {
      refusal = (error as Error).message;
    }
    const needed = Number(/needs a badge (\d+) px/u.exec(refusal)![1]);
    expect(() => layoutBadge(spec({ label }))).toThrowError(new RegExp(`Shorten the text or raise maxWidth to ${needed} \\(at most 480\\)\\.$`, 'u'));
    expect(layoutBadge(spec({ label, maxWidth: needed })).width).toBeLessThanOrEqual(needed);
    expect(layoutBadge(spec({ label, maxWidth: 480 })).width).toBeLessThanOrEqual(480);
  });

  it('asks only for shorter text when no maxWidth would fit it', () => {
    // At 480, or needing more than 480, "raise maxWidth (up to 480)" sent the creator to a limit that could not help.
    const label = 'W'.repeat(80);
    for (const maxWidth of [240, 480]) {
      expect(() => layoutBadge(spec({ label, maxWidth }))).toThrowError(/needs a badge \d+ px wide .* Shorten the text: no badge is wider than 480 px\.$/u);
    }
  });

  it('refuses characters the bundled font cannot draw, naming them', () => {
    expect(() => layoutBadge(spec({ label: 'ライブ配信' }))).toThrowError(/cannot draw: "ラ" \(U\+30E9\)/u);
    expect(() => layoutBadge(spec({ label: '   ' }))).toThrowError(/visible text/u);
    // Latin with accents, Greek and Cyrillic are in the font.
    expect(layoutBadge(spec({ label: 'Café Ωμέγα Живо' })).fontSize).toBe(BADGE_FONT_SIZE);
  });

  it('refuses a private-use character instead of drawing the alternate Inter keeps there', () => {
    // U+E002 from an icon font (Material Icons and Font Awesome live in the private-use area) was
    // drawn as Inter's second "G"; U+E0BE, which Inter does not map, was refused.
    expect(() => layoutBadge(spec({ label: 'Restock \ue002' }))).toThrowError(TextError);
    expect(() => layoutBadge(spec({ label: 'Restock \ue002' }))).toThrowError(/cannot draw: "\ue002" \(U\+E002, a private-use character, as icon fonts use\)/u);
    expect(() => layoutBadge(spec({ label: 'Restock \u{F0001}' }))).toThrowError(/U\+F0001, a private-use character/u);
  });

  it('refuses emoji saying they are emoji, a sequence by its parts, and quotes a control character escaped', () => {
    // The font has no emoji; the joiner of "👩‍💻" draws nothing and is dropped, so the parts are named.
    expect(() => layoutBadge(spec({ label: 'Drop \u{1F469}\u200d\u{1F4BB}' }))).toThrowError(
      /"\u{1F469}" \(U\+1F469, an emoji\), "\u{1F4BB}" \(U\+1F4BB, an emoji\)\. Emoji cannot be drawn: leave them out or write the word\. Use Latin/u,
    );
    expect(() => layoutBadge(spec({ label: 'Go \u{1F1FA}\u{1F1F8}' }))).toThrowError(/U\+1F1FA, an emoji.*Emoji cannot be drawn/u);
    expect(() => layoutBadge(spec({ label: '#\ufe0f\u20e3 1' }))).toThrowError(/U\+20E3, an emoji/u);
    // No emoji, no emoji advice.
    expect(() => layoutBadge(spec({ label: 'ライブ' }))).not.toThrowError(/Emoji/u);
    // An ESC in library input (the config refuses controls before this) is named as \u001b, not sent raw.
    expect(() => layoutBadge(spec({ label: 'a\u001b]0;x' }))).toThrowError(/cannot draw: "\\u001b" \(U\+001B\)/u);
  });

  it('draws an accent typed as a separate mark (macOS, pasted text) on its letter, not after it', async () => {
    // "é" as e + U+0301: the font's combining accent has no advance of its own, and forge places
    // glyphs one by one, so it landed over the gap after the "e" ("Cafe´ Paris").
    const composed = plannedFor([{ kind: 'custom', text: 'Café Paris' }], false);
    const decomposed = plannedFor([{ kind: 'custom', text: 'Cafe\u0301 Paris' }], false);
    const [a, b] = await Promise.all([composed, decomposed].map(async (assets) => decodePage(await render(assets, 'badges/custom@2x.png'))));
    expect(b!.width).toBe(a!.width);
    expect(meanDifference(a!, b!)).toBe(0);
    // What has no single character (q + acute) cannot be placed; it is refused, naming the accent.
    expect(() => layoutBadge(spec({ label: 'q\u0301' }))).toThrowError(/badges\[0\]\.text .*U\+0301 after "q"/u);
  });

  it('ignores invisible characters (soft hyphen, zero-width space, the emoji variation selector) instead of refusing them', () => {
    // Text copied from a web page or a phone keyboard carries them; they draw nothing either way.
    expect(layoutBadge(spec({ label: 'Re\u00adstock \u2665\ufe0f\u200b' })).textPath).toBe(layoutBadge(spec({ label: 'Restock \u2665' })).textPath);
    expect(() => layoutBadge(spec({ label: '\u200b\u00ad' }))).toThrowError(/visible text/u);
  });

  it('never clips a shrunk label: the rendered ink stays inside the badge padding', async () => {
    const badges = [{ kind: 'custom', text: 'WWWWWWWWWWWWWWWWWWWW', maxWidth: 200 }];
    const assets = plannedFor(badges, false);
    const png = await decodePage(await render(assets, 'badges/custom@2x.png'));
    const ink = hexRgb('#ffffff');
    const inkColumns: number[] = [];
    for (let x = 0; x < png.width; x += 1) {
      for (let y = 0; y < png.height; y += 1) {
        if (colorDistance(pixelAt(png, x, y), ink) < 60) {
          inkColumns.push(x);
          break;
        }
      }
    }
    // Text is white on the brand colour; its last column ends before the 8 px (16 px @2x) end padding.
    expect(Math.max(...inkColumns)).toBeLessThan(png.width - 10);
    expect(Math.min(...inkColumns)).toBeGreaterThan(10);
    expect(png.width).toBeLessThanOrEqual(400);
    expect(layoutBadge(parseBadges(badges)[0]!).fontSize).toBeLessThan(BADGE_FONT_SIZE);
  });
});

describe('badge motion', () => {
  it('starts every loop at rest and comes back to it without a jump', () => {
    for (const keyframes of Object.values(MOTION_KEYFRAMES)) {
      expect(keyframes[0]!.at).toBe(0);
      expect(keyframes.at(-1)!.at).toBe(1);
    }
    expect(sampleKeyframes(MOTION_KEYFRAMES.pulse, 0)['opacity']).toBe(0);
    expect(sampleKeyframes(MOTION_KEYFRAMES.pulse, 1)['opacity']).toBe(0);
    expect(sampleKeyframes(MOTION_KEYFRAMES.shine, 0)['progress']).toBe(0);
    expect(sampleKeyframes(MOTION_KEYFRAMES.shine, 0.2)['progress']).toBeCloseTo(0.2 / 0.45, 5);
    expect(BADGE_LOOP.frameCount).toBe(40);
    expect(BADGE_LOOP.framesPerSecond).toBe(20);
    expect(BADGE_LOOP.frameDelayMs % 10).toBe(0);
  });

  it('writes an SVG animated by CSS only, still under reduced motion, recoloured in dark mode', async () => {
    const svg = new TextDecoder().decode(await render(plannedFor(['live']), 'badges/live.svg'));
    expect(svg).not.toMatch(/<script|on[a-z]+=|<animate|<set/iu);
    // Every name carries the badge's own scope (badge-svg.chromium.test.ts: two badges in one page).
    const scope = /@keyframes (dk-[0-9a-f]{8})-pulse\{0%\{transform:scale\(1\);opacity:0\}/u.exec(svg)?.[1];
    expect(scope).toBeDefined();
    expect(svg).toContain(`animation:${scope}-pulse 2s linear 2}`);
    expect(svg).toContain(`@media (prefers-reduced-motion:reduce){.${scope}-ring,.${scope}-shine{animation:none}}`);
    expect(svg).toContain(`@media (prefers-color-scheme:dark){.${scope}-fill{fill:${DARK_BRAND}}`);
    expect(svg).toContain('role="img" aria-label="LIVE"><title>LIVE</title>');
    // No text element: the label is outlines, so it needs no font wherever the SVG is shown.
    expect(svg).not.toContain('<text');
  });

  it('escapes the label where it appears as text', () => {
    const [parsed] = parseBadges([{ kind: 'custom', text: 'Tees & <Hats> "now"' }]);
    const art = { spec: parsed!, layout: layoutBadge(parsed!), light: badgeColors('custom', { brand: BRAND, background: '#ffffff' }) };
    const svg = animatedBadgeSvg(art);
    expect(svg).toContain('aria-label="Tees &#38; &#60;Hats&#62; &#34;now&#34;"');
    expect(svg).not.toContain('<Hats>');
  });
});

describe('badge images (decoded)', () => {
  const assets = plannedFor(['live', { kind: 'limited', number: 1, of: 50 }, 'verified', 'sold-out']);

  it('plans svg, and png/gif/webp at @1x and @2x for light and dark', () => {
    const names = [...assets.keys()].filter((name) => name.startsWith('badges/live'));
    expect(names.sort()).toEqual(
      [
        'live.svg',
        ...['live', 'live@2x', 'live-dark', 'live-dark@2x'].flatMap((stem) => [`${stem}.png`, `${stem}.gif`, `${stem}.webp`]),
      ]
        .map((name) => `badges/${name}`)
        .sort(),
    );
    expect(assets.get('badges/live@2x.gif')).toMatchObject({ format: 'gif', purpose: 'badge', height: 40 });
  });

  it('animates the GIF: every frame of the loop, its delay, two plays, size', async () => {
    const bytes = await render(assets, 'badges/live@2x.gif');
    const meta = await sharp(bytes, { animated: true }).metadata();
    expect(meta.format).toBe('gif');
    expect(meta.pages).toBe(BADGE_LOOP.frameCount);
    // sharp reads the number of plays (0 would be for good): 4 s (badge-svg.chromium.test.ts, WCAG 2.2.2).
    expect(meta.loop).toBe(2);
    expect(meta.delay).toEqual(new Array(BADGE_LOOP.frameCount).fill(BADGE_LOOP.frameDelayMs));
    expect(meta.width).toBe(assets.get('badges/live@2x.gif')!.width);
    expect(meta.pageHeight).toBe(40);
  });

  it('gives the WebP animation a transparent background colour, not the opaque white libwebp writes', async () => {
    // A viewer may paint the ANIM background colour under the first frame: the rounded corners of
    // the -dark badge showed white on a dark page there.
    // The RIFF chunks read here, not by encode.ts: a tag, a little-endian size, the payload padded to even.
    const animPayload = (bytes: Buffer) => {
      for (let offset = 12; offset + 8 <= bytes.length; offset += 8 + bytes.readUInt32LE(offset + 4) + (bytes.readUInt32LE(offset + 4) % 2)) {
        if (bytes.toString('latin1', offset, offset + 4) === 'ANIM') return offset + 8;
      }
      return undefined;
    };
    for (const name of ['badges/live@2x.webp', 'badges/sold-out-dark.webp']) {
      const bytes = Buffer.from(await render(assets, name));
      const payload = animPayload(bytes);
      expect(payload, name).toBeDefined();
      expect([...bytes.subarray(payload!, payload! + 4)], name).toEqual([0, 0, 0, 0]);
      // The loop count after it is untouched, and the file still decodes.
      expect(bytes.readUInt16LE(payload! + 4)).toBe(BADGE_LOOP.plays);
      expect((await sharp(bytes, { animated: true }).metadata()).pages).toBeGreaterThan(1);
    }
  });

  it('animates the WebP on the same frame grid (the encoder merges still runs), two plays, size', async () => {
    const bytes = await render(assets, 'badges/live@2x.webp');
    const meta = await sharp(bytes, { animated: true }).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.loop).toBe(2);
    expect(meta.pages).toBeGreaterThan(20);
    expect(meta.delay!.length).toBe(meta.pages);
    expect(meta.delay!.reduce((sum, delay) => sum + delay, 0)).toBe(BADGE_LOOP.durationMs);
    for (const delay of meta.delay!) expect(delay % BADGE_LOOP.frameDelayMs).toBe(0);
    expect(meta.width).toBe(assets.get('badges/live@2x.webp')!.width);
    expect(meta.pageHeight).toBe(40);
  });

  it('pulses: the ring around the dot shows mid-loop and is gone at rest', async () => {
    const gif = await render(assets, 'badges/live@2x.gif');
    const brand = hexRgb(BRAND);
    const white = hexRgb('#ffffff');
    // The dot sits at (10, 10) CSS px with radius 3; 3.75 px out is inside the ring only while it pulses
    // (a quarter into the loop the ring has grown to 4.5 px at 0.375 opacity).
    const probe = [(10 + 3.75) * 2, 10 * 2] as const;
    const rest = await frameAt(gif, 0);
    const mid = await frameAt(gif, 500);
    expect(colorDistance(pixelAt(rest, ...probe), brand)).toBeLessThan(12);
    const ring = pixelAt(mid, ...probe);
    expect(colorDistance(ring, brand)).toBeGreaterThan(30);
    expect(colorDistance(ring, white)).toBeGreaterThan(30);
    // The dot itself is white ink in every frame.
    expect(colorDistance(pixelAt(mid, 20, 20), white)).toBeLessThan(12);
    // Seamless: the last frame is (almost) the first again.
    expect(meanDifference(await frameAt(gif, BADGE_LOOP.durationMs - BADGE_LOOP.frameDelayMs), rest)).toBeLessThan(1);
  });

  it('shines: a light band crosses the badge and leaves it', async () => {
    const webp = await render(assets, 'badges/limited@2x.webp');
    const rest = await frameAt(webp, 0);
    const frames = await Promise.all([200, 400, 600].map((ms) => frameAt(webp, ms)));
    for (const frame of frames) expect(meanDifference(frame, rest)).toBeGreaterThan(1);
    expect(meanDifference(await frameAt(webp, 1950), rest)).toBeLessThan(0.5);
  });

  it('rests: the first frame of the GIF and WebP equals the static PNG, @1x and @2x', async () => {
    for (const stem of ['badges/live', 'badges/live@2x', 'badges/verified-dark@2x', 'badges/sold-out']) {
      const png = await decodePage(await render(assets, `${stem}.png`));
      expect(meanDifference(await decodePage(await render(assets, `${stem}.gif`), 0), png)).toBeLessThan(3);
      expect(meanDifference(await decodePage(await render(assets, `${stem}.webp`), 0), png)).toBeLessThan(1);
    }
  });

  it('mattes each GIF onto the background it is for; without a dark palette the one GIF keeps its rim colour', async () => {
    // GIF keeps a pixel or drops it. The rim of the pill was kept in the brand colour, a stair step
    // on every background; the -dark GIF is for dark places and the light one beside it for light
    // ones, so each is blended onto its own background. Measured where the PNG is partly covered:
    // the mean channel error of the GIF's first frame against the PNG, both laid on `background`.
    const rim = async (assets: Map<string, PlannedAsset>, stem: string, background: string) => {
      const png = await decodePage(await render(assets, `${stem}.png`));
      const gif = await decodePage(await render(assets, `${stem}.gif`), 0);
      const bg = hexRgb(background as `#${string}`);
      let sum = 0;
      let count = 0;
      let ringed = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const alpha = png.data[i + 3]!;
        if (alpha === 0 || alpha === 255) continue;
        const over = (image: Decoded, c: number) => (image.data[i + c]! * image.data[i + 3]! + bg[c]! * (255 - image.data[i + 3]!)) / 255;
        for (let c = 0; c < 3; c += 1) sum += Math.abs(over(png, c) - over(gif, c));
        count += 3;
        // A rim pixel the GIF shows in another colour than the PNG's own: a ring on other backgrounds.
        if (gif.data[i + 3] === 255 && colorDistance(pixelAt(gif, (i / 4) % gif.width, Math.floor(i / 4 / gif.width)), [...png.data.subarray(i, i + 3)]) > 8) ringed += 1;
      }
      return { error: sum / count, ringed };
    };
    const dark = await rim(assets, 'badges/live-dark@2x', '#111827');
    const light = await rim(assets, 'badges/sold-out@2x', '#ffffff');
    // Unmatted, 40 and 35 here (the rim kept in the brand colour); matted, 14 and 13.
    expect(dark.error).toBeLessThan(20);
    expect(light.error).toBeLessThan(20);
    // Without a dark palette the GIF may be shown on white or in Gmail's dark mode alike: no matte.
    const only = plannedFor(['live'], false);
    expect((await rim(only, 'badges/live@2x', '#1e1e1e')).ringed).toBe(0);
  });

  it('the animated SVG at rest draws the resting PNG', async () => {
    const svg = new TextDecoder().decode(await render(assets, 'badges/verified.svg'));
    const planned = assets.get('badges/verified@2x.png')!;
    const drawn = new Resvg(svg, { fitTo: { mode: 'width', value: planned.width! }, font: { loadSystemFonts: false } }).render();
    const svgPixels = await decodePage(await sharp(drawn.asPng()).png().toBuffer());
    expect(meanDifference(svgPixels, await decodePage(await render(assets, 'badges/verified@2x.png')))).toBeLessThan(1.5);
  });

  it('paints in the brand colours: light, dark, and sold out on the page background', async () => {
    const probe = [36, 4] as const; // top edge, between icon and text
    const light = await decodePage(await render(assets, 'badges/live@2x.png'));
    const dark = await decodePage(await render(assets, 'badges/live-dark@2x.png'));
    expect(colorDistance(pixelAt(light, ...probe), hexRgb(BRAND))).toBeLessThan(6);
    expect(colorDistance(pixelAt(dark, ...probe), hexRgb(DARK_BRAND))).toBeLessThan(6);
    const soldOut = await decodePage(await render(assets, 'badges/sold-out-dark@2x.png'));
    expect(colorDistance(pixelAt(soldOut, 30, 20), hexRgb('#111827'))).toBeLessThan(6);
    // Transparent outside the pill's round end.
    expect(pixelAt(light, 0, 0)[3]).toBe(0);
  });

  it('writes every label at 4.5:1 or more against its badge, as small text needs', async () => {
    // The docs' creator: sold out wrote "#ff3366" on "#fff7f9", 3.4:1, the bar for large text only;
    // a mid-tone brand (#777777, #8e7464) got the better of white and #111111, under 4.5:1 too.
    const contrastOf = (a: readonly number[], b: readonly number[]) => {
      const luminance = (rgb: readonly number[]) =>
        rgb.slice(0, 3).reduce((sum, channel, index) => {
          const c = channel / 255;
          return sum + [0.2126, 0.7152, 0.0722][index]! * (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        }, 0);
      const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (high! + 0.05) / (low! + 0.05);
    };
    for (const colors of [
      { brand: '#ff3366', background: '#fff7f9' },
      { brand: '#777777', background: '#ffffff' },
      { brand: '#8e7464', background: '#8e7464' },
    ] as const) {
      // plannedFor's third argument true: false puts its own colours in place of these.
      const assets = plannedFor(['sold-out', { kind: 'custom', text: 'Restock' }], true, { colors });
      for (const name of ['badges/sold-out@2x.png', 'badges/custom@2x.png']) {
        const png = await decodePage(await render(assets, name));
        // The fill at the pill's middle left, the ink as the pixel that differs most from it in the label.
        const fill = pixelAt(png, 10, 20);
        let best = 1;
        for (let y = 8; y < 32; y += 1) for (let x = 16; x < png.width - 16; x += 1) best = Math.max(best, contrastOf(pixelAt(png, x, y), fill));
        expect(best, `${name} on ${colors.brand}/${colors.background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('writes the sold-out words in a shade of the brand, not in near-black, where the brand itself is too faint', async () => {
    // #ff3366 on #fff7f9 (3.4:1) and #6b5bff on #111111 (4.1:1) were written in #111111 and white:
    // readable, but the words lost the brand. A darker pink and a lighter violet reach 4.5:1 too.
    const hueOf = ([red, green, blue]: readonly number[]) => {
      const [r, g, b] = [red!, green!, blue!];
      const max = Math.max(r, g, b);
      const spread = max - Math.min(r, g, b);
      if (spread === 0) return { hue: 0, chroma: 0 };
      const sector = max === r ? (g - b) / spread + 6 : max === g ? (b - r) / spread + 2 : (r - g) / spread + 4;
      return { hue: ((sector * 60) % 360 + 360) % 360, chroma: spread / 255 };
    };
    const assets = plannedFor(['sold-out'], true, {
      colors: { brand: '#ff3366', background: '#fff7f9', dark: { brand: '#6b5bff', background: '#111111' } },
    });
    for (const [name, brand] of [['badges/sold-out@2x.png', '#ff3366'], ['badges/sold-out-dark@2x.png', '#6b5bff']] as const) {
      const png = await decodePage(await render(assets, name));
      const fill = pixelAt(png, 10, 20);
      // The ink: the label pixel that differs most from the fill.
      let ink = fill;
      for (let y = 8; y < 32; y += 1) {
        for (let x = 16; x < png.width - 16; x += 1) if (colorDistance(pixelAt(png, x, y), fill) > colorDistance(ink, fill)) ink = pixelAt(png, x, y);
      }
      const [want, got] = [hueOf(hexRgb(brand)), hueOf(ink)];
      expect(got.chroma, `${name}: ink ${ink.join(',')}`).toBeGreaterThan(0.5);
      expect(Math.abs(got.hue - want.hue), `${name}: hue of ${ink.join(',')} for ${brand}`).toBeLessThan(6);
    }
  });

  it('shows the creator glyph in the verified badge', async () => {
    const png = await decodePage(await render(assets, 'badges/verified@2x.png'));
    // TEST_GLYPH is a green square with a white disc; its green shows near the top-left of the circle.
    expect(colorDistance(pixelAt(png, 12, 14), hexRgb('#22aa55'))).toBeLessThan(20);
  });

  it('shows the initials instead when the creator has no glyph (a wide mark would be a smudge)', async () => {
    const noGlyph = plannedFor(['verified'], false, { glyph: undefined });
    const png = await decodePage(await render(noGlyph, 'badges/verified@2x.png'));
    // The icon circle (centre 20, 20, radius 14 @2x) is a tile in the background colour, not the
    // badge's brand colour (on which a brand tile vanished), with dark initials (ink that reads on
    // white) in its middle; no green glyph anywhere. The check disc sits at its lower right, so only
    // the upper-left half of the circle is read.
    let tile = 0;
    let ink = 0;
    let brand = 0;
    for (let y = 8; y < 21; y += 1) {
      for (let x = 8; x < 21; x += 1) {
        if ((x - 20) ** 2 + (y - 20) ** 2 > 12 ** 2) continue;
        const pixel = pixelAt(png, x, y);
        expect(colorDistance(pixel, hexRgb('#22aa55'))).toBeGreaterThan(60);
        if (colorDistance(pixel, [255, 255, 255]) < 40) tile += 1;
        if (colorDistance(pixel, [0, 0, 0]) < 120) ink += 1;
        if (colorDistance(pixel, hexRgb(BRAND)) < 40) brand += 1;
      }
    }
    expect(tile).toBeGreaterThan(30);
    expect(ink).toBeGreaterThan(8);
    expect(brand).toBe(0);
  });

  it('is byte-identical for the same config', async () => {
    const again = plannedFor(['live', { kind: 'limited', number: 1, of: 50 }, 'verified', 'sold-out']);
    for (const name of ['badges/live.svg', 'badges/live@2x.gif', 'badges/live@2x.webp', 'badges/verified.png']) {
      expect(Buffer.from(await render(again, name)).equals(Buffer.from(await render(assets, name)))).toBe(true);
    }
  });

  it('stays inside the size aim for a 2 s @2x badge (GIF ≤ 40 KB, WebP ≤ 25 KB)', async () => {
    const drop = plannedFor([{ kind: 'drop', at: '2026-12-05T18:00:00Z' }]);
    expect(drop.get('badges/drop@2x.gif')!.width).toBeGreaterThanOrEqual(150);
    expect((await render(drop, 'badges/drop@2x.gif')).byteLength).toBeLessThanOrEqual(40 * 1024);
    expect((await render(drop, 'badges/drop@2x.webp')).byteLength).toBeLessThanOrEqual(25 * 1024);
  });
});
