import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { parseBadges } from './badge-config.ts';
import { animatedBadgeSvg, badgeColors, badgeScope, shineOffset, type BadgeArt } from './badge-svg.ts';
import type { HexColor } from '../plan/types.ts';
import { layoutBadge } from './layout.ts';
import { BADGE_LOOP, MOTION_KEYFRAMES, sampleKeyframes } from './motion.ts';
import { badgeStage } from './stage.ts';
import { directRenderContext, testInput } from './testing.ts';

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

  it('moves for two loops, 4 s, then rests: SVG, GIF and WebP (WCAG 2.2.2 Pause, Stop, Hide)', async () => {
    // Motion that starts by itself beside other content and lasts more than 5 s needs a way to stop
    // it, which an <img> has not: every badge looped for good (endTime Infinity, repetitionCount Infinity).
    const badges = [art('live'), art('limited')];
    const { tab, close } = await page(badges.map(animatedBadgeSvg).join(''));
    try {
      const timings = await tab.evaluate(() => document.getAnimations().map((animation) => animation.effect!.getComputedTiming().endTime));
      expect(timings).toEqual([BADGE_LOOP.durationMs * 2, BADGE_LOOP.durationMs * 2]);
      const rest = await tab.evaluate(() => {
        for (const animation of document.getAnimations()) animation.finish();
        return {
          running: document.getAnimations().length,
          ring: Number(getComputedStyle(document.querySelector('[class$="-ring"]')!).opacity),
          shine: document.querySelector('[class$="-shine"]')!.getAttribute('transform'),
          shineStyle: getComputedStyle(document.querySelector('[class$="-shine"]')!).transform,
        };
      });
      // At rest once done: the ring unseen, the band waiting off the left edge (its attribute, no animation over it).
      expect(rest.running).toBe(0);
      expect(rest.ring).toBe(0);
      expect(rest.shine).toBe(`translate(${shineOffset(badges[1]!.layout, 0)} 0)`);
      expect(rest.shineStyle).toBe(`matrix(1, 0, 0, 1, ${shineOffset(badges[1]!.layout, 0)}, 0)`);
    } finally {
      await close();
    }
    // The GIF and WebP as Chromium's own decoder reads them (ImageDecoder needs a secure context: a
    // page served from 127.0.0.1).
    const input = testInput({ badges: ['live', { kind: 'limited', number: 1, of: 50 }] });
    const assets = new Map(badgeStage.plan(input).assets.map((asset) => [asset.name, asset]));
    const server = createServer((_request, response) => response.end('<!doctype html><body></body>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const context = await browser().newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      for (const name of ['badges/live@2x.gif', 'badges/live@2x.webp', 'badges/limited.gif', 'badges/limited-dark.webp']) {
        const bytes = Buffer.from(await assets.get(name)!.render(directRenderContext()));
        const decoded = await tab.evaluate(
          async ({ base64, type }) => {
            const decoder = new ImageDecoder({ data: Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)), type });
            await decoder.tracks.ready;
            await decoder.completed;
            const track = decoder.tracks.selectedTrack!;
            let duration = 0;
            for (let frameIndex = 0; frameIndex < track.frameCount; frameIndex += 1) {
              const { image } = await decoder.decode({ frameIndex });
              duration += image.duration! / 1000;
              image.close();
            }
            return { repetitions: track.repetitionCount, duration };
          },
          { base64: bytes.toString('base64'), type: name.endsWith('.gif') ? 'image/gif' : 'image/webp' },
        );
        // One play and one repetition of the 2 s loop.
        expect(decoded, name).toEqual({ repetitions: 1, duration: BADGE_LOOP.durationMs });
      }
    } finally {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
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
