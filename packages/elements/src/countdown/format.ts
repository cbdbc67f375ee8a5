/**
 * Everything the countdown says: the remaining time in four formats, the drop moment in the
 * visitor's and the creator's time zones, and the milestone a screen reader hears. Numbers, units and
 * dates come from `Intl`; the few fixed words come from the page language's words (shared/words.ts).
 */
import { clockText, intl } from '../shared/intl.ts';
import { fill, type Words } from '../shared/words.ts';

export { localeOf } from '../shared/words.ts';

/** The countdown's own words in English; other languages come from ../i18n/ (see shared/words.ts). */
export const countdownEnglish = {
  live: 'Live now',
  ended: 'This drop has ended',
  soldOut: 'Sold out',
  addToCalendar: 'Add to calendar',
  googleCalendar: 'Google Calendar',
  notifyMe: 'Notify me',
  yourTime: '{time} your time',
  creatorTime: '{time} {zone}',
  startsIn: 'The drop starts {time}.',
  isLive: 'The drop is live.',
  drop: 'Drop',
} satisfies Partial<Words>;
export type CountdownWords = Pick<Words, keyof typeof countdownEnglish>;

export const FORMATS = ['auto', 'clock', 'long', 'compact'] as const;
export type CountdownFormat = (typeof FORMATS)[number];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS = [
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
] as const;

/**
 * Whole seconds left, rounded up: with 0.4 s to go the countdown still says "1 s", and it says 0 only
 * at the moment the drop goes live. Never negative.
 */
export const remainingSeconds = (remainingMs: number): number => Math.max(0, Math.ceil(remainingMs / SECOND));

export function formatRemaining(remainingMs: number, format: CountdownFormat, locale: string): string {
  let left = remainingSeconds(remainingMs) * SECOND;
  const parts = UNITS.map(([unit, size]) => {
    const amount = Math.floor(left / size);
    left -= amount * size;
    return [unit, amount] as const;
  });
  const [[, days]] = parts;
  const style = format === 'auto' ? (days > 0 ? 'long' : 'clock') : format;
  if (style === 'clock') return clockText(remainingSeconds(remainingMs), locale);
  const display = style === 'long' ? 'long' : 'narrow';
  // Long text with days left would be noise down to the second; "2 days, 3 hours" is the useful part,
  // and only that: with no hours, "2 days", not "2 days, 5 seconds" ticking.
  const shown = parts.slice(0, format === 'auto' ? 2 : 4).filter(([, amount]) => amount > 0);
  if (shown.length === 0) shown.push(['second', 0]);
  return intl(Intl.ListFormat, locale, { type: 'unit', style: display }).format(
    shown.map(([unit, amount]) => unitText(locale, unit, amount, display)),
  );
}

function unitText(locale: string, unit: string, amount: number, unitDisplay: 'long' | 'narrow'): string {
  return intl(Intl.NumberFormat, locale, { style: 'unit', unit, unitDisplay }).format(amount);
}

/**
 * "Fri 18:00 your time · 09:00 Los Angeles": the visitor's own clock first, then the creator's
 * (weekday repeated only when it differs). `Intl` applies each zone's DST rules for that date. In
 * other languages the zone is named in that language (see zoneName): "09:00 Los Angeles (Ortszeit)".
 */
export function formatMoment(at: Date, locale: string, creatorTimeZone?: string, visitorTimeZone?: string, words: CountdownWords = countdownEnglish): string {
  // 24-hour locales read "09:00", 12-hour ones "9:00 AM", never "09:00 AM".
  const hour = intl(Intl.DateTimeFormat, locale, { hour: 'numeric' }).resolvedOptions().hour12 ? 'numeric' : '2-digit';
  const visitor = intl(Intl.DateTimeFormat, locale, {
    weekday: 'short',
    hour,
    minute: '2-digit',
    timeZone: visitorTimeZone,
  }).format(at);
  const yours = fill(words.yourTime, { time: visitor });
  if (!creatorTimeZone) return yours;
  const weekday = (timeZone?: string) => intl(Intl.DateTimeFormat, locale, { weekday: 'short', timeZone }).format(at);
  const sameDay = weekday(creatorTimeZone) === weekday(visitorTimeZone);
  const creator = intl(Intl.DateTimeFormat, locale, {
    weekday: sameDay ? undefined : 'short',
    hour,
    minute: '2-digit',
    timeZone: creatorTimeZone,
  }).format(at);
  // A visitor whose clock reads what the creator's does (most of a creator's fans) learns nothing
  // from it twice: "Sat 02:00 your time · 02:00 Tokyo".
  if (sameDay && creator === intl(Intl.DateTimeFormat, locale, { hour, minute: '2-digit', timeZone: visitorTimeZone }).format(at)) return yours;
  return `${yours} · ${fill(words.creatorTime, { time: creator, zone: zoneName(creatorTimeZone, locale, at) })}`;
}

/**
 * The creator's zone as the page language names it: "ロサンゼルス時間", "hora de Los Ángeles",
 * "Los Angeles (Ortszeit)", "ドイツ時間", "GMT+0". Where that name is an abbreviation ("PT", "CET",
 * "JST": under four characters, while the shortest real name, "德国时间", has four), the city, which a
 * visitor abroad can read; English always names the city, since it abbreviates the zones creators
 * use most ("PT", "ET").
 * Chromium's trimmed ICU may keep the city in English inside the language's frame ("Los Angeles時間").
 */
export function zoneName(timeZone: string, locale: string, at: Date): string {
  // Asked for no other field, every language dropkit speaks puts the zone last, after the date.
  const name = /^en\b/.test(locale) ? '' : intl(Intl.DateTimeFormat, locale, { timeZone, timeZoneName: 'shortGeneric' }).formatToParts(at).pop()!.value;
  return name[3] ? name : cityOf(timeZone);
}

/** "America/Los_Angeles" → "Los Angeles"; "UTC" stays "UTC". */
export const cityOf = (timeZone: string): string => timeZone.slice(timeZone.lastIndexOf('/') + 1).replace(/_/g, ' ');

export function isTimeZone(value: string): boolean {
  try {
    intl(Intl.DateTimeFormat, 'en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Thresholds announced to screen readers, largest first. */
export const MILESTONES = [DAY, HOUR, 10 * MINUTE, MINUTE] as const;

/**
 * The milestone crossed between two readings of the remaining time, or null. When several were
 * crossed at once (a tab that slept), only the nearest one is still true, so only it is announced.
 */
export function crossedMilestone(previousMs: number, currentMs: number): number | null {
  let crossed: number | null = null;
  for (const milestone of MILESTONES) {
    if (previousMs > milestone && currentMs <= milestone) crossed = milestone;
  }
  return crossed;
}

/** The next moment (epoch ms) a milestone will be crossed before `at`, or `at` itself. */
export function nextMilestoneMoment(at: number, time: number): number {
  for (const milestone of MILESTONES) {
    if (at - time > milestone) return at - milestone;
  }
  return at;
}

/** "The drop starts in 10 minutes", numbers and units in the page language. */
export function milestoneText(milestone: number, locale: string, words: CountdownWords = countdownEnglish): string {
  const [unit, size] = UNITS.find(([, unitSize]) => milestone % unitSize === 0)!;
  return fill(words.startsIn, { time: new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(milestone / size, unit) });
}
