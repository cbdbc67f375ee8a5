import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { milestonesPassed, nextChangeAfter, parseClipTime, parsePercent, shownAt, type TimeWindow } from './timeline.ts';

const cards: TimeWindow[] = [
  { at: 1, until: 2 },
  { at: 1.5, until: 3 },
  { at: 3, until: Infinity },
  { at: Infinity, until: Infinity },
];

describe('shownAt', () => {
  it('shows a card from its start up to (not including) its end', () => {
    expect(shownAt(cards, 0)).toEqual([]);
    expect(shownAt(cards, 1)).toEqual([0]);
    expect(shownAt(cards, 1.75)).toEqual([0, 1]);
    expect(shownAt(cards, 2)).toEqual([1]);
    expect(shownAt(cards, 3)).toEqual([2]);
    expect(shownAt(cards, 1e6)).toEqual([2]);
  });

  it('never shows an untimed card and shows nothing for a clock that is not a number', () => {
    expect(shownAt(cards, Number.NaN)).toEqual([]);
    expect(shownAt([{ at: Infinity, until: Infinity }], 5)).toEqual([]);
  });

  it('depends only on t, so any path of seeks and rate changes lands on the same answer', () => {
    const window = fc.record({ at: fc.double({ min: 0, max: 40, noNaN: true }), length: fc.double({ min: 0.1, max: 40, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(window, { maxLength: 6 }), fc.array(fc.double({ min: 0, max: 60, noNaN: true }), { minLength: 1 }), (raw, path) => {
        const windows = raw.map(({ at, length }) => ({ at, until: at + length }));
        const finalT = path[path.length - 1]!;
        const expected = windows.flatMap((w, i) => (finalT >= w.at && finalT < w.until ? [i] : []));
        let last: number[] = [];
        for (const t of path) last = shownAt(windows, t);
        expect(last).toEqual(expected);
      }),
    );
  });
});

describe('nextChangeAfter', () => {
  it('finds the next appearance or disappearance', () => {
    expect(nextChangeAfter(cards, 0)).toBe(1);
    expect(nextChangeAfter(cards, 1)).toBe(1.5);
    expect(nextChangeAfter(cards, 2.5)).toBe(3);
    expect(nextChangeAfter(cards, 3)).toBe(null);
  });
});

describe('milestonesPassed', () => {
  it('reports each quarter that forward playback passes', () => {
    expect(milestonesPassed(0, 0.9, 4)).toEqual([]);
    expect(milestonesPassed(0.9, 1, 4)).toEqual([25]);
    expect(milestonesPassed(1.9, 3.1, 4)).toEqual([50, 75]);
    expect(milestonesPassed(3.5, 3.97, 4)).toEqual([100]);
  });

  it('reports nothing going backwards, standing still, or without a known duration', () => {
    expect(milestonesPassed(3, 1, 4)).toEqual([]);
    expect(milestonesPassed(2, 2, 4)).toEqual([]);
    expect(milestonesPassed(0, 3, Infinity)).toEqual([]);
    expect(milestonesPassed(0, 3, Number.NaN)).toEqual([]);
  });

  it('splits any forward run into steps that together report each milestone exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }), (raw) => {
        const steps = [0, ...raw.sort((a, b) => a - b), 10];
        const seen = steps.slice(1).flatMap((to, i) => milestonesPassed(steps[i]!, to, 10));
        expect(seen).toEqual([25, 50, 75, 100]);
      }),
    );
  });
});

describe('parseClipTime', () => {
  it('reads seconds and clock times', () => {
    expect(parseClipTime('3')).toBe(3);
    expect(parseClipTime(' 3.5s ')).toBe(3.5);
    expect(parseClipTime('0:03')).toBe(3);
    expect(parseClipTime('1:02.5')).toBe(62.5);
    expect(parseClipTime('01:00:02')).toBe(3602);
    expect(parseClipTime(7)).toBe(7);
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'soon', '-1', '1:75', '1:60:00', '3 s', 'NaN', null, undefined, -2, Infinity]) {
      expect(parseClipTime(bad as string)).toBe(null);
    }
  });
});

describe('parsePercent', () => {
  it('reads 0–100 with or without a percent sign', () => {
    expect(parsePercent('62%')).toBe(62);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent(100)).toBe(100);
  });
  it('refuses out-of-range and CSS-looking values', () => {
    for (const bad of ['101%', '-5%', '10px', 'calc(10%)', '50%;left:0', '', null]) expect(parsePercent(bad)).toBe(null);
  });
});
