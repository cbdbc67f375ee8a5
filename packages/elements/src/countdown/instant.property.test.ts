/**
 * Properties of the drop time parser, for every input rather than a few examples: what a creator may
 * write (ISO 8601 extended date-time with `Z` or a numeric offset) parses to the instant an independent
 * calendar computation gives, anything without an offset is refused as such, and nothing throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.ts';

/**
 * Days since 1970-01-01 for a proleptic Gregorian date, by the era arithmetic of Howard Hinnant's
 * `days_from_civil`: no `Date` involved, so it cannot share a mistake with the parser's `Date.UTC`.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Years from 0100: `Date.UTC` reads 0–99 as 1900–1999, and the parser refuses those years rather than
 * misread them (pinned below); no drop is scheduled in the first century.
 * Edge days weighted in: the first and last days of a year and of February, in leap and common years.
 */
const dateParts = fc
  .tuple(
    fc.oneof(fc.integer({ min: 100, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2025, 2026, 2100, 2400, 9999)),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.constantFrom('first', 'last', 'any'),
  )
  .map(([year, month, rawDay, edge]) => {
    const last = daysIn(year, month);
    const day = edge === 'first' ? 1 : edge === 'last' ? last : Math.min(rawDay, last);
    return { year, month, day };
  });

const timeParts = fc.record({
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  // undefined: no seconds ("18:00"); then no fraction either, as ISO 8601 has it.
  second: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
  fraction: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 15 }), { nil: undefined }),
  fractionMark: fc.constantFrom('.', ','),
  separator: fc.constantFrom('T', 't', ' '),
});

/** Z, or ±hh:mm, ±hhmm and ±hh, the three offset forms ISO 8601 has. */
const offsetParts = fc.oneof(
  fc.constantFrom({ text: 'Z', minutes: 0 }, { text: 'z', minutes: 0 }),
  fc
    .tuple(fc.constantFrom(1, -1), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('hh:mm', 'hhmm', 'hh'))
    .map(([sign, hours, minutes, form]) => {
      const m = form === 'hh' ? 0 : minutes;
      const text = `${sign < 0 ? '-' : '+'}${pad(hours)}${form === 'hh' ? '' : form === 'hhmm' ? pad(m) : `:${pad(m)}`}`;
      return { text, minutes: sign * (hours * 60 + m) };
    }),
);

type TimeParts = typeof timeParts extends fc.Arbitrary<infer T> ? T : never;

const localText = (d: { year: number; month: number; day: number }, t: TimeParts) => {
  let text = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}${t.separator}${pad(t.hour)}:${pad(t.minute)}`;
  if (t.second !== undefined) {
    text += `:${pad(t.second)}`;
    if (t.fraction !== undefined) text += `${t.fractionMark}${t.fraction}`;
  }
  return text;
};

const params = { numRuns: 3000 };

describe('parseInstant, for every instant', () => {
  it('reads every ISO 8601 date-time with Z or an offset as the instant calendar arithmetic gives', () => {
    fc.assert(
      fc.property(dateParts, timeParts, offsetParts, fc.constantFrom('', ' ', '\n '), (d, t, offset, space) => {
        const text = `${space}${localText(d, t)}${offset.text}${space}`;
        const result = parseInstant(text);
        // Below a millisecond the fraction is cut, not rounded, as Date.parse does.
        const millis = t.second === undefined || t.fraction === undefined ? 0 : Number(t.fraction.padEnd(3, '0').slice(0, 3));
        const expected =
          daysFromCivil(d.year, d.month, d.day) * 86_400_000 +
          ((t.hour * 60 + t.minute - offset.minutes) * 60 + (t.second ?? 0)) * 1000 +
          millis;
        expect(result, text).toEqual({ ok: true, date: new Date(expected) });
      }),
      params,
    );
  });

  it('refuses every date-time without an offset, saying that is why', () => {
    fc.assert(
      fc.property(dateParts, timeParts, fc.boolean(), (d, t, dateOnly) => {
        const text = dateOnly ? localText(d, t).slice(0, 10) : localText(d, t);
        expect(parseInstant(text), text).toEqual({ ok: false, reason: 'no-offset' });
      }),
      params,
    );
  });

  it('refuses an offset that is not one of the ISO forms (+05:, +5, +05:3, +0530:)', () => {
    const broken = fc.constantFrom('+05:', '-5', '+5:30', '+05:3', '+0530:', '+053', '+05:30:00', '05:30', '+05;30', 'ZZ', 'Z+01:00', 'UTC', 'GMT+1', '\u221205:00');
    fc.assert(
      fc.property(dateParts, timeParts, broken, (d, t, offset) => {
        const text = `${localText(d, t)}${offset}`;
        expect(parseInstant(text), text).toMatchObject({ ok: false });
      }),
      params,
    );
  });

  it('never throws, and accepts nothing that does not end in Z or an offset', () => {
    const isoish = fc
      .tuple(fc.array(fc.constantFrom(...'0123456789-:T.,+Zz '), { maxLength: 40 }))
      .map(([chars]) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), isoish, fc.constant(undefined), fc.constant(null)), (value) => {
        const result = parseInstant(value);
        if (result.ok) {
          expect(value!.trim(), value!).toMatch(/(?:Z|[+-]\d\d(?::?\d\d)?)$/i);
          expect(Number.isFinite(result.date.getTime())).toBe(true);
        } else {
          expect(['missing', 'no-offset', 'invalid']).toContain(result.reason);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses impossible calendar days and clock times', () => {
    const impossible = fc.oneof(
      dateParts.map((d) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(daysIn(d.year, d.month) + 1)}T12:00:00Z`),
      fc.integer({ min: 13, max: 99 }).map((month) => `2026-${pad(month)}-01T12:00:00Z`),
      fc.integer({ min: 24, max: 99 }).map((hour) => `2026-12-05T${pad(hour)}:00:00Z`),
      fc.integer({ min: 60, max: 99 }).map((minute) => `2026-12-05T10:${pad(minute)}:00Z`),
      fc.integer({ min: 60, max: 99 }).map((second) => `2026-12-05T10:00:${pad(second)}Z`),
      fc.integer({ min: 24, max: 99 }).map((hours) => `2026-12-05T10:00:00+${pad(hours)}:00`),
      fc.integer({ min: 60, max: 99 }).map((minutes) => `2026-12-05T10:00:00-01:${pad(minutes)}`),
    );
    fc.assert(
      fc.property(impossible, (text) => {
        expect(parseInstant(text), text).toEqual({ ok: false, reason: 'invalid' });
      }),
      params,
    );
  });
});
