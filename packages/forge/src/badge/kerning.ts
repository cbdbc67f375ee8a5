/**
 * Pair kerning from a font's GPOS table (the `kern` feature's PairPos lookups, extension lookups
 * included). opentype.js parses GPOS but leaves Inter's extension lookups, which hold its class
 * kerning, unread; without them "AV" or "To" sit visibly apart. Read-only: a missing or unusual
 * table simply means no kerning.
 */

const PAIR_ADJUSTMENT = 2;
const EXTENSION = 9;

type Subtable = (left: number, right: number) => number | undefined;

function popcount(value: number): number {
  let count = 0;
  for (let bits = value; bits; bits &= bits - 1) count += 1;
  return count;
}

class Reader {
  constructor(private readonly view: DataView) {}
  u16(offset: number): number {
    return this.view.getUint16(offset);
  }
  i16(offset: number): number {
    return this.view.getInt16(offset);
  }
  u32(offset: number): number {
    return this.view.getUint32(offset);
  }
}

/** Index of `glyph` in a Coverage table, or -1. */
function coverageIndex(data: Reader, offset: number, glyph: number): number {
  const format = data.u16(offset);
  const count = data.u16(offset + 2);
  if (format === 1) {
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = data.u16(offset + 4 + middle * 2);
      if (value === glyph) return middle;
      if (value < glyph) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
  if (format === 2) {
    for (let index = 0; index < count; index += 1) {
      const record = offset + 4 + index * 6;
      const start = data.u16(record);
      if (glyph >= start && glyph <= data.u16(record + 2)) return data.u16(record + 4) + glyph - start;
    }
  }
  return -1;
}

function classOf(data: Reader, offset: number, glyph: number): number {
  const format = data.u16(offset);
  if (format === 1) {
    const start = data.u16(offset + 2);
    const count = data.u16(offset + 4);
    return glyph >= start && glyph < start + count ? data.u16(offset + 6 + (glyph - start) * 2) : 0;
  }
  if (format === 2) {
    const count = data.u16(offset + 2);
    for (let index = 0; index < count; index += 1) {
      const record = offset + 4 + index * 6;
      if (glyph >= data.u16(record) && glyph <= data.u16(record + 2)) return data.u16(record + 4);
    }
  }
  return 0;
}

/** The first value record's XAdvance, the only adjustment horizontal kerning uses. */
function xAdvance(data: Reader, record: number, valueFormat: number): number {
  return valueFormat & 0x4 ? data.i16(record + 2 * popcount(valueFormat & 0x3)) : 0;
}

function pairSubtable(data: Reader, offset: number): Subtable | undefined {
  const format = data.u16(offset);
  const coverage = offset + data.u16(offset + 2);
  const valueFormat1 = data.u16(offset + 4);
  const valueFormat2 = data.u16(offset + 6);
  const recordSize1 = 2 * popcount(valueFormat1);
  const recordSize2 = 2 * popcount(valueFormat2);
  if (format === 1) {
    return (left, right) => {
      const index = coverageIndex(data, coverage, left);
      if (index < 0 || index >= data.u16(offset + 8)) return undefined;
      const pairSet = offset + data.u16(offset + 10 + index * 2);
      const count = data.u16(pairSet);
      const stride = 2 + recordSize1 + recordSize2;
      for (let pair = 0; pair < count; pair += 1) {
        const record = pairSet + 2 + pair * stride;
        if (data.u16(record) === right) return xAdvance(data, record + 2, valueFormat1);
      }
      return undefined;
    };
  }
  if (format === 2) {
    const classDef1 = offset + data.u16(offset + 8);
    const classDef2 = offset + data.u16(offset + 10);
    const class1Count = data.u16(offset + 12);
    const class2Count = data.u16(offset + 14);
    const stride = recordSize1 + recordSize2;
    return (left, right) => {
      if (coverageIndex(data, coverage, left) < 0) return undefined;
      const class1 = classOf(data, classDef1, left);
      const class2 = classOf(data, classDef2, right);
      if (class1 >= class1Count || class2 >= class2Count) return 0;
      return xAdvance(data, offset + 16 + (class1 * class2Count + class2) * stride, valueFormat1);
    };
  }
  return undefined;
}

/**
 * A kerning function in font units for glyph indices, from raw GPOS bytes. Lookups apply in the
 * order the `kern` feature lists them and add up; within a lookup the first subtable covering the
 * pair decides, as a shaper does.
 */
export function gposKerning(gpos: Uint8Array | undefined): (left: number, right: number) => number {
  if (!gpos || gpos.byteLength < 10) return () => 0;
  try {
    const data = new Reader(new DataView(gpos.buffer, gpos.byteOffset, gpos.byteLength));
    const featureList = data.u16(6);
    const lookupList = data.u16(8);
    const lookupIndices = new Set<number>();
    for (let index = 0; index < data.u16(featureList); index += 1) {
      const record = featureList + 2 + index * 6;
      const tag = String.fromCharCode(data.u16(record) >> 8, data.u16(record) & 255, data.u16(record + 2) >> 8, data.u16(record + 2) & 255);
      if (tag !== 'kern') continue;
      const feature = featureList + data.u16(record + 4);
      for (let lookup = 0; lookup < data.u16(feature + 2); lookup += 1) lookupIndices.add(data.u16(feature + 4 + lookup * 2));
    }
    const lookups: Subtable[][] = [];
    for (const lookupIndex of [...lookupIndices].sort((a, b) => a - b)) {
      const lookup = lookupList + data.u16(lookupList + 2 + lookupIndex * 2);
      const type = data.u16(lookup);
      const subtables: Subtable[] = [];
      for (let index = 0; index < data.u16(lookup + 4); index += 1) {
        let subtable = lookup + data.u16(lookup + 6 + index * 2);
        if (type === EXTENSION) {
          if (data.u16(subtable + 2) !== PAIR_ADJUSTMENT) continue;
          subtable += data.u32(subtable + 4);
        } else if (type !== PAIR_ADJUSTMENT) continue;
        const read = pairSubtable(data, subtable);
        if (read) subtables.push(read);
      }
      if (subtables.length > 0) lookups.push(subtables);
    }
    const cache = new Map<number, number>();
    return (left, right) => {
      const key = left * 65536 + right;
      let value = cache.get(key);
      if (value === undefined) {
        value = 0;
        for (const subtables of lookups) {
          for (const subtable of subtables) {
            const adjustment = subtable(left, right);
            if (adjustment !== undefined) {
              value += adjustment;
              break;
            }
          }
        }
        cache.set(key, value);
      }
      return value;
    };
  } catch {
    return () => 0;
  }
}
