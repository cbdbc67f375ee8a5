// The isolated renderer: a child process that owns resvg and sharp. resvg aborts the whole
// process on some inputs (no catchable error), so it must never run inside a creator's CLI or a
// marketplace server; the parent (render/isolated.ts) kills and replaces this process on a
// timeout or a crash. Plain JavaScript so the same file runs from src (vitest) and dist, and
// CommonJS because Node starts a CommonJS entry ~40 ms of CPU sooner than an ES module one, time
// every `dropkit forge` spends before its first image.
'use strict';
const zlib = require('node:zlib');

/**
 * resvg's own entry picks the platform binary after building a full process report to tell glibc
 * from musl (~7 ms at every start); the glibc/macOS/Windows binary is tried directly first, and a
 * system where it does not load falls back to that entry.
 */
function loadResvg() {
  const suffix = { linux: '-gnu', win32: '-msvc' }[process.platform] ?? '';
  try {
    const { Resvg } = require(`@resvg/resvg-js-${process.platform}-${process.arch}${suffix}`);
    return class extends Resvg {
      constructor(svg, options) {
        super(svg, JSON.stringify(options));
      }
    };
  } catch {
    return require('@resvg/resvg-js').Resvg;
  }
}
const Resvg = loadResvg();
const fontDirectory = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
// Text must look the same on every machine: only forge's bundled font, never the system's.
const FONT_OPTIONS = {
  loadSystemFonts: false,
  fontFiles: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'].map((file) => fontDirectory + file),
  defaultFontFamily: 'DejaVu Sans',
  sansSerifFamily: 'DejaVu Sans',
  serifFamily: 'DejaVu Sans',
  monospaceFamily: 'DejaVu Sans',
  cursiveFamily: 'DejaVu Sans',
  fantasyFamily: 'DejaVu Sans',
};
const NO_FONTS = { loadSystemFonts: false };

/**
 * sharp (libvips) is loaded only when an image needs it (gradients past 256 colours, WebP): most
 * icons are written by the indexed PNG writer below, and a renderer that starts faster makes
 * `dropkit forge` on one creator finish sooner.
 */
let sharpLoaded;
function loadSharp() {
  if (!sharpLoaded) {
    sharpLoaded = require('sharp');
    // Renderer processes share the cores; libvips' own thread pool would only fight them.
    sharpLoaded.concurrency(1);
    sharpLoaded.cache(false);
  }
  return sharpLoaded;
}

/** Palette PNGs whose decoded pixels stay this close to the original count as visually lossless. */
const MIN_PALETTE_PSNR = 40;

function rasterize(job) {
  const options = {
    fitTo: { mode: 'original' },
    font: job.svg.includes('<text') ? FONT_OPTIONS : NO_FONTS,
    logLevel: 'off',
  };
  const resvg = new Resvg(job.svg, options);
  // resvg allocates the canvas the document declares, and a huge one aborts this process; refuse
  // any document whose size is not the job's before a pixel is allocated.
  if (Math.ceil(resvg.width) !== job.width || Math.ceil(resvg.height) !== job.height) {
    throw new Error(`the document is ${resvg.width}x${resvg.height}, expected ${job.width}x${job.height}`);
  }
  const image = resvg.render();
  if (image.width !== job.width || image.height !== job.height) {
    throw new Error(`rendered ${image.width}x${image.height}, expected ${job.width}x${job.height}`);
  }
  // A fresh Buffer on every read of `pixels`: ours to change in place.
  return image.pixels;
}

/**
 * resvg hands out premultiplied RGBA; PNG, WebP and the stages want straight alpha. One pixel as a
 * little-endian 32-bit value (R in the low byte) in, the same out; a tint keeps only the alpha.
 * Pixels are read through Int32Array views: an opaque pixel is past 2^31, and a Uint32 read of
 * it is a heap-allocated number until V8 optimizes the loop, which a cold renderer never waits for.
 */
function straightPixel(value, tint) {
  const alpha = value >>> 24;
  if (tint !== undefined) return (tint | (alpha << 24)) >>> 0;
  if (alpha === 0) return 0;
  if (alpha === 255) return value;
  const channel = (shift) => Math.min(255, Math.round((((value >>> shift) & 0xff) * 255) / alpha));
  return (channel(0) | (channel(8) << 8) | (channel(16) << 16) | (alpha << 24)) >>> 0;
}

const tintValue = (job) => {
  if (!job.tint) return undefined;
  const [r, g, b] = [1, 3, 5].map((offset) => Number.parseInt(job.tint.slice(offset, offset + 2), 16));
  return r | (g << 8) | (b << 16);
};

function toStraight(pixels, tint) {
  const view = new Int32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4);
  let last = Number.NaN;
  let lastStraight = 0;
  for (let i = 0; i < view.length; i += 1) {
    const value = view[i];
    if (value !== last) {
      last = value;
      lastStraight = straightPixel(value, tint);
    }
    view[i] = lastStraight;
  }
  return pixels;
}

/**
 * Colour table of an image if it has at most 256 distinct straight RGBA values (icons usually do:
 * flat colours plus antialiasing), with each pixel's index; undefined otherwise. It indexes the
 * premultiplied pixels as they come and converts just the table (a tint: to the tint with each
 * value's alpha), so the per-pixel work is one lookup. Values that straighten (or tint) alike
 * share one entry: `remap` then maps each pixel's index to it, applied while the PNG rows are
 * packed rather than in a pass of its own.
 *
 * A tinted image runs through this same loop on purpose: every image before it has made the loop
 * fast, and a loop of its own ran cold (interpreted) over 512×512 pixels, ~9-17 ms measured.
 */
function indexColours(premultiplied, tint, counted = tableOf(premultiplied)) {
  // Straightening could merge some of these; the exact table then says whether it fits.
  if (!counted) return indexStraightColours(toStraight(premultiplied, tint));
  const straight = new Map();
  const remap = new Uint8Array(counted.table.size);
  let merged = false;
  for (const [value, index] of counted.table) {
    const colour = straightPixel(value, tint);
    let target = straight.get(colour);
    if (target === undefined) {
      target = straight.size;
      straight.set(colour, target);
    }
    remap[index] = target;
    if (target !== index) merged = true;
  }
  return { table: [...straight.keys()], indices: counted.indices, ...(merged ? { remap } : {}) };
}

/** The exact table of straight pixels, or none past 256 colours. */
function indexStraightColours(pixels) {
  const counted = tableOf(pixels);
  return counted ? { table: [...counted.table.keys()], indices: counted.indices } : { table: undefined, straight: pixels };
}

/**
 * Each distinct 32-bit pixel value with its index in order of first appearance, every pixel's
 * index, and how many pixels have each index (counted a run at a time, so free beside the lookup);
 * null past 256 values. One loop for every caller, so the ones that run later find it already
 * optimized.
 */
function tableOf(pixels) {
  const view = new Int32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4);
  const table = new Map();
  const indices = new Uint8Array(view.length);
  const counts = new Uint32Array(256);
  let last = Number.NaN;
  let lastIndex = 0;
  let runStart = 0;
  for (let i = 0; i < view.length; i += 1) {
    const value = view[i];
    if (value !== last) {
      counts[lastIndex] += i - runStart;
      runStart = i;
      let index = table.get(value);
      if (index === undefined) {
        if (table.size === 256) return null;
        index = table.size;
        table.set(value, index);
      }
      last = value;
      lastIndex = index;
    }
    indices[i] = lastIndex;
  }
  counts[lastIndex] += view.length - runStart;
  return { table, indices, counts };
}

// Node ≥ 20.15 computes it natively; older Node uses the table.
const CRC_TABLE = zlib.crc32
  ? undefined
  : Array.from({ length: 256 }, (_, n) => {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      return c >>> 0;
    });

function crc32(bytes) {
  if (!CRC_TABLE) return zlib.crc32(bytes);
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Flat icons are long runs of one index: run-length deflate is both smaller and ~40× faster than
 * level 9 on them; quantized gradients want the general one. Both are tried and the smaller wins;
 * the general one at level 9 only up to 96 px (the images every browser fetches: ICO entries,
 * favicon-96x96), where it costs ~1 ms. From 180 px up level 9 took 2-25 ms per image, a third of
 * a favicon set's CPU, for ~8 % of those images' bytes over level 6.
 */
function smallestDeflate(raw, pixelCount) {
  const runLength = zlib.deflateSync(raw, { level: 9, strategy: zlib.constants.Z_RLE });
  const general = zlib.deflateSync(raw, pixelCount <= 96 * 96 ? { level: 9, memLevel: 9 } : { level: 6 });
  return general.length < runLength.length ? general : runLength;
}

/**
 * An exact palette PNG, written directly: lossless where a quantizer would nudge brand colours by a
 * level, and the smallest bit depth that holds the table. The PNG container is a few chunks and
 * a zlib stream; node:zlib does the compression.
 */
const IDENTITY = Uint8Array.from({ length: 256 }, (_, index) => index);

function encodeIndexedPng(width, height, { table, indices, remap = IDENTITY }) {
  const bitDepth = table.length <= 2 ? 1 : table.length <= 4 ? 2 : table.length <= 16 ? 4 : 8;
  const perByte = 8 / bitDepth;
  const rowBytes = Math.ceil(width / perByte);
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let target = y * (rowBytes + 1) + 1; // filter byte 0 (none) suits indexed images best
    if (bitDepth === 8 && remap === IDENTITY) {
      raw.set(indices.subarray(row, row + width), target);
      continue;
    }
    // Leftmost pixel in the high bits; the row's last byte is padded with zeros.
    for (let x = 0; x < width; x += perByte) {
      let byte = 0;
      for (let k = 0; k < perByte; k += 1) byte = (byte << bitDepth) | (x + k < width ? remap[indices[row + x + k]] : 0);
      raw[target++] = byte;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = 3; // indexed colour
  const palette = Buffer.alloc(table.length * 3);
  const alpha = Buffer.alloc(table.length);
  table.forEach((value, index) => {
    // Little-endian pixel values: R is the low byte.
    palette[index * 3] = value & 0xff;
    palette[index * 3 + 1] = (value >>> 8) & 0xff;
    palette[index * 3 + 2] = (value >>> 16) & 0xff;
    alpha[index] = value >>> 24;
  });
  let alphaLength = table.length;
  while (alphaLength > 0 && alpha[alphaLength - 1] === 255) alphaLength -= 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', palette),
    ...(alphaLength > 0 ? [chunk('tRNS', alpha.subarray(0, alphaLength))] : []),
    chunk('IDAT', smallestDeflate(raw, width * height)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Peak signal-to-noise ratio of a decoded image against the original, both straight RGBA; an
 * opaque image is compared on its three colour channels. Colour is weighted by alpha (compared
 * premultiplied): a quantizer may give fully transparent pixels any colour, which nobody can see.
 */
function psnr(original, decoded, opaque) {
  const channels = opaque ? 3 : 4;
  let squared = 0;
  const pixelCount = original.length / 4;
  for (let p = 0; p < pixelCount; p += 1) {
    const alpha = original[p * 4 + 3];
    const decodedAlpha = channels === 4 ? decoded[p * 4 + 3] : 255;
    for (let c = 0; c < 3; c += 1) {
      const difference = (original[p * 4 + c] * alpha - decoded[p * 4 + c] * decodedAlpha) / 255;
      squared += difference * difference;
    }
    if (channels === 4) squared += (alpha - decodedAlpha) ** 2;
  }
  const mse = squared / (pixelCount * channels);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** `counted`: tableOf(premultiplied) when the caller has it already (a job measured for `shownOn`; null past 256 colours). */
async function encodePng(premultiplied, width, height, allowPalette, tint, counted) {
  if (allowPalette === false) return encodeTruecolourPng(toStraight(premultiplied, tint), width, height, false);
  const indexed = indexColours(premultiplied, tint, counted);
  if (indexed.table) return encodeIndexedPng(width, height, indexed);
  return encodeTruecolourPng(indexed.straight, width, height, true);
}

async function encodeTruecolourPng(pixels, width, height, allowPalette) {
  const sharp = await loadSharp();
  let opaque = true;
  for (let i = 3; i < pixels.length && opaque; i += 4) opaque = pixels[i] === 255;
  const source = () => {
    const image = sharp(pixels, { raw: { width, height, channels: 4 } });
    return opaque ? image.removeAlpha() : image;
  };
  const truecolour = () => source().png({ compressionLevel: 9, adaptiveFiltering: true, palette: false }).toBuffer();
  if (allowPalette === false) return truecolour();
  // Gradients and photos: a quantized palette is accepted only if its decoded pixels stay close.
  // No dithering: on icon gradients it scores higher and compresses to half the size. sharp only
  // quantizes (stored, not compressed: it is decoded at once); the indexed writer above then
  // compresses, as fast as for flat icons instead of zlib level 9's tens of ms at 512 px.
  const palette = await source().png({ palette: true, colours: 256, quality: 100, effort: 1, compressionLevel: 0, dither: 0 }).toBuffer();
  const decoded = await sharp(palette).ensureAlpha().raw().toBuffer();
  if (psnr(pixels, decoded, opaque) < MIN_PALETTE_PSNR) return truecolour();
  const indexed = indexStraightColours(decoded);
  return indexed.table ? encodeIndexedPng(width, height, indexed) : truecolour();
}

/**
 * The box holding every pixel that shows the drawing itself ({ left, top, right, bottom }, right
 * and bottom exclusive), or undefined when no pixel shows at all. A pixel counts when its alpha is
 * at least half the image's strongest: a solid shape's own edge (half-covered pixels) counts, the
 * faint tail of a glow, a blur or a soft shadow around it does not, so a small logo with a wide
 * glow still reads as small; a drawing that is faint all over (a watermark at 20 % opacity, a lone
 * faint pixel) is measured against its own strongest pixel. Premultiplied, alpha is the high byte.
 * The first pass stops at the first opaque pixel (almost every mark has one); the second reads each
 * row from the left up to its first counted pixel and from the right down to its last, so a
 * drawing's inside is never read. It runs once or twice per forge run in a fresh renderer, i.e.
 * interpreted, which is why stages measure their smallest images (docs/forge.md).
 */
function visibleBox(pixels, width, height) {
  const view = new Int32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4);
  let strongest = 0;
  for (let i = 0; i < view.length && strongest < 255; i += 1) {
    const alpha = view[i] >>> 24;
    if (alpha > strongest) strongest = alpha;
  }
  if (strongest === 0) return undefined;
  // alpha * 2 >= strongest, i.e. alpha >= 128 for a drawing with an opaque pixel.
  const least = (strongest + 1) >> 1;
  let left = width;
  let right = 0;
  let top = -1;
  let bottom = 0;
  for (let y = 0, row = 0; y < height; y += 1, row += width) {
    const end = row + width;
    let i = row;
    while (i < end && view[i] >>> 24 < least) i += 1;
    if (i === end) continue;
    if (top < 0) top = y;
    bottom = y + 1;
    if (i - row < left) left = i - row;
    let j = end - 1;
    while (view[j] >>> 24 < least) j -= 1;
    if (j - row + 1 > right) right = j - row + 1;
  }
  return { left, top, right, bottom };
}

/**
 * How many pixels of the box show the drawing itself, by visibleBox's rule (alpha at least half the
 * strongest, which the box's own pixels include). Reads every pixel of the box: asked only for the
 * monochrome icon, whose silhouette's share of its safe area the favicon stage advises on.
 */
function filledIn(pixels, width, box) {
  const view = new Int32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4);
  let strongest = 0;
  for (let y = box.top; y < box.bottom && strongest < 255; y += 1) {
    for (let i = y * width + box.left, end = y * width + box.right; i < end; i += 1) if (view[i] >>> 24 > strongest) strongest = view[i] >>> 24;
  }
  const least = (strongest + 1) >> 1;
  let filled = 0;
  for (let y = box.top; y < box.bottom; y += 1) {
    for (let i = y * width + box.left, end = y * width + box.right; i < end; i += 1) if (view[i] >>> 24 >= least) filled += 1;
  }
  return filled;
}

/**
 * The share of a picture's drawn pixels that must reach a contrast for the picture to count as
 * showing in it: the contrast the most visible 1 % reach. Not the single most visible pixel: a
 * gradient's far end, a speck or one stray dark pixel would make a faint picture count as
 * visible. 1 % keeps what does show a shape: a thin dark outline around a pale fill is 3-5 % of
 * its pixels, small dark lettering on a pale shape more.
 */
const SHOWN_SHARE = 0.01;

/** WCAG relative luminance's linear light of each 8-bit sRGB value (as badge/colors.ts luminanceOf). */
const LINEAR = Float64Array.from({ length: 256 }, (_, value) => {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
/**
 * Each channel's part of the luminance in units of 2^-24, so a pixel's luminance step is three
 * integer lookups, two additions and a shift: cheap even in a loop the renderer has not optimized
 * yet, which is every loop that runs only a few times per forge run.
 */
const FIXED_ONE = 1 << 24;
const [RED_PART, GREEN_PART, BLUE_PART] = [0.2126, 0.7152, 0.0722].map((weight) => Int32Array.from(LINEAR, (linear) => Math.round(weight * linear * FIXED_ONE)));
/** Pixels are grouped by luminance in 2^14 steps (the part's units >>> 10): colours in one step differ by < 0.001 in contrast. */
const STEP_SHIFT = 10;
const STEPS = (FIXED_ONE >>> STEP_SHIFT) + 1;
/**
 * The tally of one measure: pixels per luminance step, the first colour met in each (0xBBGGRR, as
 * the pixels hold it), and the steps used, which are all that is read and cleared afterwards. One
 * set for the process: the child draws one job at a time.
 */
const stepCounts = new Uint32Array(STEPS);
const stepColours = new Int32Array(STEPS);
const stepsUsed = new Int32Array(STEPS);
const tally = { used: 0, drawn: 0, sameAsTile: 0, red: 0, green: 0, blue: 0, tile: 0 };

function startTally(background) {
  const [red, green, blue] = [1, 3, 5].map((offset) => Number.parseInt(background.slice(offset, offset + 2), 16));
  Object.assign(tally, { used: 0, drawn: 0, sameAsTile: 0, red, green, blue, tile: red | (green << 8) | (blue << 16) });
}

/** `count` pixels of one premultiplied value, laid on the background as a browser lays them. */
function addPixels(value, count) {
  const alpha = value >>> 24;
  if (alpha === 0) return;
  let colour = value & 0xffffff;
  if (alpha !== 255) {
    // Premultiplied: the pixel's own colour plus the background's through what it leaves uncovered.
    const left = 255 - alpha;
    const red = Math.min(255, (value & 0xff) + (((tally.red * left) / 255 + 0.5) | 0));
    const green = Math.min(255, ((value >>> 8) & 0xff) + (((tally.green * left) / 255 + 0.5) | 0));
    const blue = Math.min(255, ((value >>> 16) & 0xff) + (((tally.blue * left) / 255 + 0.5) | 0));
    colour = red | (green << 8) | (blue << 16);
  }
  if (colour === tally.tile) {
    tally.sameAsTile += count;
    return;
  }
  const step = (RED_PART[colour & 0xff] + GREEN_PART[(colour >>> 8) & 0xff] + BLUE_PART[colour >>> 16]) >>> STEP_SHIFT;
  if (stepCounts[step] === 0) {
    stepColours[step] = colour;
    stepsUsed[tally.used++] = step;
  }
  stepCounts[step] += count;
  tally.drawn += count;
}

const luminanceOf = (colour) => 0.2126 * LINEAR[colour & 0xff] + 0.7152 * LINEAR[(colour >>> 8) & 0xff] + 0.0722 * LINEAR[colour >>> 16];
const hexOf = (colour) => `#${[colour & 0xff, (colour >>> 8) & 0xff, colour >>> 16].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;

/**
 * The tally's answer (see shownOn), clearing the steps it used for the next. The contrast grows
 * with the distance from the tile's luminance on either side, so the steps sorted by luminance
 * (a native numeric sort, no comparator to interpret) are ranked from both ends inwards, taking
 * the more contrasting of the two each time, until SHOWN_SHARE of the drawn pixels is reached.
 */
function endTally(background) {
  const used = stepsUsed.subarray(0, tally.used).sort();
  const tile = luminanceOf(tally.tile);
  const ratioOf = (step) => {
    const shade = luminanceOf(stepColours[step]);
    return (Math.max(shade, tile) + 0.05) / (Math.min(shade, tile) + 0.05);
  };
  let answer;
  if (tally.drawn === 0) {
    if (tally.sameAsTile > 0) answer = { colour: background.toLowerCase(), ratio: 1 };
  } else {
    const wanted = tally.drawn * SHOWN_SHARE;
    let reached = 0;
    for (let low = 0, high = used.length - 1; low <= high; ) {
      const lowRatio = ratioOf(used[low]);
      const highRatio = ratioOf(used[high]);
      const step = lowRatio >= highRatio ? used[low++] : used[high--];
      reached += stepCounts[step];
      if (reached >= wanted) {
        answer = { colour: hexOf(stepColours[step]), ratio: Math.max(lowRatio, highRatio) };
        break;
      }
    }
  }
  for (const step of used) stepCounts[step] = 0;
  return answer;
}

/**
 * Past 256 colours about this many pixels are read, spread over the whole image: this loop runs a
 * few times per forge run in a fresh renderer, not optimized yet (every pixel of a 512 px gradient
 * took 10-150 ms there), and what is measured is a share of the pixels, which 4,096 of them give
 * within ~0.2 % (the standard error of a 1 % share). Measured cold on a gradient whose every pixel
 * differs, 2-core machine under load: 1.3-5 ms of CPU per image with 4,096, 2.5-5 with 16,384.
 */
const SAMPLED_PIXELS = 4096;

/**
 * How well the drawing in `premultiplied` shows laid on `background` (`#rrggbb`): `{ colour,
 * ratio }`, the colour and WCAG contrast against the background that the most visible SHOWN_SHARE
 * of the drawn pixels reach. A pixel is laid on the background as a browser lays it; one that
 * comes out exactly the background's colour is not drawn (on a tile it cannot be told from the
 * tile). No pixel drawn: the background itself at 1:1 when something was laid on it in exactly
 * its colour, undefined when every pixel is transparent. One rule whatever the image: with the
 * colour table the PNG writer builds anyway (`counted`, at most 256 colours: every pixel counted)
 * one value per colour, otherwise (gradients, photos) pixels spread over the image
 * (SAMPLED_PIXELS); both grouped by luminance, which is all the contrast depends on.
 */
function shownOn(premultiplied, width, counted, background) {
  startTally(background);
  if (counted) {
    for (const [value, index] of counted.table) addPixels(value, counted.counts[index]);
    return endTally(background);
  }
  const view = new Int32Array(premultiplied.buffer, premultiplied.byteOffset, premultiplied.length / 4);
  // Every pixel up to SAMPLED_PIXELS, else every stride-th: a lattice over the whole image, its
  // columns moving from row to row, since a stride that divides the width would read the same
  // columns on every row.
  let stride = Math.max(1, Math.floor(view.length / SAMPLED_PIXELS));
  if (stride > 1 && width % stride === 0) stride += 1;
  for (let i = stride >> 1; i < view.length; i += stride) addPixels(view[i], 1);
  return endTally(background);
}

/**
 * The encoded image, and with `measure` what was asked of its pixels, read before encoding (which
 * straightens them in place): where its visible pixels lie (`box`), or with the job's `shownOn`
 * how well it shows laid on that colour (`shown`) instead.
 */
async function run(job, measure) {
  const premultiplied = rasterize(job);
  const box = measure && !job.shownOn ? visibleBox(premultiplied, job.width, job.height) : undefined;
  const filled = measure && job.countFilled ? (box ? filledIn(premultiplied, job.width, box) : 0) : undefined;
  const shows = measure && job.shownOn !== undefined;
  // The colour table, with how many pixels have each colour: a PNG's writer takes it from here, and
  // for raw pixels its loop, run for every image, is a faster read than one of the measure's own.
  const counted = shows && job.output !== 'webp' ? tableOf(premultiplied) : undefined;
  const shown = shows ? shownOn(premultiplied, job.width, counted, job.shownOn) : undefined;
  const tint = tintValue(job);
  switch (job.output) {
    case 'rgba':
      return { bytes: toStraight(premultiplied, tint), box, shown, filled };
    case 'webp':
      return { bytes: await loadSharp()(toStraight(premultiplied, tint), { raw: { width: job.width, height: job.height, channels: 4 } }).webp({ lossless: true, effort: 6 }).toBuffer(), box, shown, filled };
    default:
      return { bytes: await encodePng(premultiplied, job.width, job.height, job.palette, tint, counted), box, shown, filled };
  }
}

async function answer(message) {
  try {
    const { bytes, box, shown, filled } = await run(message.job, message.measure === true);
    process.send({
      id: message.id,
      ok: true,
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      ...(box ? { box } : {}),
      ...(shown ? { shown } : {}),
      ...(filled !== undefined ? { filled } : {}),
    });
  } catch (error) {
    process.send({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

/** A turn of the event loop: IPC messages that arrived while an image was drawn are read first. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

// The parent queues the next job here while one is drawn (no round trip between images), and
// holds the oldest unanswered job responsible for a hang or a crash: so strictly one at a time,
// in the order sent.
let drawing = Promise.resolve();
/** Jobs received and not started. */
const waiting = new Set();
/**
 * Jobs the parent no longer wants (their forge run was aborted) while they waited here: answered
 * `skipped` without drawing. A job already being drawn finishes; nothing interrupts resvg.
 */
const cancelled = new Set();

async function start(message) {
  // The IPC pipe must be read between the end of one job and the start of the next, or a cancel
  // sent while the last image was drawn comes too late. One setImmediate is not always enough: a
  // job that ended in the poll phase (JS work after a sharp callback) would have its successor's
  // turn in the same loop iteration, before the next poll; the second comes after it. Measured: no
  // difference in a 509-image run; with none, an aborted job queued in the child was drawn 1 in 3.
  await nextTurn();
  await nextTurn();
  waiting.delete(message.id);
  if (cancelled.delete(message.id)) process.send({ id: message.id, skipped: true });
  else await answer(message);
}

process.on('message', (message) => {
  if (message.cancel !== undefined) {
    if (waiting.has(message.cancel)) cancelled.add(message.cancel);
    return;
  }
  waiting.add(message.id);
  drawing = drawing.then(() => start(message));
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
