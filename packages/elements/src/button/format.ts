/** Text helpers for `<drop-button>`; pure so Node tests can check them. */
import { clockText, intl } from '../shared/intl.ts';

/**
 * Remaining time as `01:02:03`, `02:03`, or `2d, 01:02:03` in the language's digits, rounded up to
 * whole seconds like a countdown (the countdown's own clock text, with hours only when there are any).
 */
export function formatTimeToDrop(ms: number, locale: string): string {
  return clockText(Math.max(0, Math.ceil(ms / 1000)), locale, false);
}

/**
 * The same time in words for the button's accessible name: "2 days, 1 hour, 2 minutes", "1 Stunde
 * und 2 Minuten", "ساعة ودقيقتان" (the units and the list as `Intl` writes them in the language,
 * like the countdown's `long` format, but built here so the button's chunk does not carry the
 * countdown's formatting).
 *
 * Down to the minute, never the second. The name is read when the button gets focus, so seconds
 * would be stale by the time they are said; and a screen reader that speaks the focused control's
 * name again whenever it changes (NVDA does) would read the whole name every second. In minutes it
 * changes at most once a minute. The clock's seconds are dropped, not rounded: "01:02:59" is "1 hour,
 * 2 minutes", the figures a sighted visitor reads, and a visitor told too early is ready in time.
 * The last minute stays "1 minute" (`Intl` has no "under a minute"; the countdown announces the start).
 */
export function timeToDropInWords(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.floor(Math.ceil(ms / 1000) / 60));
  const amounts = { day: Math.floor(minutes / 1440), hour: Math.floor(minutes / 60) % 24, minute: minutes % 60 };
  // Long units in a list of ListFormat's default (long) style: "2 days, 1 hour", "1 Stunde und 2 Minuten".
  return intl(Intl.ListFormat, locale, { type: 'unit' }).format(
    Object.entries(amounts)
      // "2 days, 2 minutes", not "2 days, 0 hours, 2 minutes".
      .filter(([, amount]) => amount > 0)
      .map(([unit, amount]) => intl(Intl.NumberFormat, locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount)),
  );
}
