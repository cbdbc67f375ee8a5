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

export interface OffsetEstimate {
  /** Add to the visitor clock to get the server's time. */
  offset: number;
  roundTrip: number;
  /** The lowest and the highest offset that the samples allow: the true one is in between. */
  low: number;
  high: number;
}

/**
 * NTP's idea in one line: the server read its clock somewhere inside the round trip, most likely in
 * the middle, and the shortest round trip bounds that error most tightly.
 *
 * Each sample also bounds the offset for certain (the reading happened after `sent` and before
 * `received`), and every sample's bounds hold at once, so `low`..`high` is where they overlap. The
 * estimate stays inside it: a later, faster sample may refine the estimate but never moves it out of
 * bounds that an earlier sample already set, so a state decided on those bounds stays decided.
 * The page's clock adopts `low`, not the estimate (clock.ts setOffset: never early at T0).
 */
export function estimateOffset(samples: readonly TimeSample[]): OffsetEstimate | null {
  let best: OffsetEstimate | null = null;
  let low = -Infinity;
  let high = Infinity;
  for (const { sent, received, server, error = 0 } of samples) {
    if (![sent, received, server].every(Number.isFinite) || received < sent) continue;
    const roundTrip = received - sent;
    const sampleLow = Math.floor(server - error - received);
    const sampleHigh = Math.ceil(server + error - sent);
    low = Math.max(low, sampleLow);
    high = Math.min(high, sampleHigh);
    if (best && best.roundTrip <= roundTrip) continue;
    best = { offset: Math.round(server - (sent + received) / 2), roundTrip, low: sampleLow, high: sampleHigh };
  }
  // Samples that cannot all be right (a clock jumped between them) leave the fastest one's bounds.
  if (best && low <= high) {
    best.offset = Math.min(Math.max(best.offset, low), high);
    best.low = low;
    best.high = high;
  }
  return best;
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
