import { CHARACTER_UNIT, characterCount, describeValue } from '../config/characters.ts';
import { ForgeConfigError } from '../errors.ts';
import { normalizeText, TextError } from './font.ts';

/** The badges a creator can declare; `custom` carries its own text. */
export const BADGE_KINDS = ['live', 'drop', 'limited', 'verified', 'sold-out', 'custom'] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

/** How a badge moves. `pulse`: a ring grows out of the dot and fades. `shine`: a light band sweeps once. */
export const BADGE_MOTIONS = ['pulse', 'shine'] as const;
export type BadgeMotion = (typeof BADGE_MOTIONS)[number];

export const BADGE_MAX_WIDTH_DEFAULT = 240;
export const BADGE_MAX_WIDTH_LIMIT = 480;

/** One badge, resolved from the config: everything the layout needs, nothing left to default. */
export interface BadgeSpec {
  /** File stem under `badges/`, unique within the config. */
  id: string;
  kind: BadgeKind;
  /** The text on the badge, before the font check. */
  label: string;
  motion: BadgeMotion;
  /** Widest the badge may grow (CSS px at @1x) before its text shrinks. */
  maxWidth: number;
  /** The config field the label came from, for error messages. */
  field: string;
  /** What the creator should know about this badge: a field its kind does not read (unreadFields). */
  notes?: string[];
}

const MOTION_OF: Record<BadgeKind, BadgeMotion> = {
  live: 'pulse',
  drop: 'shine',
  limited: 'shine',
  verified: 'shine',
  'sold-out': 'shine',
  custom: 'shine',
};

const DEFAULT_LABEL: Partial<Record<BadgeKind, string>> = {
  live: 'LIVE',
  verified: 'Verified',
  'sold-out': 'Sold out',
};

const KNOWN_FIELDS = ['kind', 'id', 'text', 'maxWidth', 'at', 'timeZone', 'locale', 'number', 'of'];


function problem(field: string, expected: string, value: unknown): ForgeConfigError {
  return new ForgeConfigError(`Expected ${expected} for ${field} but received ${describeValue(value)}`);
}

/**
 * Where a drop's day and time are told: an IANA zone, or the fixed offset written in the time
 * itself (minutes east of UTC), for a creator who named no zone.
 */
export type DropZone = string | { offsetMinutes: number };

/**
 * The zone a time is told in when the config names none: the offset the creator wrote. A creator
 * in New York writing "2026-12-05T21:00:00-05:00" means the 5th; told in UTC it read "Dec 6".
 * Only `Z` (or +00:00) means UTC.
 */
export function writtenZone(value: string): DropZone {
  const offset = /([+-])(\d{2}):(\d{2})$/u.exec(value);
  if (!offset) return 'UTC';
  const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  return minutes === 0 ? 'UTC' : { offsetMinutes: minutes };
}

/** The short name Intl gives a fixed offset in `locale` ("GMT-5", "UTC+5:30", "GMT+5:45"). */
function offsetName(offsetMinutes: number, locale: string): string {
  const hours = Math.floor(Math.abs(offsetMinutes) / 60);
  const minutes = Math.abs(offsetMinutes) % 60;
  // The locale's own pattern, taken from a one-hour Etc zone (whose sign counts west) with its digit replaced.
  const pattern = new Intl.DateTimeFormat(locale, { timeZone: offsetMinutes > 0 ? 'Etc/GMT-1' : 'Etc/GMT+1', timeZoneName: 'short' })
    .formatToParts(0)
    .find((part) => part.type === 'timeZoneName')!.value;
  return pattern.replace(/1(?!.*\d)/u, minutes === 0 ? String(hours) : `${hours}:${String(minutes).padStart(2, '0')}`);
}

/**
 * `Intl.DateTimeFormat#format` in a DropZone. Node 20's Intl takes no offset as a time zone
 * ("-05:00" throws), so a fixed offset is told as the instant moved by it, in UTC, under the
 * offset's own name.
 */
export function formatInZone(at: Date, zone: DropZone, locale: string, options: Intl.DateTimeFormatOptions): string {
  if (typeof zone === 'string') return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(at);
  const moved = new Date(at.getTime() + zone.offsetMinutes * 60_000);
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })
    .formatToParts(moved)
    .map((part) => (part.type === 'timeZoneName' ? offsetName(zone.offsetMinutes, locale) : part.value))
    .join('');
}

/** "Dec 5" for the drop day as the creator's audience in `zone` sees it. */
export function formatDropDay(at: Date, zone: DropZone, locale: string): string {
  return formatInZone(at, zone, locale, { month: 'short', day: 'numeric' });
}

/**
 * A date written in `locale` must be one the bundled font can draw. Refused here, naming the locale
 * field, because the layout's own refusal would name the badge or the date and ask for other text,
 * when the words came from the locale and the creator wrote none.
 */
export function assertDrawableDate(date: string, locale: string, field: string, instead: string): void {
  try {
    // As the layout will read it: also an accent with no single character for its letter
    // ("yo" writes "Ọ̀pẹ̀"), whose refusal there named the badge's text.
    normalizeText(date, field);
    return;
  } catch (error) {
    if (!(error instanceof TextError)) throw error;
  }
  throw new ForgeConfigError(
    `Expected a locale whose dates the bundled font (Inter) can draw for ${field} but received ${JSON.stringify(locale)}: ` +
      `it writes ${JSON.stringify(date)}; choose a locale written in Latin, Greek or Cyrillic letters (such as "en-US", "fr-FR" or "ru-RU"), or ${instead}`,
  );
}

/** Checks a time zone name the way Intl will use it, so a typo fails at plan time with its field named. */
export function assertTimeZone(timeZone: unknown, field: string): string {
  if (typeof timeZone !== 'string') throw problem(field, 'an IANA time zone such as "Europe/Berlin"', timeZone);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw problem(field, 'an IANA time zone such as "Europe/Berlin"', timeZone);
  }
  return timeZone;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Parses an ISO 8601 instant with an explicit offset; a bare local time would be ambiguous across zones. */
export function parseInstant(value: unknown, field: string): Date {
  const isoWithOffset = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/u;
  const parts = typeof value === 'string' ? isoWithOffset.exec(value) : null;
  if (typeof value !== 'string' || !parts || Number.isNaN(Date.parse(value))) {
    throw problem(field, 'an ISO 8601 time with an offset such as "2026-12-05T18:00:00Z"', value);
  }
  // Date.parse rolls a day the month lacks into the next month: a typo'd "2026-02-30" was told as
  // "Drop · Mar 2", and 29 February of a common year as 1 March, without a word.
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day > days) {
    throw problem(field, `an ISO 8601 time with an offset on a day that exists (${MONTHS[month - 1]} ${year} has ${days} days)`, value);
  }
  return new Date(value);
}

/**
 * Checks a locale as Intl reads it. A tag Intl cannot parse at all ("en_US", "x-klingon") made
 * supportedLocalesOf throw a RangeError ("Incorrect locale information provided"), which reached
 * the creator as forge's own failure with a stack, naming no field.
 */
export function assertLocale(locale: unknown, field: string): string {
  let supported = false;
  if (typeof locale === 'string') {
    try {
      supported = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
    } catch {
      // Not a BCP 47 tag: refused below like any other locale Intl does not know.
    }
  }
  if (!supported) {
    const dashed = typeof locale === 'string' && locale.includes('_') ? ` (written with dashes: ${JSON.stringify(locale.replaceAll('_', '-'))})` : '';
    throw problem(field, `a BCP 47 locale such as "en-US"${dashed}`, locale);
  }
  return locale as string;
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw problem(field, 'a whole number from 1 to 1000000', value);
  }
  return value;
}

/** What a badge falls back on from the rest of the config. */
export interface BadgeDefaults {
  /** `social.timeZone`: a drop badge without a `timeZone` of its own is told in it. */
  socialTimeZone?: unknown;
  /** `social.locale`: a drop badge without a `locale` of its own is written in it. */
  socialLocale?: unknown;
}

/** The drop badge's zone: its own, else the social card's, else the offset written in `at`. */
function dropZone(entry: Record<string, unknown>, field: string, defaults: BadgeDefaults): DropZone {
  if (entry['timeZone'] !== undefined) return assertTimeZone(entry['timeZone'], `${field}.timeZone`);
  if (defaults.socialTimeZone !== undefined) return assertTimeZone(defaults.socialTimeZone, 'social.timeZone');
  return writtenZone(entry['at'] as string);
}

/** The fields only one kind reads; elsewhere they would be dropped without a word. */
const FIELD_OF_KIND: Readonly<Record<string, BadgeKind>> = { at: 'drop', timeZone: 'drop', locale: 'drop', number: 'limited', of: 'limited' };

/**
 * A field the badge's kind does not read, as a note: `locale` on a limited or sold-out badge, meant
 * to write its words in French, left them in English without a word; `at` on a live badge did
 * nothing. A note, not a refusal: the schema allows every field on every badge (an editor shows no
 * error) and the badge draws as it did; for some hours on 28 November 2026 such a config stopped forge.
 */
function unreadFields(kind: BadgeKind, entry: Record<string, unknown>, field: string): string[] {
  return Object.entries(FIELD_OF_KIND)
    .filter(([key, owner]) => entry[key] !== undefined && owner !== kind)
    .map(([key, owner]) => {
      // Only forge's own words are in English; a custom badge, or one given text, is in the creator's.
      const own = kind !== 'custom' && entry['text'] === undefined;
      const instead = key === 'locale' && own ? `; its words are forge's own, in English: to have them in another language, write them in ${field}.text` : '';
      return `${field}.${key} is not read: only a ${owner} badge reads ${key}, so the ${kind} badge is drawn without it${instead}`;
    });
}

/** The drop badge's words: "Drop ·" and the day of `at` in its zone, written in its locale. */
function dropLabel(entry: Record<string, unknown>, field: string, defaults: BadgeDefaults): string {
  const at = parseInstant(entry['at'], `${field}.at`);
  const zone = dropZone(entry, field, defaults);
  // Like the zone: the badge's own locale, else the one the creator chose for the card.
  const [locale, localeField] =
    entry['locale'] !== undefined
      ? [entry['locale'], `${field}.locale`]
      : defaults.socialLocale !== undefined
        ? [defaults.socialLocale, 'social.locale']
        : ['en-US', `${field}.locale`];
  const tag = assertLocale(locale, localeField);
  const label = `Drop · ${formatDropDay(at, zone, tag)}`;
  assertDrawableDate(label, tag, localeField, `write the words yourself in ${field}.text`);
  return label;
}

/** The limited badge's words, "1 of 50", from `number` and `of`. */
function limitedLabel(entry: Record<string, unknown>, field: string): string {
  const number = positiveInteger(entry['number'], `${field}.number`);
  const of = positiveInteger(entry['of'], `${field}.of`);
  if (number > of) throw problem(`${field}.number`, `a number no greater than of (${of})`, number);
  return `${number} of ${of}`;
}

function labelFor(kind: BadgeKind, entry: Record<string, unknown>, field: string, defaults: BadgeDefaults): string {
  if (entry['text'] !== undefined) {
    if (typeof entry['text'] !== 'string' || characterCount(entry['text']) > 80) {
      throw problem(`${field}.text`, `text of at most 80 ${CHARACTER_UNIT}`, entry['text']);
    }
    // The words are the creator's, but a value of the kind's own they gave beside them is still read:
    // "at": "2026-02-30" or "number": 60 of 50 next to a text passed without a word. (Another kind's
    // fields are not read: a note, unreadFields.)
    if (kind === 'drop') {
      if (entry['at'] !== undefined) parseInstant(entry['at'], `${field}.at`);
      if (entry['timeZone'] !== undefined) assertTimeZone(entry['timeZone'], `${field}.timeZone`);
      if (entry['locale'] !== undefined) assertLocale(entry['locale'], `${field}.locale`);
    }
    if (kind === 'limited') {
      if (entry['number'] !== undefined && entry['of'] !== undefined) limitedLabel(entry, field);
      else if (entry['number'] !== undefined) positiveInteger(entry['number'], `${field}.number`);
      else if (entry['of'] !== undefined) positiveInteger(entry['of'], `${field}.of`);
    }
    return entry['text'];
  }
  switch (kind) {
    case 'drop':
      return dropLabel(entry, field, defaults);
    case 'limited':
      return limitedLabel(entry, field);
    case 'custom':
      throw problem(`${field}.text`, 'the text of a custom badge', undefined);
    default:
      return DEFAULT_LABEL[kind]!;
  }
}

/**
 * Resolves `badges` from the creator config. A bare kind name (`"live"`) is shorthand for
 * `{ "kind": "live" }`. Every problem names its field and what was expected. `defaults`: what a
 * badge takes from the rest of the config (badgeDefaults).
 */
export function parseBadges(value: unknown, defaults: BadgeDefaults = {}): BadgeSpec[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw problem('badges', 'an array of badges', value);
  if (value.length > 32) throw new ForgeConfigError(`Expected at most 32 badges but received ${value.length}`);
  const seen = new Set<string>();
  return value.map((raw, index): BadgeSpec => {
    const field = `badges[${index}]`;
    const entry: Record<string, unknown> =
      typeof raw === 'string' ? { kind: raw } : typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
    if (typeof raw !== 'string' && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
      throw problem(field, `a badge kind (${BADGE_KINDS.join(', ')}) or a badge object`, raw);
    }
    const kind = entry['kind'];
    if (!BADGE_KINDS.includes(kind as BadgeKind)) {
      throw problem(typeof raw === 'string' ? field : `${field}.kind`, `one of ${BADGE_KINDS.join(', ')}`, kind);
    }
    for (const key of Object.keys(entry)) {
      if (!KNOWN_FIELDS.includes(key)) {
        throw new ForgeConfigError(`Unexpected field ${field}.${key}; expected one of: ${KNOWN_FIELDS.join(', ')}`);
      }
    }
    const id = entry['id'] ?? kind;
    // Windows opens a device for these names whatever the extension (badges/con.svg, nul.png): a
    // creator forging there, or unzipping a marketplace's set, could not have the files.
    if (typeof id !== 'string' || !/^(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$)[a-z0-9][a-z0-9-]{0,39}$/u.test(id)) {
      throw problem(`${field}.id`, 'a file name of lower-case letters, digits and dashes (at most 40), not a device name Windows reserves (con, prn, aux, nul, com0 to com9, lpt0 to lpt9)', id);
    }
    if (seen.has(id)) throw problem(`${field}.id`, `a name not already used by another badge (add "id")`, id);
    seen.add(id);
    const maxWidth = entry['maxWidth'] ?? BADGE_MAX_WIDTH_DEFAULT;
    if (typeof maxWidth !== 'number' || !Number.isFinite(maxWidth) || maxWidth < 40 || maxWidth > BADGE_MAX_WIDTH_LIMIT) {
      throw problem(`${field}.maxWidth`, `a width in CSS pixels from 40 to ${BADGE_MAX_WIDTH_LIMIT}`, maxWidth);
    }
    const notes = unreadFields(kind as BadgeKind, entry, field);
    return {
      id,
      kind: kind as BadgeKind,
      label: labelFor(kind as BadgeKind, entry, field, defaults),
      motion: MOTION_OF[kind as BadgeKind],
      maxWidth,
      field: entry['text'] !== undefined || kind === 'custom' ? `${field}.text` : field,
      ...(notes.length > 0 ? { notes } : {}),
    };
  });
}

/** The BadgeDefaults of a creator config. */
export function badgeDefaults(config: { social?: unknown }): BadgeDefaults {
  const { social } = config;
  const fields = typeof social === 'object' && social !== null ? (social as Record<string, unknown>) : {};
  return {
    ...(fields['timeZone'] !== undefined ? { socialTimeZone: fields['timeZone'] } : {}),
    ...(fields['locale'] !== undefined ? { socialLocale: fields['locale'] } : {}),
  };
}

/**
 * The badges a creator config asks for, as the badge stage draws them: `badges` read with the
 * defaults the rest of the config gives them (badgeDefaults). The one way to read them outside a
 * test of parseBadges itself, so a tool that lists or measures badges (the bench) reads the labels
 * a creator gets, not `parseBadges(config.badges)`'s, which knows no social.locale or timeZone.
 */
export function badgeSpecs(config: { badges?: unknown; social?: unknown }): BadgeSpec[] {
  return parseBadges(config.badges, badgeDefaults(config));
}

/**
 * With a dark palette every badge also writes `<id>-dark…` files, so an id that is another badge's
 * id plus "-dark" would write the same files. Refused here, naming both badges, rather than where
 * the plan finds two files of one name and can say only that.
 */
export function assertDarkNamesFree(specs: readonly BadgeSpec[]): void {
  const indexOf = new Map(specs.map((spec, index) => [spec.id, index]));
  specs.forEach((spec, index) => {
    const other = indexOf.get(`${spec.id}-dark`);
    if (other !== undefined) {
      throw problem(
        `badges[${other}].id`,
        `a name other than the one the dark files of badges[${index}] (${JSON.stringify(spec.id)}) take, such as "${spec.id}-night"`,
        `${spec.id}-dark`,
      );
    }
  });
}
