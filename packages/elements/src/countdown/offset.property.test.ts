/**
 * Properties of the server-clock bounds, for every set of answers: a world is drawn (a true offset
 * between the visitor's clock and the server's, round trips, and where inside each round trip the
 * server read its clock), the answers it would give are computed, and the bounds must hold the truth,
 * be no wider than the fastest answer proves, only narrow answer by answer, and ignore answers that
 * cannot be (negative round trips, NaN, Infinity). The page's clock adopts the low bound, so these
 * say it is never ahead of the server and behind it by at most the fastest round trip. For a server
 * that answers in whole seconds (a `Date` header), the requests nextProbe times must halve what
 * the answers leave open, and settle it within six.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryBounds, CLOCK_READ_MS, MAX_DRIFT, nextProbe, offsetBounds, PROBE_MARGIN_MS, type TimeSample } from './offset.ts';

interface World {
  /** Server clock − visitor clock, the number the bounds must hold. */
  offset: number;
  samples: TimeSample[];
}

/**
 * One answer: sent on the visitor's (whole-ms) clock, back after `roundTrip` (a monotonic, fractional
 * duration, as sync.ts measures it), the server reading its clock `delay` into the trip: anywhere from
 * the instant the request left to the instant the answer arrived, so asymmetric paths are included.
 */
const anyRoundTrip = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 }), fc.double({ min: 0, max: 3000, noNaN: true }));
const answer = (offset: number, roundTrips: fc.Arbitrary<number> = anyRoundTrip) =>
  fc
    .record({
      sent: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
      roundTrip: roundTrips,
      where: fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })),
      header: fc.boolean(),
    })
    .map(({ sent, roundTrip, where, header }): TimeSample => {
      // The server's own clock is in whole ms; the reading lies inside the trip.
      const read = Math.min(Math.floor(sent + where * roundTrip), sent + roundTrip);
      const serverNow = read + offset;
      // A Date header has whole seconds; serverTimeFrom reads the middle of that second, ±500 ms.
      return header
        ? { sent, received: sent + roundTrip, server: Math.floor(serverNow / 1000) * 1000 + 500, error: 500 }
        : { sent, received: sent + roundTrip, server: serverNow };
    });

const trueOffset = fc.oneof(fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }), fc.constantFrom(0, 3_600_000, -3_600_000, 86_400_000));
const world: fc.Arbitrary<World> = trueOffset.chain((offset) =>
  fc.record({ offset: fc.constant(offset), samples: fc.array(answer(offset), { minLength: 1, maxLength: 6 }) }),
);

/** Answers no clock can give: back before sent, or not numbers at all. */
const absurd: fc.Arbitrary<TimeSample> = fc.oneof(
  fc.record({ sent: fc.integer({ min: 1000, max: 1e6 }), received: fc.integer({ min: 0, max: 999 }), server: fc.integer() }),
  fc.record({
    sent: fc.constantFrom(Number.NaN, Infinity, -Infinity, 5),
    received: fc.constantFrom(Number.NaN, Infinity, 10),
    server: fc.constantFrom(Number.NaN, -Infinity, Infinity),
  }),
);

const fastest = (samples: readonly TimeSample[]) =>
  samples.reduce((best, sample) => (sample.received - sample.sent < best.received - best.sent ? sample : best));

const params = { numRuns: 2000 };

describe('offsetBounds, for every set of answers', () => {
  it('holds the true offset for certain, no wider than the fastest answer alone proves', () => {
    fc.assert(
      fc.property(world, ({ offset, samples }) => {
        const { low, high } = offsetBounds(samples)!;
        expect(low).toBeLessThanOrEqual(offset);
        expect(high).toBeGreaterThanOrEqual(offset);
        // +2: floor and ceil of each end.
        const best = fastest(samples);
        expect(high - low).toBeLessThanOrEqual(best.received - best.sent + 2 * (best.error ?? 0) + 2);
      }),
      params,
    );
  });

  it('so a clock set to the low bound is never ahead of the server, and behind it by at most the fastest round trip', () => {
    fc.assert(
      fc.property(world, ({ offset, samples }) => {
        const { low } = offsetBounds(samples)!;
        const best = fastest(samples);
        expect(offset - low).toBeGreaterThanOrEqual(0);
        expect(offset - low).toBeLessThanOrEqual(best.received - best.sent + 2 * (best.error ?? 0) + 1);
      }),
      params,
    );
  });

  it('answer by answer, only narrows: a state decided on earlier bounds stays decided', () => {
    fc.assert(
      fc.property(world, ({ samples }) => {
        let previous = offsetBounds(samples.slice(0, 1))!;
        for (let n = 2; n <= samples.length; n++) {
          const next = offsetBounds(samples.slice(0, n))!;
          expect(next.low).toBeGreaterThanOrEqual(previous.low);
          expect(next.high).toBeLessThanOrEqual(previous.high);
          previous = next;
        }
      }),
      params,
    );
  });

  it('ignores answers no clock can give, wherever they come, and gives up with nothing else', () => {
    fc.assert(
      fc.property(world, fc.array(absurd, { maxLength: 4 }), fc.infiniteStream(fc.nat()), ({ samples }, bad, positions) => {
        const mixed = [...samples];
        const at = positions[Symbol.iterator]();
        for (const sample of bad) mixed.splice(at.next().value % (mixed.length + 1), 0, sample);
        expect(offsetBounds(mixed)).toEqual(offsetBounds(samples));
        expect(offsetBounds(bad)).toBeNull();
      }),
      params,
    );
  });

  it('with one answer: the bounds are the trip', () => {
    fc.assert(
      fc.property(world, ({ samples: [sample] }) => {
        const { sent, received, server, error = 0 } = sample!;
        expect(offsetBounds([sample!])).toEqual({
          low: Math.floor(server - error - received),
          high: Math.ceil(server + error - sent),
        });
      }),
      params,
    );
  });

  it('answers that contradict each other (the visitor clock jumped) leave the fastest answer’s own bounds', () => {
    fc.assert(
      fc.property(world, world, ({ samples: before }, { samples: after }) => {
        const all = [...before, ...after];
        const lows = all.map((s) => Math.floor(s.server - (s.error ?? 0) - s.received));
        const highs = all.map((s) => Math.ceil(s.server + (s.error ?? 0) - s.sent));
        fc.pre(Math.max(...lows) > Math.min(...highs));
        expect(offsetBounds(all)).toEqual(offsetBounds([fastest(all)]));
      }),
      params,
    );
  });
});

/**
 * A server that answers with a `Date` header, asked the way sync.ts asks it: two requests back to
 * back, then one at each moment nextProbe names (the timer firing `lag` ms late), the server
 * reading its clock `where` into each trip. Returns the bounds after each answer.
 */
function askWholeSeconds(offset: number, start: number, roundTrip: number, where: readonly number[], lag: readonly number[]) {
  const samples: TimeSample[] = [];
  const ask = (sent: number) => {
    const read = Math.min(Math.floor(sent + (where[samples.length % where.length] ?? 0.5) * roundTrip), sent + roundTrip);
    samples.push({ sent, received: sent + roundTrip, server: Math.floor((read + offset) / 1000) * 1000 + 500, error: 500 });
    return offsetBounds(samples)!;
  };
  const steps = [ask(start), ask(Math.ceil(start + roundTrip))];
  for (let probe = 0; probe < 6; probe++) {
    const at = nextProbe(steps.at(-1)!, roundTrip, Math.ceil(samples.at(-1)!.received));
    if (at === null) break;
    // Date.now() has whole ms: the request leaves on the first one at or after `at`.
    steps.push(ask(Math.ceil(at) + (lag[probe % lag.length] ?? 0)));
  }
  return steps;
}

const wholeSecondWorld = fc.record({
  offset: trueOffset,
  start: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
  roundTrip: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1500 }), fc.double({ min: 0, max: 1500, noNaN: true })),
});

describe('nextProbe, for every server that answers in whole seconds', () => {
  it('sends no earlier than asked and within the next second, and stops once the bounds are within the trip and the margin', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 1_700_000_000_000, max: 1_800_000_000_000, noNaN: true }),
        (low, width, roundTrip, after) => {
          const at = nextProbe({ low, high: low + width }, roundTrip, after);
          if (width <= roundTrip + PROBE_MARGIN_MS) {
            expect(at).toBeNull();
          } else {
            expect(at).not.toBeNull();
            expect(at!).toBeGreaterThanOrEqual(after);
            expect(at!).toBeLessThan(after + 1000);
          }
        },
      ),
      params,
    );
  });

  it('each timed answer halves the doubt beyond the trip, wherever the server reads and however late the timer; the bounds hold the truth', () => {
    fc.assert(
      fc.property(
        wholeSecondWorld,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 6 }),
        ({ offset, start, roundTrip }, where, lag) => {
          const steps = askWholeSeconds(offset, start, roundTrip, where, lag);
          for (const [i, { low, high }] of steps.entries()) {
            expect(low).toBeLessThanOrEqual(offset);
            expect(high).toBeGreaterThanOrEqual(offset);
            if (i < 2) continue;
            const before = steps[i - 1]!;
            // Off the middle of the trip by |where − ½| of it, late by the timer's lag, and 2 ms of
            // whole-ms rounding (the send, the reading, floor and ceil of the bounds).
            const aimError = Math.abs((where[i % where.length]! - 0.5) * roundTrip) + lag[(i - 2) % lag.length]!;
            expect(high - low).toBeLessThanOrEqual((before.high - before.low) / 2 + roundTrip / 2 + aimError + 2);
            expect(high - low).toBeLessThanOrEqual(before.high - before.low);
          }
        },
      ),
      params,
    );
  });

  it('read in the middle of each trip and asked on time: six timed requests at most, leaving the page behind the server by no more than the trip and the margin', () => {
    fc.assert(
      fc.property(wholeSecondWorld, ({ offset, start, roundTrip }) => {
        const steps = askWholeSeconds(offset, start, roundTrip, [0.5], [0]);
        const { low, high } = steps.at(-1)!;
        expect(nextProbe({ low, high }, roundTrip, 0)).toBeNull();
        expect(offset - low).toBeGreaterThanOrEqual(0);
        expect(offset - low).toBeLessThanOrEqual(roundTrip + PROBE_MARGIN_MS);
      }),
      params,
    );
  });
});

/**
 * Bounds carried from one sync to the next (carryBounds), in a world where nothing steps: the
 * server's clock gains or loses up to 500 ppm on the visitor's monotonic clock, the visitor's wall
 * clock is slewed by up to 500 ppm, and reading the wall against the monotonic clock is off by up to
 * CLOCK_READ_MS. Whatever the bounds proved then, the widened bounds hold the offset now.
 */
const drift = fc.double({ min: -MAX_DRIFT, max: MAX_DRIFT, noNaN: true });
const elapsed = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1e8, noNaN: true }));
const carryWorld = fc.record({
  // The offset back then, and bounds that held it (whole ms, as offsetBounds gives them).
  then: fc.double({ min: -2 * 86_400_000, max: 2 * 86_400_000, noNaN: true }),
  below: fc.double({ min: 0, max: 2000, noNaN: true }),
  above: fc.double({ min: 0, max: 2000, noNaN: true }),
  elapsed,
  serverDrift: drift,
  visitorSlew: drift,
  readError: fc.double({ min: -CLOCK_READ_MS, max: CLOCK_READ_MS, noNaN: true }),
});

describe('carryBounds, for every clock that drifts no faster than NTP slews', () => {
  it('the widened bounds hold the offset now, and a clock that only slews is always carried', () => {
    fc.assert(
      fc.property(carryWorld, ({ then, below, above, elapsed, serverDrift, visitorSlew, readError }) => {
        const bounds = { low: Math.floor(then - below), high: Math.ceil(then + above) };
        // The wall clock moved this much against the monotonic clock; the offset (server − wall) the other way.
        const wallMoved = visitorSlew * elapsed;
        const now = then + serverDrift * elapsed - wallMoved;
        const carried = carryBounds(bounds, elapsed, wallMoved + readError);
        expect(carried).not.toBeNull();
        expect(carried!.low).toBeLessThanOrEqual(now);
        expect(carried!.high).toBeGreaterThanOrEqual(now);
      }),
      params,
    );
  });

  it('a clock that moved more than slewing explains (set by hand, a sleep) is not carried', () => {
    fc.assert(
      fc.property(carryWorld, fc.double({ min: 0, max: 1e7, noNaN: true }), fc.boolean(), ({ then, elapsed }, beyond, back) => {
        const step = (CLOCK_READ_MS + elapsed * MAX_DRIFT + beyond + 0.001) * (back ? -1 : 1);
        expect(carryBounds({ low: Math.floor(then), high: Math.ceil(then) }, elapsed, step)).toBeNull();
      }),
      params,
    );
  });

  it('with the new answers: still holds the truth, no wider than either; answers that contradict them drop them', () => {
    fc.assert(
      fc.property(
        world,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: -5000, max: 5000 }),
        ({ offset, samples }, below, above, shift) => {
          const own = offsetBounds(samples)!;
          // Carried bounds that hold the truth are kept where they overlap the answers.
          const holding = { low: offset - below, high: offset + above };
          const both = offsetBounds(samples, holding)!;
          expect(both.low).toBeLessThanOrEqual(offset);
          expect(both.high).toBeGreaterThanOrEqual(offset);
          expect(both.low).toBeGreaterThanOrEqual(Math.max(own.low, holding.low));
          expect(both.high).toBeLessThanOrEqual(Math.min(own.high, holding.high));
          // Carried bounds anywhere (wrong ones included): kept only if they overlap, never taken
          // alone, so the page's clock stays where the answers put it when they disagree.
          const anywhere = { low: offset + shift - below, high: offset + shift + above };
          const result = offsetBounds(samples, anywhere)!;
          if (anywhere.high < own.low || anywhere.low > own.high) expect(result).toEqual(own);
          else expect(result).toEqual({ low: Math.max(own.low, anywhere.low), high: Math.min(own.high, anywhere.high) });
          expect(offsetBounds([], holding)).toBeNull();
        },
      ),
      params,
    );
  });
});
