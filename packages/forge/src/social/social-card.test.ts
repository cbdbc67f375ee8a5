import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { colorDistance, decodePage, hexRgb, pixelAt, testInput, type Decoded, directRenderContext } from '../badge/testing.ts';
import { ForgeConfigError } from '../errors.ts';
import { forge } from '../forge.ts';
import { CARD, formatDropLine, markPlacement, parseSocial, socialStage } from './social-card.ts';

const context = directRenderContext();

async function card(social: Record<string, unknown> = {}, extra: Parameters<typeof testInput>[0] = {}): Promise<Decoded> {
  const [asset] = socialStage.plan(testInput({ social, ...extra })).assets;
  return decodePage(await asset!.render(context));
}

/** Rows [from, to) that hold pixels far from the background: where text was drawn. */
function inkRows(image: Decoded, from: number, to: number): number {
  let rows = 0;
  for (let y = from; y < to; y += 1) {
    for (let x = 0; x < image.width; x += 2) {
      if (colorDistance(pixelAt(image, x, y), [255, 255, 255]) > 80) {
        rows += 1;
        break;
      }
    }
  }
  return rows;
}

describe('social card', () => {
  it('formats the drop in the creator time zone', () => {
    const at = new Date('2026-12-06T02:00:00Z');
    expect(formatDropLine(at, 'America/New_York', 'en-US')).toBe('Drop · Sat, Dec 5 · 9:00 PM EST');
    expect(formatDropLine(at, 'Europe/Berlin', 'en-US')).toBe('Drop · Sun, Dec 6 · 3:00 AM GMT+1');
  });

  it('without social.timeZone, tells the drop in the offset written in dropAt (UTC only for Z), on the card and in the alt text', async () => {
    // "2026-12-05T21:00:00-05:00" from a creator in New York read "Sun, Dec 6 · 2:00 AM UTC".
    const dropAt = '2026-12-05T21:00:00-05:00';
    const options = parseSocial(testInput({ social: { dropAt } }));
    expect(formatDropLine(options.dropAt!, options.timeZone, options.locale)).toBe('Drop · Sat, Dec 5 · 9:00 PM GMT-5');
    const line = (social: Record<string, unknown>) => {
      const parsed = parseSocial(testInput({ social }));
      return formatDropLine(parsed.dropAt!, parsed.timeZone, parsed.locale);
    };
    expect(line({ dropAt: '2026-12-06T07:30:00+05:30' })).toBe('Drop · Sun, Dec 6 · 7:30 AM GMT+5:30');
    expect(line({ dropAt: '2026-12-06T07:45:00+05:45', locale: 'fr-FR' })).toBe('Drop · dim. 6 déc. · 07:45 UTC+5:45');
    expect(line({ dropAt: '2026-12-06T02:00:00Z' })).toBe('Drop · Sun, Dec 6 · 2:00 AM UTC');
    expect(line({ dropAt, timeZone: 'America/New_York' })).toBe('Drop · Sat, Dec 5 · 9:00 PM EST');
    const { headTags } = socialStage.plan(testInput({ url: 'https://nova.example/', social: { dropAt } }));
    const alt = headTags!.find((tag) => tag.attributes['property'] === 'og:image:alt')!.attributes['content'];
    expect(alt).toBe('Nova Studio — Drop · Sat, Dec 5 · 9:00 PM GMT-5');
    // Decoded: the card draws the line Intl writes for the fixed zone Etc/GMT+5 (UTC-5), not the UTC one.
    const drawn = await card({ dropAt });
    const differs = (a: Decoded, b: Decoded) => a.data.some((value, index) => value !== b.data[index]);
    expect(differs(drawn, await card({ dropAt, timeZone: 'Etc/GMT+5' }))).toBe(false);
    expect(differs(drawn, await card({ dropAt, timeZone: 'UTC' }))).toBe(true);
  });

  it('draws a 1200×630 opaque PNG: background, brand band, the mark, the name', async () => {
    const [asset] = socialStage.plan(testInput()).assets;
    const bytes = await asset!.render(context);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', CARD.width, CARD.height]);
    const image = await decodePage(bytes);
    expect(colorDistance(pixelAt(image, 20, 20), hexRgb('#ffffff'))).toBeLessThan(3);
    expect(colorDistance(pixelAt(image, 600, CARD.height - 4), hexRgb('#6d28d9'))).toBeLessThan(3);
    // TEST_WORDMARK is a brand bar with a white stripe; its left part shows at the mark's left edge.
    const place = markPlacement(testInput().mark);
    expect(colorDistance(pixelAt(image, place.x + 20, place.y + 10), hexRgb('#6d28d9'))).toBeLessThan(6);
    expect(pixelAt(image, 600, 600)[3]).toBe(255);
    expect(inkRows(image, 390, 460)).toBeGreaterThan(30); // the name
    expect(inkRows(image, 470, 530)).toBe(0); // no drop line without a date
  });

  it('adds the drop line when the config has a date', async () => {
    const image = await card({ dropAt: '2026-12-06T02:00:00Z', timeZone: 'America/New_York' });
    expect(inkRows(image, 470, 530)).toBeGreaterThan(15);
  });

  it('writes og: and twitter: tags with an absolute image URL when the creator has a url', () => {
    const { headTags } = socialStage.plan(
      testInput({ url: 'https://nova.example/shop/', social: { title: 'Nova drops', description: 'Tees & prints' } }),
      { basePath: '/icons/' },
    );
    const tags = Object.fromEntries(headTags!.map((tag) => [tag.attributes['property'] ?? tag.attributes['name'], tag.attributes['content']]));
    expect(tags).toMatchObject({
      'og:type': 'website',
      'og:title': 'Nova drops',
      'og:description': 'Tees & prints',
      'og:url': 'https://nova.example/shop/',
      'og:image': expect.stringMatching(/^https:\/\/nova\.example\/icons\/social-card\.png\?v=[0-9a-f]{10}$/u),
      'og:image:width': '1200',
      'og:image:height': '630',
      'twitter:card': 'summary_large_image',
      'twitter:image': expect.stringMatching(/^https:\/\/nova\.example\/icons\/social-card\.png\?v=[0-9a-f]{10}$/u),
    });
  });

  it('gives the card a new address when it draws something new, so link previews do not keep the old drop date', async () => {
    // Previews keep a picture by its address for days: a card for the next drop at the same
    // address went on showing the last drop's date.
    const image = (social: Record<string, unknown>, extra: Parameters<typeof testInput>[0] = {}) =>
      socialStage.plan(testInput({ url: 'https://nova.example/', social, ...extra })).headTags!.filter((tag) => /^(og|twitter):image$/u.test(tag.attributes['property'] ?? tag.attributes['name'] ?? '')).map((tag) => tag.attributes['content']);
    const first = image({ dropAt: '2026-12-05T18:00:00Z' });
    const next = image({ dropAt: '2027-01-09T18:00:00Z' });
    expect(first[0]).toMatch(/^https:\/\/nova\.example\/social-card\.png\?v=[0-9a-f]{10}$/u);
    expect(first[1]).toBe(first[0]);
    expect(next[0]).not.toBe(first[0]);
    // Decoded: the two cards differ, and each address follows only what is drawn: the same config
    // again, or a description (not drawn), keeps it; a new brand colour or mark changes it.
    const [a, b] = await Promise.all([card({ dropAt: '2026-12-05T18:00:00Z' }), card({ dropAt: '2027-01-09T18:00:00Z' })]);
    expect(a.data.equals(b.data)).toBe(false);
    expect(image({ dropAt: '2026-12-05T18:00:00Z' })).toEqual(first);
    expect(image({ dropAt: '2026-12-05T18:00:00Z', description: 'Tees' })).toEqual(first);
    expect(image({ dropAt: '2026-12-05T18:00:00Z' }, { colors: { brand: '#0f766e', background: '#ffffff' } })).not.toEqual(first);
    expect(image({ dropAt: '2026-12-05T18:00:00Z' }, { name: 'Nova Prints' })).not.toEqual(first);
  });

  it('names no og:image it cannot give a full address, and says to set url, in every shell', async () => {
    const tagsOf = (headTags: readonly { attributes: Readonly<Record<string, string>> }[]) =>
      Object.fromEntries(headTags.map((tag) => [tag.attributes['property'] ?? tag.attributes['name'], tag.attributes['content']]));
    // Without url: the CLI's / (and --base /icons/), Vite's ./ and the library's default each gave a
    // relative og:image that link previews ignore, without a word.
    for (const basePath of ['/', '/icons/', './', undefined]) {
      const contribution = socialStage.plan(testInput({ social: { title: 'Nova drops' } }), basePath === undefined ? undefined : { basePath });
      const tags = tagsOf(contribution.headTags!);
      expect({ basePath, image: Object.keys(tags).filter((key) => key.endsWith(':image') || key.includes(':image:')) }).toEqual({ basePath, image: [] });
      expect(tags['twitter:card']).toBe('summary');
      expect(tags['og:title']).toBe('Nova drops');
      expect(contribution.advice!()).toEqual([expect.stringMatching(/no og:image.*social-card\.png.*full address.*add "url": "https:\/\/…"/u)]);
    }
    // A full base address (a CDN) is one already; url resolves a path.
    const cdn = socialStage.plan(testInput(), { basePath: 'https://cdn.example/icons/' });
    expect(tagsOf(cdn.headTags!)['og:image']).toMatch(/^https:\/\/cdn\.example\/icons\/social-card\.png\?v=/u);
    expect(cdn.advice!()).toEqual([]);
    const protocolRelative = socialStage.plan(testInput(), { basePath: '//cdn.example/icons/' });
    expect(tagsOf(protocolRelative.headTags!)['og:image']).toMatch(/^https:\/\/cdn\.example\/icons\/social-card\.png\?v=/u);
    const relative = socialStage.plan(testInput({ url: 'https://nova.example/' }), { basePath: './' });
    expect(tagsOf(relative.headTags!)['twitter:image']).toMatch(/^https:\/\/nova\.example\/social-card\.png\?v=/u);
    expect(relative.advice!()).toEqual([]);
    // Through forge(): the advice reaches the shells (the CLI's notes, Vite's warnings).
    const result = await forge(testInput(), { renderer: context, stages: [socialStage] });
    expect(result.head).not.toContain('og:image');
    expect(result.advice.filter((line) => line.includes('no og:image'))).toHaveLength(1);
  });

  it('refuses bad options naming the field, and names it cannot draw', () => {
    expect(() => parseSocial(testInput({ social: { dropAt: 'tomorrow' } }))).toThrowError(/social\.dropAt/u);
    expect(() => parseSocial(testInput({ social: { timeZone: 'Nowhere/Land' } }))).toThrowError(/social\.timeZone/u);
    // A tag Intl cannot parse threw its RangeError ("Incorrect locale information provided"), naming no field.
    expect(() => parseSocial(testInput({ social: { locale: 'de_DE' } }))).toThrowError(
      new ForgeConfigError('Expected a BCP 47 locale such as "en-US" (written with dashes: "de-DE") for social.locale but received "de_DE"'),
    );
    expect(() => parseSocial(testInput({ social: { locale: 'i-klingon' } }))).toThrowError(/BCP 47 locale .*for social\.locale but received "i-klingon"/u);
    // Date.parse moved 31 June to 1 July: the card said "Wed, Jul 1".
    expect(() => parseSocial(testInput({ social: { dropAt: '2026-06-31T18:00:00Z' } }))).toThrowError(/June 2026 has 30 days\) for social\.dropAt/u);
    // The drop line is written in social.locale: a locale whose dates the font cannot draw is named as such.
    expect(() => parseSocial(testInput({ social: { dropAt: '2026-12-05T18:00:00Z', locale: 'ko-KR' } }))).toThrowError(
      /for social\.locale but received "ko-KR": it writes "Drop · .*월.*"/u,
    );
    expect(() => parseSocial(testInput({ social: { locale: 'ko-KR' } }))).not.toThrow();
    // "yo" writes December with an accent forge cannot place: refused here, naming the locale, not
    // while drawing the card (as social.dropAt, with advice about letters the creator never typed).
    expect(() => parseSocial(testInput({ social: { dropAt: '2026-12-05T18:00:00Z', locale: 'yo' } }))).toThrowError(/for social\.locale but received "yo": it writes/u);
    expect(() => parseSocial(testInput({ social: { colour: 'red' } }))).toThrowError(ForgeConfigError);
    // 100 characters a creator sees, though pasted decomposed (macOS) or with an emoji: 160 and 101 UTF-16 units.
    expect(parseSocial(testInput({ social: { title: `${'e\u0301'.repeat(80)}${'x'.repeat(20)}` } })).title).toHaveLength(180);
    expect(() => parseSocial(testInput({ social: { title: `🔥${'x'.repeat(99)}` } }))).not.toThrow();
    expect(() => parseSocial(testInput({ social: { title: `🔥${'x'.repeat(100)}` } }))).toThrowError(
      /^Expected text of 1 to 100 characters \(Unicode code points, counted in NFC\) for social\.title but received "🔥x{39}…"$/u,
    );
    // A name in another script is not to be changed: the refusal asks for social.title, not other text.
    // Each refusal names the field the words came from: name without social.title, else social.title
    // (both were "social.title (defaults to name)").
    expect(() => socialStage.plan(testInput({ name: '東京スタジオ' }))).toThrowError(/^name "東京スタジオ" uses .*cannot draw.*\. Add social\.title, .*your name stays/u);
    expect(() => socialStage.plan(testInput({ name: 'Nova', social: { title: 'ライブ' } }))).toThrowError(/^social\.title "ライブ" uses .*cannot draw.*\. Use Latin, Greek or Cyrillic text\.$/u);
    expect(() => socialStage.plan(testInput({ name: '東京スタジオ', social: { title: 'Tokyo Studio' } }))).not.toThrow();
    expect(() => socialStage.plan(testInput({ name: 'W'.repeat(60) }))).toThrowError(/^name "W+" needs \d+ px .* for its title\. Add social\.title, a shorter title for the card; your name stays/u);
    expect(() => socialStage.plan(testInput({ name: 'Nova', social: { title: 'W'.repeat(60) } }))).toThrowError(/^social\.title "W+" needs \d+ px .* Set a shorter social\.title\.$/u);
  });

  it('shrinks a long name to fit instead of clipping it', async () => {
    const image = await card({ title: 'Nova Studio — limited prints and heavyweight tees' });
    for (const x of [0, 1, 2, 3, 4, 5, CARD.width - 6, CARD.width - 1]) {
      for (let y = 390; y < 460; y += 1) expect(colorDistance(pixelAt(image, x, y), [255, 255, 255])).toBeLessThan(3);
    }
    expect(inkRows(image, 380, 460)).toBeGreaterThan(20);
  });

  it('is byte-identical for the same config', async () => {
    const render = async () => Buffer.from(await socialStage.plan(testInput()).assets[0]!.render(context));
    expect((await render()).equals(await render())).toBe(true);
  });
});
