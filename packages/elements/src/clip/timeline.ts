/**
 * When things happen in a clip, as pure functions of the media clock. The element asks "what is
 * showing at t?" from `video.currentTime` on every timeupdate/seek instead of counting its own
 * timers, so seeks, rate changes and stalls cannot make cards drift.
 */

/** A card's window on the clip's timeline, in seconds: shown for `at <= t < until`. */
export interface TimeWindow {
  readonly at: number;
  /** `Infinity` keeps the card up until the clip ends. */
  readonly until: number;
}

export function isShownAt(window: TimeWindow, t: number): boolean {
  return t >= window.at && t < window.until;
}

/** Indexes (in document order) of the windows open at `t`. */
export function shownAt(windows: readonly TimeWindow[], t: number): number[] {
  const shown: number[] = [];
  if (!Number.isFinite(t)) return shown;
  windows.forEach((window, index) => {
    if (isShownAt(window, t)) shown.push(index);
  });
  return shown;
}

/** The first moment after `t` at which some card appears or disappears, or `null` if none. */
export function nextChangeAfter(windows: readonly TimeWindow[], t: number): number | null {
  let next: number | null = null;
  for (const { at, until } of windows) {
    for (const edge of [at, until]) {
      if (edge > t && Number.isFinite(edge) && (next === null || edge < next)) next = edge;
    }
  }
  return next;
}

export const PROGRESS_MILESTONES = [25, 50, 75, 100] as const;
export type ProgressMilestone = (typeof PROGRESS_MILESTONES)[number];

/**
 * Milestones that playback passed while moving from `from` to `to` seconds. Only forward playback
 * counts: the caller restarts `from` after a seek, so jumping to the end is not "watched 75 %".
 * 100 % counts when `to` reaches the end (within one frame, since `ended` may stop just short).
 */
export function milestonesPassed(from: number, to: number, duration: number): ProgressMilestone[] {
  if (!(duration > 0) || !Number.isFinite(duration) || !(to > from)) return [];
  const endTolerance = 0.05;
  return PROGRESS_MILESTONES.filter((percent) => {
    const mark = percent === 100 ? duration - endTolerance : (duration * percent) / 100;
    return from < mark && to >= mark;
  });
}

/**
 * Reads a creator's time: seconds (`3`, `3.5`, `3s`) or a clock (`0:03`, `1:02.5`, `01:00:02`).
 * Returns `null` for anything else, including negative times.
 */
export function parseClipTime(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const seconds = /^(\d+(?:\.\d+)?)s?$/.exec(text);
  if (seconds) return Number(seconds[1]);
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text);
  if (!clock) return null;
  const [, hours = '0', minutes, secs] = clock;
  if (Number(secs) >= 60 || (clock[1] !== undefined && Number(minutes) >= 60)) return null;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(secs);
}

/** Reads a hotspot coordinate: `62%` or `62`, a share of the video's width or height (0–100). */
export function parsePercent(value: string | number | null | undefined): number | null {
  const text = typeof value === 'number' ? String(value) : value?.trim();
  if (!text) return null;
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text);
  if (!match) return null;
  const percent = Number(match[1]);
  return percent <= 100 ? percent : null;
}
