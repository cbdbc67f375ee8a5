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
    this.#timer = setTimeout(() => void this.#poll(), delay);
  }

  async #poll(): Promise<void> {
    if (this.#stopped || document.visibilityState === 'hidden') return;
    const abort = new AbortController();
    this.#abort = abort;
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
      if (abort.signal.aborted || this.#stopped) return;
      next = this.#schedule.failed();
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
