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
}

export interface OffsetEstimate {
  /** Add to the visitor clock to get the server's time. */
  offset: number;
  roundTrip: number;
}

/**
 * NTP's idea in one line: the server read its clock somewhere inside the round trip, most likely in
 * the middle, and the shortest round trip bounds that error most tightly.
 */
export function estimateOffset(samples: readonly TimeSample[]): OffsetEstimate | null {
  let best: OffsetEstimate | null = null;
  for (const { sent, received, server } of samples) {
    if (![sent, received, server].every(Number.isFinite) || received < sent) continue;
    const roundTrip = received - sent;
    if (best && best.roundTrip <= roundTrip) continue;
    best = { offset: Math.round(server - (sent + received) / 2), roundTrip };
  }
  return best;
}

/**
 * Reads the server time from a `time-src` answer: a JSON `{"now": ms}` body (millisecond precision)
 * wins over the HTTP `Date` header (whole seconds). The header is truncated to its second, so the
 * middle of that second is the better guess.
 */
export function serverTimeFrom(body: string, dateHeader: string | null): number | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const value = (parsed as { now?: unknown } | null)?.now;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  } catch {
    // Not JSON: a plain endpoint that only sets Date is fine.
  }
  if (dateHeader) {
    const parsed = Date.parse(dateHeader);
    if (Number.isFinite(parsed)) return parsed + 500;
  }
  return null;
}
