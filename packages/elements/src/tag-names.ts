import type { DropClip } from './clip/clip.ts';
import type { DropProduct } from './clip/product.ts';
import type { DropStateEvent } from './shared/drop-state-event.ts';
import type { DropCheckoutEvent } from './shared/checkout-event.ts';
import type { DropClipProgressEvent, DropProductClickEvent, DropProductViewEvent } from './clip/events.ts';

/** The default tag of every element, as registered by `@dropkit/elements/define`. */
export const DROP_TAGS = ['drop-countdown', 'drop-button', 'drop-mark', 'drop-clip', 'drop-product'] as const;
export type DropTagName = (typeof DROP_TAGS)[number];

/**
 * Every event a dropkit element fires, with its class. Named here, not read back from
 * `HTMLElementEventMap`: a declaration file keeps only the imports its types use, so the event
 * modules (which add the `HTMLElementEventMap` entries) reached a consumer only through these
 * imports. Without them `import '@dropkit/elements/define'` or the JSX types alone left
 * `addEventListener('drop-state', (e) => e.state)` an untyped `Event` and every `ondrop-*` handler's
 * parameter an implicit `any`.
 */
export interface DropEventMap {
  'drop-state': DropStateEvent;
  'drop-checkout': DropCheckoutEvent;
  'drop-product-view': DropProductViewEvent;
  'drop-product-click': DropProductClickEvent;
  'drop-clip-progress': DropClipProgressEvent;
}

/** Every event a dropkit element fires (each is a typed entry of `HTMLElementEventMap`). */
export type DropEventName = keyof DropEventMap;

// The other elements declare their own entries next to their classes; these two are declared here
// so that `document.querySelector('drop-clip')` is typed in every consumer.
declare global {
  interface HTMLElementTagNameMap {
    'drop-clip': DropClip;
    'drop-product': DropProduct;
  }
  // The events bubble and are composed, so analytics listen on the document, the window or the
  // shadow root the widgets live in; those have event maps of their own, which the element's does
  // not reach (`document.addEventListener('drop-checkout', (e) => e.href)` was an untyped Event).
  interface DocumentEventMap extends DropEventMap {}
  interface WindowEventMap extends DropEventMap {}
  interface ShadowRootEventMap extends DropEventMap {}
}
