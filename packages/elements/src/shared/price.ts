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
