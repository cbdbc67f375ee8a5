import { describe, expect, it } from 'vitest';
import { formatPrice, parsePrice } from './price.ts';

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

describe('parsePrice', () => {
  it('reads a decimal comma as well as a dot, with one or two decimals and spaces around', () => {
    for (const [text, amount] of [['24', 24], ['0', 0], ['24.90', 24.9], ['24,90', 24.9], ['24,9', 24.9], ['24.9', 24.9], [' 24,90 ', 24.9], ['1000,50', 1000.5], ['0,05', 0.05], ['007', 7]] as const) {
      expect(parsePrice(text), text).toBe(amount);
    }
  });

  it('refuses what reads two ways or is not a price', () => {
    for (const text of ['1,000', '1.000', '24,900', '24.999', '1.000,50', '1,000.50', '1 000', '€24', '24€', '24 EUR', '-5', '+5', '1e3', '0x10', 'Infinity', 'NaN', '.5', '24.', '24,', '', '  ', '24,,9', '٢٤']) {
      expect(parsePrice(text), text).toBe(null);
    }
  });

  it('takes a number as it is when it is finite and not negative', () => {
    expect(parsePrice(24.999)).toBe(24.999);
    expect(parsePrice(0)).toBe(0);
    for (const value of [-1, Number.NaN, Infinity, null, undefined, true, {}]) expect(parsePrice(value), String(value)).toBe(null);
  });
});
