/** Text helpers for `<drop-button>`; pure so Node tests can check them. */
import { clockText } from '../shared/intl.ts';

/**
 * Remaining time as `01:02:03`, `02:03`, or `2d, 01:02:03` in the language's digits, rounded up to
 * whole seconds like a countdown (the countdown's own clock text, with hours only when there are any).
 */
export function formatTimeToDrop(ms: number, locale: string): string {
  return clockText(Math.max(0, Math.ceil(ms / 1000)), locale, false);
}
