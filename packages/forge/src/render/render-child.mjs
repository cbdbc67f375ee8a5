// The isolated renderer: a child process that owns resvg and sharp. resvg aborts the whole
// process on some inputs (no catchable error), so it must never run inside a creator's CLI or a
// marketplace server; the parent (render/isolated.ts) kills and replaces this process on a
// timeout or a crash. Plain JavaScript so the same file runs from src (vitest) and dist.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
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

// Two renderer processes share two cores; libvips' own thread pool would only fight them.
sharp.concurrency(1);
sharp.cache(false);

/** Palette PNGs whose decoded pixels stay this close to the original count as visually lossless. */
const MIN_PALETTE_PSNR = 40;

function hexToRgb(hex) {
  return [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
}

function rasterize(job) {
  const options = {
    fitTo: { mode: 'original' },
    font: job.svg.includes('<text') ? FONT_OPTIONS : NO_FONTS,
    logLevel: 'off',
  };
  const image = new Resvg(job.svg, options).render();
  if (image.width !== job.width || image.height !== job.height) {
    throw new Error(`rendered ${image.width}x${image.height}, expected ${job.width}x${job.height}`);
  }
  // resvg hands out premultiplied RGBA; everything below works on straight alpha.
  const pixels = Buffer.from(image.pixels);
  const tint = job.tint ? hexToRgb(job.tint) : undefined;
  for (let i = 0; i < pixels.length; i += 4) {
    const alpha = pixels[i + 3];
    if (tint) {
      pixels[i] = tint[0];
      pixels[i + 1] = tint[1];
      pixels[i + 2] = tint[2];
    } else if (alpha !== 0 && alpha !== 255) {
      for (let c = 0; c < 3; c += 1) pixels[i + c] = Math.min(255, Math.round((pixels[i + c] * 255) / alpha));
    } else if (alpha === 0) {
      pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
    }
  }
  return pixels;
}

function describe(pixels) {
  let opaque = true;
  const colours = new Set();
  const view = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4);
  for (let i = 0; i < view.length; i += 1) {
    if (pixels[i * 4 + 3] !== 255) opaque = false;
    if (colours.size <= 256) colours.add(view[i]);
  }
  return { opaque, colours: colours.size };
}

function psnr(original, decoded, channels) {
  let squared = 0;
  const pixelCount = original.length / 4;
  for (let p = 0; p < pixelCount; p += 1) {
    for (let c = 0; c < channels; c += 1) {
      const difference = original[p * 4 + c] - decoded[p * channels + c];
      squared += difference * difference;
    }
  }
  const mse = squared / (pixelCount * channels);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

async function encodePng(pixels, width, height, allowPalette) {
  const { opaque, colours } = describe(pixels);
  const channels = opaque ? 3 : 4;
  const source = () => {
    const image = sharp(pixels, { raw: { width, height, channels: 4 } });
    return opaque ? image.removeAlpha() : image;
  };
  const truecolour = () => source().png({ compressionLevel: 9, adaptiveFiltering: true, palette: false }).toBuffer();
  if (allowPalette === false) return truecolour();
  // Icons are mostly flat colour plus antialiasing, so a palette almost always fits. libimagequant
  // may still nudge a colour by a level, so every palette is decoded and compared with the
  // original before it is accepted.
  const exact = colours <= 256;
  const palette = await source()
    .png({ palette: true, colours: exact ? Math.max(2, colours) : 256, quality: 100, effort: 1, compressionLevel: 9, dither: exact ? 0 : 1 })
    .toBuffer();
  const decoder = sharp(palette);
  const decoded = await (opaque ? decoder.removeAlpha() : decoder.ensureAlpha()).raw().toBuffer();
  if (psnr(pixels, decoded, channels) >= MIN_PALETTE_PSNR) return palette;
  return truecolour();
}

async function run(job) {
  const pixels = rasterize(job);
  switch (job.output) {
    case 'rgba':
      return pixels;
    case 'webp':
      return sharp(pixels, { raw: { width: job.width, height: job.height, channels: 4 } }).webp({ lossless: true, effort: 6 }).toBuffer();
    default:
      return encodePng(pixels, job.width, job.height, job.palette);
  }
}

process.on('message', async (message) => {
  try {
    const bytes = await run(message.job);
    process.send({ id: message.id, ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) });
  } catch (error) {
    process.send({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
