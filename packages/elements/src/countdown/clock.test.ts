import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { now, subscribe, wakeAt } from './clock.ts';

describe('the shared ticker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 5, 16, 59, 50, 123) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks on the second boundaries of the remaining time', () => {
    const target = Date.UTC(2026, 11, 5, 17, 0, 0, 0);
    const ticks: number[] = [];
    const stop = subscribe((time) => ticks.push(target - time), () => target);
    vi.advanceTimersByTime(3000);
    stop();
    expect(ticks).toEqual([9000, 8000, 7000]);
  });

  it('runs one timer for many subscribers, and none when they are gone', () => {
    const target = now() + 10_500;
    const calls = { a: 0, b: 0, c: 0 };
    const stops = [
      subscribe(() => calls.a++, () => target),
      subscribe(() => calls.b++, () => target + 250),
      subscribe(() => calls.c++),
    ];
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2000);
    expect(vi.getTimerCount()).toBe(1);
    expect(calls).toEqual({ a: 2, b: 2, c: 2 });
    for (const stop of stops) stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a subscriber that unsubscribes inside its own tick stops cleanly, and a thrower harms no one', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let count = 0;
    const stop: () => void = subscribe(() => {
      count++;
      stop();
    });
    let healthy = 0;
    const stopThrower = subscribe(() => {
      throw new Error('broken subscriber');
    });
    const stopHealthy = subscribe(() => healthy++);
    vi.advanceTimersByTime(3000);
    stopThrower();
    stopHealthy();
    expect(count).toBe(1);
    expect(healthy).toBe(3);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('wakeAt calls once at the moment, through the same timer', () => {
    const moment = now() + 1500;
    const seen: number[] = [];
    subscribe(() => {})();
    wakeAt(moment, (time) => seen.push(time));
    vi.advanceTimersByTime(1499);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(seen).toEqual([moment]);
    vi.advanceTimersByTime(5000);
    expect(seen).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
  it('sets the timer once for a page of subscribers, not once per subscriber or per leaving one', () => {
    // A marketplace's grid: every countdown and button subscribes as it mounts and again at its flip,
    // and each arming looked through every other subscription (the square of their number).
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const target = now() + 3_600_000;
    const seen: number[] = [];
    const stops = Array.from({ length: 200 }, (_, i) => subscribe(() => seen.push(i), () => target + i));
    const wakes = Array.from({ length: 200 }, (_, i) => wakeAt(target + i, () => seen.push(-i)));
    expect(setTimer.mock.calls.length).toBeLessThanOrEqual(2);
    for (const stop of stops.slice(1)) stop();
    for (const stop of wakes) stop();
    expect(setTimer.mock.calls.length).toBeLessThanOrEqual(2);
    // The one left still ticks every second, and the early wake-up the others left behind says nothing.
    vi.advanceTimersByTime(2000);
    expect(seen).toEqual([0, 0]);
    stops[0]!();
    expect(vi.getTimerCount()).toBe(0);
    setTimer.mockRestore();
  });

  // The timer left set for one that leaves (5ed50ae): each case below is a drop that must still flip.
  it('fires early for one that left, finds nothing due and re-arms for the next, on time', () => {
    const start = now();
    const seen: number[] = [];
    const left = wakeAt(start + 1000, () => seen.push(-1));
    const far = wakeAt(start + 100_000, () => seen.push(-2));
    left();
    // Due after the moment the timer is still set for: it does not move the timer.
    const next = wakeAt(start + 2000, (time) => seen.push(time - start));
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([2000]);
    next();
    far();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a wake-up due first, made in a tick, fires at its moment', () => {
    const start = now();
    const seen: string[] = [];
    let stopWake: (() => void) | undefined;
    const stop = subscribe(() => {
      seen.push('tick');
      stopWake ??= wakeAt(now() + 200, (time) => seen.push(`wake at ${time - start}`));
    });
    // The first tick is at the next whole second, 877 ms on; the wake-up 200 ms after it.
    vi.advanceTimersByTime(1077);
    expect(seen).toEqual(['tick', 'wake at 1077']);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the last one leaving and another coming much later: the timer is set for the new one', () => {
    const start = now();
    const seen: number[] = [];
    wakeAt(start + 1000, () => seen.push(-1))();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    wakeAt(now() + 3000, (time) => seen.push(time - start));
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual([13_000]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('past the 2^31 ms a browser waits: a wake-up 40 days off fires once, at its moment, after one 30 days off leaves', () => {
    const start = now();
    const day = 86_400_000;
    const seen: number[] = [];
    wakeAt(start + 40 * day, (time) => seen.push(time - start));
    const sooner = wakeAt(start + 30 * day, (time) => seen.push(time - start));
    vi.advanceTimersByTime(30 * day);
    expect(seen).toEqual([30 * day]);
    sooner();
    vi.advanceTimersByTime(10 * day - 1);
    expect(seen).toEqual([30 * day]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([30 * day, 40 * day]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a subscriber re-planning in its own tick (leaving, the last, and subscribing again) keeps ticking', () => {
    const seen: number[] = [];
    let stop = (): void => {};
    const plan = (): void => {
      stop = subscribe((time) => {
        seen.push(time);
        stop();
        plan();
      });
    };
    plan();
    vi.advanceTimersByTime(5000);
    expect(seen).toHaveLength(5);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
