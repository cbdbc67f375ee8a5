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
    // On a server (no HTMLElement) none is: @lit/react leaves element properties out of the HTML
    // (it sets them in a layout effect, which a server never runs), so they go to React as
    // attributes, under the names serverAttributes gives them.
    has: (target, key) => onClient && !(key in HTMLElement.prototype) && Reflect.has(target, key),
  });
  return { prototype } as unknown as T;
}

const onClient = typeof HTMLElement !== 'undefined';

/**
 * On a server, the wrapper writes each element property the element reads from an attribute as
 * that attribute (`timeZone` → `time-zone`, a `Date` as ISO text, `true` as present), so the server
 * HTML says which drop a button follows and what a mark is called. Without it a page showed, from
 * the moment the tags registered until React hydrated, a live buy button before its drop, a
 * countdown without a time and a mark hidden from screen readers. On the client: the wrapper as is.
 */
function serverAttributes<C>(component: C, element: { readonly observedAttributes: string[]; elementProperties: Map<PropertyKey, { attribute?: boolean | string }> }): C {
  if (onClient) return component;
  void element.observedAttributes; // finalizes the class: elementProperties is complete from here
  const attributeOf = new Map<string, string>();
  for (const [key, { attribute }] of element.elementProperties) {
    if (typeof key === 'string' && attribute !== false) attributeOf.set(key, typeof attribute === 'string' ? attribute : key.toLowerCase());
  }
  const inner = component as unknown as React.ComponentType<Record<string, unknown>>;
  const server = React.forwardRef<unknown, Record<string, unknown>>((props, ref) => {
    const passed: Record<string, unknown> = { ref };
    for (const [key, value] of Object.entries(props)) {
      const attribute = attributeOf.get(key);
      if (attribute === undefined) passed[key] = value;
      else if (typeof value === 'string' || typeof value === 'number') passed[attribute] = String(value);
      else if (value === true) passed[attribute] = '';
      else if (value instanceof Date && !Number.isNaN(value.getTime())) passed[attribute] = value.toISOString();
    }
    return React.createElement(inner, passed);
  });
  server.displayName = (inner as { displayName?: string }).displayName;
  return server as unknown as C;
}

/**
 * React 18 writes every other prop of a custom element as attribute text, on the server and in
 * the browser: `hidden={false}` became hidden="false", and a boolean attribute that is there at all
 * is true, so `<DropButton hidden={soldOut}>` hid an available product's button (and
 * `inert={false}` made it unclickable). React 19 leaves a false one out and writes a true one as
 * present; under React 18 the wrappers do that themselves.
 */
function booleanAttributes<C>(component: C): C {
  if (Number.parseInt(React.version, 10) >= 19) return component;
  const inner = component as unknown as React.ComponentType<Record<string, unknown>>;
  const wrapped = React.forwardRef<unknown, Record<string, unknown>>((props, ref) => {
    const passed: Record<string, unknown> = { ...props, ref };
    for (const key of ['hidden', 'inert']) {
      if (passed[key] === false) delete passed[key];
      else if (passed[key] === true) passed[key] = '';
    }
    return React.createElement(inner, passed);
  });
  wrapped.displayName = (inner as { displayName?: string }).displayName;
  return wrapped as unknown as C;
}

export const DropCountdown = booleanAttributes(
  serverAttributes(
    writableOnly(
      createComponent({
        react: React,
        tagName: 'drop-countdown',
        elementClass: reactView(DropCountdownElement),
        events: { onDropState: 'drop-state' as EventName<DropStateEvent> },
        displayName: 'DropCountdown',
      }),
    ),
    DropCountdownElement,
  ),
);

export const DropButton = booleanAttributes(
  serverAttributes(
    writableOnly(
      createComponent({
        react: React,
        tagName: 'drop-button',
        elementClass: reactView(DropButtonElement),
        events: { onDropCheckout },
        displayName: 'DropButton',
      }),
    ),
    DropButtonElement,
  ),
);

export const DropMark = booleanAttributes(
  serverAttributes(
    writableOnly(
      createComponent({
        react: React,
        tagName: 'drop-mark',
        elementClass: reactView(DropMarkElement),
        displayName: 'DropMark',
      }),
    ),
    DropMarkElement,
  ),
);

export const DropClip = booleanAttributes(
  serverAttributes(
    writableOnly(
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
    ),
    DropClipElement,
  ),
);

export const DropProduct = booleanAttributes(
  serverAttributes(
    writableOnly(
      createComponent({
        react: React,
        tagName: 'drop-product',
        elementClass: reactView(DropProductElement),
        displayName: 'DropProduct',
      }),
    ),
    DropProductElement,
  ),
);
