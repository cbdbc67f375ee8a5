/**
 * The "drop clock" toolbar control: one choice moves every dropkit widget in a story to the same
 * moment of the drop, so a designer sees T−1 day, the last seconds, live, sold out and ended without
 * waiting. Pure planning here (tested in Node); applying it to elements lives in apply.ts.
 */
import type { DropState } from '../../packages/elements/src/shared/vocabulary.ts';

export const DROP_CLOCK_MOMENTS = ['as-written', 't-minus-1-day', 't-minus-10-s', 'live', 'sold-out', 'ended'] as const;
export type DropClockMoment = (typeof DROP_CLOCK_MOMENTS)[number];

export const DROP_CLOCK_TITLES: Record<DropClockMoment, string> = {
  'as-written': 'Clock: as the story says',
  't-minus-1-day': 'T−1 day',
  't-minus-10-s': 'T−10 s',
  live: 'Live',
  'sold-out': 'Sold out',
  ended: 'Ended',
};

/** Used when a story has no countdown and no `at` of its own to take T0 from. */
export const FALLBACK_DROP_AT = '2026-12-05T17:00:00.000Z';

const SECOND = 1000;
const DAY = 86_400 * SECOND;
/** How far past T0 "live" sits: inside the window, far from both edges. */
const LIVE_OFFSET = 60 * SECOND;
/** A drop window long enough that "live" is never mistaken for "ended" when `until` is missing. */
const DEFAULT_WINDOW = 3_600 * SECOND;

export interface DropTimes {
  /** T0 as epoch ms. */
  at: number;
  /** End of the drop window as epoch ms, when the creator gave one. */
  until: number | null;
}

export interface DropClockPlan {
  /** The pinned clock for every element that has a `now` property, as an ISO string. */
  now: string;
  /** The drop state for every element that takes one; the countdown derives it from `now` itself. */
  state: DropState;
  /** The `until` a story without one needs so that "ended" is reachable through the clock alone. */
  until: string;
}

/** Reads T0 and the window end from a countdown-style `at`/`until` pair; falls back to a fixed T0. */
export function dropTimes(at: string | null | undefined, until: string | null | undefined): DropTimes {
  const parsedAt = at ? Date.parse(at) : Number.NaN;
  const start = Number.isFinite(parsedAt) ? parsedAt : Date.parse(FALLBACK_DROP_AT);
  const parsedUntil = until ? Date.parse(until) : Number.NaN;
  return { at: start, until: Number.isFinite(parsedUntil) && parsedUntil > start ? parsedUntil : null };
}

export function planDropClock(moment: DropClockMoment, times: DropTimes): DropClockPlan | null {
  if (moment === 'as-written') return null;
  const end = times.until ?? times.at + DEFAULT_WINDOW;
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (moment) {
    case 't-minus-1-day':
      return { now: iso(times.at - DAY), state: 'scheduled', until: iso(end) };
    case 't-minus-10-s':
      return { now: iso(times.at - 10 * SECOND), state: 'scheduled', until: iso(end) };
    case 'live':
      return { now: iso(Math.min(times.at + LIVE_OFFSET, end - SECOND)), state: 'live', until: iso(end) };
    case 'sold-out':
      return { now: iso(Math.min(times.at + LIVE_OFFSET, end - SECOND)), state: 'sold-out', until: iso(end) };
    case 'ended':
      return { now: iso(end + LIVE_OFFSET), state: 'ended', until: iso(end) };
  }
}
