import { describe, expect, it } from 'vitest';
import { characterCount, cutText } from './characters.ts';

describe('characterCount', () => {
  it('counts code points of the text in NFC: a decomposed letter is one, an emoji is one', () => {
    expect(characterCount('e\u0301'.repeat(80))).toBe(80);
    expect(characterCount('🎉')).toBe(1);
    // Code points, not graphemes, as JSON Schema's maxLength counts: a family is five.
    expect(characterCount('👨‍👩‍👧')).toBe(5);
  });
});

describe('cutText', () => {
  it('never cuts inside a surrogate pair', () => {
    expect(cutText(`${'a'.repeat(39)}🎉🎉`, 40)).toEqual({ text: `${'a'.repeat(39)}🎉`, cut: true });
    expect(JSON.stringify(cutText('🎉'.repeat(100_000), 40).text)).not.toMatch(/\\ud/u);
  });

  it('keeps a grapheme whole or leaves it out', () => {
    // Two flags are four code points: the second does not fit in 40, and half of it would be a letter.
    expect(cutText(`${'x'.repeat(37)}🇩🇪🇫🇷`, 40).text).toBe(`${'x'.repeat(37)}🇩🇪`);
    expect(cutText(`${'x'.repeat(39)}e\u0301`, 40).text).toBe('x'.repeat(39));
  });

  it('cuts one grapheme longer than the limit at a code point', () => {
    expect([...cutText(`e${'\u0301'.repeat(100)}`, 40).text].length).toBe(40);
  });

  it('returns short text whole', () => {
    expect(cutText('short', 40)).toEqual({ text: 'short', cut: false });
    expect(cutText('🎉'.repeat(40), 40)).toEqual({ text: '🎉'.repeat(40), cut: false });
  });
});
