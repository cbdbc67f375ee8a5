import { describe, expect, it } from 'vitest';
import { offsetBounds, serverTimeFrom } from './offset.ts';
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

  it('returns null for garbage', () => {
    expect(serverTimeFrom('{"now": "soon"', 'not a date')).toBeNull();
    expect(serverTimeFrom('{"now": -5}', null)).toBeNull();
    expect(serverTimeFrom('null', null)).toBeNull();
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
