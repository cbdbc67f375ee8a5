/** Text helpers for `<drop-button>`; pure so Node tests can check them. */

/** A price in the page's language, or null when the amount or currency code is unusable. */
export function formatPrice(amount: number, currency: string | null, language?: string): string | null {
  if (!Number.isFinite(amount) || amount < 0 || !currency) return null;
  const options: Intl.NumberFormatOptions = { style: 'currency', currency };
  try {
    return new Intl.NumberFormat(language, options).format(amount);
  } catch {
    try {
      // A bad `lang` on the page must not hide a good price.
      return new Intl.NumberFormat(undefined, options).format(amount);
    } catch {
      return null;
    }
  }
}

/** Remaining time as `1:02:03`, `02:03`, or `2d 01:02:03`, rounded up to whole seconds like a countdown. */
export function formatTimeToDrop(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = hours > 0 || days > 0 ? `${two(hours)}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}
