import { defineElement } from '../shared/define.ts';
import { DropClip } from './clip.ts';
import { DropProduct } from './product.ts';
// Product cards are <drop-button>s inside the clip's shadow root, where the page-level loader does
// not look, so the clip's chunk defines the button itself (the IIFE has it anyway).
import '../button/define.ts';

// Types only: brings a consumer's TypeScript the clip's drop-* entries of HTMLElementEventMap (and the
// buy buttons' drop-checkout) with this entry alone (a declaration file keeps only the imports its
// types use).
export type { DropProductViewEvent, DropProductClickEvent, DropClipProgressEvent } from './events.ts';
export type { DropCheckoutEvent } from '../shared/checkout-event.ts';
export type { DropTagName } from '../tag-names.ts';

export function defineClip(tag = 'drop-clip', registry: CustomElementRegistry = customElements): void {
  defineElement(tag, DropClip, registry);
}

/** `<drop-product>` lives here too: a clip is always written with its products, so both arrive in one chunk. */
export function defineProduct(tag = 'drop-product', registry: CustomElementRegistry = customElements): void {
  defineElement(tag, DropProduct, registry);
}

defineClip();
defineProduct();
