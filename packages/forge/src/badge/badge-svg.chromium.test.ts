import { describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { parseBadges } from './badge-config.ts';
import { animatedBadgeSvg, badgeColors, badgeScope, shineOffset, type BadgeArt } from './badge-svg.ts';
import type { HexColor } from '../plan/types.ts';
import { layoutBadge } from './layout.ts';
import { BADGE_LOOP, MOTION_KEYFRAMES, sampleKeyframes } from './motion.ts';

/**
 * The animated SVG in a real browser: its CSS animation must move exactly as the GIF/WebP frames
 * (both come from MOTION_KEYFRAMES), stop under reduced motion, and take the dark palette.
 */
const browser = chromiumForThisFile();

function art(kind: 'live' | 'limited' | Record<string, unknown>, darkBrand: HexColor = '#a78bfa'): BadgeArt {
  const [spec] = parseBadges([kind === 'live' ? 'live' : kind === 'limited' ? { kind: 'limited', number: 1, of: 50 } : kind]);
  const light = badgeColors(spec!.kind, { brand: '#6d28d9', background: '#ffffff' });
  const dark = badgeColors(spec!.kind, { brand: darkBrand, background: '#111827' });
  return { spec: spec!, layout: layoutBadge(spec!), light, dark };
}

async function page(svg: string, media: { reducedMotion?: 'reduce' | 'no-preference'; colorScheme?: 'light' | 'dark' } = {}) {
  const context = await browser().newContext({ reducedMotion: media.reducedMotion ?? 'no-preference', colorScheme: media.colorScheme ?? 'light' });
  const tab = await context.newPage();
  await tab.setContent(`<!doctype html><body>${svg}</body>`);
  return { tab, close: () => context.close() };
}

/** Pauses every animation at `ms` into the loop and reads the animated element's computed style. */
async function styleAt(tab: import('playwright-core').Page, selector: string, ms: number) {
  return tab.evaluate(
    ({ selector, ms }) => {
      for (const animation of document.getAnimations()) {
        animation.pause();
        animation.currentTime = ms;
      }
      const style = getComputedStyle(document.querySelector(selector)!);
      return { transform: style.transform, opacity: Number(style.opacity), running: document.getAnimations().length };
    },
    { selector, ms },
  );
}

describe('animated SVG badge in Chromium', () => {
  it('pulses exactly like the raster frames', async () => {
    const { tab, close } = await page(animatedBadgeSvg(art('live')));
    try {
      for (const ms of [0, 300, 700, 1200, 1900]) {
        const expected = sampleKeyframes(MOTION_KEYFRAMES.pulse, ms / BADGE_LOOP.durationMs);
        const style = await styleAt(tab, '[class$="-ring"]', ms);
        expect(style.running).toBe(1);
        const scale = Number(/matrix\(([-\d.e]+)/u.exec(style.transform)?.[1] ?? 1);
        expect(scale).toBeCloseTo(expected['scale']!, 2);
        expect(style.opacity).toBeCloseTo(expected['opacity']!, 2);
      }
    } finally {
      await close();
    }
  });

  it('sweeps the shine on the same timeline', async () => {
    const badge = art('limited');
    const { tab, close } = await page(animatedBadgeSvg(badge));
    try {
      for (const ms of [0, 300, 450, 900, 1500]) {
        const style = await styleAt(tab, '[class$="-shine"]', ms);
        const offset = Number(/matrix\([^,]+,[^,]+,[^,]+,[^,]+, ([-\d.e]+)/u.exec(style.transform)?.[1]);
        const expected = shineOffset(badge.layout, sampleKeyframes(MOTION_KEYFRAMES.shine, ms / BADGE_LOOP.durationMs)['progress']!);
        expect(offset).toBeCloseTo(expected, 1);
      }
      // Waiting off the left edge at rest, and off the right edge once it has passed.
      expect(shineOffset(badge.layout, 0)).toBeLessThan(-20);
      expect(shineOffset(badge.layout, 1)).toBeGreaterThanOrEqual(badge.layout.width);
    } finally {
      await close();
    }
  });

  it('does not move at all under reduced motion, showing the resting frame', async () => {
    const { tab, close } = await page(animatedBadgeSvg(art('live')), { reducedMotion: 'reduce' });
    try {
      const state = await tab.evaluate(() => ({
        animations: document.getAnimations().length,
        ringOpacity: Number(getComputedStyle(document.querySelector('[class$="-ring"]')!).opacity),
      }));
      expect(state).toEqual({ animations: 0, ringOpacity: 0 });
    } finally {
      await close();
    }
  });

  it('keeps each badge to its own rules when two are inlined into one page', async () => {
    // Two creators' live badges on one marketplace page, and two sweeping badges of different
    // widths: with one fixed prefix (.dk-fill, .dk-shine) the second badge's rules restyled the
    // first, which took the other creator's dark colour and swept the other badge's width.
    const first = art('live', '#a78bfa');
    const second = art('live', '#34d399');
    const short = art({ kind: 'custom', id: 'short', text: 'Soon' });
    const long = art({ kind: 'custom', id: 'long', text: 'Restock Friday at noon' });
    const names = (svg: string) => {
      const style = /<style>(.*)<\/style>/u.exec(svg)?.[1] ?? '';
      return new Set([
        ...[...svg.matchAll(/\sid="([^"]+)"/gu)].map((match) => `#${match[1]}`),
        ...[...svg.matchAll(/\sclass="([^"]+)"/gu)].flatMap((match) => match[1]!.split(' ').map((name) => `.${name}`)),
        ...[...style.matchAll(/\.([A-Za-z_][\w-]*)/gu)].map((match) => `.${match[1]}`),
        ...[...style.matchAll(/@keyframes ([\w-]+)/gu)].map((match) => `@${match[1]}`),
      ]);
    };
    for (const [a, b] of [[first, second], [short, long]] as const) {
      const ofA = names(animatedBadgeSvg(a));
      const shared = [...names(animatedBadgeSvg(b))].filter((name) => ofA.has(name));
      expect(shared).toEqual([]);
      expect(badgeScope(a)).toBe(badgeScope({ ...a }));
    }
    // Deterministic: the same badge is the same bytes.
    expect(animatedBadgeSvg(art('live'))).toBe(animatedBadgeSvg(art('live')));

    const { tab, close } = await page(`<p>${[first, second, short, long].map(animatedBadgeSvg).join('</p><p>')}</p>`, { colorScheme: 'dark' });
    try {
      const fills = await tab.evaluate(() => [...document.querySelectorAll('svg')].slice(0, 2).map((svg) => getComputedStyle(svg.querySelector('[class$="-fill"]')!).fill));
      expect(fills).toEqual(['rgb(167, 139, 250)', 'rgb(52, 211, 153)']);
      for (const ms of [300, 600]) {
        const offsets = await tab.evaluate((ms) => {
          for (const animation of document.getAnimations()) {
            animation.pause();
            animation.currentTime = ms;
          }
          return [...document.querySelectorAll('svg')].slice(2).map((svg) => getComputedStyle(svg.querySelector('[class$="-shine"]')!).transform);
        }, ms);
        const progress = sampleKeyframes(MOTION_KEYFRAMES.shine, ms / BADGE_LOOP.durationMs)['progress']!;
        const expected = [short, long].map((badge) => shineOffset(badge.layout, progress));
        expect(expected[0]).not.toBeCloseTo(expected[1]!, 0);
        const measured = offsets.map((transform) => Number(/matrix\([^,]+,[^,]+,[^,]+,[^,]+, ([-\d.e]+)/u.exec(transform)?.[1]));
        expect(measured[0]).toBeCloseTo(expected[0]!, 1);
        expect(measured[1]).toBeCloseTo(expected[1]!, 1);
      }
    } finally {
      await close();
    }
  });

  it('takes the dark palette when the page is dark', async () => {
    const fillOf = async (colorScheme: 'light' | 'dark') => {
      const { tab, close } = await page(animatedBadgeSvg(art('live')), { colorScheme });
      try {
        return await tab.evaluate(() => getComputedStyle(document.querySelector('[class$="-fill"]')!).fill);
      } finally {
        await close();
      }
    };
    expect(await fillOf('light')).toBe('rgb(109, 40, 217)');
    expect(await fillOf('dark')).toBe('rgb(167, 139, 250)');
  });
});
