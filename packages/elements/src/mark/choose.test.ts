import { describe, expect, it } from 'vitest';
import { GLYPH_BELOW, HYSTERESIS, chooseVariant, type MarkVariant } from './choose.ts';

const all = { wordmark: 4, monogram: 1.2, glyph: 1 };

describe('chooseVariant', () => {
  it('shows the richest variant that fits the width at the element\'s height', () => {
    expect(chooseVariant({ aspects: all, width: 200, height: 32, current: null })).toBe('wordmark');
    expect(chooseVariant({ aspects: all, width: 100, height: 32, current: null })).toBe('monogram');
    expect(chooseVariant({ aspects: all, width: 32, height: 32, current: null })).toBe('glyph');
  });

  it('falls back to the plainest variant when nothing fits, and to the only one given', () => {
    expect(chooseVariant({ aspects: all, width: 10, height: 32, current: null })).toBe('glyph');
    expect(chooseVariant({ aspects: { wordmark: 4 }, width: 24, height: 24, current: null })).toBe('wordmark');
    expect(chooseVariant({ aspects: { monogram: 1 }, width: 500, height: 24, current: null })).toBe('monogram');
    expect(chooseVariant({ aspects: {}, width: 500, height: 24, current: null })).toBeNull();
  });

  it('does not flicker when the width hovers at a boundary', () => {
    const height = 40; // above GLYPH_BELOW: only widths decide here
    const boundary = all.wordmark * height; // 160 px
    let current = chooseVariant({ aspects: all, width: boundary - 1, height, current: null });
    expect(current).toBe('monogram');
    current = chooseVariant({ aspects: all, width: boundary, height, current });
    expect(current).toBe('wordmark');
    const seen = new Set<string>();
    for (const width of [boundary - 1, boundary + 1, boundary - 3, boundary, boundary * (1 - HYSTERESIS) + 0.5]) {
      current = chooseVariant({ aspects: all, width, height, current });
      seen.add(current!);
    }
    expect([...seen]).toEqual(['wordmark']);
    current = chooseVariant({ aspects: all, width: boundary * (1 - HYSTERESIS) - 1, height, current });
    expect(current).toBe('monogram');
    // Back down, the wordmark needs its full width again.
    expect(chooseVariant({ aspects: all, width: boundary - 2, height, current })).toBe('monogram');
    expect(chooseVariant({ aspects: all, width: boundary, height, current })).toBe('wordmark');
  });

  describe('below GLYPH_BELOW px high, with a square monogram and glyph as forge writes them', () => {
    const forge = { wordmark: 3, monogram: 1, glyph: 1 };

    it('shows the glyph where the monogram would fit as well', () => {
      expect(GLYPH_BELOW).toBe(32);
      for (const size of [16, 20, 24, 31]) {
        expect(chooseVariant({ aspects: forge, width: size, height: size, current: null }), `${size} px`).toBe('glyph');
        expect(chooseVariant({ aspects: forge, width: size * 2, height: size, current: null }), `${size} px, wider`).toBe('glyph');
      }
      expect(chooseVariant({ aspects: forge, width: 32, height: 32, current: null })).toBe('monogram');
      expect(chooseVariant({ aspects: forge, width: 48, height: 40, current: null })).toBe('monogram');
      // Nothing fits: the glyph, scaled down, still beats the monogram at small sizes.
      expect(chooseVariant({ aspects: forge, width: 10, height: 24, current: null })).toBe('glyph');
      // The rule only reorders monogram and glyph: the wordmark still shows where it fits, and
      // without a glyph the monogram is used at every size.
      expect(chooseVariant({ aspects: forge, width: 80, height: 24, current: null })).toBe('wordmark');
      expect(chooseVariant({ aspects: { wordmark: 3, monogram: 1 }, width: 24, height: 24, current: null })).toBe('monogram');
      expect(chooseVariant({ aspects: { wordmark: 3, monogram: 1 }, width: 10, height: 24, current: null })).toBe('monogram');
    });

    it('does not flicker when the height hovers at the boundary', () => {
      const choose = (height: number, current: MarkVariant | null) => chooseVariant({ aspects: forge, width: height, height, current });
      let current = choose(31, null);
      expect(current).toBe('glyph');
      current = choose(32, current);
      expect(current).toBe('monogram');
      const seen = new Set<string>();
      for (const height of [31, 32, 30, 31.5, 32 * (1 - HYSTERESIS) + 0.01]) {
        current = choose(height, current);
        seen.add(current!);
      }
      expect([...seen]).toEqual(['monogram']);
      current = choose(32 * (1 - HYSTERESIS) - 0.01, current);
      expect(current).toBe('glyph');
      for (const height of [30, 31, 31.9]) expect(choose(height, 'glyph'), `${height} px`).toBe('glyph');
    });
  });

  it('keeps what it shows while the element has no size yet', () => {
    expect(chooseVariant({ aspects: all, width: 0, height: 0, current: 'glyph' })).toBe('glyph');
    expect(chooseVariant({ aspects: all, width: 0, height: 0, current: null })).toBe('wordmark');
  });
});
