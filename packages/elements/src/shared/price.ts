/**
 * Prices in the page language: one formatter for every widget that shows one (the buy button, the
 * clip's product cards). Pure, so Node tests can check it.
 */

/**
 * `amount` as money in `currency`, or null when there is nothing sound to show: no currency, a code
 * `Intl` rejects, or an amount that is not a finite, non-negative number. Callers choose their own
 * fallback for null (the button hides the price, a clip card shows the bare number). A malformed
 * page language falls back to the browser's, so a bad `lang` never hides a good price.
 */
export function formatPrice(amount: number, currency: string | null, locale?: string): string | null {
  if (!(amount >= 0) || amount === Infinity || !currency) return null;
  for (const language of [locale, undefined]) {
    try {
      return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
    } catch {
      // next language, then nothing
    }
  }
  return null;
}

/**
 * What a price must look like, for the warnings of the button and the clip's products. The comma is
 * how most of Europe and Latin America write it, and how it is copied from their shops.
 */
export const PRICE_FORM = 'an amount such as 24.90 or 24,90 (no currency sign, no thousands separator)';

/** Digits after the point in `currency` as Intl has them (EUR 2, JPY 0, KWD 3), or null for none or a code Intl rejects. */
function minorDigits(currency: string | null | undefined): number | null {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency! }).resolvedOptions().maximumFractionDigits!;
  } catch {
    // No currency (undefined throws), or one Intl does not take (EURO!).
    return null;
  }
}

/** The amount as written, by form alone (see parsePrice), with no regard to what the currency can hold. */
function readAmount(value: unknown, digits: number | null): number | null {
  if (typeof value === 'number') return value >= 0 && value < Infinity ? value : null;
  const match = typeof value === 'string' ? new RegExp(`^\\s*(\\d+)(?:[.,](\\d{1,${Math.max(2, digits ?? 2)}}))?\\s*$`).exec(value) : null;
  return match ? Number(`${match[1]}.${match[2] ?? 0}`) : null;
}

/**
 * Whether `amount` has more decimals than the currency (3000.5 yen, 24.505 euros). The scaled amount
 * is allowed a float's error, so a framework's computed 1.1 * 3 (3.3000000000000003) is 3.30 euros.
 */
const finerThan = (amount: number, digits: number) => {
  const scaled = amount * 10 ** digits;
  return Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, scaled);
};

/**
 * The amount a creator wrote, or null when it is not one. Whole units, then optionally a dot or a
 * comma and one or two digits: `24`, `24.9`, `24,90`, spaces around allowed; up to three in a
 * currency with three minor digits (`12.500` and `12,500` dinars with KWD, BHD, OMR, JOD, TND, LYD:
 * how their shops write a price), as many as the currency has. Refused because they read two ways: a
 * separator before more digits than that (`1,000`, `1.000`, `24,900` in EUR or without a currency; a
 * thousand in one country, one in another) and both separators (`1.000,50`), rather than guessed into
 * a price a thousand times off. Refused as not a price: a sign, an exponent (`1e3`, which Number
 * reads as 1000), a currency sign or code (`€24`, `24 EUR`: that is `currency`'s). A number (a
 * framework's property, a JSON cue) needs no reading: any finite one that is not negative.
 *
 * Written or a number, an amount finer than its currency is refused too: `3000.50` yen (JPY has no
 * minor unit) or the number 24.505 in euros would be shown rounded, ¥3,001 and €24.51, a price the
 * creator never wrote and a checkout may not charge. Zeros past it are no fraction: a template's
 * `3000.00` yen is 3000 (and `3.000` is still refused as reading two ways).
 */
export function parsePrice(value: unknown, currency?: string | null): number | null {
  const digits = minorDigits(currency);
  const amount = readAmount(value, digits);
  return amount === null || (digits !== null && finerThan(amount, digits)) ? null : amount;
}

/**
 * What a refused price should have looked like, for the warnings: PRICE_FORM for one that is no
 * amount or reads two ways, and for one finer than its currency the currency's own form, with the
 * creator's amount cut to it: "a whole amount such as 3000 (JPY has no minor unit)".
 */
export function priceForm(value: unknown, currency?: string | null): string {
  const digits = minorDigits(currency);
  const amount = readAmount(value, digits);
  if (amount === null || digits === null) return PRICE_FORM;
  const code = currency!.toUpperCase();
  const example = (Math.floor(amount * 10 ** digits) / 10 ** digits).toFixed(digits);
  return digits
    ? `an amount such as ${example} (${code} has ${digits} decimals)`
    : `a whole amount such as ${example} (${code} has no minor unit)`;
}
