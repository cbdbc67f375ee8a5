import type { Sharp } from 'sharp';
import { loadSharp } from '../load-sharp.ts';
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

const animation = () => ({ loop: 0, delay: new Array<number>(BADGE_LOOP.frameCount).fill(BADGE_LOOP.frameDelayMs) });

/**
 * Animated GIF. Duplicate frames are kept so every format has the declared frame count and the
 * loop timing stays exact; the encoder's transparency optimisation makes an unchanged frame cost a
 * few bytes anyway.
 */
export async function encodeGif(strip: FrameStrip): Promise<Uint8Array> {
  const { loop, delay } = animation();
  return (await stacked(strip))
    .gif({ loop, delay: delay.slice(0, strip.frames.length), effort: 10, dither: 0, keepDuplicateFrames: true, interFrameMaxError: 0 })
    .toBuffer();
}

/** Animated WebP; lossless keeps the outlined text crisp and is the smaller choice for flat art. */
export async function encodeWebp(strip: FrameStrip): Promise<Uint8Array> {
  const { loop, delay } = animation();
  return (await stacked(strip))
    .webp({ loop, delay: delay.slice(0, strip.frames.length), lossless: true, effort: 6 })
    .toBuffer();
}

/** The resting frame as a PNG, palette-quantized when that keeps it visually lossless. */
export async function encodePng(width: number, height: number, rgba: Uint8Array): Promise<Uint8Array> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 9, effort: 10, palette: true, quality: 100, dither: 0 })
    .toBuffer();
}
