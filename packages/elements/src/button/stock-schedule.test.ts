import { describe, expect, it } from 'vitest';
import { MIN_STOCK_INTERVAL_MS, StockSchedule, parseRetryAfter } from './stock-schedule.ts';

/** A small seeded generator (mulberry32) so the simulations are repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('StockSchedule', () => {
  it('spreads ten thousand viewers who all go live at T0 evenly over the first interval', () => {
    const random = seeded(1);
    const viewers = 10_000;
    const interval = 15_000;
    const perSecond = new Array<number>(15).fill(0);
    for (let i = 0; i < viewers; i++) {
      const delay = new StockSchedule({ interval, random }).start();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(interval);
      perSecond[Math.floor(delay / 1000)]!++;
    }
    const even = viewers / 15;
    // Without jitter all 10,000 would land in second 0; with it no second carries much more than its share.
    for (const count of perSecond) expect(count).toBeLessThan(even * 1.2);
    for (const count of perSecond) expect(count).toBeGreaterThan(even * 0.8);
  });

  it('keeps viewers spread over later rounds instead of drifting back into step', () => {
    const random = seeded(2);
    const interval = 10_000;
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const schedule = new StockSchedule({ interval, random });
      let t = schedule.start();
      for (let round = 0; round < 5; round++) t += schedule.succeeded();
      times.push(t);
    }
    const busiestSecond = Math.max(
      ...Object.values(
        times.reduce<Record<number, number>>((acc, t) => ((acc[Math.floor(t / 1000)] = (acc[Math.floor(t / 1000)] ?? 0) + 1), acc), {}),
      ),
    );
    expect(busiestSecond).toBeLessThan(2000 / 5);
  });

  it('polls about once per interval while the endpoint answers', () => {
    const schedule = new StockSchedule({ interval: 20_000, jitter: 0.1, random: seeded(3) });
    for (let i = 0; i < 100; i++) {
      const delay = schedule.succeeded();
      expect(delay).toBeGreaterThanOrEqual(18_000);
      expect(delay).toBeLessThanOrEqual(22_000);
    }
  });

  it('backs off exponentially while the endpoint fails, up to the cap, and recovers on success', () => {
    const schedule = new StockSchedule({ interval: 10_000, maxBackoff: 120_000, random: () => 0.999 });
    const delays = Array.from({ length: 6 }, () => schedule.failed());
    expect(delays.map((d) => Math.round(d / 1000))).toEqual([20, 40, 80, 120, 120, 120]);
    expect(schedule.failures).toBe(6);
    expect(schedule.succeeded()).toBeLessThanOrEqual(11_000);
    expect(schedule.failures).toBe(0);
    expect(schedule.failed()).toBeLessThanOrEqual(20_000);
  });

  it('jitters the backoff too, so a server that fell over at T0 is not hit again in one wave', () => {
    const low = new StockSchedule({ interval: 10_000, random: () => 0 }).failed();
    const high = new StockSchedule({ interval: 10_000, random: () => 0.999 }).failed();
    expect(low).toBe(10_000);
    expect(high).toBeGreaterThan(19_900);
  });

  it('honours Retry-After when it asks for longer than the backoff', () => {
    const schedule = new StockSchedule({ interval: 10_000, random: () => 0 });
    expect(schedule.failed(90_000)).toBe(90_000);
    expect(schedule.failed(1)).toBe(20_000);
  });

  it('waits longer for an answer after each failure in a row, up to the cap, and one interval again after a success', () => {
    const schedule = new StockSchedule({ interval: 10_000, maxBackoff: 60_000 });
    const patience = [schedule.patience()];
    for (let i = 0; i < 4; i++) {
      schedule.failed();
      patience.push(schedule.patience());
    }
    expect(patience).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
    schedule.succeeded();
    expect(schedule.patience()).toBe(10_000);
  });

  it('refuses intervals that would hammer the server', () => {
    expect(new StockSchedule({ interval: 10 }).interval).toBe(MIN_STOCK_INTERVAL_MS);
    expect(new StockSchedule({ interval: Number.NaN }).interval).toBe(15_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
