import { describe, expect, it } from 'vitest';
import { HYSTERESIS, chooseVariant } from './choose.ts';

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
    const height = 30;
    const boundary = all.wordmark * height; // 120 px
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

  it('keeps what it shows while the element has no size yet', () => {
    expect(chooseVariant({ aspects: all, width: 0, height: 0, current: 'glyph' })).toBe('glyph');
    expect(chooseVariant({ aspects: all, width: 0, height: 0, current: null })).toBe('wordmark');
  });
});
