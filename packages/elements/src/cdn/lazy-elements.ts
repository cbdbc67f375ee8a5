/**
 * Every tag the script-tag loader knows, each with the chunk that defines it. A page pays only for
 * the elements it actually uses. Add a line here when a new element ships.
 */
export const lazyElements: Record<string, () => Promise<unknown>> = {
  // The chunk also exports the calendar helpers its lazy .ics chunk imports; discarding the module
  // here spares it a namespace object (and the helper that builds one).
  'drop-countdown': () => import('../countdown/define.ts').then(() => {}),
  'drop-button': () => import('../button/define.ts'),
  'drop-mark': () => import('../mark/define.ts'),
  'drop-clip': () => import('../clip/define.ts'),
  'drop-product': () => import('../clip/define.ts'),
};
