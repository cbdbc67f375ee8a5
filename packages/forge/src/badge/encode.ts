import type { Sharp } from 'sharp';
import { loadSharp } from '../load-sharp.ts';
import type { HexColor } from '../plan/types.ts';
import { rgbOf } from './colors.ts';
import { BADGE_LOOP } from './motion.ts';

/** Straight-alpha RGBA frames of one size, in loop order. */
export interface FrameStrip {
  width: number;
  height: number;
  frames: readonly Uint8Array[];
}

async function stacked(strip: FrameStrip): Promise<Sharp> {
  const sharp = await loadSharp();
  const { width, height, frames } = strip;
  const pixels = Buffer.concat(frames.map((frame) => Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength)));
  return sharp(pixels, { raw: { width, height: height * frames.length, channels: 4, pageHeight: height } });
}

// sharp's loop is the number of plays (the GIF's NETSCAPE count is one less; the WebP's the same).
const animation = () => ({ loop: BADGE_LOOP.plays, delay: new Array<number>(BADGE_LOOP.frameCount).fill(BADGE_LOOP.frameDelayMs) });

/**
 * GIF keeps a pixel or drops it: the encoder keeps the half-covered and more of the pill's rim in
 * its own colour and drops the rest, a stair step on any background. Where the file is for one
 * background, the kept rim pixels are blended onto it here (the matte), so the edge is smooth
 * there; the same pixels, the same shape, only their colour changes.
 */
export function matted(strip: FrameStrip, matte: HexColor): FrameStrip {
  const [red, green, blue] = rgbOf(matte);
  const frames = strip.frames.map((frame) => {
    const out = Uint8Array.from(frame);
    for (let i = 0; i < out.length; i += 4) {
      const alpha = out[i + 3]!;
      if (alpha === 255 || alpha === 0) continue;
      if (alpha < 128) {
        out[i + 3] = 0;
        continue;
      }
      out[i] = Math.round((out[i]! * alpha + red * (255 - alpha)) / 255);
      out[i + 1] = Math.round((out[i + 1]! * alpha + green * (255 - alpha)) / 255);
      out[i + 2] = Math.round((out[i + 2]! * alpha + blue * (255 - alpha)) / 255);
      out[i + 3] = 255;
    }
    return out;
  });
  return { ...strip, frames };
}

/**
 * Animated GIF. Duplicate frames are kept so every format has the declared frame count and the
 * loop timing stays exact; the encoder's transparency optimisation makes an unchanged frame cost a
 * few bytes anyway. `matte`: the background the file is for (matted), none for a file shown on
 * any background, whose rim keeps its own colour (a matte would ring it on the others).
 */
export async function encodeGif(strip: FrameStrip, matte?: HexColor): Promise<Uint8Array> {
  const { loop, delay } = animation();
  return (await stacked(matte ? matted(strip, matte) : strip))
    .gif({ loop, delay: delay.slice(0, strip.frames.length), effort: 10, dither: 0, keepDuplicateFrames: true, interFrameMaxError: 0 })
    .toBuffer();
}

/**
 * The byte offset of the ANIM chunk's payload in a WebP file, or undefined. The payload starts with
 * the background colour (4 bytes, B G R A), then the loop count.
 */
function webpAnimPayload(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // RIFF header (12 bytes), then chunks: a 4-byte tag, a 4-byte little-endian size, the payload padded to even.
  for (let offset = 12; offset + 8 <= bytes.length; offset += 8 + view.getUint32(offset + 4, true) + (view.getUint32(offset + 4, true) % 2)) {
    if (String.fromCharCode(...bytes.subarray(offset, offset + 4)) === 'ANIM') return offset + 8;
  }
  return undefined;
}

/**
 * Animated WebP; lossless keeps the outlined text crisp and is the smaller choice for flat art.
 * libwebp writes opaque white as the animation's background colour, which the format lets a
 * viewer paint under the first frame: the rounded corners of a badge for a dark page would show
 * white there. It is made transparent (browsers ignore the colour either way).
 */
export async function encodeWebp(strip: FrameStrip): Promise<Uint8Array> {
  const { loop, delay } = animation();
  const bytes = await (await stacked(strip))
    .webp({ loop, delay: delay.slice(0, strip.frames.length), lossless: true, effort: 6 })
    .toBuffer();
  const background = webpAnimPayload(bytes);
  if (background !== undefined) bytes.fill(0, background, background + 4);
  return bytes;
}

/** The resting frame as a PNG, palette-quantized when that keeps it visually lossless. */
export async function encodePng(width: number, height: number, rgba: Uint8Array): Promise<Uint8Array> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 9, effort: 10, palette: true, quality: 100, dither: 0 })
    .toBuffer();
}
