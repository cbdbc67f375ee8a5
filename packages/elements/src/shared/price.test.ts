import { describe, expect, it } from 'vitest';
import { formatPrice } from './price.ts';

describe('formatPrice', () => {
  it('formats money in the given language', () => {
    expect(formatPrice(24, 'EUR', 'de-DE')).toBe(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(24));
    expect(formatPrice(24, 'EUR', 'en')).toBe('€24.00');
  });

  it('is null when the currency or the amount is unusable', () => {
    expect(formatPrice(24, null, 'en')).toBe(null);
    expect(formatPrice(24, '', 'en')).toBe(null);
    expect(formatPrice(24, 'EURO!', 'en')).toBe(null);
    expect(formatPrice(Number.NaN, 'EUR', 'en')).toBe(null);
    expect(formatPrice(-1, 'EUR', 'en')).toBe(null);
    expect(formatPrice(Infinity, 'EUR', 'en')).toBe(null);
  });

  it('falls back to the default language when the page language is malformed', () => {
    expect(formatPrice(24, 'EUR', 'not a language!')).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(24));
  });
});
