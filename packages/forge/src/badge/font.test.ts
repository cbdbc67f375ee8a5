import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { advancePerPixel, BUNDLED_FONT, missingGlyphs, textBounds } from './font.ts';

/**
 * Forge measures and outlines text itself (so SVG badges need no font where they are shown). resvg
 * shapes the same font with a full shaper (rustybuzz); both must put the ink in the same place, or
 * a badge fitted by our measurement could be clipped or lopsided.
 */
describe('bundled font measurement', () => {
  it.each(['LIVE', 'AVATAR To Wa', 'Drop · Dec 5', 'Verified', 'Restock Friday', 'Живо Ωμέγα Café', 'Yes, LTA "Ty" 1 of 50'])(
    'places the ink of %j exactly where a full shaper does',
    (text) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="200"><text x="10" y="150" font-family="Inter" font-weight="700" font-size="100">${text}</text></svg>`;
      const shaped = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [BUNDLED_FONT.file], defaultFontFamily: 'Inter' } }).getBBox()!;
      const ours = textBounds(text, 100);
      expect(ours.x1).toBeCloseTo(shaped.x - 10, 1);
      expect(ours.x2 - ours.x1).toBeCloseTo(shaped.width, 1);
    },
  );

  it('kerns pairs from the GPOS table', () => {
    expect(advancePerPixel('AV')).toBeLessThan(advancePerPixel('A') + advancePerPixel('V') - 0.05);
    expect(advancePerPixel('To')).toBeLessThan(advancePerPixel('T') + advancePerPixel('o') - 0.05);
    expect(advancePerPixel('HH')).toBeCloseTo(2 * advancePerPixel('H'), 6);
  });

  it('knows which characters it cannot draw', () => {
    expect(missingGlyphs('Live ライブ 🔥')).toEqual(['ラ', 'イ', 'ブ', '🔥']);
    expect(missingGlyphs('Café Ωμέγα Живо')).toEqual([]);
  });
});
