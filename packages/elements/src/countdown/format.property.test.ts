/**
 * Properties of what the countdown says, for every remaining time, every language dropkit speaks and
 * every format: never negative or broken, never more time left later, every second shown where the
 * format shows seconds, a clock whose width does not move; and the drop moment in any zone, across DST
 * changes, exactly as Intl reads that instant there.
 *
 * Runs in Node, whose Intl has no DurationFormat: the clock format is checked on its NumberFormat path
 * here; Chromium takes the DurationFormat path (countdown.browser.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS, formatMoment, formatRemaining, remainingSeconds, type CountdownFormat } from './format.ts';
import { languageChunks } from '../shared/words.ts';

const S = 1000;
const DAY_S = 86_400;

const LOCALES = ['en', 'en-US', 'en-GB', 'ar-EG', 'de-AT', 'pt-BR', 'zh-TW', 'hi', 'fa', ...Object.keys(languageChunks)];
const locale = fc.constantFrom(...LOCALES);
const format = fc.constantFrom(...FORMATS);

/** Remaining seconds, weighted towards the edges where text changes shape: 0, a minute, an hour, a day. */
const seconds = fc.oneof(
  fc.integer({ min: 0, max: 120 }),
  fc.integer({ min: 0, max: 3 * DAY_S }),
  fc.constantFrom(59, 60, 61, 3599, 3600, 3601, DAY_S - 1, DAY_S, DAY_S + 1, 10 * DAY_S - 1, 10 * DAY_S, 100 * DAY_S),
  // Up to the span of every instant parseInstant accepts (years 0100–9999), either way.
  fc.integer({ min: 0, max: 10_000 * 366 * DAY_S }),
);
/**
 * A remaining time in whole ms (the element subtracts epoch ms from epoch ms), sub-second and negative
 * included (the moment passed, or a clock is off).
 */
const remainingMs = fc.oneof(
  seconds.map((s) => s * S),
  fc.tuple(seconds, fc.integer({ min: -999, max: 999 })).map(([s, ms]) => s * S + ms),
  fc.integer({ min: -1e15, max: 1e15 }),
);

const digitsCache = new Map<string, Map<string, string>>();
/** Maps the locale's own digits (Arabic-Indic, Persian, Devanagari…) to 0–9, so numbers can be read back. */
function asciiDigits(text: string, loc: string): string {
  let map = digitsCache.get(loc);
  if (!map) {
    const nf = new Intl.NumberFormat(loc, { useGrouping: false });
    map = new Map(Array.from({ length: 10 }, (_, d) => [nf.format(d), String(d)]));
    // Grouping separators ("1,000d", "1 000j", "١٬٠٠٠") go, so a day count reads as one number.
    const group = new Intl.NumberFormat(loc).formatToParts(1e6).find((part) => part.type === 'group')?.value;
    if (group) map.set(group, '');
    digitsCache.set(loc, map);
  }
  return [...text].map((c) => map.get(c) ?? c).join('');
}

/** The numbers of a clock text, left to right: [days?, hours, minutes, seconds] as one comparable value. */
function clockValue(text: string, loc: string): number {
  const numbers = (asciiDigits(text, loc).match(/\d+/g) ?? []).map(Number);
  const [s = 0, m = 0, h = 0, d = 0] = numbers.reverse();
  return ((d * 24 + h) * 60 + m) * 60 + s;
}

/** English long/compact/auto text read back into seconds ("2 days, 3 hours" → 183600). */
function englishValue(text: string): number {
  const unit = { d: DAY_S, day: DAY_S, days: DAY_S, h: 3600, hour: 3600, hours: 3600, m: 60, minute: 60, minutes: 60, s: 1, second: 1, seconds: 1 };
  if (/^\d{2}:\d{2}:\d{2}$/.test(text)) return clockValue(text, 'en');
  let total = 0;
  for (const [, n, u] of text.matchAll(/(\d[\d,]*)\s*([a-z]+)/g)) total += Number(n!.replace(/,/g, '')) * unit[u as keyof typeof unit];
  return total;
}

const params = { numRuns: 400 };

describe('formatRemaining, for every remaining time, language and format', () => {
  it('never says a negative, NaN, undefined or Infinity, and 0 only when the moment has come', () => {
    fc.assert(
      fc.property(remainingMs, format, locale, (ms, f, loc) => {
        const text = formatRemaining(ms, f, loc);
        // A minus before a number is a negative; Hebrew's "and" is written "ו-1", after a letter.
        expect(text).not.toMatch(/NaN|undefined|null|Infinity|∞|(?<!\p{L})[-\u2212]\p{N}/u);
        expect(text.trim().length).toBeGreaterThan(0);
        const value = f === 'clock' || (f === 'auto' && remainingSeconds(ms) < DAY_S) ? clockValue(text, loc) : null;
        if (value !== null) expect(value).toBe(remainingSeconds(ms));
        expect(remainingSeconds(ms)).toBeGreaterThanOrEqual(0);
        expect(remainingSeconds(ms) === 0).toBe(ms <= 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never shows more time left at a later moment', () => {
    fc.assert(
      fc.property(remainingMs, fc.integer({ min: 0, max: 5 * DAY_S * S }), format, locale, (later, elapsed, f, loc) => {
        const earlier = later + elapsed;
        expect(remainingSeconds(later)).toBeLessThanOrEqual(remainingSeconds(earlier));
        if (f === 'clock') expect(clockValue(formatRemaining(later, f, loc), loc)).toBeLessThanOrEqual(clockValue(formatRemaining(earlier, f, loc), loc));
        const en = (ms: number) => englishValue(formatRemaining(ms, f, 'en'));
        expect(en(later)).toBeLessThanOrEqual(en(earlier));
      }),
      { numRuns: 2000 },
    );
  });

  it('shows every second where the format shows seconds: n and n−1 seconds never read the same', () => {
    fc.assert(
      fc.property(seconds.filter((s) => s > 0), format, locale, (s, f, loc) => {
        // auto with a day or more left speaks in days and hours (its own property below).
        if (f === 'auto' && s - 1 >= DAY_S) return;
        expect(formatRemaining(s * S, f, loc)).not.toBe(formatRemaining((s - 1) * S, f, loc));
      }),
      { numRuns: 3000 },
    );
  });

  it('auto with a day or more left says days and hours only: the same text all through each hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: DAY_S, max: 400 * DAY_S }), locale, (s, loc) => {
        const hourStart = s - (s % 3600);
        expect(formatRemaining(s * S, 'auto', loc), `${s} s`).toBe(formatRemaining(hourStart * S, 'auto', loc));
      }),
      params,
    );
  });

  it('keeps the clock the same width while the same units are shown (tabular)', () => {
    // Under a day: hh:mm:ss. With days: the same width for every day count with as many digits and
    // the same plural form of "day" (Italian narrows 1 day to "1g" and 2 to "2gg", Portuguese says
    // "1 dia", "2 dias"): that changes at most once a day, never while the seconds tick.
    const sameRange = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: DAY_S - 1 }), fc.integer({ min: 0, max: DAY_S - 1 })),
      fc.integer({ min: 1, max: 4 }).chain((digits) => {
        const low = 10 ** (digits - 1) * DAY_S;
        const high = (10 ** digits - 1) * DAY_S + DAY_S - 1;
        return fc.tuple(fc.integer({ min: low, max: high }), fc.integer({ min: low, max: high }));
      }),
    );
    fc.assert(
      fc.property(sameRange, fc.constantFrom<CountdownFormat>('clock', 'auto'), locale, ([a, b], f, loc) => {
        if (f === 'auto' && a >= DAY_S) return;
        const plural = new Intl.PluralRules(loc);
        if (plural.select(Math.floor(a / DAY_S)) !== plural.select(Math.floor(b / DAY_S))) return;
        expect([...formatRemaining(a * S, f, loc)].length, `${a} and ${b} s`).toBe([...formatRemaining(b * S, f, loc)].length);
      }),
      { numRuns: 2000 },
    );
  });

  it('after a clock correction, moves back by no more than the correction itself', () => {
    // Shown at visitor time t1 with offset o1, then at t2 ≥ t1 with offset o2 (a sync answered),
    // before and after T0, by corrections from milliseconds to a day either way.
    const at = 1_764_954_000_000;
    const correction = fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -86_400_000, max: 86_400_000 }));
    fc.assert(
      fc.property(
        fc.integer({ min: at - 2 * 86_400_000, max: at + 2 * 86_400_000 }),
        fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 86_400_000 })),
        correction,
        correction,
        (t1, elapsed, o1, o2) => {
          const before = remainingSeconds(at - (t1 + o1));
          const after = remainingSeconds(at - (t1 + elapsed + o2));
          expect(after - before).toBeLessThanOrEqual(Math.max(0, Math.ceil((o1 - o2) / S)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------

const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'America/St_Johns',
  'America/Santiago',
  'America/Sao_Paulo',
  'Europe/Berlin',
  'Europe/London',
  'Europe/Dublin',
  'Africa/Casablanca',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Pacific/Chatham',
  'Pacific/Apia',
  'UTC',
];

const offsetFormat = new Map<string, Intl.DateTimeFormat>();
/** The zone's UTC offset in minutes at `at`, read from Intl's "GMT+05:45" name, not from its clock fields. */
function utcOffsetMinutes(zone: string, at: number): number {
  let dtf = offsetFormat.get(zone);
  if (!dtf) offsetFormat.set(zone, (dtf = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })));
  const name = dtf.formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  const match = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(name)!;
  return match[1] ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Every offset change of a zone in 2020–2031, found by bisection: the instants where DST bites. */
function transitions(zone: string): number[] {
  const found: number[] = [];
  const step = 7 * 86_400_000;
  for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2031, 0, 1); t += step) {
    if (utcOffsetMinutes(zone, t) === utcOffsetMinutes(zone, t + step)) continue;
    let [low, high] = [t, t + step];
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (utcOffsetMinutes(zone, mid) === utcOffsetMinutes(zone, low)) low = mid;
      else high = mid;
    }
    found.push(high);
  }
  return found;
}

const TRANSITIONS = ZONES.flatMap(transitions);

/** Instants on the minute: anywhere in 2020–2030, or within three hours of a zone's DST change. */
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2031, 0, 1) / 60_000 }).map((m) => m * 60_000),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -180, max: 180 })).map(([t, m]) => t + m * 60_000),
);
const zone = fc.constantFrom(...ZONES);

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** "Sat 18:00" for `at` in `zone`, from the UTC clock plus the zone's offset: arithmetic, no Intl clock fields. */
function wallClock(at: number, zone: string): { weekday: string; time: string } {
  const local = new Date(at + utcOffsetMinutes(zone, at) * 60_000);
  return { weekday: WEEKDAYS[local.getUTCDay()]!, time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}` };
}

describe('formatMoment, for every instant and zone, across DST changes', () => {
  it('finds DST changes to test across (the property below is vacuous without them)', () => {
    for (const name of ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns']) {
      expect(transitions(name).length, name).toBeGreaterThanOrEqual(20);
    }
    // Lord Howe moves by half an hour.
    const [first] = transitions('Australia/Lord_Howe');
    expect(Math.abs(utcOffsetMinutes('Australia/Lord_Howe', first!) - utcOffsetMinutes('Australia/Lord_Howe', first! - 60_000))).toBe(30);
  });

  it('shows the visitor time and the creator time the zones have at that instant (en-GB, 24 h)', () => {
    fc.assert(
      fc.property(instant, zone, zone, (at, creator, visitor) => {
        const text = formatMoment(new Date(at), 'en-GB', creator, visitor);
        const mine = wallClock(at, visitor);
        const theirs = wallClock(at, creator);
        const city = creator.slice(creator.lastIndexOf('/') + 1).replace(/_/g, ' ');
        const creatorDay = theirs.weekday === mine.weekday ? '' : `${theirs.weekday} `;
        const sameClock = !creatorDay && theirs.time === mine.time;
        expect(text).toBe(`${mine.weekday} ${mine.time} your time${sameClock ? '' : ` · ${creatorDay}${theirs.time} ${city}`}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('shows the same hour and minute in 12-hour English (9:00 AM, 12:30 AM)', () => {
    fc.assert(
      fc.property(instant, zone, zone, (at, creator, visitor) => {
        const text = formatMoment(new Date(at), 'en-US', creator, visitor);
        const times = [...text.matchAll(/(\d{1,2}):(\d\d)\s(AM|PM)/g)].map(([, h, m, half]) => `${pad((Number(h) % 12) + (half === 'PM' ? 12 : 0))}:${m}`);
        const [mine, theirs] = [wallClock(at, visitor), wallClock(at, creator)];
        const sameClock = mine.weekday === theirs.weekday && mine.time === theirs.time;
        expect(times, text).toEqual(sameClock ? [mine.time] : [mine.time, theirs.time]);
      }),
      params,
    );
  });

  it('in every language, contains each zone’s time as that language’s Intl writes it', async () => {
    const words = Object.fromEntries(await Promise.all(Object.entries(languageChunks).map(async ([lang, load]) => [lang, (await load()).default])));
    fc.assert(
      fc.property(instant, zone, zone, fc.constantFrom(...Object.keys(languageChunks)), (at, creator, visitor, lang) => {
        const text = formatMoment(new Date(at), lang, creator, visitor, words[lang]);
        const hour12 = new Intl.DateTimeFormat(lang, { hour: 'numeric' }).resolvedOptions().hour12;
        const time = (timeZone: string) =>
          new Intl.DateTimeFormat(lang, { hour: hour12 ? 'numeric' : '2-digit', minute: '2-digit', timeZone }).format(at);
        const [yours, theirs] = text.split(' · ');
        expect(yours, text).toContain(time(visitor));
        const sameClock = wallClock(at, visitor).weekday === wallClock(at, creator).weekday && time(visitor) === time(creator);
        if (sameClock) expect(theirs, text).toBeUndefined();
        else expect(theirs, text).toContain(time(creator));
      }),
      params,
    );
  });
});
