import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { faviconSvg } from '../favicon/stage.ts';
import { colorDistance, decodePage, hexRgb, pixelAt, testInput, directRenderContext, TEST_GLYPH } from '../badge/testing.ts';
import { sanitizeSvg } from '../svg/sanitize.ts';
import { LIVE_DOT, LIVE_DOT_COLOR, LIVE_FAVICON_PNG_SIZE, liveFaviconStage, liveFaviconSvg } from './live-favicon.ts';

const context = directRenderContext();

function planned() {
  return new Map(liveFaviconStage.plan(testInput()).assets.map((asset) => [asset.name, asset]));
}

describe('live favicon', () => {
  it('plans favicon-live.svg and favicon-live.png, and adds nothing to head.html', () => {
    const contribution = liveFaviconStage.plan(testInput());
    expect(contribution.assets.map((asset) => [asset.name, asset.purpose, asset.width])).toEqual([
      ['favicon-live.svg', 'live-favicon', 64],
      ['favicon-live.png', 'live-favicon', LIVE_FAVICON_PNG_SIZE],
    ]);
    expect(contribution.headTags ?? []).toEqual([]);
  });

  it('is the favicon plus a red dot, dark mode included', async () => {
    const svg = new TextDecoder().decode(await planned().get('favicon-live.svg')!.render(context));
    const favicon = faviconSvg(testInput());
    expect(svg.startsWith(favicon.slice(0, favicon.lastIndexOf('</svg>')))).toBe(true);
    expect(svg).toContain(`fill="${LIVE_DOT_COLOR}" stroke="#ffffff"`);
    expect(svg).toContain('prefers-color-scheme:dark');
    expect(svg).not.toMatch(/<script|<text/iu);
  });

  it('draws the dot over the mark in the PNG, with the glyph still showing', async () => {
    const png = await decodePage(await planned().get('favicon-live.png')!.render(context));
    const scale = LIVE_FAVICON_PNG_SIZE / 64;
    expect([png.width, png.height]).toEqual([96, 96]);
    expect(colorDistance(pixelAt(png, LIVE_DOT.cx * scale, LIVE_DOT.cy * scale), hexRgb(LIVE_DOT_COLOR))).toBeLessThan(8);
    // The outline ring in the background colour separates dot and mark.
    const ring = pixelAt(png, (LIVE_DOT.cx - LIVE_DOT.r - 0.6) * scale, LIVE_DOT.cy * scale);
    expect(colorDistance(ring, hexRgb('#ffffff'))).toBeLessThan(40);
    // Top left of TEST_GLYPH is its green square.
    expect(colorDistance(pixelAt(png, 12, 12), hexRgb('#22aa55'))).toBeLessThan(8);
  });

  it('the SVG and the PNG agree, and both are deterministic', async () => {
    const svg = await planned().get('favicon-live.svg')!.render(context);
    const drawn = new Resvg(Buffer.from(svg), { fitTo: { mode: 'width', value: 96 }, font: { loadSystemFonts: false } }).render();
    expect(drawn.pixels[(Math.round(LIVE_DOT.cy * 1.5) * 96 + Math.round(LIVE_DOT.cx * 1.5)) * 4]).toBeGreaterThan(200);
    const again = planned();
    for (const name of ['favicon-live.svg', 'favicon-live.png']) {
      expect(Buffer.from(await again.get(name)!.render(context)).equals(Buffer.from(await planned().get(name)!.render(context)))).toBe(true);
    }
  });

  it("draws the dot red in the PNG when the glyph's sheet styles circles (it reaches the whole file)", async () => {
    const glyph = { ...TEST_GLYPH, svg: TEST_GLYPH.svg.replace('<rect', '<style>circle{fill:#1d1d1b;stroke:#1d1d1b}</style><rect') };
    const png = await decodePage(await context.rasterize({ svg: liveFaviconSvg({ ...testInput(), glyph }, 96), width: 96, height: 96, output: 'png' }));
    expect(colorDistance(pixelAt(png, LIVE_DOT.cx * 1.5, LIVE_DOT.cy * 1.5), hexRgb(LIVE_DOT_COLOR))).toBeLessThan(8);
    expect(colorDistance(pixelAt(png, (LIVE_DOT.cx - LIVE_DOT.r - 0.6) * 1.5, LIVE_DOT.cy * 1.5), hexRgb('#ffffff'))).toBeLessThan(40);
  });

  // A sheet that fades or hides circles (a duotone icon's circle{opacity:.4}) by what the dot's
  // paint did not set: the PNG showed a pale pink dot, or none, over the glyph.
  for (const rule of ['opacity:.3', 'fill-opacity:.3;stroke-opacity:.3', 'visibility:hidden', 'display:none', 'stroke-dasharray:1 30', 'transform:scale(.3)', 'filter:blur(6px)']) {
    it(`draws the dot solid red over a white outline in the PNG when the glyph's sheet says circle{${rule}}`, async () => {
      const glyph = { ...TEST_GLYPH, svg: TEST_GLYPH.svg.replace('<rect', `<style>circle{${rule}}</style><rect`) };
      const png = await decodePage(await context.rasterize({ svg: liveFaviconSvg({ ...testInput(), glyph }, 96), width: 96, height: 96, output: 'png' }));
      expect(colorDistance(pixelAt(png, LIVE_DOT.cx * 1.5, LIVE_DOT.cy * 1.5), [...hexRgb(LIVE_DOT_COLOR), 255])).toBeLessThan(8);
      expect(colorDistance(pixelAt(png, (LIVE_DOT.cx - LIVE_DOT.r - 0.6) * 1.5, LIVE_DOT.cy * 1.5), [255, 255, 255, 255])).toBeLessThan(40);
    });
  }
});

describe('favicon-live.svg fed back to forge', () => {
  it('keeps the outline round the dot when the file comes back as a mark or glyph', async () => {
    // The dot's outline is var(--dk-live-outline,#ffffff) in an important style (so a media rule
    // can turn it dark in browsers); the sanitizer wrote that as the stroke attribute, a paint
    // resvg cannot read, and the dot lost its outline wherever forge drew the file again.
    const sanitized = sanitizeSvg(liveFaviconSvg(testInput()), 'favicon-live.svg');
    const png = await decodePage(await context.rasterize({ svg: sanitized.svg, width: 96, height: 96, output: 'png' }));
    const ring = [(LIVE_DOT.cx - LIVE_DOT.r - 0.6) * 1.5, LIVE_DOT.cy * 1.5] as const;
    expect(colorDistance(pixelAt(png, ...ring), [255, 255, 255, 255])).toBeLessThan(40);
    expect(colorDistance(pixelAt(png, LIVE_DOT.cx * 1.5, LIVE_DOT.cy * 1.5), [...hexRgb(LIVE_DOT_COLOR), 255])).toBeLessThan(8);
  });
});
