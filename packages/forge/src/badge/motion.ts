import type { BadgeMotion } from './badge-config.ts';

/**
 * One loop of every badge animation. GIF stores delays in hundredths of a second, so the frame
 * delay must be a multiple of 10 ms for the GIF, the WebP and the SVG to run at the same speed.
 */
export const BADGE_LOOP = {
  durationMs: 2000,
  frameDelayMs: 50,
  /**
   * How many times the loop plays before the badge rests on its first frame's look: twice, 4 s.
   * Motion that starts by itself beside other content and lasts more than 5 s needs a way to stop
   * it (WCAG 2.2.2 Pause, Stop, Hide), which an `<img>` has not: the badges looped for good.
   */
  plays: 2,
  get framesPerSecond(): number {
    return 1000 / this.frameDelayMs;
  },
  get frameCount(): number {
    return this.durationMs / this.frameDelayMs;
  },
} as const;

/** Values of the animated properties at a point of the loop; `at` runs from 0 to 1. */
export interface Keyframe {
  at: number;
  values: Readonly<Record<string, number>>;
}

/**
 * The same keyframes drive the CSS animation of the SVG badge and the frames of the GIF and WebP,
 * both interpolated linearly, so all formats show the same motion. Every loop starts at its resting
 * state (the static PNG, and what reduced-motion shows) and returns to it without a jump.
 */
export const MOTION_KEYFRAMES: Record<BadgeMotion, readonly Keyframe[]> = {
  // The ring appears under the dot, grows out of it and fades, then waits unseen.
  pulse: [
    { at: 0, values: { scale: 1, opacity: 0 } },
    { at: 0.04, values: { scale: 1.08, opacity: 0.55 } },
    { at: 0.7, values: { scale: 2.4, opacity: 0 } },
    { at: 1, values: { scale: 2.4, opacity: 0 } },
  ],
  // progress 0: the band waits left of the badge; 1: it has left on the right. Then it rests.
  shine: [
    { at: 0, values: { progress: 0 } },
    { at: 0.45, values: { progress: 1 } },
    { at: 1, values: { progress: 1 } },
  ],
};

export function sampleKeyframes(keyframes: readonly Keyframe[], at: number): Record<string, number> {
  const t = Math.min(Math.max(at, 0), 1);
  let index = 0;
  while (index < keyframes.length - 2 && keyframes[index + 1]!.at <= t) index += 1;
  const from = keyframes[index]!;
  const to = keyframes[index + 1] ?? from;
  const span = to.at - from.at;
  const local = span > 0 ? Math.min(Math.max((t - from.at) / span, 0), 1) : 0;
  const values: Record<string, number> = {};
  for (const [name, start] of Object.entries(from.values)) {
    values[name] = start + ((to.values[name] ?? start) - start) * local;
  }
  return values;
}

/** The phase of frame `index` of the loop. */
export function framePhase(index: number): number {
  return index / BADGE_LOOP.frameCount;
}

/** A CSS `@keyframes` rule; `declarations` turns sampled values into CSS. */
export function cssKeyframes(
  name: string,
  keyframes: readonly Keyframe[],
  declarations: (values: Readonly<Record<string, number>>) => string,
): string {
  const steps = keyframes.map((frame) => `${round(frame.at * 100)}%{${declarations(frame.values)}}`);
  return `@keyframes ${name}{${steps.join('')}}`;
}

/** Two decimals are below a pixel's hundredth at @2x and keep the SVG short. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
