/**
 * Pure arithmetic for the server-clock estimate, kept apart from fetch and the DOM so it can be
 * tested in Node.
 */

/** One round trip to a `time-src`: visitor-clock send/receive times and the server's answer. */
export interface TimeSample {
  /** Visitor epoch ms when the request left. */
  sent: number;
  /** Visitor epoch ms when the answer arrived. */
  received: number;
  /** Server epoch ms read from the answer. */
  server: number;
  /** How far `server` itself may be off, in ms: 500 for a `Date` header (whole seconds), 500 more for a cache's `Age` (see serverTimeFrom), else 0. */
  error?: number;
}

/** The lowest and the highest offset (server − visitor clock, ms) that the answers allow. */
export interface OffsetBounds {
  low: number;
  high: number;
}

/**
 * Each answer bounds the offset for certain: the server read its clock after the request left
 * (`sent`) and before the answer arrived (`received`), so the offset lies between
 * `server − received` and `server − sent`, wherever inside the trip the reading happened (request
 * and answer need not take equally long). Every answer's bounds hold at once, so the offset lies
 * where they overlap, and a later answer only narrows them. The page's clock adopts `low`
 * (clock.ts setOffset), the earliest true time the answers allow: never ahead of the server.
 * Answers that cannot all be right (a clock jumped between them) leave the fastest answer's own
 * bounds, the tightest any one of them proves. `carried`: an earlier sync's bounds (carryBounds),
 * kept where they overlap what the answers say; where they do not, one side is wrong and only the
 * answers, just measured, are trusted: a carried bound is never taken for an answer.
 */
export function offsetBounds(samples: readonly TimeSample[], carried?: OffsetBounds | null): OffsetBounds | null {
  let fastest: (OffsetBounds & { roundTrip: number }) | null = null;
  let low = -Infinity;
  let high = Infinity;
  for (const { sent, received, server, error = 0 } of samples) {
    if (![sent, received, server].every(Number.isFinite) || received < sent) continue;
    const sampleLow = Math.floor(server - error - received);
    const sampleHigh = Math.ceil(server + error - sent);
    low = Math.max(low, sampleLow);
    high = Math.min(high, sampleHigh);
    if (!fastest || received - sent < fastest.roundTrip) fastest = { low: sampleLow, high: sampleHigh, roundTrip: received - sent };
  }
  if (!fastest) return null;
  if (low > high) ({ low, high } = fastest);
  return carried && carried.low <= high && carried.high >= low
    ? { low: Math.max(low, carried.low), high: Math.min(high, carried.high) }
    : { low, high };
}

/**
 * The fastest rate NTP slews a clock, 500 ppm: the most the server's clock can gain or lose on the
 * visitor's monotonic clock between two syncs without a step (which nothing here could see).
 */
export const MAX_DRIFT = 500e-6;
/**
 * How far a comparison of the visitor's wall clock with its monotonic clock may be off from reading
 * them alone: Date.now() has whole ms, and browsers coarsen performance.now() (to 1 ms in some).
 */
export const CLOCK_READ_MS = 2;

/**
 * A previous sync's bounds, made to hold now: `elapsed` monotonic ms since that sync began, and
 * `moved`, how much the visitor's wall clock moved against the monotonic clock since (Date.now() −
 * performance.now(), now less then). The offset is server − wall clock, so it moved by −`moved`
 * (give or take the reading) plus whatever the server drifted: the bounds widen by both, each way.
 * Null (start afresh) once `moved` is more than slewing explains: the clock was set or the device
 * slept, and the time that passed is no longer known from `elapsed`. Not 2 s as clock.ts's jump
 * check: that one only has to notice a stale offset, while a movement let through here is time
 * the carried bounds must absorb, and every visitor carrying a second of it would get no sharper.
 */
export function carryBounds({ low, high }: OffsetBounds, elapsed: number, moved: number): OffsetBounds | null {
  moved = Math.abs(moved);
  if (!(elapsed >= 0 && moved <= CLOCK_READ_MS + elapsed * MAX_DRIFT)) return null;
  // The server drifts for the wall-clock time too, should that be the longer.
  const slack = Math.ceil((elapsed + moved) * MAX_DRIFT + moved + CLOCK_READ_MS);
  return { low: low - slack, high: high + slack };
}

/**
 * The most a resync's carried bounds may have widened below the last sync's and still be adopted
 * before the resync's first answer (sync.ts): the page's clock steps back by that much when the tab
 * returns, before it paints, and forward again when the answer narrows the bounds, which a clock of
 * whole seconds shows as one second held at most a quarter second longer. It covers tabs hidden up
 * to about eight minutes; one hidden longer waits for the answer, as a first sync does.
 */
export const CARRY_AT_ONCE_MS = 250;

/** Whether a resync adopts `carried` (carryBounds of `before`) before its first answer. */
export function adoptAtOnce(before: OffsetBounds, carried: OffsetBounds): boolean {
  return before.low - carried.low <= CARRY_AT_ONCE_MS;
}

/**
 * How much wider than the fastest round trip the bounds may stay before more `Date`-header requests
 * stop paying: halving the last 20 ms costs another request and up to a second of waiting.
 */
export const PROBE_MARGIN_MS = 20;

/**
 * When to ask a server that answers in whole seconds (a `Date` header) again, in visitor epoch ms,
 * or null once the bounds are within `roundTrip` + PROBE_MARGIN_MS. Back-to-back answers all read
 * the server's clock at about the same point of its second and prove no more than the first: the
 * offset stays known to a second. So the next request is timed to reach the server as its second
 * turns if the offset were the middle of the bounds, with the reading assumed half a `roundTrip`
 * (the fastest so far) after sending. If the truth is above the middle the server has turned its
 * second (the low bound rises to the middle, less half a trip), else it has not (the high bound
 * falls to it, plus half a trip): either way the bounds about halve (offsetBounds keeps the overlap,
 * so a request that lands elsewhere only narrows less). `after`: the earliest moment to send;
 * `margin`: PROBE_MARGIN_MS, or more for bounds carried from an earlier sync (see sync.ts).
 */
export function nextProbe({ low, high }: OffsetBounds, roundTrip: number, after: number, margin = PROBE_MARGIN_MS): number | null {
  if (high - low <= roundTrip + margin) return null;
  // The server's time at the reading if the offset were the middle, and the wait until it is whole.
  const reading = after + roundTrip / 2 + (low + high) / 2;
  return after + (((-reading % 1000) + 1000) % 1000);
}

/**
 * Reads the server time from a `time-src` answer: a JSON `{"now": ms}` body (millisecond precision)
 * wins over the HTTP `Date` header (whole seconds). The header is truncated to its second, so the
 * middle of that second is the better guess, and it may be 500 ms off either way.
 * `ageHeader`: a shared cache's `Age` (RFC 9111 §4.2.3, §5.1), the seconds since the server read
 * its clock for the copy it hands out; left out, a cached endpoint made the page late by that age.
 * Whole seconds, truncated, so the reading may be up to a second older still (half a second each
 * way around its middle). `Age: 0` is a fresh answer (a proxy that passed the request on says so
 * too) and keeps a JSON answer exact. A cache that counts its own fetch from the server into the
 * age, as RFC 9111 computes it, overstates it by that fetch (docs/countdown.md). Beyond 5 digits (a
 * day), or not digits: no age, as before (2147483648 is RFC 9111's "older than this", not a time).
 */
export function serverTimeFrom(body: string, dateHeader: string | null, ageHeader: string | null = null): Pick<TimeSample, 'server' | 'error'> | null {
  // A list's first member counts (RFC 9111 §5.1); Headers joins repeated fields with ", ".
  const age = Number(/^(\d{1,5})(,|$)/.exec(ageHeader ?? '')?.[1] ?? 0) * 1000;
  const older = age && 500;
  try {
    const parsed: unknown = JSON.parse(body);
    const value = (parsed as { now?: unknown } | null)?.now;
    // Seconds (PHP's time(), Python's time.time()) are no milliseconds: read as such they are January
    // 1970, and the drop never opened. No server's clock reads before 1973, where 1e11 ms lies.
    if (typeof value === 'number' && Number.isFinite(value) && value > 1e11) return age ? { server: value + age + older, error: older } : { server: value };
  } catch {
    // Not JSON: a plain endpoint that only sets Date is fine.
  }
  if (dateHeader) {
    const parsed = Date.parse(dateHeader);
    if (Number.isFinite(parsed)) return { server: parsed + 500 + age + older, error: 500 + older };
  }
  return null;
}
