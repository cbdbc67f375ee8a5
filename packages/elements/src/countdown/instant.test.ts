import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.ts';

const ms = (text: string) => {
  const result = parseInstant(text);
  if (!result.ok) throw new Error(`expected ${text} to parse, got ${result.reason}`);
  return result.date.getTime();
};

describe('parseInstant', () => {
  it('reads Z and numeric offsets as the same instant', () => {
    const utc = Date.UTC(2026, 11, 5, 17, 0, 0);
    expect(ms('2026-12-05T18:00:00+01:00')).toBe(utc);
    expect(ms('2026-12-05T17:00:00Z')).toBe(utc);
    expect(ms('2026-12-05T17:00Z')).toBe(utc);
    expect(ms('2026-12-05T09:00:00-08:00')).toBe(utc);
    expect(ms('2026-12-05T22:30:00+0530')).toBe(utc);
    expect(ms('2026-12-05 17:00:00z')).toBe(utc);
    expect(ms('2026-12-05T17:00:00.250Z')).toBe(utc + 250);
  });

  it('rejects a time without an offset, naming why', () => {
    expect(parseInstant('2026-12-05T18:00:00')).toEqual({ ok: false, reason: 'no-offset' });
    expect(parseInstant('2026-12-05T18:00')).toEqual({ ok: false, reason: 'no-offset' });
    expect(parseInstant('2026-12-05')).toEqual({ ok: false, reason: 'no-offset' });
  });

  // Found by instant.property.test.ts; each was wrong before.
  it('reads a fraction of any length, cut to the millisecond', () => {
    expect(ms('1900-01-01T00:00:00.0000000000Z')).toBe(Date.UTC(1900, 0, 1));
    expect(ms('2026-12-05T17:00:00.1239999999999+00:00')).toBe(Date.UTC(2026, 11, 5, 17) + 123);
  });

  it('says "no offset" for a lowercase t as for T', () => {
    expect(parseInstant('0100-01-01t00:00')).toEqual({ ok: false, reason: 'no-offset' });
  });

  it('refuses an offset cut after its colon', () => {
    expect(parseInstant('1900-01-01T00:00+05:')).toEqual({ ok: false, reason: 'invalid' });
    expect(ms('1900-01-01T00:00+05')).toBe(Date.UTC(1899, 11, 31, 19));
  });

  it('refuses years before 0100 rather than read them as 19xx', () => {
    expect(parseInstant('0050-06-01T12:00:00Z')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects missing, garbage and impossible dates', () => {
    expect(parseInstant(null)).toEqual({ ok: false, reason: 'missing' });
    expect(parseInstant('   ')).toEqual({ ok: false, reason: 'missing' });
    for (const bad of ['soon', 'Fri 5 Dec 18:00', '2026-02-30T10:00:00Z', '2026-12-05T24:00:00Z', '2026-12-05T10:61:00Z', '2026-13-01T10:00:00Z', '2026-12-05T10:00:00+25:00']) {
      expect(parseInstant(bad), bad).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
