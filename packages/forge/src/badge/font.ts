import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import { ForgeError } from '../errors.ts';
import { gposKerning } from './kerning.ts';

const require = createRequire(import.meta.url);

/**
 * The one font forge draws text with (badges, monograms, the social card). Text leaves forge as
 * outlines, never as `<text>`: an SVG badge then looks the same in every browser and mail client,
 * and rasterizing it needs no font at all, so the same config gives the same bytes on any machine.
 */
export const BUNDLED_FONT = {
  family: 'Inter',
  weight: 700,
  license: 'OFL-1.1',
  /** Absolute path, for renderers that take font files (resvg `fontFiles`). */
  file: require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
} as const;

export class TextError extends ForgeError {
  declare readonly code: 'text-missing-glyphs' | 'text-too-long' | 'text-empty';
}

let loaded: { font: opentype.Font; kerning: (left: number, right: number) => number } | undefined;

/** A table of a TrueType/OpenType file by tag, straight from the table directory. */
function sfntTable(bytes: Uint8Array, tag: string): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let index = 0; index < view.getUint16(4); index += 1) {
    const record = 12 + index * 16;
    if (String.fromCharCode(...bytes.subarray(record, record + 4)) === tag) {
      return bytes.subarray(view.getUint32(record + 8), view.getUint32(record + 8) + view.getUint32(record + 12));
    }
  }
  return undefined;
}

function load(): NonNullable<typeof loaded> {
  if (!loaded) {
    const bytes = readFileSync(BUNDLED_FONT.file);
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    loaded = { font, kerning: gposKerning(sfntTable(bytes, 'GPOS')) };
  }
  return loaded;
}

function font(): opentype.Font {
  return load().font;
}

/**
 * Glyphs of `text` with their pen positions in font units: advance widths plus GPOS pair kerning.
 * Glyphs are placed one by one because opentype.js's shaper throws on Inter's contextual lookups;
 * a single line of Latin, Greek or Cyrillic needs no more than this.
 */
function place(text: string): { glyphs: { glyph: opentype.Glyph; x: number }[]; advance: number } {
  const { font: f, kerning } = load();
  const glyphs: { glyph: opentype.Glyph; x: number }[] = [];
  let pen = 0;
  let previous: opentype.Glyph | undefined;
  for (const character of text) {
    const glyph = f.charToGlyph(character);
    if (previous) pen += kerning(previous.index, glyph.index);
    glyphs.push({ glyph, x: pen });
    pen += glyph.advanceWidth ?? 0;
    previous = glyph;
  }
  return { glyphs, advance: pen };
}

/**
 * Characters of `text` the bundled font has no glyph for, each once, in order of appearance.
 * Private-use characters count as missing even where Inter maps them: it keeps its own alternates
 * there (U+E002 is a second "G"), so a character pasted from an icon font (Material Icons,
 * Font Awesome) was drawn as a letter the creator never wrote.
 */
export function missingGlyphs(text: string): string[] {
  const missing = new Set<string>();
  for (const character of text) {
    if (character === ' ') continue;
    if (font().charToGlyphIndex(character) === 0 || /\p{Co}/u.test(character)) missing.add(character);
  }
  return [...missing];
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What an emoji is made of, apart from the joiners and selectors normalizeText drops: pictographs, flag letters, skin tones, the keycap. */
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u{20E3}/u;

/** A missing character as a refusal names it: quoted as JSON (a control character escaped), with what kind of thing it is when that is the reason. */
function named(character: string): string {
  const kind = EMOJI.test(character)
    ? ', an emoji'
    : /\p{Co}/u.test(character)
      ? ', a private-use character, as icon fonts use'
      : '';
  return `${JSON.stringify(character)} (${codePoint(character)}${kind})`;
}

/**
 * Collapses whitespace (a badge is one line) and refuses text the font cannot draw, naming the
 * characters, because a missing glyph would otherwise render as nothing at all.
 *
 * Accents typed as separate marks (macOS and many pasted texts write "é" as e + U+0301) are joined
 * to their letter first: glyphs are placed one by one, with no mark positioning, so a lone accent
 * would land after its letter. Invisible characters (soft hyphen, zero-width space and joiner,
 * variation selectors) draw nothing in any case and are dropped rather than refused.
 */
export function normalizeText(text: string, field: string, advice = 'Use Latin, Greek or Cyrillic text.'): string {
  const collapsed = text
    .normalize('NFC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (collapsed === '') throw new TextError('text-empty', `Expected visible text for ${field} but received ${JSON.stringify(text)}`);
  const missing = missingGlyphs(collapsed);
  if (missing.length > 0) {
    const list = missing.slice(0, 5).map(named).join(', ');
    // Emoji are refused, not drawn: Inter has none, and a colour emoji font would be a second
    // font whose pictures differ from the ones the reader's own phone shows for the same emoji.
    const emoji = missing.some((character) => EMOJI.test(character))
      ? ' Emoji cannot be drawn: leave them out or write the word.'
      : '';
    throw new TextError(
      'text-missing-glyphs',
      `${field} ${JSON.stringify(collapsed)} uses characters the bundled font (${BUNDLED_FONT.family}) cannot draw: ${list}` +
        `${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}.${emoji} ${advice}`,
    );
  }
  const loneMark = /(.?)(\p{M})/su.exec(collapsed);
  if (loneMark) {
    throw new TextError(
      'text-missing-glyphs',
      `${field} ${JSON.stringify(collapsed)} has an accent forge cannot place: ${codePoint(loneMark[2]!)}${loneMark[1] ? ` after "${loneMark[1]}"` : ' at the start'} ` +
        '(there is no single character for that letter with it). Use letters that exist with their accent, such as "é".',
    );
  }
  return collapsed;
}

/** Vertical metrics as fractions of the font size. */
export function fontMetrics(): { capHeight: number; ascender: number; descender: number } {
  const f = font();
  const os2 = f.tables['os2'] as { sCapHeight?: number } | undefined;
  return {
    capHeight: (os2?.sCapHeight ?? f.ascender * 0.7) / f.unitsPerEm,
    ascender: f.ascender / f.unitsPerEm,
    descender: f.descender / f.unitsPerEm,
  };
}

/** Advance width of `text` at a font size of 1 (multiply by the size for pixels). */
export function advancePerPixel(text: string): number {
  return place(text).advance / font().unitsPerEm;
}

/** SVG path data for `text` with its baseline starting at (x, baseline). */
export function textPath(text: string, x: number, baseline: number, size: number): string {
  const scale = size / font().unitsPerEm;
  return place(text)
    .glyphs.map(({ glyph, x: offset }) => glyph.getPath(x + offset * scale, baseline, size).toPathData(2))
    .join('');
}

/** The ink box of `text` drawn at size with its baseline at y = 0 (y grows downwards, as in SVG). */
export function textBounds(text: string, size: number): { x1: number; y1: number; x2: number; y2: number } {
  const scale = size / font().unitsPerEm;
  const box = { x1: Number.POSITIVE_INFINITY, y1: Number.POSITIVE_INFINITY, x2: Number.NEGATIVE_INFINITY, y2: Number.NEGATIVE_INFINITY };
  for (const { glyph, x } of place(text).glyphs) {
    const glyphBox = glyph.getPath(x * scale, 0, size).getBoundingBox();
    if (glyphBox.x2 > glyphBox.x1) {
      box.x1 = Math.min(box.x1, glyphBox.x1);
      box.y1 = Math.min(box.y1, glyphBox.y1);
      box.x2 = Math.max(box.x2, glyphBox.x2);
      box.y2 = Math.max(box.y2, glyphBox.y2);
    }
  }
  return Number.isFinite(box.x1) ? box : { x1: 0, y1: 0, x2: 0, y2: 0 };
}
