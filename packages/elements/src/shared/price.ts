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

/**
 * The amount a creator wrote, or null when it is not one. Whole units, then optionally a dot or a
 * comma and one or two digits: `24`, `24.9`, `24,90`, spaces around allowed; up to three in a
 * currency with three minor digits (`12.500` and `12,500` dinars with KWD, BHD, OMR, JOD, TND, LYD:
 * how their shops write a price), as many as the currency has. Refused because they read two ways: a
 * separator before more digits than that (`1,000`, `1.000`, `24,900` in EUR or without a currency; a
 * thousand in one country, one in another) and both separators (`1.000,50`), rather than guessed into
 * a price a thousand times off. A zero-decimal currency (JPY `3000`) keeps the two-digit rule, so a
 * template's `3000.00` is read and `3.000` still refused; Intl rounds what it shows. Refused as not a
 * price: a sign, an exponent (`1e3`, which Number reads as 1000), a currency sign or code (`€24`,
 * `24 EUR`: that is `currency`'s). A number (a framework's property, a JSON cue) needs no reading:
 * any finite one that is not negative.
 */
export function parsePrice(value: unknown, currency?: string | null): number | null {
  if (typeof value === 'number') return value >= 0 && value < Infinity ? value : null;
  let decimals = 2;
  try {
    // No currency, or a code Intl rejects (EURO!), throws: the two digits of the rule without one.
    decimals = Math.max(2, new Intl.NumberFormat('en', { style: 'currency', currency: currency! }).resolvedOptions().maximumFractionDigits!);
  } catch {
    // two
  }
  const match = typeof value === 'string' ? new RegExp(`^\\s*(\\d+)(?:[.,](\\d{1,${decimals}}))?\\s*$`).exec(value) : null;
  return match ? Number(`${match[1]}.${match[2] ?? 0}`) : null;
}
