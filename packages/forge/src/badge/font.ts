import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import { ForgeError } from '../errors.ts';

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

let loaded: opentype.Font | undefined;

function font(): opentype.Font {
  if (!loaded) {
    const bytes = readFileSync(BUNDLED_FONT.file);
    loaded = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return loaded;
}

/** Characters of `text` the bundled font has no glyph for, each once, in order of appearance. */
export function missingGlyphs(text: string): string[] {
  const missing = new Set<string>();
  for (const character of text) {
    if (character === ' ') continue;
    if (font().charToGlyphIndex(character) === 0) missing.add(character);
  }
  return [...missing];
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Collapses whitespace (a badge is one line) and refuses text the font cannot draw, naming the
 * characters, because a missing glyph would otherwise render as nothing at all.
 */
export function normalizeText(text: string, field: string): string {
  const collapsed = text.replace(/\s+/gu, ' ').trim();
  if (collapsed === '') throw new TextError('text-empty', `Expected visible text for ${field} but received ${JSON.stringify(text)}`);
  const missing = missingGlyphs(collapsed);
  if (missing.length > 0) {
    const list = missing.slice(0, 5).map((character) => `"${character}" (${codePoint(character)})`).join(', ');
    throw new TextError(
      'text-missing-glyphs',
      `${field} ${JSON.stringify(collapsed)} uses characters the bundled font (${BUNDLED_FONT.family}) cannot draw: ${list}` +
        `${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}. Use Latin, Greek or Cyrillic text.`,
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
  const f = font();
  let units = 0;
  for (const character of text) units += f.charToGlyph(character).advanceWidth ?? 0;
  return units / f.unitsPerEm;
}

/**
 * SVG path data for `text` with its baseline starting at (x, baseline). Glyphs are placed by their
 * advance widths one by one: opentype.js's shaper throws on Inter's contextual lookups, and for a
 * single line of badge text the difference from a full shaper is a fraction of a pixel of kerning.
 */
export function textPath(text: string, x: number, baseline: number, size: number): string {
  const f = font();
  const scale = size / f.unitsPerEm;
  let pen = x;
  let data = '';
  for (const character of text) {
    const glyph = f.charToGlyph(character);
    data += glyph.getPath(pen, baseline, size).toPathData(2);
    pen += (glyph.advanceWidth ?? 0) * scale;
  }
  return data;
}

/** The ink box of `text` drawn at size with its baseline at y = 0 (y grows downwards, as in SVG). */
export function textBounds(text: string, size: number): { x1: number; y1: number; x2: number; y2: number } {
  const f = font();
  const scale = size / f.unitsPerEm;
  let pen = 0;
  const box = { x1: Number.POSITIVE_INFINITY, y1: Number.POSITIVE_INFINITY, x2: Number.NEGATIVE_INFINITY, y2: Number.NEGATIVE_INFINITY };
  for (const character of text) {
    const glyph = f.charToGlyph(character);
    const glyphBox = glyph.getPath(pen, 0, size).getBoundingBox();
    if (glyphBox.x2 > glyphBox.x1) {
      box.x1 = Math.min(box.x1, glyphBox.x1);
      box.y1 = Math.min(box.y1, glyphBox.y1);
      box.x2 = Math.max(box.x2, glyphBox.x2);
      box.y2 = Math.max(box.y2, glyphBox.y2);
    }
    pen += (glyph.advanceWidth ?? 0) * scale;
  }
  return Number.isFinite(box.x1) ? box : { x1: 0, y1: 0, x2: 0, y2: 0 };
}
