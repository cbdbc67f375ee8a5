import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import type { RasterJob, RenderContext } from '../plan/types.ts';

/**
 * Renders SVG that forge drew itself (badge frames, live dots) in this process. Never for a
 * creator's SVG: those go through the core's sanitizer and isolated renderer. Used by this folder's
 * tests and the badge bench to measure badge work alone.
 */
export function directRenderContext(): RenderContext {
  const rasterize = async (job: RasterJob): Promise<Uint8Array> => {
    const image = new Resvg(job.svg, { fitTo: { mode: 'width', value: job.width }, font: { loadSystemFonts: false } }).render();
    if (image.width !== job.width || image.height !== job.height) {
      throw new Error(`direct render: expected ${job.width}×${job.height}, drew ${image.width}×${image.height}`);
    }
    const raw = sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 4, premultiplied: true } });
    if (job.output === 'rgba') return raw.raw().toBuffer();
    if (job.output === 'webp') return raw.webp({ lossless: true }).toBuffer();
    return raw.png({ compressionLevel: 9, palette: job.palette ?? true }).toBuffer();
  };
  return { rasterize, rasterizeAll: (jobs) => Promise.all(jobs.map(rasterize)) };
}
