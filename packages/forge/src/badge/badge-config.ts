import { ForgeConfigError } from '../errors.ts';
import { missingGlyphs } from './font.ts';

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

/** A received value, short and unambiguous: a hostile payload is never echoed whole. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value !== 'object') {
    const text = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value);
    return typeof value === 'string' || value === null ? text : `${typeof value} ${text}`;
  }
  return Array.isArray(value) ? 'an array' : 'an object';
}

function problem(field: string, expected: string, value: unknown): ForgeConfigError {
  return new ForgeConfigError(`Expected ${expected} for ${field} but received ${describeValue(value)}`);
}

/** "Dec 5" for the drop day as the creator's audience in `timeZone` sees it. */
export function formatDropDay(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(at);
}

/**
 * A date written in `locale` must be one the bundled font can draw. Refused here, naming the locale
 * field, because the layout's own refusal would name the badge or the date and ask for other text,
 * when the words came from the locale and the creator wrote none.
 */
export function assertDrawableDate(date: string, locale: string, field: string, instead: string): void {
  if (missingGlyphs(date).length === 0) return;
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

/** Parses an ISO 8601 instant with an explicit offset; a bare local time would be ambiguous across zones. */
export function parseInstant(value: unknown, field: string): Date {
  const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/u;
  if (typeof value !== 'string' || !isoWithOffset.test(value) || Number.isNaN(Date.parse(value))) {
    throw problem(field, 'an ISO 8601 time with an offset such as "2026-12-05T18:00:00Z"', value);
  }
  return new Date(value);
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw problem(field, 'a whole number from 1 to 1000000', value);
  }
  return value;
}

function labelFor(kind: BadgeKind, entry: Record<string, unknown>, field: string): string {
  if (entry['text'] !== undefined) {
    if (typeof entry['text'] !== 'string' || entry['text'].length > 80) {
      throw problem(`${field}.text`, 'text of at most 80 characters', entry['text']);
    }
    return entry['text'];
  }
  switch (kind) {
    case 'drop': {
      const at = parseInstant(entry['at'], `${field}.at`);
      const timeZone = entry['timeZone'] === undefined ? 'UTC' : assertTimeZone(entry['timeZone'], `${field}.timeZone`);
      const locale = entry['locale'] === undefined ? 'en-US' : entry['locale'];
      if (typeof locale !== 'string' || !Intl.DateTimeFormat.supportedLocalesOf([locale]).length) {
        throw problem(`${field}.locale`, 'a BCP 47 locale such as "en-US"', locale);
      }
      const label = `Drop · ${formatDropDay(at, timeZone, locale)}`;
      assertDrawableDate(label, locale, `${field}.locale`, `write the words yourself in ${field}.text`);
      return label;
    }
    case 'limited': {
      const number = positiveInteger(entry['number'], `${field}.number`);
      const of = positiveInteger(entry['of'], `${field}.of`);
      if (number > of) throw problem(`${field}.number`, `a number no greater than of (${of})`, number);
      return `${number} of ${of}`;
    }
    case 'custom':
      throw problem(`${field}.text`, 'the text of a custom badge', undefined);
    default:
      return DEFAULT_LABEL[kind]!;
  }
}

/**
 * Resolves `badges` from the creator config. A bare kind name (`"live"`) is shorthand for
 * `{ "kind": "live" }`. Every problem names its field and what was expected.
 */
export function parseBadges(value: unknown): BadgeSpec[] {
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
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/u.test(id)) {
      throw problem(`${field}.id`, 'a file name of lower-case letters, digits and dashes (at most 40)', id);
    }
    if (seen.has(id)) throw problem(`${field}.id`, `a name not already used by another badge (add "id")`, id);
    seen.add(id);
    const maxWidth = entry['maxWidth'] ?? BADGE_MAX_WIDTH_DEFAULT;
    if (typeof maxWidth !== 'number' || !Number.isFinite(maxWidth) || maxWidth < 40 || maxWidth > BADGE_MAX_WIDTH_LIMIT) {
      throw problem(`${field}.maxWidth`, `a width in CSS pixels from 40 to ${BADGE_MAX_WIDTH_LIMIT}`, maxWidth);
    }
    return {
      id,
      kind: kind as BadgeKind,
      label: labelFor(kind as BadgeKind, entry, field),
      motion: MOTION_OF[kind as BadgeKind],
      maxWidth,
      field: entry['text'] !== undefined || kind === 'custom' ? `${field}.text` : field,
    };
  });
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
