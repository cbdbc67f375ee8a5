import { LitElement, css, html } from 'lit';
import type { ProductInput } from './product-data.ts';

/**
 * One product in a `<drop-clip>`: when its card shows, where its hotspot sits and where it is
 * bought. It holds data; the clip reads it and draws the cards, hotspots, end carousel and list.
 *
 * Write the name as its text, ideally as a link so the product stays buyable without JavaScript:
 * `<drop-product at="3" until="11" price="24" currency="EUR"><a href="https://buy.stripe.com/…">Glow
 * tee</a></drop-product>`. `href` and `image` may also be given as attributes.
 *
 * Outside a clip (or before the clip's script runs) it simply shows its content.
 *
 * @slot - The product name, usually inside the creator's `<a href>` checkout link.
 */
export class DropProduct extends LitElement {
  static override properties = {
    at: { reflect: true },
    until: { reflect: true },
    x: { reflect: true },
    y: { reflect: true },
    href: { reflect: true },
    price: { reflect: true },
    currency: { reflect: true },
    image: { reflect: true },
    sku: { reflect: true },
  };

  static override styles = css`
    :host {
      display: inline;
    }
  `;

  /** When the card appears, in seconds (`3`, `3.5`) or as a time (`0:03`). No `at`: no timed card. */
  declare at: string | null;
  /** When the card disappears; without it the card stays until the clip ends. */
  declare until: string | null;
  /** Hotspot position over the video, `0%`–`100%` from the left. Needs `y` too. */
  declare x: string | null;
  /** Hotspot position over the video, `0%`–`100%` from the top. */
  declare y: string | null;
  /** https checkout link; defaults to the `href` of the first `<a>` inside. */
  declare href: string | null;
  /** The price, `24`, `24.90` or `24,90` (`12.500` in a three-decimal currency such as KWD), shown with `currency`. */
  declare price: string | null;
  /** ISO 4217 currency code (`EUR`). */
  declare currency: string | null;
  /** Thumbnail URL for the card; defaults to the `src` of an `<img>` inside. */
  declare image: string | null;
  /** Stock-keeping unit, added to the checkout link as `sku` and reported in events. */
  declare sku: string | null;

  constructor() {
    super();
    this.at = null;
    this.until = null;
    this.x = null;
    this.y = null;
    this.href = null;
    this.price = null;
    this.currency = null;
    this.image = null;
    this.sku = null;
  }

  override render() {
    return html`<slot></slot>`;
  }
}

/**
 * Reads a `<drop-product>` from its properties, attributes and content. Works on an element that is
 * not upgraded yet (the clip may run first), so it never relies on the class's accessors.
 */
export function productInputOf(element: Element): ProductInput {
  // A framework sets properties (React 19, Vue): on an element not upgraded yet they are plain own
  // properties, and on an upgraded one they reach the attribute only in its next update.
  const attr = (name: string) => (element as unknown as Record<string, unknown>)[name] ?? element.getAttribute(name);
  // A blank attribute or property (a CMS field left empty, `href=""`) gives nothing: the link or image
  // inside still counts. It hid the product's own link ("has no checkout link", no way to buy).
  const given = (name: string) => {
    const value = attr(name);
    return typeof value === 'string' && !value.trim() ? null : value;
  };
  return {
    name: element.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    href: given('href') ?? element.querySelector('a[href]')?.getAttribute('href') ?? null,
    image: given('image') ?? element.querySelector('img[src]')?.getAttribute('src') ?? null,
    at: attr('at'),
    until: attr('until'),
    x: attr('x'),
    y: attr('y'),
    price: attr('price'),
    currency: attr('currency'),
    sku: attr('sku'),
  };
}
