import type { DropClip } from './clip/clip.ts';
import type { DropProduct } from './clip/product.ts';

/** The default tag of every element, as registered by `@dropkit/elements/define`. */
export const DROP_TAGS = ['drop-countdown', 'drop-button', 'drop-mark', 'drop-clip', 'drop-product'] as const;
export type DropTagName = (typeof DROP_TAGS)[number];

/** Every event a dropkit element fires (each is a typed entry of `HTMLElementEventMap`). */
export type DropEventName = Extract<keyof HTMLElementEventMap, `drop-${string}`>;

// The other elements declare their own entries next to their classes; these two are declared here
// so that `document.querySelector('drop-clip')` is typed in every consumer.
declare global {
  interface HTMLElementTagNameMap {
    'drop-clip': DropClip;
    'drop-product': DropProduct;
  }
}
