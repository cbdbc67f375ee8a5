/**
 * Properties of what the countdown says, for every remaining time, every language dropkit speaks and
 * every format: never negative or broken, never more time left later, every second shown where the
 * format shows seconds, a clock whose width does not move; and the drop moment in any zone, across DST
 * changes, exactly as Intl reads that instant there.
 *
 * Written once, run twice: in Node (format.property.test.ts), whose Intl has no DurationFormat, so the
 * clock takes its NumberFormat path there; and in Chromium (format.property.browser.test.ts), where the
 * clock takes the Intl.DurationFormat path every visitor of a current browser gets, with that
 * browser's own ICU data for the moment line. Each property throws a plain Error, so both test
 * runners' `it` can run it through `fc.assert`.
 */
import fc from 'fast-check';
import { FORMATS, formatMoment, formatRemaining, remainingSeconds, type CountdownFormat } from './format.ts';
import { languageChunks, type Words } from '../shared/words.ts';

export interface NamedProperty {
  name: string;
  property: fc.IProperty<never> | fc.IAsyncProperty<never>;
  runs: number;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

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

/** formatRemaining, for every remaining time, language and format. */
export function remainingProperties(): NamedProperty[] {
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
  // Shown at visitor time t1 with offset o1, then at t2 ≥ t1 with offset o2 (a sync answered),
  // before and after T0, by corrections from milliseconds to a day either way.
  const at = 1_764_954_000_000;
  const correction = fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -86_400_000, max: 86_400_000 }));

  const properties = [
    {
      name: 'never says a negative, NaN, undefined or Infinity, and 0 only when the moment has come',
      runs: 2000,
      property: fc.property(remainingMs, format, locale, (ms, f, loc) => {
        const text = formatRemaining(ms, f, loc);
        // A minus before a number is a negative; Hebrew's "and" is written "ו-1", after a letter.
        check(!/NaN|undefined|null|Infinity|∞|(?<!\p{L})[-\u2212]\p{N}/u.test(text), `broken text "${text}"`);
        check(text.trim().length > 0, 'empty text');
        const value = f === 'clock' || (f === 'auto' && remainingSeconds(ms) < DAY_S) ? clockValue(text, loc) : null;
        if (value !== null) check(value === remainingSeconds(ms), `"${text}" reads ${value} s, not ${remainingSeconds(ms)} s`);
        check(remainingSeconds(ms) >= 0, 'negative remaining seconds');
        check(remainingSeconds(ms) === 0 === ms <= 0, `${ms} ms gives ${remainingSeconds(ms)} s`);
      }),
    },
    {
      name: 'never shows more time left at a later moment',
      runs: 2000,
      property: fc.property(remainingMs, fc.integer({ min: 0, max: 5 * DAY_S * S }), format, locale, (later, elapsed, f, loc) => {
        const earlier = later + elapsed;
        check(remainingSeconds(later) <= remainingSeconds(earlier), 'remaining seconds grew');
        if (f === 'clock') {
          const [a, b] = [formatRemaining(later, f, loc), formatRemaining(earlier, f, loc)];
          check(clockValue(a, loc) <= clockValue(b, loc), `"${a}" later than "${b}"`);
        }
        const en = (ms: number) => englishValue(formatRemaining(ms, f, 'en'));
        check(en(later) <= en(earlier), `en ${f}: "${formatRemaining(later, f, 'en')}" later than "${formatRemaining(earlier, f, 'en')}"`);
      }),
    },
    {
      name: 'shows every second where the format shows seconds: n and n−1 seconds never read the same',
      runs: 3000,
      property: fc.property(seconds.filter((s) => s > 0), format, locale, (s, f, loc) => {
        // auto with a day or more left speaks in days and hours (its own property below).
        if (f === 'auto' && s - 1 >= DAY_S) return;
        const text = formatRemaining(s * S, f, loc);
        check(text !== formatRemaining((s - 1) * S, f, loc), `${s} s and ${s - 1} s both read "${text}"`);
      }),
    },
    {
      name: 'auto with a day or more left says days and hours only: the same text all through each hour',
      runs: 400,
      property: fc.property(fc.integer({ min: DAY_S, max: 400 * DAY_S }), locale, (s, loc) => {
        const hourStart = s - (s % 3600);
        const [text, atHourStart] = [formatRemaining(s * S, 'auto', loc), formatRemaining(hourStart * S, 'auto', loc)];
        check(text === atHourStart, `${s} s reads "${text}", its hour's start "${atHourStart}"`);
      }),
    },
    {
      name: 'keeps the clock the same width while the same units are shown (tabular)',
      runs: 2000,
      property: fc.property(sameRange, fc.constantFrom<CountdownFormat>('clock', 'auto'), locale, ([a, b], f, loc) => {
        if (f === 'auto' && a >= DAY_S) return;
        const plural = new Intl.PluralRules(loc);
        if (plural.select(Math.floor(a / DAY_S)) !== plural.select(Math.floor(b / DAY_S))) return;
        const [textA, textB] = [formatRemaining(a * S, f, loc), formatRemaining(b * S, f, loc)];
        check([...textA].length === [...textB].length, `"${textA}" (${a} s) and "${textB}" (${b} s) differ in width`);
      }),
    },
    {
      name: 'after a clock correction, moves back by no more than the correction itself',
      runs: 2000,
      property: fc.property(
        fc.integer({ min: at - 2 * 86_400_000, max: at + 2 * 86_400_000 }),
        fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 86_400_000 })),
        correction,
        correction,
        (t1, elapsed, o1, o2) => {
          const before = remainingSeconds(at - (t1 + o1));
          const after = remainingSeconds(at - (t1 + elapsed + o2));
          check(after - before <= Math.max(0, Math.ceil((o1 - o2) / S)), `moved back ${after - before} s`);
        },
      ),
    },
  ];
  return properties as unknown as NamedProperty[];
}

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
export function utcOffsetMinutes(zone: string, at: number): number {
  let dtf = offsetFormat.get(zone);
  if (!dtf) offsetFormat.set(zone, (dtf = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })));
  const name = dtf.formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  const match = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(name)!;
  return match[1] ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Every offset change of a zone in 2020–2031, found by bisection: the instants where DST bites. */
export function transitions(zone: string): number[] {
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

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** "Sat 18:00" for `at` in `zone`, from the UTC clock plus the zone's offset: arithmetic, no Intl clock fields. */
function wallClock(at: number, zone: string): { weekday: string; time: string } {
  const local = new Date(at + utcOffsetMinutes(zone, at) * 60_000);
  return { weekday: WEEKDAYS[local.getUTCDay()]!, time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}` };
}

/** formatMoment, for every instant and zone, across DST changes (the words of every language loaded first). */
export async function momentProperties(): Promise<NamedProperty[]> {
  const allTransitions = ZONES.flatMap(transitions);
  /** Instants on the minute: anywhere in 2020–2030, or within three hours of a zone's DST change. */
  const instant = fc.oneof(
    fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2031, 0, 1) / 60_000 }).map((m) => m * 60_000),
    fc.tuple(fc.constantFrom(...allTransitions), fc.integer({ min: -180, max: 180 })).map(([t, m]) => t + m * 60_000),
  );
  const zone = fc.constantFrom(...ZONES);
  const words: Record<string, Words> = Object.fromEntries(
    await Promise.all(Object.entries(languageChunks).map(async ([lang, load]) => [lang, (await load()).default])),
  );

  const properties = [
    {
      name: 'shows the visitor time and the creator time the zones have at that instant (en-GB, 24 h)',
      runs: 3000,
      property: fc.property(instant, zone, zone, (at, creator, visitor) => {
        const text = formatMoment(new Date(at), 'en-GB', creator, visitor);
        const mine = wallClock(at, visitor);
        const theirs = wallClock(at, creator);
        const city = creator.slice(creator.lastIndexOf('/') + 1).replace(/_/g, ' ');
        const creatorDay = theirs.weekday === mine.weekday ? '' : `${theirs.weekday} `;
        const sameClock = !creatorDay && theirs.time === mine.time;
        const expected = `${mine.weekday} ${mine.time} your time${sameClock ? '' : ` · ${creatorDay}${theirs.time} ${city}`}`;
        check(text === expected, `"${text}", expected "${expected}"`);
      }),
    },
    {
      name: 'shows the same hour and minute in 12-hour English (9:00 AM, 12:30 AM)',
      runs: 400,
      property: fc.property(instant, zone, zone, (at, creator, visitor) => {
        const text = formatMoment(new Date(at), 'en-US', creator, visitor);
        const times = [...text.matchAll(/(\d{1,2}):(\d\d)\s(AM|PM)/g)].map(([, h, m, half]) => `${pad((Number(h) % 12) + (half === 'PM' ? 12 : 0))}:${m}`);
        const [mine, theirs] = [wallClock(at, visitor), wallClock(at, creator)];
        const sameClock = mine.weekday === theirs.weekday && mine.time === theirs.time;
        const expected = sameClock ? [mine.time] : [mine.time, theirs.time];
        check(JSON.stringify(times) === JSON.stringify(expected), `"${text}" shows ${times.join(', ')}, expected ${expected.join(', ')}`);
      }),
    },
    {
      name: 'in every language, contains each zone’s time as that language’s Intl writes it',
      runs: 400,
      property: fc.property(instant, zone, zone, fc.constantFrom(...Object.keys(languageChunks)), (at, creator, visitor, lang) => {
        const text = formatMoment(new Date(at), lang, creator, visitor, words[lang]);
        const hour12 = new Intl.DateTimeFormat(lang, { hour: 'numeric' }).resolvedOptions().hour12;
        const time = (timeZone: string) =>
          new Intl.DateTimeFormat(lang, { hour: hour12 ? 'numeric' : '2-digit', minute: '2-digit', timeZone }).format(at);
        const [yours = '', theirs] = text.split(' · ');
        check(yours.includes(time(visitor)), `"${text}" lacks the visitor's ${time(visitor)}`);
        const sameClock = wallClock(at, visitor).weekday === wallClock(at, creator).weekday && time(visitor) === time(creator);
        if (sameClock) check(theirs === undefined, `"${text}" says the same clock twice`);
        else check(theirs?.includes(time(creator)) ?? false, `"${text}" lacks the creator's ${time(creator)}`);
      }),
    },
  ];
  return properties as unknown as NamedProperty[];
}
