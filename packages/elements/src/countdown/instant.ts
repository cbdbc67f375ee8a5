/**
 * Reading a creator's drop time. Only absolute instants are accepted: "2026-12-05T18:00" without
 * `Z` or an offset would silently mean each visitor's own local time, which is never what a
 * worldwide drop means.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?)$/i;

export type InstantResult = { ok: true; date: Date } | { ok: false; reason: 'missing' | 'no-offset' | 'invalid' };

export function parseInstant(value: string | null | undefined): InstantResult {
  const text = value?.trim();
  if (!text) return { ok: false, reason: 'missing' };
  const match = ISO_INSTANT.exec(text);
  if (!match) {
    const looksLocal = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?$/i.test(text);
    return { ok: false, reason: looksLocal ? 'no-offset' : 'invalid' };
  }
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zulu, sign, offH, offM = '0'] = match;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  // Date.UTC rolls "02-30" over into March; reading the parts back catches impossible dates.
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Number(offH ?? 0) > 23 ||
    Number(offM) > 59
  ) {
    return { ok: false, reason: 'invalid' };
  }
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
  return { ok: true, date: new Date(local - offsetMinutes * 60_000) };
}

export const parseInstantOrNull = (value: string | null): Date | null => {
  const result = parseInstant(value);
  return result.ok ? result.date : null;
};
