import { describe, expect, it } from 'vitest';
import { analyseFlips, median, percentile, slopePerStep } from './stats.mjs';

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(median([3])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('fits the growth per step and shrugs off one noisy sample less than last − first', () => {
    expect(slopePerStep([100, 110, 120, 130])).toBeCloseTo(10);
    expect(slopePerStep([100, 100, 100, 100, 100, 100, 100, 100, 100, 140])).toBeLessThan(40 / 9);
    expect(slopePerStep([7])).toBe(0);
  });
});

describe('second flips against the true second', () => {
  const at = 1_800_000_000_000;
  const start = at - 60_000 + 300;
  const end = start + 10_000;
  const everySecond = (element: number, lateBy: (second: number) => number) =>
    Array.from({ length: 10 }, (_, k) => ({ element, t: at - 59_000 + k * 1000 + lateBy(k) }));

  it('finds no error and no skip for a perfect countdown', () => {
    const result = analyseFlips({ at, start, end, elements: 2, flips: [...everySecond(0, () => 0), ...everySecond(1, () => 0)] });
    expect(result).toMatchObject({ flips: 20, skipped: 0, doubleFlips: 0, early: 0, errorP95: 0 });
    expect(result.expectedFlips).toBe(2 * 8);
  });

  it('measures late flips by how late they are', () => {
    const result = analyseFlips({ at, start, end, elements: 1, flips: everySecond(0, (k) => (k === 3 ? 250 : 12)) });
    expect(result.errorP50).toBe(12);
    expect(result.errorMax).toBe(250);
    expect(result.skipped).toBe(0);
  });

  it('calls a flip shortly before its boundary early, not a second late', () => {
    const result = analyseFlips({ at, start, end, elements: 1, flips: everySecond(0, (k) => (k === 5 ? -40 : 0)) });
    expect(result.early).toBe(1);
    expect(result.errorMax).toBe(40);
  });

  it('counts a second with no change as skipped and two changes for one second as a double flip', () => {
    const flips = everySecond(0, () => 5).filter((_, k) => k !== 4);
    flips.push({ element: 0, t: at - 59_000 + 6 * 1000 + 300 });
    const result = analyseFlips({ at, start, end, elements: 1, flips });
    expect(result.skipped).toBe(1);
    expect(result.doubleFlips).toBe(1);
  });

  it('counts an observed element that never changes as skipping every second', () => {
    const result = analyseFlips({ at, start, end, elements: 3, flips: [...everySecond(0, () => 1), ...everySecond(1, () => 1)] });
    expect(result.skipped).toBe(8);
  });
});
