/**
 * Every tag the script-tag loader knows, each with the chunk that defines it. A page pays only for
 * the elements it actually uses. Add a line here when a new element ships.
 */
export const lazyElements: Record<string, () => Promise<unknown>> = {
  'drop-countdown': () => import('../countdown/define.ts'),
  'drop-button': () => import('../button/define.ts'),
  'drop-mark': () => import('../mark/define.ts'),
  'drop-clip': () => import('../clip/define.ts'),
  'drop-product': () => import('../clip/define.ts'),
};
