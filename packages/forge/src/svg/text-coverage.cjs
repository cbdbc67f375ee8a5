// Which characters the isolated renderer can draw. The sanitizer requires this file only when a
// mark has text: a mark without text (most) pays for neither this module nor the font reads.
// CommonJS for that reason: an ES module cannot be loaded synchronously from the sanitizer, and a
// static import would cost every run ~1-2 ms (measured; its Unicode property regex alone is
// compiled when the module is parsed). Plain JavaScript, so the same file runs from src (vitest)
// and dist (copied by scripts/copy-runtime.mjs).
'use strict';
const { closeSync, openSync, readSync } = require('node:fs');

/**
 * The font files the renderer draws `<text>` with (`FONT_OPTIONS` in render/render-child.cjs; a
 * test keeps the two lists in step). No machine font is ever used, so a character none of these
 * has a glyph for comes out as a box or nothing at all.
 */
const RENDERER_FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'];

function readAt(fd, position, length) {
  const bytes = Buffer.alloc(length);
  if (readSync(fd, bytes, 0, length, position) !== length) throw new Error(`a bundled font ends before byte ${position + length}`);
  return bytes;
}

/**
 * The font's Unicode cmap (format 12, which all four DejaVu faces carry) as its groups: first and
 * last code point and the first one's glyph, three numbers each, in code point order. Only the
 * table directory and the cmap (~6 KB) are read, not the 750 KB file.
 */
function readCmapGroups(file) {
  const fd = openSync(file, 'r');
  try {
    const tableCount = readAt(fd, 4, 2).readUInt16BE(0);
    const directory = readAt(fd, 12, tableCount * 16);
    let cmap;
    for (let record = 0; record < directory.length; record += 16) {
      if (directory.toString('latin1', record, record + 4) === 'cmap') {
        cmap = readAt(fd, directory.readUInt32BE(record + 8), directory.readUInt32BE(record + 12));
      }
    }
    if (!cmap) throw new Error(`${file} has no cmap table`);
    let subtable;
    for (let index = 0; index < cmap.readUInt16BE(2); index += 1) {
      const record = 4 + index * 8;
      // Windows platform (3), full Unicode repertoire (10): the format 12 subtable.
      if (cmap.readUInt16BE(record) === 3 && cmap.readUInt16BE(record + 2) === 10) subtable = cmap.readUInt32BE(record + 4);
    }
    if (subtable === undefined || cmap.readUInt16BE(subtable) !== 12) throw new Error(`${file} has no format 12 Unicode cmap`);
    const groups = new Uint32Array(cmap.readUInt32BE(subtable + 12) * 3);
    for (let index = 0; index < groups.length; index += 1) groups[index] = cmap.readUInt32BE(subtable + 16 + index * 4);
    return groups;
  } finally {
    closeSync(fd);
  }
}

function hasGlyph(groups, codePoint) {
  let low = 0;
  let high = groups.length / 3 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (codePoint < groups[middle * 3]) high = middle - 1;
    else if (codePoint > groups[middle * 3 + 1]) low = middle + 1;
    // Glyph 0 is .notdef: the box a missing character is drawn as.
    else return groups[middle * 3 + 2] + codePoint - groups[middle * 3] !== 0;
  }
  return false;
}

/**
 * A character is drawn if any of the four faces has it, whatever face its font-weight or
 * font-style asks for: resvg takes a character the chosen face lacks from another loaded face
 * (measured: a bold U+1D5A0, which only the regular face has, draws the regular glyph; a character
 * no face has draws the same box in every face).
 */
let faces;
function drawable(codePoint) {
  if (!faces) {
    const directory = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
    faces = RENDERER_FONT_FILES.map((file) => readCmapGroups(directory + file));
  }
  return faces.some((groups) => hasGlyph(groups, codePoint));
}

/**
 * Characters the renderer draws as nothing on purpose, so they need no glyph: whitespace (resvg
 * lays out U+3000 and a tab as space, measured) and default-ignorable code points (zero-width
 * joiners and spaces, variation selectors such as the U+FE0F of an emoji, a byte order mark),
 * which the text shaper drops.
 */
const DRAWN_AS_NOTHING = /[\s\p{Default_Ignorable_Code_Point}]/u;

/** Characters of `text` that no bundled face has a glyph for, each once, in order of appearance. */
function charactersWithoutGlyph(text) {
  const missing = new Set();
  for (const character of text) {
    if (DRAWN_AS_NOTHING.test(character)) continue;
    if (!drawable(character.codePointAt(0))) missing.add(character);
  }
  return [...missing];
}

module.exports = { RENDERER_FONT_FILES, charactersWithoutGlyph };
