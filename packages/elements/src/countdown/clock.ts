/**
 * The page-wide drop clock: one estimate of the true time (the visitor's clock corrected by a
 * server's), and one ticker that every countdown, button or clip on the page shares.
 *
 * Everything here is time-as-a-value: callers recompute what they show from `now()` on every tick
 * and never count down themselves, so throttled background timers, sleep and late ticks cannot
 * make them drift.
 */
/** Browsers may fire a timer a millisecond or two before its due time; that tick still counts. */
const EARLY_TOLERANCE_MS = 4;
/** More drift than timers and rounding ever explain between two ticks. */
const CLOCK_JUMP_MS = 2000;

/**
 * Each `time-src`'s correction, by its resolved URL (clockKey), and how far below and above its
 * `now()` the true time may be, by the answers of the sync in flight. One clock per endpoint, not
 * one for the page: on a marketplace one seller's endpoint answering a day ahead opened every other
 * seller's drop on the page (the same checkout an hour early), and a countdown without a time-src
 * read the device clock only until another countdown's endpoint answered. '' is the device clock.
 */
const offsets = new Map<string, number>();
const doubts = new Map<string, readonly [number, number]>();
const offsetOf = (key: string) => offsets.get(key) ?? 0;
const clockListeners = new Set<() => void>();

let lastWall = Date.now();
let lastMonotonic = performance.now();

/**
 * Whether the visitor's clock moved by more than the time that passed (someone changed it, or the
 * device slept without the monotonic clock counting): the server offset is stale then.
 */
function visitorClockJumped(): boolean {
  const wall = Date.now();
  const monotonic = performance.now();
  const jumped = Math.abs(wall - lastWall - (monotonic - lastMonotonic)) > CLOCK_JUMP_MS;
  lastWall = wall;
  lastMonotonic = monotonic;
  return jumped;
}

/** The clock a `time-src` is read on: its URL as resolved against the page, '' for none (the device's). */
export function clockKey(timeSrc: string | null | undefined): string {
  try {
    return timeSrc ? new URL(timeSrc, document.baseURI).href : '';
  } catch {
    // Not a URL: sync.ts says so once, and it gets no answers.
    return timeSrc!;
  }
}

/**
 * The clock each countdown reads (its key), for the widgets that follow it: resolved once, by the
 * countdown. A button resolving the countdown's time-src again did it against the page's address of
 * that moment, so after an app's navigation a relative time-src named a clock no endpoint had set.
 */
export const clocks = new WeakMap<Element, string>();

/**
 * Epoch ms of the true time as the clock `key` (clockKey) knows it: the visitor's clock plus that
 * endpoint's synced offset, the earliest true time its answers allow (see setOffset).
 */
export function now(key = ''): number {
  // Checked on every read, so whoever notices a jump first (a tick, a returning tab, a button) puts
  // the hold in place before acting on the stale offset. The page's timer is re-timed too, with or
  // without a time-src: armed on the clock from before, it stopped every tick for as long as the
  // clock was set back, and woke an off-screen countdown as much late as it was set forward.
  if (visitorClockJumped()) {
    if (resyncInstalled) resync(true);
    queueMicrotask(rescheduleAll);
  }
  return Date.now() + offsetOf(key);
}

let watchingJumps = false;

/**
 * While every countdown sleeps until its next moment (off screen, a tab in the background), nothing
 * reads the clock, so a jump (a clock set by hand in the system's settings, a laptop waking) went
 * unseen until the timer fired: that much late. Coming back to the page is when it is seen, at the
 * cost of three listeners: reading the clock checks for it (now()). A clock stepped while the page
 * keeps focus and nothing on it ticks is seen only when the timer fires.
 */
function watchJumps(): void {
  // No page to come back to in Node (the ticker's unit tests).
  if (watchingJumps || !globalThis.document) return;
  watchingJumps = true;
  const check = () => void now();
  addEventListener('focus', check);
  addEventListener('pageshow', check);
  document.addEventListener('visibilitychange', check);
}

/** The current correction (server − visitor) in ms of the clock `key`; 0 until its `time-src` answered. */
export function clockOffset(key = ''): number {
  return offsetOf(key);
}

/** Calls `callback` whenever the offset changes, so dependents recompute. Returns an unsubscribe. */
export function onClockChange(callback: () => void): () => void {
  clockListeners.add(callback);
  return () => void clockListeners.delete(callback);
}

// Runs its listeners even when the offset stays: a narrower window may be what ends a hold.
// The page's clock takes the lowest offset the answers allow, not the estimate in their middle: the
// true time is then never earlier than this clock says, so no page opens a drop before T0 by the
// server's clock. The midpoint assumes the request and the answer took as long as each other, and
// they need not: a request that leaves late (a slow phone busy loading the page, an uplink slower
// than the downlink) put the midpoint before the server's reading and opened the drop early, 0.75 s
// in test/hardening/phone.test.ts. The price is lateness within the answers' window: half a round
// trip on average (tens of ms); with a `Date` header (whole seconds), up to a second more until the
// requests sync.ts times to the server's second boundary bring that down to about 20 ms.
function setOffset(low: number, high: number, key: string): void {
  offsets.set(key, low);
  doubts.set(key, [0, high - low]);
  rescheduleAll();
  for (const listener of [...clockListeners]) listener();
}

/**
 * Samples `timeSrc` (JSON `{"now": ms}` or an HTTP `Date` header) a few times and adopts, answer by
 * answer, the lowest offset they all allow (setOffset); resyncs when the tab returns, the network comes back or the page is
 * restored from the back/forward cache, for as long as the caller holds it: returns the release.
 * One sync per URL is shared by every caller. It never fails: a slow, broken or garbage endpoint
 * leaves the visitor's clock in charge with one console warning, and nothing waits for it before
 * rendering.
 *
 * The sampling code is its own chunk, fetched only by pages that use a `time-src`.
 */
export function holdClock(timeSrc: string): () => void {
  listenForResync();
  // A jump from before this sync (the clock set before the countdown came) is seen before it starts:
  // seen by the countdown's first read, it restarted the sync it predates, 4 requests more.
  now();
  // A second countdown on the same time-src joins its sync: tracking it as a new one threw away what
  // the answers so far proved, and held every countdown at T0 until the next answer (a second late).
  // The same endpoint however it is written ("/time", "./time", "https://shop/time"): keyed as
  // written, a theme's relative URL and a creator's absolute one held each other shut that way.
  const key = clockKey(timeSrc);
  const held = holders.get(key) ?? 0;
  holders.set(key, held + 1);
  if (!syncs.has(key)) syncs.set(key, track((sync) => sync.syncClock(timeSrc, setOffset), key));
  // Back on the page after it missed a resync: resynced now, from the bounds it kept (a fresh sync
  // would hold its drop at T0 until the first answer).
  else if (!held && missed.has(key)) resyncKey(key, missed.get(key));
  missed.delete(key);
  return () => void holders.set(key, holders.get(key)! - 1);
}

const syncs = new Map<string, Promise<void>>();

/**
 * Countdowns connected per clock: a resync asks only the endpoints of countdowns on the page. An
 * app that mounts and unmounts product pages (each time-src with its own query string) had every
 * URL it ever showed asked on each return to the tab, 4–8 requests each. A clock's offset and
 * bounds outlive its last holder: a framework re-rendering a countdown disconnects and reconnects it
 * in one task, and starting over held the drop at T0. They are kept for the page's life (a few
 * hundred bytes a URL); `missed` says which clocks a resync passed by while unheld, and whether it
 * was a jump's (forced).
 */
const holders = new Map<string, number>();
const missed = new Map<string, boolean | undefined>();

/**
 * Syncs in flight by clock: a clock is held only while its own endpoint is asked. Counted for the
 * page, one seller's endpoint down held another's drop shut at T0 for as long as a third was asked.
 */
const pending = new Map<string, number>();

/**
 * While a sync is in flight: how far below and above `now(key)` the true time may be, by the answers
 * of that clock's endpoint so far (unbounded until the first one, unless a resync starts from what the
 * last sync proved); null otherwise, and always for the device clock (''). Dependents should not change state while `now() + low` and `now() + high` would
 * disagree on it: a visitor clock that runs fast (or jumped while the laptop slept) must not open
 * a drop before the server has had its say. Listeners of `onClockChange` are called on every
 * answer and when the sync settles.
 */
export function syncing(key = ''): readonly [number, number] | null {
  return (pending.get(key) && doubts.get(key)) || null;
}

function track(run: (sync: typeof import('./sync.ts')) => Promise<void>, key: string, reset = true): Promise<void> {
  pending.set(key, (pending.get(key) ?? 0) + 1);
  // A new sync (or a resync after a clock jump) owes its own answers: the old window no longer holds.
  if (reset) doubts.set(key, [-Infinity, Infinity]);
  return import('./sync.ts')
    .then(run)
    .catch(() => {})
    .finally(() => {
      pending.set(key, pending.get(key)! - 1);
      for (const listener of [...clockListeners]) listener();
    });
}

let resyncInstalled = false;
// A resync while a sync is in flight keeps what that sync's answers proved until its own answer: one
// skipped as too soon (a tab flicked away and back, the network back) asks nothing, and the reset
// to unbounded held the drop shut at T0 until that sync's next answer (1.2 s late, answers 1.5 s
// apart). A jump always starts from nothing: the answers so far were timed on the old clock.
const resyncKey = (key: string, force?: boolean) =>
  track((sync) => sync.resync(key, setOffset, force), key, force || !pending.get(key));
const resync = (force?: boolean) => {
  for (const key of syncs.keys()) {
    if (holders.get(key)) resyncKey(key, force);
    else missed.set(key, force || missed.get(key));
  }
};

function listenForResync(): void {
  if (resyncInstalled) return;
  resyncInstalled = true;
  // A laptop waking from sleep, a phone coming back online or a page restored from the back/forward
  // cache may all have a clock that moved while we were not looking. Registered before any element's
  // own visibility listener, so the hold is in place by the time they recompute.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') resync();
  });
  addEventListener('online', () => resync());
  addEventListener('pageshow', (event) => {
    if (event.persisted) resync();
  });
}

// ---------------------------------------------------------------------------------------------
// The shared ticker: a single timer for the whole page, always armed for the earliest due time.

interface Subscription {
  callback: (now: number) => void;
  target: (() => number) | undefined;
  /** Epoch ms of the next call on the clock `key`. */
  due: number;
  once: boolean;
  key: string;
}

const subscriptions = new Set<Subscription>();
let timer: ReturnType<typeof setTimeout> | undefined;
/** The moment on the device's clock `timer` is set for: Infinity with none, -Infinity while it fires. */
let armedFor = Infinity;

const modulo = (value: number, divisor: number) => ((value % divisor) + divisor) % divisor;

/**
 * The next moment after `time` when the remaining time to `target` (or, without a target, the
 * clock itself) crosses a whole second. Exported for tests.
 */
export function nextSecondBoundary(time: number, target?: number): number {
  const phase = target === undefined || !Number.isFinite(target) ? modulo(time, 1000) : modulo(time - target, 1000);
  return time + (1000 - phase);
}

/**
 * Calls `callback(now)` on every true second boundary — of the remaining time to `target()` when a
 * target is given, so "00:00:03" turns into "00:00:02" exactly when it should. All subscribers share
 * one timer, which stops when the last one unsubscribes. Returns the unsubscribe function.
 */
export function subscribe(callback: (now: number) => void, target?: () => number, key = ''): () => void {
  return add({ callback, target, due: nextSecondBoundary(now(key), target?.()), once: false, key });
}

/**
 * Calls `callback(now)` once, at the true moment `epoch` (immediately if it has passed). Used by
 * countdowns that are off-screen or hidden: they skip the per-second ticks but must still flip at T0.
 */
export function wakeAt(epoch: number, callback: (now: number) => void, key = ''): () => void {
  return add({ callback, target: undefined, due: epoch, once: true, key });
}

/**
 * The timer moves only for a subscription due before the moment it is armed for, and stays when one
 * leaves (firing early, it finds nothing due and re-arms): a marketplace's 1000 countdowns and
 * buttons subscribing as they mount, and again at their flip, each looked through all the others.
 */
function add(subscription: Subscription): () => void {
  subscriptions.add(subscription);
  watchJumps();
  const moment = subscription.due - offsetOf(subscription.key);
  // Not `<`: a moment that is no number fires at once, as a delay that is none does.
  if (!(moment >= armedFor)) setTimer(moment);
  return () => {
    subscriptions.delete(subscription);
    if (!subscriptions.size) setTimer(Infinity);
  };
}

function rescheduleAll(): void {
  const time = now();
  for (const subscription of subscriptions) {
    if (!subscription.once) subscription.due = nextSecondBoundary(time + offsetOf(subscription.key), subscription.target?.());
  }
  arm();
}

function arm(): void {
  // The soonest on the device's clock: each subscription's moment is on its own endpoint's.
  let earliest = Infinity;
  for (const { due, key } of subscriptions) earliest = Math.min(earliest, due - offsetOf(key));
  setTimer(earliest);
}

function setTimer(moment: number): void {
  clearTimeout(timer);
  armedFor = moment;
  // Browsers wait at most 2^31 − 1 ms; a longer delay wraps around and fired at once, over and over
  // (a countdown a month away, off-screen, waking for its T−1 day). fire() re-arms for the rest. A
  // delay already past is 0 to them.
  timer = moment === Infinity ? undefined : setTimeout(fire, Math.min(2e9, moment - now()));
}

function fire(): void {
  timer = undefined;
  // Subscriptions made in the callbacks are armed for below, with every other one, once.
  armedFor = -Infinity;
  const device = now();
  for (const subscription of [...subscriptions]) {
    const time = device + offsetOf(subscription.key);
    if (!subscriptions.has(subscription) || subscription.due - time > EARLY_TOLERANCE_MS) continue;
    // A tick that came a hair early reports the boundary it was meant for, so a countdown never
    // shows "1 s" at the instant it should show "0".
    const tickTime = Math.max(time, subscription.due);
    if (subscription.once) subscriptions.delete(subscription);
    else subscription.due = nextSecondBoundary(tickTime, subscription.target?.());
    try {
      subscription.callback(tickTime);
    } catch (error) {
      // One broken subscriber must not stop every other clock on the page.
      console.error('[dropkit]', error);
    }
  }
  arm();
}
