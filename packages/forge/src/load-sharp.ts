import type sharpDefault from 'sharp';

let loading: Promise<typeof sharpDefault> | undefined;

/**
 * sharp (libvips) takes ~45 ms to load, which every `import '@dropkit/forge'` (the Vite plugin on
 * each dev-server start) paid even when only the favicon set was made. Only the badge encoder and
 * the social card use it in this process, so they load it on first use.
 */
export function loadSharp(): Promise<typeof sharpDefault> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
