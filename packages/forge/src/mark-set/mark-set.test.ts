import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
// The contract test: the JSON forge writes must be what <drop-mark> reads. The reader is pure.
import { readMarkManifest } from '../../../elements/src/mark/manifest.ts';
import { contrastRatio } from '../badge/colors.ts';
import { loadCreator, prepareInput } from '../config/load.ts';
import { SvgRejectedError } from '../errors.ts';
import { colorDistance, hexRgb, pixelAt, testInput, type Decoded, directRenderContext } from '../badge/testing.ts';
import type { HexColor, SanitizedSvg } from '../plan/types.ts';
import { readableTwin } from '../svg/dark.ts';
import { initialsOf, lightVariant, markJson, markSetStage, monogramSvg } from './mark-set.ts';

const context = directRenderContext();

function draw(svg: string, width: number): Decoded {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render();
  // resvg's pixels are premultiplied; every probe below is on opaque pixels, where that is the same.
  return { width: image.width, height: image.height, data: Buffer.from(image.pixels) };
}

/**
 * The set's files as a whole run makes them, where the favicon stage judges whether the mark draws
 * anything (the hand-made marks below are not all what the sanitizer would pass); the mark set
 * alone asking for that verdict is favicon/blank.test.ts's.
 */
async function files(input = testInput()): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const asset of markSetStage.plan(input, { basePath: '/', stages: ['favicon', 'mark-set'] }).assets) {
    out.set(asset.name, new TextDecoder().decode(await asset.render(context)));
  }
  return out;
}

describe('monogram', () => {
  it.each([
    ['Nova Studio', 'NS'],
    ['nova', 'N'],
    ['Jean-Luc Picard', 'JP'],
    ['  émile   zola ', 'ÉZ'],
    ['E\u0301mile Zola', 'ÉZ'],
    ['@cass.makes', 'CM'],
    ['東京スタジオ', undefined],
    ['   ', undefined],
  ])('initials of %j are %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('centres the initials on a brand tile, drawn as outlines', () => {
    const svg = monogramSvg('NS', { brand: '#6d28d9', background: '#ffffff' });
    expect(svg).not.toContain('<text');
    const image = draw(svg, 128);
    expect(pixelAt(image, 1, 1)[3]).toBe(0); // rounded corner
    expect(colorDistance(pixelAt(image, 64, 6), hexRgb('#6d28d9'))).toBeLessThan(4);
    let left = 128;
    let right = 0;
    let top = 128;
    let bottom = 0;
    for (let y = 0; y < 128; y += 1) {
      for (let x = 0; x < 128; x += 1) {
        if (colorDistance(pixelAt(image, x, y), [255, 255, 255]) < 60) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    expect(Math.abs((left + right) / 2 - 63.5)).toBeLessThan(2);
    expect(Math.abs((top + bottom) / 2 - 63.5)).toBeLessThan(2);
    expect(right - left).toBeGreaterThan(60);
  });
});

describe('mark set', () => {
  it('writes the variants, their dark twins and mark.json under mark/', async () => {
    const out = await files();
    expect([...out.keys()]).toEqual(['mark/wordmark.svg', 'mark/wordmark-dark.svg', 'mark/monogram.svg', 'mark/monogram-dark.svg', 'mark/mark.json']);
    expect(JSON.parse(out.get('mark/mark.json')!)).toEqual({
      name: 'Nova Studio',
      wordmark: { url: 'wordmark.svg', width: 40, height: 10 },
      monogram: { url: 'monogram.svg', width: 64, height: 64 },
      // No glyph in the config: the creator's wide mark would be illegible small, the monogram is not.
      glyph: { url: 'monogram.svg', width: 64, height: 64 },
      dark: { wordmark: 'wordmark-dark.svg', monogram: 'monogram-dark.svg', glyph: 'monogram-dark.svg' },
    });
  });

  it('uses the configured glyph when there is one, and no dark files without a dark palette', async () => {
    const input = testInput({ glyph: 'glyph.svg', colors: { brand: '#6d28d9', background: '#ffffff' } });
    const out = await files(input);
    expect([...out.keys()]).toEqual(['mark/wordmark.svg', 'mark/monogram.svg', 'mark/glyph.svg', 'mark/mark.json']);
    // The creator's own glyph, given the brand colour only where it sets no fill of its own.
    expect(out.get('mark/glyph.svg')).toBe(lightVariant(input.glyph, '#6d28d9'));
    expect(markJson(input).glyph).toEqual({ url: 'glyph.svg', width: 10, height: 10 });
    expect(markJson(input).dark).toBeUndefined();
  });

  it('is read by <drop-mark> as written: every variant, with its proportions and dark URL', async () => {
    const json = JSON.parse((await files()).get('mark/mark.json')!);
    const { manifest, problems } = readMarkManifest(json, 'https://cdn.example/nova/mark/mark.json', 'https://shop.example');
    expect(problems).toEqual([]);
    expect(manifest.name).toBe('Nova Studio');
    expect(manifest.variants.wordmark).toEqual({ url: 'https://cdn.example/nova/mark/wordmark.svg', aspect: 4, dark: 'https://cdn.example/nova/mark/wordmark-dark.svg' });
    expect(manifest.variants.monogram?.aspect).toBe(1);
    expect(manifest.variants.glyph?.dark).toBe('https://cdn.example/nova/mark/monogram-dark.svg');
  });

  it('repaints the wordmark in the dark palette', async () => {
    const out = await files();
    const light = draw(out.get('mark/wordmark.svg')!, 160);
    const dark = draw(out.get('mark/wordmark-dark.svg')!, 160);
    // TEST_WORDMARK: a brand bar with a background-coloured stripe through its middle.
    expect(colorDistance(pixelAt(light, 4, 4), hexRgb('#6d28d9'))).toBeLessThan(4);
    expect(colorDistance(pixelAt(dark, 4, 4), hexRgb('#a78bfa'))).toBeLessThan(4);
    expect(colorDistance(pixelAt(light, 80, 20), hexRgb('#ffffff'))).toBeLessThan(4);
    expect(colorDistance(pixelAt(dark, 80, 20), hexRgb('#111827'))).toBeLessThan(4);
  });

  it("uses the creator's own monogram SVG when the config names one", async () => {
    const supplied = { svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10" fill="#6d28d9"/></svg>', viewBox: [0, 0, 20, 10] as const, hasText: false };
    const input = { ...testInput({ monogram: 'monogram.svg' }), monogram: supplied };
    const out = await files(input);
    // Its root sets no fill, so the brand colour goes there; its rect keeps its own.
    expect(out.get('mark/monogram.svg')).toBe(supplied.svg.replace('viewBox="0 0 20 10"', 'viewBox="0 0 20 10" fill="#6d28d9"'));
    expect(out.get('mark/monogram-dark.svg')).toContain('<rect width="20" height="10" fill="#a78bfa"/>');
    expect(markJson(input).monogram).toEqual({ url: 'monogram.svg', width: 20, height: 10 });
    // Still the glyph's stand-in when the config has no glyph.
    expect(markJson(input).glyph).toEqual({ url: 'monogram.svg', width: 20, height: 10 });
  });

  it('loads the monogram named in creator.json through the sanitizer', async () => {
    const sources: Record<string, string> = {
      'mark.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10"/></svg>',
      'mono.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>',
      'evil.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>',
    };
    const config = (monogram: string) => ({ name: 'Nova', mark: 'mark.svg', monogram, colors: { brand: '#6d28d9', background: '#ffffff' } });
    const read = async (path: string) => new TextEncoder().encode(sources[path]!);
    const input = await prepareInput(config('mono.svg'), read);
    expect(input.monogram?.viewBox).toEqual([0, 0, 10, 10]);
    expect((await files(input)).get('mark/monogram.svg')).toContain('<circle');
    await expect(prepareInput(config('evil.svg'), read)).rejects.toThrowError(SvgRejectedError);
  });

  it('gives a name the font cannot draw no monogram, and falls back to the mark as glyph', async () => {
    const out = await files(testInput({ name: '東京スタジオ' }));
    expect([...out.keys()]).toContain('mark/glyph.svg');
    expect([...out.keys()]).not.toContain('mark/monogram.svg');
  });

  it('is byte-identical for the same config', async () => {
    const [a, b] = [await files(), await files()];
    expect([...a.entries()]).toEqual([...b.entries()]);
  });
});

/** 30×10: brand, a navy ink (1.3:1 on the dark background), a green that reads (6:1) — ten units each. */
const INK_WORDMARK: SanitizedSvg = {
  svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="10" height="10" fill="#6d28d9"/><rect x="10" width="10" height="10" fill="#1e2a5a"/><rect x="20" width="10" height="10" fill="#22aa55"/></svg>',
  viewBox: [0, 0, 30, 10],
  hasText: false,
};

/** The same ink written the other ways marks write colours: a class, a gradient, a name. */
const INK_ELSEWHERE: SanitizedSvg = {
  svg:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><defs><style>.ink{fill:#1E2A5A}.brand{fill:#6d28d9}</style>' +
    '<linearGradient id="fade"><stop offset="0" stop-color="#1e2a5a"/><stop offset="1" stop-color="#1b1b3a"/></linearGradient></defs>' +
    '<rect class="ink" width="10" height="10"/><rect x="10" width="10" height="10" fill="url(#fade)"/><rect x="20" width="10" height="5" fill="navy"/><rect class="brand" x="20" y="5" width="10" height="5"/></svg>',
  viewBox: [0, 0, 30, 10],
  hasText: false,
};

const DARK_BACKGROUND = '#111827';
const hexOf = (pixel: readonly number[]) => `#${pixel.slice(0, 3).map((channel) => channel.toString(16).padStart(2, '0')).join('')}` as HexColor;

describe('dark twins keep every colour of the mark readable', () => {
  it('lifts a navy third colour to at least 3:1 on the dark background, and keeps the palette swap', async () => {
    const out = await files({ ...testInput(), mark: INK_WORDMARK });
    const light = draw(out.get('mark/wordmark.svg')!, 300);
    const dark = draw(out.get('mark/wordmark-dark.svg')!, 300);
    // The light file is the creator's own: its navy would all but vanish on the dark background.
    expect(contrastRatio(hexOf(pixelAt(light, 150, 50)), DARK_BACKGROUND)).toBeLessThan(1.5);
    expect(contrastRatio(hexOf(pixelAt(dark, 150, 50)), DARK_BACKGROUND)).toBeGreaterThanOrEqual(3);
    expect(colorDistance(pixelAt(dark, 150, 50), hexRgb(readableTwin('#1e2a5a', DARK_BACKGROUND)))).toBeLessThan(2);
    expect(colorDistance(pixelAt(dark, 50, 50), hexRgb('#a78bfa'))).toBeLessThan(2);
    expect(colorDistance(pixelAt(dark, 250, 50), hexRgb('#22aa55'))).toBeLessThan(2);
  });

  it('draws a mark that sets no fill in the brand colour on light pages too, not black', async () => {
    const unfilled: SanitizedSvg = { svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10"/></svg>', viewBox: [0, 0, 30, 10], hasText: false };
    const light = (await files({ ...testInput(), mark: unfilled })).get('mark/wordmark.svg')!;
    expect(colorDistance(pixelAt(draw(light, 300), 150, 50), hexRgb('#6d28d9'))).toBeLessThan(2);
    const filled: SanitizedSvg = { ...unfilled, svg: unfilled.svg.replace('<svg ', '<svg fill="#22aa55" ') };
    expect((await files({ ...testInput(), mark: filled })).get('mark/wordmark.svg')).toBe(filled.svg);
    const empty: SanitizedSvg = { ...unfilled, svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"/>' };
    expect(lightVariant(empty, '#6d28d9')).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10" fill="#6d28d9"/>');
  });

  it('draws a currentColor mark (an icon-set SVG) in the brand colour, light and dark, not black', async () => {
    const icon: SanitizedSvg = {
      svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10" fill="none" stroke="currentColor" stroke-width="4"><path d="M0 5h30"/></svg>',
      viewBox: [0, 0, 30, 10],
      hasText: false,
    };
    const out = await files({ ...testInput(), mark: icon });
    expect(colorDistance(pixelAt(draw(out.get('mark/wordmark.svg')!, 300), 150, 50), hexRgb('#6d28d9'))).toBeLessThan(2);
    expect(colorDistance(pixelAt(draw(out.get('mark/wordmark-dark.svg')!, 300), 150, 50), hexRgb('#a78bfa'))).toBeLessThan(2);
    // A mark that names its own color keeps it.
    const own: SanitizedSvg = { ...icon, svg: icon.svg.replace('<svg ', '<svg color="#22aa55" ') };
    expect((await files({ ...testInput(), mark: own })).get('mark/wordmark.svg')).toBe(own.svg);
  });

  it('writes a well-formed dark twin of a mark with no content (one self-closing tag)', async () => {
    const empty: SanitizedSvg = { svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"/>', viewBox: [0, 0, 30, 10], hasText: false };
    const dark = (await files({ ...testInput(), mark: empty })).get('mark/wordmark-dark.svg')!;
    expect(dark).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 30 10" fill="#[0-9a-f]{6}"\/>$/);
    expect(() => new Resvg(dark)).not.toThrow();
  });

  it('leaves a colour that already reads untouched: no rule names it', async () => {
    const dark = (await files({ ...testInput(), mark: INK_WORDMARK })).get('mark/wordmark-dark.svg')!;
    expect(dark.split('#22aa55')).toHaveLength(2);
    expect(dark).toContain('<rect x="20" width="10" height="10" fill="#22aa55"/>');
  });

  it("lifts the ink where the mark's own stylesheet, a gradient or a colour name sets it", async () => {
    const dark = draw((await files({ ...testInput(), mark: INK_ELSEWHERE })).get('mark/wordmark-dark.svg')!, 300);
    for (const [x, y] of [[50, 50], [110, 50], [190, 50], [250, 25]] as const) {
      expect(contrastRatio(hexOf(pixelAt(dark, x, y)), DARK_BACKGROUND), `at ${x},${y}`).toBeGreaterThanOrEqual(3);
    }
    // The brand class swaps to the dark brand, as attributes always did.
    expect(colorDistance(pixelAt(dark, 250, 75), hexRgb('#a78bfa'))).toBeLessThan(2);
  });

  it("keeps the colour the mark's own element rule gives over its paint attribute (path{fill:…} over fill=\"<brand>\")", async () => {
    // A path written in the brand colour that the mark's sheet turns green, beside a brand rect the sheet does not reach.
    const mark: SanitizedSvg = {
      svg:
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><style>path{fill:#22aa55}</style>' +
        '<path d="M0 0h10v10H0z" fill="#6d28d9"/><rect x="10" width="10" height="10" fill="#6d28d9"/></svg>',
      viewBox: [0, 0, 20, 10],
      hasText: false,
    };
    const out = await files({ ...testInput(), mark });
    const light = draw(out.get('mark/wordmark.svg')!, 200);
    const dark = draw(out.get('mark/wordmark-dark.svg')!, 200);
    expect(colorDistance(pixelAt(light, 50, 50), hexRgb('#22aa55'))).toBeLessThan(2);
    expect(colorDistance(pixelAt(dark, 50, 50), hexRgb('#22aa55'))).toBeLessThan(2);
    expect(colorDistance(pixelAt(dark, 150, 50), hexRgb('#a78bfa'))).toBeLessThan(2);
  });

  it("paints every unreadable colour in the dark palette's ink when the creator gives one", async () => {
    const input = testInput({ colors: { brand: '#6d28d9', background: '#ffffff', dark: { brand: '#a78bfa', background: DARK_BACKGROUND, ink: '#e0e7ff' } } });
    const dark = draw((await files({ ...input, mark: INK_ELSEWHERE })).get('mark/wordmark-dark.svg')!, 300);
    for (const [x, y] of [[50, 50], [110, 50], [190, 50], [250, 25]] as const) expect(colorDistance(pixelAt(dark, x, y), hexRgb('#e0e7ff')), `at ${x},${y}`).toBeLessThan(2);
  });

  it("makes the demo creator's navy bars readable in wordmark-dark.svg", async () => {
    const input = await loadCreator(new URL('../../../../tools/demo/creator/creator.json', import.meta.url).pathname);
    const background = input.config.colors.dark!.background;
    const dark = draw((await files(input)).get('mark/wordmark-dark.svg')!, 384);
    // mark.svg is 192×64: the first bar spans x 64-176, y 14-24 (here doubled).
    expect(contrastRatio(hexOf(pixelAt(dark, 200, 38)), background)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(hexOf(pixelAt(dark, 200, 70)), background)).toBeGreaterThanOrEqual(3);
  });
});
