import { describe, expect, it } from 'vitest';
import { estimateOffset, serverTimeFrom } from './offset.ts';
import { nextSecondBoundary } from './clock.ts';

describe('estimateOffset', () => {
  it('takes the midpoint of the fastest round trip', () => {
    const estimate = estimateOffset([
      { sent: 1000, received: 1400, server: 5000 }, // slow: midpoint 1200
      { sent: 2000, received: 2020, server: 6010 }, // fastest: midpoint 2010 → offset 4000
      { sent: 3000, received: 3100, server: 7100 },
    ]);
    expect(estimate).toEqual({ offset: 4000, roundTrip: 20 });
  });

  it('estimates a visitor clock one day slow or one hour fast', () => {
    const day = 86_400_000;
    expect(estimateOffset([{ sent: 0, received: 10, server: day + 5 }])?.offset).toBe(day);
    expect(estimateOffset([{ sent: 3_600_000, received: 3_600_010, server: 5 }])?.offset).toBe(-3_600_000);
  });

  it('ignores impossible samples and gives up with none', () => {
    expect(estimateOffset([])).toBeNull();
    expect(estimateOffset([{ sent: 10, received: 5, server: 1 }])).toBeNull();
    expect(estimateOffset([{ sent: 0, received: 5, server: Number.NaN }])).toBeNull();
  });
});

describe('serverTimeFrom', () => {
  it('prefers the JSON body, then the Date header (middle of its second)', () => {
    expect(serverTimeFrom('{"now": 1764954000123}', 'Fri, 05 Dec 2025 17:00:00 GMT')).toBe(1764954000123);
    expect(serverTimeFrom('', 'Fri, 05 Dec 2025 17:00:00 GMT')).toBe(Date.UTC(2025, 11, 5, 17) + 500);
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
