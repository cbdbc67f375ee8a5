import { describe, expect, it } from 'vitest';
import { DROP_CLOCK_MOMENTS, dropTimes, FALLBACK_DROP_AT, planDropClock } from '../.storybook/toolbar/drop-clock.ts';

const AT = '2026-12-05T18:00:00+01:00';
const UNTIL = '2026-12-05T20:00:00+01:00';
const t0 = Date.parse(AT);

describe('the Storybook drop clock', () => {
  it('leaves a story alone when it is "as written"', () => {
    expect(planDropClock('as-written', dropTimes(AT, UNTIL))).toBeNull();
  });

  it('pins each moment relative to the countdown’s own T0 and window', () => {
    const plan = (moment: (typeof DROP_CLOCK_MOMENTS)[number]) => planDropClock(moment, dropTimes(AT, UNTIL))!;
    expect(Date.parse(plan('t-minus-1-day').now)).toBe(t0 - 86_400_000);
    expect(Date.parse(plan('t-minus-10-s').now)).toBe(t0 - 10_000);
    expect(plan('t-minus-10-s').state).toBe('scheduled');
    const live = Date.parse(plan('live').now);
    expect(live).toBeGreaterThan(t0);
    expect(live).toBeLessThan(Date.parse(UNTIL));
    expect(plan('live').state).toBe('live');
    expect(plan('sold-out').state).toBe('sold-out');
    expect(Date.parse(plan('ended').now)).toBeGreaterThan(Date.parse(UNTIL));
    expect(plan('ended').state).toBe('ended');
    expect(plan('ended').until).toBe(new Date(UNTIL).toISOString());
  });

  it('gives a story without `until` a window, so "ended" is reachable by the clock alone', () => {
    const plan = planDropClock('ended', dropTimes(AT, null))!;
    expect(Date.parse(plan.until)).toBeGreaterThan(t0);
    expect(Date.parse(plan.now)).toBeGreaterThan(Date.parse(plan.until));
  });

  it('keeps "live" inside a very short window', () => {
    const shortUntil = new Date(t0 + 5_000).toISOString();
    const live = Date.parse(planDropClock('live', dropTimes(AT, shortUntil))!.now);
    expect(live).toBeGreaterThanOrEqual(t0);
    expect(live).toBeLessThan(t0 + 5_000);
  });

  it('falls back to a fixed T0 when the story has no valid `at`, and ignores an `until` before T0', () => {
    expect(dropTimes(null, null).at).toBe(Date.parse(FALLBACK_DROP_AT));
    expect(dropTimes('next friday-ish', null).at).toBe(Date.parse(FALLBACK_DROP_AT));
    expect(dropTimes(AT, '2026-12-01T00:00:00Z').until).toBeNull();
  });
});
