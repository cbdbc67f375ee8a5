import type { LitElement } from 'lit';
import type { DropEventMap, DropEventName } from '../tag-names.ts';
import type { DropCountdown } from '../countdown/countdown.ts';
import type { DropButton } from '../button/button.ts';
import type { DropMark } from '../mark/mark.ts';
import type { DropClip } from '../clip/clip.ts';
import type { DropProduct } from '../clip/product.ts';

/**
 * What a property accepts when set: its own type, and for a moment (`at`, `until`, `now`) also ISO
 * text or epoch milliseconds, which the countdown parses under the attribute's rules. A
 * server-rendered page needs that: the server writes text into the HTML, never a `Date`.
 */
type Settable<T> = T extends Date ? Date | string | number : T;

/**
 * True when `K` can be assigned on `E`. A getter without a setter (`button.stock`, `provider`,
 * `checkoutHref`) is `readonly` to TypeScript, and only this equality tells readonly keys apart.
 */
type Writable<E, K extends keyof E> =
  (<T>() => T extends { [Q in K]: E[K] } ? 1 : 2) extends <T>() => T extends { -readonly [Q in K]: E[K] } ? 1 : 2 ? true : false;

/** The keys of `E` that are read-only (getters without setters), which no prop may set. */
export type ReadonlyKeys<E> = { [K in keyof E]-?: Writable<E, K> extends true ? never : K }[keyof E];

/**
 * The element's own public, non-method, writable properties. React 19, Preact and Solid all assign a
 * prop as a property when the element has one, so each takes what the property accepts, and a
 * read-only one is no prop at all: React 19 assigns it in strict mode, which throws, and the whole
 * tree unmounts (`<drop-button {...product}>` with a `stock` field).
 */
export type OwnProperties<E> = {
  [K in keyof E as K extends keyof LitElement
    ? never
    : E[K] extends (...args: never[]) => unknown
      ? never
      : Writable<E, K> extends true
        ? K
        : never]?: Settable<E[K]>;
};

/** `timeSrc` → `time-src`: the HTML spelling of a multi-word property's attribute. */
type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

/** Multi-word attributes as written in HTML (`time-src`, `stock-src`, `favicon-live`, …). */
export type DashedAttributes<E> = {
  [K in keyof OwnProperties<E> & string as Kebab<K> extends K ? never : Kebab<K>]?: string | number | boolean | null;
};

/**
 * `on<event-name>` props for every `drop-*` event, the way React 19 and Preact attach listeners to
 * custom elements (the name after `on` is used as is).
 */
export type DropEventProps = {
  [K in DropEventName as `on${K}`]?: (event: DropEventMap[K]) => void;
};

export type DropElementProps<E> = OwnProperties<E> & DashedAttributes<E> & DropEventProps & { class?: string };

/** Tag → element class, for mapping into each framework's `IntrinsicElements`. */
export interface DropElements {
  'drop-countdown': DropCountdown;
  'drop-button': DropButton;
  'drop-mark': DropMark;
  'drop-clip': DropClip;
  'drop-product': DropProduct;
}
