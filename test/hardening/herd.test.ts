/**
 * The herd: ten thousand viewers of one drop polling the creator's stock endpoint around T0, driven
 * by `<drop-button>`'s own scheduling code (button/stock-schedule.ts) with a seeded random and a
 * simulated clock. The moment that synchronises viewers is T0 itself: people tab back in when the
 * notification arrives, others open the page from a link in the same second, and the creator's
 * server buckles for a few seconds. The per-second request rate must stay within 2× its mean.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STOCK_INTERVAL_MS, StockSchedule } from '../../packages/elements/src/button/stock-schedule.ts';

const VIEWERS = 10_000;
const T0 = 600_000;
/** The figure covers one minute before T0 to two minutes after. */
const WINDOW = { from: T0 - 60_000, to: T0 + 120_000 };
/** The creator's server answers 500 for everyone during these first seconds of the drop. */
const OUTAGE = { from: T0, to: T0 + 5_000 };

/** Small seeded PRNG (mulberry32) so every run of the simulation is the same run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the element does with the schedule: the calls it makes, in the order it makes them. */
interface Poller {
  start(): number;
  succeeded(): number;
  failed(): number;
}

/**
 * Every viewer is on the page before T0. A third keep watching; a third had the tab in the
 * background (hidden tabs do not poll) and tab back within the second of T0; a third reload the page
 * within that second (a fresh element, a fresh schedule). The element calls `start()` on connect and
 * on every return to a visible tab, then `succeeded()`/`failed()` after each answer.
 */
interface Viewer {
  /** When the viewer's page first polls (hidden-tab viewers: never before T0). */
  arrival: number;
  /** When the viewer's page begins a fresh schedule at T0 (tab shown or page reloaded), if it does. */
  restartAt: number | null;
}

function viewers(random: () => number): Viewer[] {
  return Array.from({ length: VIEWERS }, (_, i): Viewer => {
    const arrival = T0 - 600_000 * random();
    if (i % 3 === 0) return { arrival, restartAt: null };
    if (i % 3 === 1) return { arrival: Infinity, restartAt: T0 + 1000 * random() };
    return { arrival, restartAt: T0 + 1000 * random() };
  });
}

/** Request times of every viewer, each following its own schedule(s) up to the window's end. */
function simulate(makePoller: (random: () => number) => Poller, seed = 8): number[] {
  const random = seeded(seed);
  const requests: number[] = [];
  const follow = (poller: Poller, from: number, until: number) => {
    let time = from + poller.start();
    while (time < until) {
      requests.push(time);
      // A real round trip takes a little while before the next delay is even chosen.
      const roundTrip = 40 + 260 * random();
      const failed = time >= OUTAGE.from && time < OUTAGE.to;
      time += roundTrip + (failed ? poller.failed() : poller.succeeded());
    }
  };
  for (const { arrival, restartAt } of viewers(random)) {
    if (arrival < WINDOW.to) follow(makePoller(random), arrival, restartAt ?? WINDOW.to);
    if (restartAt !== null) follow(makePoller(random), restartAt, WINDOW.to);
  }
  return requests;
}

function perSecond(requests: number[]): number[] {
  const seconds = new Array<number>((WINDOW.to - WINDOW.from) / 1000).fill(0);
  for (const time of requests) {
    if (time >= WINDOW.from && time < WINDOW.to) seconds[Math.floor((time - WINDOW.from) / 1000)]!++;
  }
  return seconds;
}

function summary(seconds: number[]) {
  const mean = seconds.reduce((sum, n) => sum + n, 0) / seconds.length;
  const max = Math.max(...seconds);
  const sorted = [...seconds].sort((a, b) => a - b);
  return { mean, max, p50: sorted[Math.floor(sorted.length * 0.5)]!, p99: sorted[Math.floor(sorted.length * 0.99)]!, peakSecond: seconds.indexOf(max) - 60 };
}

/** Ten-second buckets as a bar chart, relative to T0: the figure the issue asks for. */
function figure(title: string, seconds: number[]): string {
  const { mean, max, p50, p99, peakSecond } = summary(seconds);
  const lines = [`${title}: mean ${mean.toFixed(0)}/s, median ${p50}/s, p99 ${p99}/s, max ${max}/s at T0${peakSecond >= 0 ? '+' : ''}${peakSecond}s (max/mean ${(max / mean).toFixed(2)})`];
  const scale = 50 / max;
  for (let start = 0; start < seconds.length; start += 10) {
    const bucket = seconds.slice(start, start + 10);
    const peak = Math.max(...bucket);
    const label = `T0${start - 60 >= 0 ? '+' : ''}${start - 60}s`.padStart(8);
    lines.push(`${label} ${'█'.repeat(Math.round(peak * scale)).padEnd(50)} ${String(peak).padStart(5)}/s peak`);
  }
  return lines.join('\n');
}

describe('the herd at T0 (10,000 viewers, stock polling)', () => {
  it('no second carries more than twice the mean request rate', () => {
    const seconds = perSecond(simulate((random) => new StockSchedule({ interval: DEFAULT_STOCK_INTERVAL_MS, random })));
    const { mean, max } = summary(seconds);
    console.log(figure(`dropkit StockSchedule, ${VIEWERS} viewers, ${DEFAULT_STOCK_INTERVAL_MS / 1000} s interval`, seconds));
    expect(max).toBeLessThanOrEqual(2 * mean);
    // Sanity: the figure covers real traffic, about one request per viewer per interval.
    expect(mean).toBeGreaterThan((VIEWERS / (DEFAULT_STOCK_INTERVAL_MS / 1000)) * 0.5);
  });

  it('the same measurement catches a naive poller (the assertion above can fail)', () => {
    const naive: Poller = {
      start: () => 0,
      succeeded: () => DEFAULT_STOCK_INTERVAL_MS,
      failed: () => 1000,
    };
    const seconds = perSecond(simulate(() => naive));
    const { mean, max } = summary(seconds);
    console.log(figure('naive poller (ask at once, fixed interval, fixed retry)', seconds));
    expect(max).toBeGreaterThan(2 * mean);
  });
});
