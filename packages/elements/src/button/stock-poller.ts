import { DEFAULT_STOCK_INTERVAL_MS, StockSchedule, parseRetryAfter } from './stock-schedule.ts';

/** `stock-interval` is in seconds; missing, zero or negative means the default. */
const intervalMs = (seconds: number | null): number => (seconds !== null && seconds > 0 ? seconds * 1000 : DEFAULT_STOCK_INTERVAL_MS);

/**
 * Asks one `stock-src` endpoint again and again on a `StockSchedule`, pausing while the tab is
 * hidden. Its own chunk: only a `<drop-button stock-src>` that is live (or sold out by stock)
 * fetches it, so buttons without a stock endpoint do not carry the polling code.
 */
export class StockPoller {
  readonly src: string;
  readonly #schedule: StockSchedule;
  readonly #apply: (body: unknown) => boolean;
  #etag: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #stopped = false;

  /**
   * `interval` is the button's `stock-interval` in seconds. `apply` reads an answer's JSON body and
   * returns false when it could not (a failure, never sold out).
   */
  constructor(src: string, interval: number | null, apply: (body: unknown) => boolean) {
    this.src = src;
    this.#schedule = new StockSchedule({ interval: intervalMs(interval) });
    this.#apply = apply;
  }

  /** Whether this poller already does what a button with `src` and `interval` (s) asks for. */
  matches(src: string, interval: number | null): boolean {
    return this.src === src && this.#schedule.interval === new StockSchedule({ interval: intervalMs(interval) }).interval;
  }

  start(): void {
    if (document.visibilityState !== 'hidden') this.#pollAfter(this.#schedule.start());
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  /** Call on `visibilitychange`. */
  visibilityChanged(): void {
    if (this.#stopped) return;
    if (document.visibilityState === 'hidden') {
      clearTimeout(this.#timer);
      this.#abort?.abort();
    } else {
      // Everyone returning to the tab at once (a push notification at T0) is spread out again.
      this.#pollAfter(this.#schedule.start());
    }
  }

  #pollAfter(delay: number): void {
    clearTimeout(this.#timer);
    // Browsers keep a timer's delay in 32 bits: a stock-interval of 25 days or more wrapped round
    // and fired at once, so every viewer asked again the moment each answer came (as clock.ts).
    this.#timer = setTimeout(() => void this.#poll(), Math.min(delay, 2e9));
  }

  async #poll(): Promise<void> {
    if (this.#stopped || document.visibilityState === 'hidden') return;
    const abort = new AbortController();
    this.#abort = abort;
    // An answer that takes longer than the schedule's patience is a failure: an endpoint that never
    // answered (or a body that never ended, growing in memory) held this poller for good, so the
    // button never heard of a sell-out.
    let late = false;
    const timeout = setTimeout(() => {
      late = true;
      abort.abort();
    }, Math.min(this.#schedule.patience(), 2e9));
    let next: number;
    try {
      const response = await fetch(this.src, this.#request(abort.signal));
      if (response.status === 304) {
        next = this.#schedule.succeeded();
      } else if (!response.ok) {
        next = this.#schedule.failed(parseRetryAfter(response.headers.get('Retry-After'), Date.now()));
      } else {
        const applied = !this.#stopped && this.#apply(await response.json());
        if (applied) this.#etag = response.headers.get('ETag');
        next = applied ? this.#schedule.succeeded() : this.#schedule.failed();
      }
    } catch {
      if ((abort.signal.aborted && !late) || this.#stopped) return;
      next = this.#schedule.failed();
    } finally {
      clearTimeout(timeout);
    }
    if (this.#stopped || (document.visibilityState as DocumentVisibilityState) === 'hidden') return;
    this.#pollAfter(next);
  }

  #request(signal: AbortSignal): RequestInit {
    if (new URL(this.src).origin === location.origin) {
      // Same site: send If-None-Match ourselves, so revalidation works even when the endpoint marks
      // its answers no-store, and an unchanged stock costs the server a bodiless 304.
      return { cache: 'no-store', credentials: 'same-origin', signal, headers: this.#etag ? { 'If-None-Match': this.#etag } : {} };
    }
    // Cross-origin, a custom header would cost every viewer a CORS preflight (and the creator a CORS
    // setup); `no-cache` has the browser revalidate with If-None-Match from its own HTTP cache
    // instead, so a static JSON file on any CDN works as is.
    return { cache: 'no-cache', credentials: 'omit', signal };
  }
}
