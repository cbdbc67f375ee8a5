/**
 * How forge counts and quotes a creator's text. JavaScript's `length` counts UTF-16 units, so an
 * emoji counted 2 and an accented letter pasted decomposed (macOS pastes NFD: "é" as "e" and
 * U+0301) counted 2: an 80-character label of such letters was refused at 40. JSON Schema's
 * `maxLength`, which an editor checks the config against, counts code points.
 */

/**
 * The unit of every text limit, as refusals say it: a code point of the text in NFC, which is what
 * JSON Schema counts for text already in NFC (nearly all typed text), and what a reader sees as one
 * character for every letter the bundled font draws (emoji, which a grapheme count would count as
 * one, are refused on badges and the card anyway).
 */
export const CHARACTER_UNIT = 'characters (Unicode code points, counted in NFC)';

/** The number of code points of `text` in NFC. */
export function characterCount(text: string): number {
  const normal = text.normalize('NFC');
  // A code point beyond U+FFFF is two units: the units less those.
  return normal.length - (normal.match(/[\u{10000}-\u{10FFFF}]/gu)?.length ?? 0);
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The first `max` code points of `text`, cut where a character ends: never inside a surrogate pair
 * (JSON.stringify showed the half as "\ud83d"), and where it can be, not inside a grapheme either
 * (a flag or an emoji family cut into its parts, a letter without its accent). Only a prefix is
 * segmented, so a hostile megabyte of text costs no more than a short one. Returns the text whole
 * when it is no longer than `max`.
 */
export function cutText(text: string, max: number): { text: string; cut: boolean } {
  // Most text is short: no segmenter for it (an object of 100 000 keys has each key cut).
  if (text.length <= max) return { text, cut: false };
  // `max` code points are at most 2 * max units; the rest tells whether the last grapheme goes on.
  const prefix = text.slice(0, 2 * max + 2);
  let kept = '';
  let points = 0;
  for (const { segment, index } of GRAPHEMES.segment(prefix)) {
    const size = [...segment].length;
    // The prefix's last segment may be cut by the slice: taken only when the prefix is the text.
    const whole = index + segment.length < prefix.length || prefix.length === text.length;
    if (points + size > max || !whole) break;
    kept += segment;
    points += size;
  }
  if (kept.length === text.length) return { text, cut: false };
  // One grapheme longer than `max` (a letter under a pile of accents): cut at a code point instead.
  if (points === 0) kept = [...prefix].slice(0, max).join('');
  return { text: kept, cut: true };
}

/**
 * A received value in a refusal, short and unambiguous: a stranger's payload is never echoed whole
 * (strings are cut at 40 characters, see cutText). One wording for the schema's checks and the
 * badge and social-card readers, which each had a copy.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = cutText(value, 40);
    return JSON.stringify(shown.cut ? `${shown.text}…` : value);
  }
  return `${typeof value} ${String(value)}`;
}
