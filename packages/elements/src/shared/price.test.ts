import { describe, expect, it } from 'vitest';
import { PRICE_FORM, formatPrice, parsePrice, priceForm } from './price.ts';

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

  it('reads up to three decimals in a three-decimal currency, as its shops write a price', () => {
    // Kuwaiti, Bahraini, Omani, Jordanian, Tunisian and Libyan prices carry three minor digits.
    for (const currency of ['KWD', 'BHD', 'OMR', 'JOD', 'TND', 'LYD', 'kwd']) {
      for (const [text, amount] of [['12.500', 12.5], ['12,500', 12.5], ['12.5', 12.5], ['12,50', 12.5], ['0,125', 0.125], ['12', 12], [' 12.345 ', 12.345]] as const) {
        expect(parsePrice(text, currency), `${text} ${currency}`).toBe(amount);
      }
      // What a dinar shop means by 1.000 is one dinar.
      expect(parsePrice('1.000', currency), currency).toBe(1);
      expect(parsePrice('1,000', currency), currency).toBe(1);
      for (const text of ['12.5000', '1.000,500', '1,000.500', '1 000', 'KD 12.500', '12.500 KWD']) expect(parsePrice(text, currency), `${text} ${currency}`).toBe(null);
    }
  });

  it('keeps the two-decimal rule in a two- or zero-decimal currency, without one, and with one Intl does not know', () => {
    for (const currency of ['EUR', 'USD', 'JPY', 'KRW', 'IQD', 'VND', undefined, null, '', 'KD', 'EURO!']) {
      for (const text of ['1,000', '1.000', '3.000', '3,000', '12.500', '24,900']) expect(parsePrice(text, currency), `${text} ${currency}`).toBe(null);
      expect(parsePrice('24,00', currency), String(currency)).toBe(24);
    }
    // A template's number_format(2) in yen: read, and Intl shows it in whole yen.
    expect(parsePrice('3000.00', 'JPY')).toBe(3000);
    expect(parsePrice('3000,0', 'JPY')).toBe(3000);
    expect(parsePrice('3000', 'JPY')).toBe(3000);
  });

  it('refuses an amount finer than its currency, written or a number, rather than show it rounded', () => {
    // Intl showed 3000.50 yen as ¥3,001 and the number 24.505 as €24.51: prices nobody wrote.
    for (const [value, currency] of [['3000.50', 'JPY'], ['3000,5', 'JPY'], [3000.5, 'JPY'], ['100.01', 'KRW'], [0.5, 'jpy'], [24.505, 'EUR'], [12.5005, 'KWD']] as const) {
      expect(parsePrice(value, currency), `${value} ${currency}`).toBe(null);
    }
    // A computed number keeps a float's error, not a fraction of a cent; without a currency nothing is known.
    expect(parsePrice(1.1 * 3, 'EUR')).toBe(1.1 * 3);
    expect(parsePrice(0.1 * 3, 'EUR')).toBe(0.1 * 3);
    expect(parsePrice(19.99 * 1000, 'JPY')).toBe(19.99 * 1000);
    expect(parsePrice(3000.5)).toBe(3000.5);
    expect(parsePrice(3000.5, 'EURO!')).toBe(3000.5);
    expect(parsePrice(12.345, 'KWD')).toBe(12.345);
  });

  it('takes a number as it is when it is finite and not negative', () => {
    expect(parsePrice(24.999)).toBe(24.999);
    expect(parsePrice(0)).toBe(0);
    for (const value of [-1, Number.NaN, Infinity, null, undefined, true, {}]) expect(parsePrice(value), String(value)).toBe(null);
  });
});

describe('priceForm', () => {
  it('names the currency\'s own form for an amount finer than it, cut to it', () => {
    expect(priceForm('3000.50', 'JPY')).toBe('a whole amount such as 3000 (JPY has no minor unit)');
    expect(priceForm(3000.5, 'jpy')).toBe('a whole amount such as 3000 (JPY has no minor unit)');
    expect(priceForm(24.505, 'EUR')).toBe('an amount such as 24.50 (EUR has 2 decimals)');
  });

  it('names both forms for what is no amount or reads two ways', () => {
    for (const [value, currency] of [['1.000', 'EUR'], ['3,000', 'JPY'], ['€24', 'EUR'], ['12.5005', 'KWD'], [3000.5, undefined], ['24,505', 'EURO!']] as const) {
      expect(priceForm(value, currency), `${value} ${currency}`).toBe(PRICE_FORM);
    }
  });
});
