import Color from 'colorjs.io';
import { describe, expect, it } from 'vitest';
import { resolvePaint } from './colours.ts';

describe('resolvePaint', () => {
  it('gives each inherited colour its own mix, whatever was resolved before (the cache is shared by every mark)', () => {
    // Both spelled rgb(49.804% 0% 0%) by toString(); half of each with black falls either side of 63.5/255.
    const lower = new Color('srgb', [0.498039, 0, 0]);
    const upper = new Color('srgb', [0.4980393, 0, 0]);
    const mix = 'color-mix(in srgb, currentColor 50%, black)';
    expect(resolvePaint(mix, lower)).toBe('#3f0000');
    expect(resolvePaint(mix, upper)).toBe('#400000');
    expect(resolvePaint(mix, lower)).toBe('#3f0000');
  });
});
