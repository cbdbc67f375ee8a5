/**
 * When a `<drop-button>` asks the creator's stock endpoint again. Pure (no timers, no DOM): the
 * element feeds it outcomes and sleeps for the delays it returns, and a Node simulation of ten
 * thousand viewers can drive the same object with a seeded `random`.
 *
 * - First request: uniformly spread over one whole interval, so viewers who all arrive (or all see
 *   the drop go live) in the same second reach the server spread over the interval instead.
 * - After a success: the interval ±`jitter`, so viewers never drift back into step.
 * - After a failure: exponential backoff (interval × 2^failures, capped) with "full jitter" over its
 *   upper half, and never sooner than a server's `Retry-After`.
 */
export interface StockScheduleOptions {
  /** Poll interval in ms. */
  interval: number;
  /** Longest wait between attempts while the endpoint keeps failing, in ms. */
  maxBackoff?: number;
  /** Fraction of the interval by which steady-state polls wander (0.1 = ±10 %). */
  jitter?: number;
  /** Uniform random in [0, 1); injectable for deterministic simulations. */
  random?: () => number;
}

export const DEFAULT_STOCK_INTERVAL_MS = 15_000;
/** Even a creator's typo must not turn every viewer into a request per frame. */
export const MIN_STOCK_INTERVAL_MS = 1_000;
export const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;

export class StockSchedule {
  readonly interval: number;
  readonly maxBackoff: number;
  readonly jitter: number;
  #random: () => number;
  #failures = 0;

  constructor(options: StockScheduleOptions) {
    this.interval = Math.max(MIN_STOCK_INTERVAL_MS, Number.isFinite(options.interval) ? options.interval : DEFAULT_STOCK_INTERVAL_MS);
    this.maxBackoff = Math.max(this.interval, options.maxBackoff ?? DEFAULT_MAX_BACKOFF_MS);
    this.jitter = Math.min(0.5, Math.max(0, options.jitter ?? 0.1));
    this.#random = options.random ?? Math.random;
  }

  /** Consecutive failed attempts so far. */
  get failures(): number {
    return this.#failures;
  }

  /** Delay before the first request, and before the first one after the page becomes visible again. */
  start(): number {
    return this.#random() * this.interval;
  }

  /** Delay after an answer that could be used (including 304 Not Modified). */
  succeeded(): number {
    this.#failures = 0;
    return this.interval * (1 - this.jitter + 2 * this.jitter * this.#random());
  }

  /**
   * How long the next answer may take: the interval, doubled with each failure in a row (a slow
   * server gets longer each time, so it is read in the end), at most `maxBackoff`.
   */
  patience(): number {
    return Math.min(this.maxBackoff, this.interval * 2 ** this.#failures);
  }

  /** Delay after a network error, an error status, an unreadable body or an answer past `patience()`. */
  failed(retryAfterMs?: number | null): number {
    this.#failures++;
    const ceiling = this.patience();
    const backoff = ceiling / 2 + (ceiling / 2) * this.#random();
    const floor = retryAfterMs != null && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? Math.min(retryAfterMs, this.maxBackoff) : 0;
    return Math.max(backoff, floor);
  }
}

/** Reads an HTTP `Retry-After` (seconds or an HTTP date) as ms from `nowMs`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
