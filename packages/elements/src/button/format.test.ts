import { describe, expect, it } from 'vitest';
import { formatTimeToDrop, timeToDropInWords } from './format.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

// Node has no Intl.DurationFormat, so this is the NumberFormat fallback; Chromium's DurationFormat
// path is checked by shared/words.browser.test.ts and button.browser.test.ts.
describe('formatTimeToDrop (without Intl.DurationFormat)', () => {
  it('shows hours only when there are some, rounds up to whole seconds, never goes below zero', () => {
    expect(formatTimeToDrop(H + 2 * M + 3 * S, 'en')).toBe('01:02:03');
    expect(formatTimeToDrop(2 * M + 3 * S, 'en')).toBe('02:03');
    expect(formatTimeToDrop(2 * M + 2 * S + 1, 'en')).toBe('02:03');
    expect(formatTimeToDrop(-5 * S, 'en')).toBe('00:00');
  });

  it('writes days as the language writes a narrow day unit, digits in the language', () => {
    expect(formatTimeToDrop(2 * D + H + 2 * M + 3 * S, 'en')).toBe('2d 01:02:03');
    expect(formatTimeToDrop(2 * D + 3 * S, 'de')).toBe('2 T 00:00:03');
    expect(formatTimeToDrop(H + 2 * M + 3 * S, 'ar-EG')).toBe('٠١:٠٢:٠٣');
  });
});

describe('timeToDropInWords (the button name for screen readers)', () => {
  it('says days, hours and minutes in words, leaving out the units at zero', () => {
    expect(timeToDropInWords(2 * D + H + 2 * M + 3 * S, 'en')).toBe('2 days, 1 hour, 2 minutes');
    expect(timeToDropInWords(2 * D + 2 * M, 'en')).toBe('2 days, 2 minutes');
    expect(timeToDropInWords(3 * H, 'en')).toBe('3 hours');
    expect(timeToDropInWords(2 * D + H + 2 * M + 3 * S, 'de')).toBe('2 Tage, 1 Stunde und 2 Minuten');
    expect(timeToDropInWords(2 * D + H + 2 * M + 3 * S, 'ar')).toBe('يومان، وساعة، ودقيقتان');
    expect(timeToDropInWords(H + 3 * M, 'tr')).toBe('1 saat 3 dakika');
  });

  it('says the minutes the clock shows, its seconds dropped, never rounded up', () => {
    // The clock shows 01:02:59 (a fraction of a second rounds up to 59): still "2 minutes".
    expect(timeToDropInWords(H + 2 * M + 58 * S + 1, 'en')).toBe('1 hour, 2 minutes');
    expect(formatTimeToDrop(H + 2 * M + 58 * S + 1, 'en')).toBe('01:02:59');
    // The clock shows 01:03:00 from the first millisecond after 01:02:59.
    expect(timeToDropInWords(H + 2 * M + 59 * S + 1, 'en')).toBe('1 hour, 3 minutes');
  });

  it('stays the same for every second of a minute, so the name changes once a minute', () => {
    const names = new Set<string>();
    // Every moment the clock shows 05:00 to 05:59.
    for (let ms = 5 * M - S + 1; ms <= 6 * M - S; ms += 250) names.add(timeToDropInWords(ms, 'en'));
    expect([...names]).toEqual(['5 minutes']);
  });

  it('says "1 minute" for the last minute instead of 0 or the seconds', () => {
    expect(timeToDropInWords(2 * M - S, 'en')).toBe('1 minute');
    expect(timeToDropInWords(45 * S, 'en')).toBe('1 minute');
    expect(timeToDropInWords(1, 'en')).toBe('1 minute');
    expect(timeToDropInWords(-5 * S, 'en')).toBe('1 minute');
  });
});
