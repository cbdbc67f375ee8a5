/**
 * `@dropkit/elements`: the element classes, their event classes and the shared vocabulary. Importing
 * this registers nothing (a marketplace decides the tags and the registry); `@dropkit/elements/define`
 * or `@dropkit/elements/<element>/define` registers the default `drop-*` tags.
 */
export { DropCountdown } from './countdown/countdown.ts';
export { DropButton } from './button/button.ts';
export { DropMark } from './mark/mark.ts';
export { DropClip, CLIP_PLAYBACK, type ClipPlayback } from './clip/clip.ts';
export { DropProduct } from './clip/product.ts';

export { DropStateEvent } from './shared/drop-state-event.ts';
export { DropCheckoutEvent, type DropCheckoutDetail } from './shared/checkout-event.ts';
export {
  DropProductViewEvent,
  DropProductClickEvent,
  DropClipProgressEvent,
  type ClipProductDetail,
} from './clip/events.ts';

export { DROP_STATES, isDropState, VERSION, type DropState } from './shared/vocabulary.ts';
export { CHECKOUT_PROVIDERS, type CheckoutProvider } from './shared/checkout.ts';
export { FORMATS as COUNTDOWN_FORMATS, type CountdownFormat } from './countdown/format.ts';
export { DROP_TAGS, type DropTagName, type DropEventName, type DropEventMap } from './tag-names.ts';
