/**
 * `@dropkit/elements/react`: React components for every element, made with `@lit/react`, so React
 * code passes objects as properties and gets typed `on…` event props (`onDropState`, `onDropCheckout`,
 * …). Importing this registers the default `drop-*` tags. React 19 can also render the raw tags; see
 * `@dropkit/elements/jsx/react` for their types.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '../define.ts';
import { DropCountdown as DropCountdownElement } from '../countdown/countdown.ts';
import { DropButton as DropButtonElement } from '../button/button.ts';
import { DropMark as DropMarkElement } from '../mark/mark.ts';
import { DropClip as DropClipElement } from '../clip/clip.ts';
import { DropProduct as DropProductElement } from '../clip/product.ts';
import type { DropStateEvent } from '../shared/drop-state-event.ts';
import type { DropCheckoutEvent } from '../shared/checkout-event.ts';
import type { DropClipProgressEvent, DropProductClickEvent, DropProductViewEvent } from '../clip/events.ts';
import type { ReadonlyKeys } from '../jsx/props.ts';

const onDropCheckout = 'drop-checkout' as EventName<DropCheckoutEvent>;

/**
 * The component without props for the element's read-only properties (`stock`, `provider`,
 * `checkoutHref`): @lit/react types every element key as a prop and assigns it in strict mode, so
 * `<DropButton {...product}>` with a `stock` field threw and unmounted the whole tree.
 */
type Wrapper<C> =
  C extends React.ForwardRefExoticComponent<infer P>
    ? P extends React.RefAttributes<infer I>
      ? // Only the element's own: HTMLElement's read-only `children` is React's prop of that name.
        React.ForwardRefExoticComponent<Omit<P, Exclude<ReadonlyKeys<I>, keyof HTMLElement>>>
      : never
    : never;
const writableOnly = <C>(component: C) => component as Wrapper<C>;

/**
 * What @lit/react treats as element properties: it asks `prop in elementClass.prototype`. Standard
 * HTML attributes (`id`, `lang`, `hidden`, …) are answered "no", so they go through React, which sets
 * them when it creates the element rather than in a layout effect after it is connected, so a
 * `<drop-button drop="…">` finds its countdown's `id` from the first moment.
 */
function reactView<T extends CustomElementConstructor>(element: T): T {
  const prototype = new Proxy(element.prototype as object, {
    // No HTMLElement in a server render (Node): every key then is the element's own.
    has: (target, key) => !(typeof HTMLElement !== 'undefined' && key in HTMLElement.prototype) && Reflect.has(target, key),
  });
  return { prototype } as unknown as T;
}

export const DropCountdown = writableOnly(
  createComponent({
    react: React,
    tagName: 'drop-countdown',
    elementClass: reactView(DropCountdownElement),
    events: { onDropState: 'drop-state' as EventName<DropStateEvent> },
    displayName: 'DropCountdown',
  }),
);

export const DropButton = writableOnly(
  createComponent({
    react: React,
    tagName: 'drop-button',
    elementClass: reactView(DropButtonElement),
    events: { onDropCheckout },
    displayName: 'DropButton',
  }),
);

export const DropMark = writableOnly(
  createComponent({
    react: React,
    tagName: 'drop-mark',
    elementClass: reactView(DropMarkElement),
    displayName: 'DropMark',
  }),
);

export const DropClip = writableOnly(
  createComponent({
    react: React,
    tagName: 'drop-clip',
    elementClass: reactView(DropClipElement),
    events: {
      onDropProductView: 'drop-product-view' as EventName<DropProductViewEvent>,
      onDropProductClick: 'drop-product-click' as EventName<DropProductClickEvent>,
      onDropClipProgress: 'drop-clip-progress' as EventName<DropClipProgressEvent>,
      onDropCheckout,
    },
    displayName: 'DropClip',
  }),
);

export const DropProduct = writableOnly(
  createComponent({
    react: React,
    tagName: 'drop-product',
    elementClass: reactView(DropProductElement),
    displayName: 'DropProduct',
  }),
);
