import { describe, expect, it } from 'vitest';
import { formatTimeToDrop } from './format.ts';

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
