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
  /** How far `server` itself may be off, in ms: 500 for a `Date` header (whole seconds), else 0. */
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
 * bounds, the tightest any one of them proves.
 */
export function offsetBounds(samples: readonly TimeSample[]): OffsetBounds | null {
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
  return low <= high ? { low, high } : { low: fastest.low, high: fastest.high };
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
 * so a request that lands elsewhere only narrows less). `after`: the earliest moment to send.
 */
export function nextProbe({ low, high }: OffsetBounds, roundTrip: number, after: number): number | null {
  if (high - low <= roundTrip + PROBE_MARGIN_MS) return null;
  // The server's time at the reading if the offset were the middle, and the wait until it is whole.
  const reading = after + roundTrip / 2 + (low + high) / 2;
  return after + (((-reading % 1000) + 1000) % 1000);
}

/**
 * Reads the server time from a `time-src` answer: a JSON `{"now": ms}` body (millisecond precision)
 * wins over the HTTP `Date` header (whole seconds). The header is truncated to its second, so the
 * middle of that second is the better guess, and it may be 500 ms off either way.
 */
export function serverTimeFrom(body: string, dateHeader: string | null): Pick<TimeSample, 'server' | 'error'> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const value = (parsed as { now?: unknown } | null)?.now;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return { server: value };
  } catch {
    // Not JSON: a plain endpoint that only sets Date is fine.
  }
  if (dateHeader) {
    const parsed = Date.parse(dateHeader);
    if (Number.isFinite(parsed)) return { server: parsed + 500, error: 500 };
  }
  return null;
}
