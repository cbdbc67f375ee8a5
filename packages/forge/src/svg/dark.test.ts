import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../badge/colors.ts';
import type { HexColor } from '../plan/types.ts';
import { darkRecolour, darkRewrite, darkSwaps, MIN_GRAPHICS_CONTRAST, parseColor, readableTwin } from './dark.ts';
import { sanitizeSvg } from './sanitize.ts';

const LIGHT = { brand: '#ff3366', background: '#fff7f9' } as const;
const DARK = { brand: '#ff7a9c', background: '#14142b' } as const;

/** Hue angle in degrees of an sRGB colour, computed the plain HSL way: independent of the code under test. */
function hslHue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const delta = max - Math.min(r, g, b);
  const sector = max === r ? ((g - b) / delta + 6) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return sector * 60;
}

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10">${body}</svg>`;

describe('readableTwin', () => {
  it.each(['#1e2a5a', '#1b1b3a', '#123456', '#000000', '#333333', '#8b0000', '#0000ff', '#6d28d9', '#14142b'])(
    'lifts %s to at least 3:1 on the dark background, lighter and in the same hue',
    (color) => {
      const twin = readableTwin(color as HexColor, DARK.background);
      expect(contrastRatio(twin, DARK.background)).toBeGreaterThanOrEqual(MIN_GRAPHICS_CONTRAST);
      expect(contrastRatio(twin, '#ffffff')).toBeLessThan(contrastRatio(color as HexColor, '#ffffff'));
      const greyish = /^#(..)\1\1$/u.test(color) || color === '#14142b';
      // HSL hue is a cruder measure than OKLab's: at saturated blue they part by some 16 degrees.
      if (!greyish) expect(Math.abs(((hslHue(twin) - hslHue(color) + 540) % 360) - 180)).toBeLessThan(20);
    },
  );

  it('turns navy ink into a light tint of itself, as dark themes do, not a dim mid-tone', () => {
    // #1e2a5a reads 1.3:1 on #14142b; mirrored in lightness it reads far better than the minimum.
    const twin = readableTwin('#1e2a5a', DARK.background);
    expect(contrastRatio(twin, DARK.background)).toBeGreaterThan(5);
    expect(twin).toBe(readableTwin('#1e2a5a', DARK.background));
  });

  it('leaves a colour that already reads exactly as it is', () => {
    for (const color of ['#22aa55', '#ff6f91', '#ffffff', '#ff0000'] as const) expect(readableTwin(color, DARK.background)).toBe(color);
  });

  it('darkens instead when the dark palette has a light background', () => {
    const twin = readableTwin('#ffe066', '#fafafa');
    expect(contrastRatio(twin, '#fafafa')).toBeGreaterThanOrEqual(MIN_GRAPHICS_CONTRAST);
    expect(contrastRatio(twin, '#000000')).toBeLessThan(contrastRatio('#ffe066', '#000000'));
  });
});

describe('parseColor', () => {
  it.each([
    ['#1E2A5A', '#1e2a5a', 1],
    ['#f36', '#ff3366', 1],
    ['#1e2a5a80', '#1e2a5a', 128 / 255],
    ['navy', '#000080', 1],
    ['Black', '#000000', 1],
    ['rgb(30, 42, 90)', '#1e2a5a', 1],
    ['rgba(30,42,90,0.5)', '#1e2a5a', 0.5],
    ['rgb(0% 100% 0% / 25%)', '#00ff00', 0.25],
  ])('reads %s', (token, rgb, alpha) => {
    expect(parseColor(token)).toEqual({ rgb, alpha });
  });

  it.each(['none', 'currentColor', 'url(#g)', 'transparent', '#12345', 'rgb(1,2)', 'rgb(a,b,c)', 'inherit'])('is not a colour: %s', (token) => {
    expect(parseColor(token)).toBeUndefined();
  });
});

describe('darkRecolour', () => {
  it('swaps the palette for every paint property, as favicon.svg always has', () => {
    const { rules } = darkRecolour(svg('<rect fill="#ff3366"/>'), LIGHT, DARK);
    for (const property of ['fill', 'stroke', 'stop-color', 'flood-color']) {
      expect(rules).toContain(`:where([${property}="#ff3366"]){${property}:#ff7a9c}`);
      expect(rules).toContain(`:where([${property}="#fff7f9"]){${property}:#14142b}`);
    }
  });

  it('lifts an unreadable third colour wherever the mark writes it: attribute, inline style, class, gradient stop', () => {
    const twin = readableTwin('#1e2a5a', DARK.background);
    const mark = svg(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#1e2a5a"/><stop offset="1" stop-color="#ff3366"/></linearGradient>' +
        '<style>.ink{fill:#1E2A5A}.line{stroke:navy}</style></defs>' +
        '<rect fill="#1e2a5a"/><rect stroke="#1e2a5a"/><rect class="ink"/><rect class="line"/><rect fill="url(#g)"/>',
    );
    const { rules, sheets } = darkRecolour(mark, LIGHT, DARK);
    expect(rules).toContain(`:where([fill="#1e2a5a"]){fill:${twin}}`);
    expect(rules).toContain(`:where([stroke="#1e2a5a"]){stroke:${twin}}`);
    expect(rules).toContain(`:where([stop-color="#1e2a5a"]){stop-color:${twin}}`);
    expect(sheets).toBe(`.ink{fill:${twin}}.line{stroke:${readableTwin('#000080', DARK.background)}}`);
    expect(rules).not.toContain('url(#g)');
  });

  it('keeps readable colours, colours that only light a filter, and selectors that look like hex as they are', () => {
    const mark = svg('<style>#add{fill:#22aa55}.x{lighting-color:#1e2a5a}</style><rect fill="#ffffff"/><rect fill="#22aa55"/><rect fill="none"/>');
    expect(darkRecolour(mark, LIGHT, DARK).sheets).toBe('');
    expect([...darkSwaps(mark, LIGHT, DARK).keys()]).toEqual(['#ff3366', '#fff7f9']);
  });

  it("keeps the alpha of a colour it lifts, and writes rules only for values CSS can quote as they are", () => {
    const twin = readableTwin('#1e2a5a', DARK.background);
    const { rules } = darkRecolour(svg('<rect fill="rgba(30,42,90,0.5)"/><rect fill="#1e2a5a&quot;]{}*{fill:red}[x=&quot;"/>'), LIGHT, DARK);
    expect(rules).toContain(`:where([fill="rgba(30,42,90,0.5)"]){fill:${twin}80}`);
    expect(rules).not.toContain('red');
  });

  it('lifts a dark colour written in a modern syntax (oklch(), color-mix(), light-dark()), as the sanitizer writes it in hex', () => {
    // Before the sanitizer resolved them, oklch(30% 0.1 265) stayed as written, parseColor read nothing and the
    // dark favicon kept a navy hardly seen on the dark background; the PNGs drew it black.
    const mark = sanitizeSvg(svg('<rect width="9" height="9" fill="oklch(30% 0.1 265)"/><rect width="9" height="9" stroke="color-mix(in srgb, #1e2a5a 80%, transparent)"/><rect width="9" height="9" fill="light-dark(#1b1b3a, #e0e7ff)"/>')).svg;
    const swaps = darkSwaps(mark, LIGHT, DARK);
    const lifted = [...swaps.keys()].filter((color) => color !== LIGHT.brand && color !== LIGHT.background);
    expect(lifted.length).toBe(3);
    for (const color of lifted) expect(contrastRatio(swaps.get(color)!, DARK.background)).toBeGreaterThanOrEqual(MIN_GRAPHICS_CONTRAST);
    // The mix keeps its alpha in the dark rule.
    expect(darkRecolour(mark, LIGHT, DARK).rules).toContain(`:where([stroke="#1e2a5acc"]){stroke:${swaps.get('#1e2a5a')}cc}`);
  });

  it("uses the dark palette's ink, when given, for every colour that does not read", () => {
    const mark = svg('<rect fill="#1e2a5a"/><rect fill="#000000"/><rect fill="#22aa55"/>');
    const { rules } = darkRecolour(mark, LIGHT, { ...DARK, ink: '#e8e6ff' });
    expect(rules).toContain(':where([fill="#1e2a5a"]){fill:#e8e6ff}');
    expect(rules).toContain(':where([fill="#000000"]){fill:#e8e6ff}');
    expect(rules).not.toContain('#22aa55');
  });

  it('leaves the light palette to the palette even when the dark one keeps it unreadable', () => {
    const swaps = darkSwaps(svg('<rect fill="#1b1b3a"/>'), { brand: '#1b1b3a', background: '#ffffff' }, { brand: '#1b1b3a', background: '#000000' });
    expect([...swaps]).toEqual([['#ffffff', '#000000']]);
  });

  it("reads a stranger's endless paint values in linear time", () => {
    const long = (unit: string) => svg(`<rect fill="${unit.repeat(200_000 / unit.length)}"/><style>.a{fill:${unit.repeat(200_000 / unit.length)}}</style>`);
    const started = performance.now();
    for (const unit of ['rgb(', 'url(', 'a', '#1']) darkRecolour(long(unit), LIGHT, DARK);
    // Well under 1 s on a 2-core machine; scanned from every "(" to the end, the first alone takes some 40 s.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('gives the same CSS for the same mark', () => {
    const mark = svg('<style>.a{fill:#123456}</style><rect fill="#1e2a5a"/><rect stroke="black"/>');
    expect(darkRecolour(mark, LIGHT, DARK)).toEqual(darkRecolour(mark, LIGHT, DARK));
  });
});

describe('darkRewrite', () => {
  it('writes the dark colours into attributes, inline styles and sheets, and leaves everything else as it is', () => {
    const twin = readableTwin('#1e2a5a', DARK.background);
    const mark = svg('<style>path{fill:#22aa55}.ink{stroke:#1E2A5A}</style><path fill="#ff3366"/><rect style="fill:#1e2a5a;opacity:.5" class="ink"/><text>fill="#ff3366"</text>');
    expect(darkRewrite(mark, LIGHT, DARK)).toBe(
      svg(`<style>path{fill:#22aa55}.ink{stroke:${twin}}</style><path fill="#ff7a9c"/><rect style="fill:${twin};opacity:.5" class="ink"/><text>fill="#ff3366"</text>`),
    );
  });
});
