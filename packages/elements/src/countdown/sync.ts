/**
 * Reading a `time-src`: the lazily loaded half of the clock (see clock.ts), fetched only by pages
 * that have one. Resyncing is triggered from clock.ts, which owns the page's listeners.
 */
import { offsetBounds, serverTimeFrom, type TimeSample } from './offset.ts';
import { warnOnce } from '../shared/warn.ts';

const SAMPLES_PER_SYNC = 4;
const SYNC_TIMEOUT_MS = 3000;
/** As in clock.ts: more drift between the wall and the monotonic clock than timers ever explain. */
const CLOCK_JUMP_MS = 2000;
/** Tab flicking must not turn into a request storm at drop time. */
const RESYNC_MIN_INTERVAL_MS = 2000;

/** Adopts what the answers so far say: the lowest and the highest offset they allow. */
type SetOffset = (low: number, high: number) => void;

const syncs = new Map<string, { done: Promise<void>; startedAt: number }>();

export function syncClock(timeSrc: string, setOffset: SetOffset): Promise<void> {
  let url: string;
  try {
    url = new URL(timeSrc, document.baseURI).href;
  } catch {
    warnOnce(null, `clock:bad-url:${timeSrc}`, `time-src "${timeSrc}" is not a URL; using this device's clock.`);
    return Promise.resolve();
  }
  return syncs.get(url)?.done ?? startSync(url, setOffset);
}

function startSync(url: string, setOffset: SetOffset): Promise<void> {
  const done = sampleServer(url, setOffset);
  syncs.set(url, { done, startedAt: performance.now() });
  return done;
}

async function sampleServer(url: string, setOffset: SetOffset): Promise<void> {
  const samples: TimeSample[] = [];
  const startWall = Date.now();
  const startMonotonic = performance.now();
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), SYNC_TIMEOUT_MS);
  try {
    for (let i = 0; i < SAMPLES_PER_SYNC; i++) {
      // The round trip is measured on the monotonic clock so a visitor clock that jumps mid-request
      // cannot produce a negative or huge round trip.
      const sentMonotonic = performance.now();
      const sent = Date.now();
      const response = await fetch(url, { cache: 'no-store', credentials: 'omit', signal: controller.signal });
      const body = await response.text();
      const roundTrip = performance.now() - sentMonotonic;
      // The visitor's clock jumped since this sync began (someone set it, the device slept): its
      // samples were timed on the clock from before the jump and would pull the offset back there,
      // ending the hold on a stale answer. The resync that the jump triggers (clock.ts) takes over.
      if (Math.abs(Date.now() - startWall - (performance.now() - startMonotonic)) > CLOCK_JUMP_MS) return;
      const reading = response.ok ? serverTimeFrom(body, response.headers.get('Date')) : null;
      if (!reading) break;
      samples.push({ sent, received: sent + roundTrip, ...reading });
      // Adopted answer by answer, not after the last: the first answer often settles the state
      // already (a visitor arriving from a push notification 30 s after the drop needs no more).
      const { low, high } = offsetBounds(samples)!;
      setOffset(low, high);
    }
  } catch {
    // Timeout or network failure: whatever samples arrived are still good.
  } finally {
    clearTimeout(timeout);
  }
  if (!samples.length) {
    warnOnce(
      null,
      `clock:failed:${url}`,
      `could not read the server time from ${url} (expected a Date header or {"now": <epoch ms>} within ` +
        `${SYNC_TIMEOUT_MS / 1000} s); counting down with this device's clock.`,
    );
  }
}

/**
 * Samples every known `time-src` again, unless it was sampled moments ago; `force` (the visitor's
 * clock was seen jumping) skips that check, because the offset is known to be stale.
 */
export async function resyncAll(setOffset: SetOffset, force = false): Promise<void> {
  const due = [...syncs].filter(
    ([, { startedAt }]) => force || performance.now() - startedAt >= RESYNC_MIN_INTERVAL_MS,
  );
  await Promise.all(due.map(([url]) => startSync(url, setOffset)));
}
