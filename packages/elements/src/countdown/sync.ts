/**
 * Reading a `time-src`: the lazily loaded half of the clock (see clock.ts), fetched only by pages
 * that have one. Resyncing is triggered from clock.ts, which owns the page's listeners.
 */
import { adoptAtOnce, carryBounds, nextProbe, offsetBounds, PROBE_MARGIN_MS, serverTimeFrom, type OffsetBounds, type TimeSample } from './offset.ts';
import { warnOnce } from '../shared/warn.ts';

/** Back to back: a JSON answer is exact to the millisecond, and the fastest of four is tight enough. */
const SAMPLES_PER_SYNC = 4;
/**
 * Back to back with a `Date` header: the first answer pays for the connection, the second measures
 * the round trip that the timed requests (nextProbe) aim with.
 */
const WHOLE_SECOND_SAMPLES = 2;
/** Timed requests after those: each about halves the doubt, so six leave 16 ms of a second's beyond the trip. */
const MAX_PROBES = 6;
/** For the back-to-back answers; a dead endpoint is reported after this. */
const SYNC_TIMEOUT_MS = 3000;
/** For the timed requests after them: each waits up to a second for its moment. */
const PROBE_TIMEOUT_MS = 6000;
/** As in clock.ts: more drift between the wall and the monotonic clock than timers ever explain. */
const CLOCK_JUMP_MS = 2000;
/** Tab flicking must not turn into a request storm at drop time. */
const RESYNC_MIN_INTERVAL_MS = 2000;

/** Adopts what the answers so far say: the lowest and the highest offset they allow, for the clock of `url`. */
type SetOffset = (low: number, high: number, url: string) => void;

interface Sync {
  done: Promise<void>;
  startedAt: number;
  /** What its answers proved so far, and the wall and monotonic clocks as it began: for a resync to carry. */
  known?: { bounds: OffsetBounds; wall: number; monotonic: number };
}

const syncs = new Map<string, Sync>();

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

function startSync(url: string, setOffset: SetOffset, carry = false): Promise<void> {
  const known = syncs.get(url)?.known;
  // Kept until this sync has answers of its own, so a resync that gets none still leaves the next
  // one something to carry.
  const sync = { startedAt: performance.now(), known } as Sync;
  syncs.set(url, sync);
  // What the previous sync proved still holds, widened for the time since (carryBounds), so a `Date`
  // endpoint is not asked all over again when every visitor's tab comes back at T0. Never after a
  // jump (`carry` false), nor when the visitor's clock moved since.
  const carried =
    carry && known
      ? carryBounds(known.bounds, sync.startedAt - known.monotonic, Date.now() - sync.startedAt - known.wall + known.monotonic)
      : null;
  // The widening is a few ms after a few seconds: chasing it would cost every returning visitor a
  // timed request and up to a second, so the timed requests tolerate up to PROBE_MARGIN_MS more of
  // it (the page may lag by the last sync's bounds + 20 ms then, still never ahead).
  const margin =
    PROBE_MARGIN_MS + (carried ? Math.min(PROBE_MARGIN_MS, carried.high - carried.low - known!.bounds.high + known!.bounds.low) : 0);
  // Adopted before the first answer: when every tab comes back at T0 the endpoint is at its
  // slowest, and the page must not hold the drop shut for a round trip when what the last sync
  // proved, widened for the drift since, already settles it (a tab that stayed visible has been
  // flipping on that sync's offset all along).
  if (carried && adoptAtOnce(known!.bounds, carried)) setOffset(carried.low, carried.high, url);
  // A resync of the same URL owes its own answers; this one stops timing more requests then.
  return (sync.done = sampleServer(url, setOffset, sync, carried, margin, carried ? known!.bounds.high - known!.bounds.low : 0));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sampleServer(
  url: string,
  setOffset: SetOffset,
  sync: Sync,
  carried: OffsetBounds | null,
  margin: number,
  settledWidth: number,
): Promise<void> {
  const samples: TimeSample[] = [];
  let fastest = Infinity;
  const startWall = Date.now();
  const startMonotonic = performance.now();
  const current = () => syncs.get(url) === sync;
  // The visitor's clock jumped since this sync began (someone set it, the device slept): its
  // samples were timed on the clock from before the jump and would pull the offset back there,
  // ending the hold on a stale answer. The resync that the jump triggers (clock.ts) takes over.
  const jumped = () => Math.abs(Date.now() - startWall - (performance.now() - startMonotonic)) > CLOCK_JUMP_MS;
  const controller = new AbortController();
  let timeout = setTimeout(() => controller.abort(), SYNC_TIMEOUT_MS);
  /** One request; false when the sync ends here (a useless answer, or the clock jumped). */
  const sample = async (): Promise<boolean> => {
    // The round trip is measured on the monotonic clock so a visitor clock that jumps mid-request
    // cannot produce a negative or huge round trip.
    const sentMonotonic = performance.now();
    const sent = Date.now();
    const response = await fetch(url, { cache: 'no-store', credentials: 'omit', signal: controller.signal });
    const body = await response.text();
    const roundTrip = performance.now() - sentMonotonic;
    if (jumped()) return false;
    const reading = response.ok ? serverTimeFrom(body, response.headers.get('Date'), response.headers.get('Age')) : null;
    if (!reading) return false;
    samples.push({ sent, received: sent + roundTrip, ...reading });
    fastest = Math.min(fastest, roundTrip);
    // Adopted answer by answer, not after the last: the first answer often settles the state
    // already (a visitor arriving from a push notification 30 s after the drop needs no more).
    const bounds = offsetBounds(samples, carried)!;
    sync.known = { bounds, wall: startWall, monotonic: startMonotonic };
    setOffset(bounds.low, bounds.high, url);
    return true;
  };
  try {
    while (samples.length < (samples[0]?.error ? WHOLE_SECOND_SAMPLES : SAMPLES_PER_SYNC)) {
      if (!(await sample())) return;
    }
    // Fresh JSON answers end here: their bounds are already within the fastest trip (nextProbe says
    // null). One from a cache has whole seconds of `Age` in it, and is timed on as a `Date` header is.
    clearTimeout(timeout);
    timeout = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
    const deadline = performance.now() + PROBE_TIMEOUT_MS;
    for (let probes = 0; probes < MAX_PROBES; ) {
      const bounds = offsetBounds(samples, carried)!;
      // A resync settles for what the last sync settled for (its six requests may have left more than
      // the trip + 20 ms, or its fastest trip was slower than this one's), plus the widening above:
      // jitter must not buy every returning visitor more requests for a few ms.
      const at = nextProbe(bounds, fastest, Date.now(), margin + Math.max(0, settledWidth - fastest - PROBE_MARGIN_MS));
      if (at === null || performance.now() + at - Date.now() + fastest > deadline) return;
      await sleep(at - Date.now());
      if (jumped() || !current()) return;
      // A timer that fired late (a busy or hidden tab) would ask at a moment that proves little (an
      // eighth of the doubt off the moment, the answer leaves 5/8 of it): aim again rather than ask.
      if (Date.now() - at > (bounds.high - bounds.low) / 8) continue;
      probes++;
      if (!(await sample())) return;
    }
  } catch {
    // Timeout or network failure: whatever samples arrived are still good.
  } finally {
    clearTimeout(timeout);
    // A jump ends the sync without an answer too, but the resync it starts may well get one.
    if (!samples.length && !jumped()) {
      warnOnce(
        null,
        `clock:failed:${url}`,
        `could not read the server time from ${url} (expected a Date header or {"now": <epoch ms>} within ` +
          `${SYNC_TIMEOUT_MS / 1000} s); counting down with this device's clock.`,
      );
    }
  }
}

/**
 * Samples the `time-src` at `url` (resolved) again, unless it was sampled moments ago; `force` (the
 * visitor's clock was seen jumping) skips that check, because the offset is known to be stale. One
 * URL at a time, so each clock's hold ends with its own answers (clock.ts `syncing`).
 */
export async function resync(url: string, setOffset: SetOffset, force = false): Promise<void> {
  const sync = syncs.get(url);
  if (sync && (force || performance.now() - sync.startedAt >= RESYNC_MIN_INTERVAL_MS)) await startSync(url, setOffset, !force);
}
