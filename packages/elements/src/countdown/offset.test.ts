import { describe, expect, it } from 'vitest';
import { adoptAtOnce, CARRY_AT_ONCE_MS, carryBounds, nextProbe, offsetBounds, serverTimeFrom, type TimeSample } from './offset.ts';
import { nextSecondBoundary } from './clock.ts';

describe('offsetBounds', () => {
  it('bounds the offset for certain: the server read its clock between sent and received', () => {
    // One answer, 300 ms round trip: the offset is 3850..4150, wherever in the trip the reading was.
    expect(offsetBounds([{ sent: 1000, received: 1300, server: 5150 }])).toEqual({ low: 3850, high: 4150 });
    // A Date header is half a second off either way on top of that.
    expect(offsetBounds([{ sent: 1000, received: 1300, server: 5150, error: 500 }])).toEqual({ low: 3350, high: 4650 });
  });

  it('keeps what every answer proves: their overlap', () => {
    const first = { sent: 1000, received: 1300, server: 5400 }; // 4100..4400
    const second = { sent: 2000, received: 2100, server: 6150 }; // 4050..4150
    expect(offsetBounds([first, second])).toEqual({ low: 4100, high: 4150 });
  });

  it('answers that cannot all be right (a clock jumped between them) leave the fastest one alone', () => {
    const before = { sent: 1000, received: 1300, server: 5150 }; // 3850..4150
    const after = { sent: 9000, received: 9100, server: 9050 }; // -50..50
    expect(offsetBounds([before, after])).toEqual({ low: -50, high: 50 });
  });

  it('bounds a visitor clock one day slow or one hour fast', () => {
    const day = 86_400_000;
    expect(offsetBounds([{ sent: 0, received: 10, server: day + 5 }])).toEqual({ low: day - 5, high: day + 5 });
    expect(offsetBounds([{ sent: 3_600_000, received: 3_600_010, server: 5 }])).toEqual({ low: -3_600_005, high: -3_599_995 });
  });

  it('ignores impossible samples and gives up with none', () => {
    expect(offsetBounds([])).toBeNull();
    expect(offsetBounds([{ sent: 10, received: 5, server: 1 }])).toBeNull();
    expect(offsetBounds([{ sent: 0, received: 5, server: Number.NaN }])).toBeNull();
  });
});

describe('serverTimeFrom', () => {
  it('prefers the JSON body, then the Date header (middle of its second)', () => {
    expect(serverTimeFrom('{"now": 1764954000123}', 'Fri, 05 Dec 2025 17:00:00 GMT')).toEqual({ server: 1764954000123 });
    expect(serverTimeFrom('', 'Fri, 05 Dec 2025 17:00:00 GMT')).toEqual({
      server: Date.UTC(2025, 11, 5, 17) + 500,
      error: 500,
    });
  });

  it('takes no seconds for milliseconds: a {"now": time()} server is read by its Date header', () => {
    // PHP's time(), Python's time.time(): read as milliseconds they are January 1970, and every
    // visitor's page counted 56 years to a drop that never opened.
    const date = 'Fri, 05 Dec 2025 17:00:00 GMT';
    expect(serverTimeFrom('{"now": 1764954000}', date)).toEqual({ server: Date.UTC(2025, 11, 5, 17) + 500, error: 500 });
    expect(serverTimeFrom('{"now": 1764954000.123}', date)).toEqual({ server: Date.UTC(2025, 11, 5, 17) + 500, error: 500 });
    expect(serverTimeFrom('{"now": 1764954000}', null)).toBeNull();
  });

  it("adds a shared cache's Age: the copy read the server's clock that many whole seconds ago", () => {
    const date = 'Fri, 05 Dec 2025 17:00:00 GMT';
    // Truncated to its second, the age may be up to a second more: the middle of it, ±500 ms more.
    expect(serverTimeFrom('{"now": 1764954000123}', date, '30')).toEqual({ server: 1764954030623, error: 500 });
    expect(serverTimeFrom('', date, '30')).toEqual({ server: Date.UTC(2025, 11, 5, 17, 0, 31), error: 1000 });
    // The first member of a list (RFC 9111 §5.1), as Headers joins a repeated field.
    expect(serverTimeFrom('', date, '30, 45')).toEqual({ server: Date.UTC(2025, 11, 5, 17, 0, 31), error: 1000 });
    // Age 0 is a fresh answer: a JSON one stays exact.
    expect(serverTimeFrom('{"now": 1764954000123}', date, '0')).toEqual({ server: 1764954000123 });
    // Not an age, or RFC 9111's overflow value: read as before.
    for (const age of ['-5', '3.5', 'soon', '2147483648', '']) {
      expect(serverTimeFrom('{"now": 1764954000123}', date, age)).toEqual({ server: 1764954000123 });
      expect(serverTimeFrom('', date, age)).toEqual({ server: Date.UTC(2025, 11, 5, 17) + 500, error: 500 });
    }
  });

  it('returns null for garbage', () => {
    expect(serverTimeFrom('{"now": "soon"', 'not a date')).toBeNull();
    expect(serverTimeFrom('{"now": -5}', null)).toBeNull();
    expect(serverTimeFrom('null', null)).toBeNull();
  });
});

describe('nextProbe', () => {
  it('times the request so the server would read a whole second if the offset were the middle of the bounds', () => {
    // Bounds 3350..4650 (middle 4000), 300 ms trips, free to send from 1000: sent at 1850, the reading
    // half a trip later at 2000 would be 6000 on the server, a whole second.
    expect(nextProbe({ low: 3350, high: 4650 }, 300, 1000)).toBe(1850);
    // Already on the moment: at once. Just past it: the next second.
    expect(nextProbe({ low: 3350, high: 4650 }, 300, 1850)).toBe(1850);
    expect(nextProbe({ low: 3350, high: 4650 }, 300, 1851)).toBe(2850);
    // A negative offset (a visitor clock ahead) and a fractional middle.
    expect(nextProbe({ low: -3_600_437, high: -3_599_436 }, 3, 10_000)).toBeCloseTo(10_935.0);
  });

  it('stops once the bounds are within the round trip and the 20 ms margin', () => {
    expect(nextProbe({ low: 4000, high: 4320 }, 300, 1000)).toBeNull();
    expect(nextProbe({ low: 4000, high: 4321 }, 300, 1000)).not.toBeNull();
  });

  it('a server 437 ms into its hour, asked back to back and then on time: 5 ms behind it after six requests instead of 747', () => {
    // The visitor's clock is right; the server's is 3,600,437 ms ahead and says whole seconds only.
    // Trips of 10 ms, the server reading its clock in their middle.
    const offset = 3_600_437;
    const samples: TimeSample[] = [];
    const ask = (sent: number) => {
      const serverNow = sent + 5 + offset;
      samples.push({ sent, received: sent + 10, server: Math.floor(serverNow / 1000) * 1000 + 500, error: 500 });
      return offsetBounds(samples)!;
    };
    ask(1_764_954_000_300);
    let bounds = ask(1_764_954_000_310);
    // Back to back, the answers read the same second: the bounds are a second wide.
    expect(bounds).toEqual({ low: offset - 747, high: offset + 253 });
    const widths: number[] = [];
    for (let at = nextProbe(bounds, 10, 1_764_954_000_320); at !== null; at = nextProbe(bounds, 10, samples.at(-1)!.received)) {
      bounds = ask(Math.ceil(at));
      widths.push(bounds.high - bounds.low);
    }
    // About half each time, plus half the trip: six requests, then within the trip and the margin.
    expect(widths).toEqual([505, 258, 134, 72, 41, 25]);
    // The page's clock (the low bound) 5 ms behind the server's, not 747.
    expect(offset - bounds.low).toBe(5);
  });
});

describe('nextSecondBoundary', () => {
  it('lands on whole seconds of the remaining time, not of the wall clock', () => {
    const target = 10_250;
    expect(nextSecondBoundary(1_000, target)).toBe(1_250); // 9.25 s left → next tick at 9 s left
    expect(nextSecondBoundary(1_250, target)).toBe(2_250); // exactly on a boundary → the next one
    expect(nextSecondBoundary(10_250, target)).toBe(11_250);
    expect(nextSecondBoundary(10_300, target)).toBe(11_250); // after T0 it keeps the same phase
  });

  it('without a target follows the clock seconds', () => {
    expect(nextSecondBoundary(1_999)).toBe(2_000);
    expect(nextSecondBoundary(2_000)).toBe(3_000);
  });
});

describe('carryBounds', () => {
  it('widens the last bounds by 500 ppm of the time since, the clock reading and what the wall clock moved', () => {
    // 10 s later, the wall clock moved 1 ms against the monotonic one: ceil(5.0005 + 1 + 2) = 9 ms each way.
    expect(carryBounds({ low: 4100, high: 4120 }, 10_000, -1)).toEqual({ low: 4091, high: 4129 });
  });

  it('starts afresh once the wall clock moved more than slewing explains (set by hand, a sleep), or time ran back', () => {
    expect(carryBounds({ low: 4100, high: 4120 }, 10_000, 8)).toBeNull();
    expect(carryBounds({ low: 4100, high: 4120 }, -1, 0)).toBeNull();
  });

  it('new answers keep carried bounds where they overlap and drop them where they contradict', () => {
    const answer = { sent: 1000, received: 1300, server: 5150, error: 500 }; // 3350..4650
    expect(offsetBounds([answer], { low: 4091, high: 4129 })).toEqual({ low: 4091, high: 4129 });
    expect(offsetBounds([answer], { low: 4600, high: 4700 })).toEqual({ low: 4600, high: 4650 });
    // No overlap: one side is wrong, and the answer was just measured; never the carried bounds alone.
    expect(offsetBounds([answer], { low: 5000, high: 5040 })).toEqual({ low: 3350, high: 4650 });
  });
});

describe('adoptAtOnce', () => {
  it('adopts bounds carried over a few minutes, not over an hour', () => {
    const before = { low: 4100, high: 4120 };
    // Three minutes: 90 ms of drift each way.
    expect(adoptAtOnce(before, carryBounds(before, 180_000, 0)!)).toBe(true);
    // An hour: 1.8 s each way, which the first answer would take back as a jump in the clock.
    expect(adoptAtOnce(before, carryBounds(before, 3_600_000, 0)!)).toBe(false);
    expect(adoptAtOnce(before, { low: before.low - CARRY_AT_ONCE_MS, high: 4500 })).toBe(true);
    expect(adoptAtOnce(before, { low: before.low - CARRY_AT_ONCE_MS - 1, high: 4120 })).toBe(false);
  });
});
