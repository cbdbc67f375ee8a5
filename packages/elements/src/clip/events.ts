import type { ProgressMilestone } from './timeline.ts';

/** What a product event is about: the product as the visitor saw it. */
export interface ClipProductDetail {
  readonly name: string;
  /** The checkout link the card points at (validated https), or `null` if the product has none. */
  readonly href: string | null;
  readonly sku: string | null;
  /** Position in the clip's product list (document order, then metadata-track cues). */
  readonly index: number;
}

/**
 * A product card has been on screen for at least one second (clip in the viewport, tab visible).
 * Fired once per product per clip, whether the card was a timed card or in the end carousel.
 */
export class DropProductViewEvent extends Event implements ClipProductDetail {
  static readonly type = 'drop-product-view';
  readonly name: string;
  readonly href: string | null;
  readonly sku: string | null;
  readonly index: number;
  constructor(detail: ClipProductDetail) {
    super(DropProductViewEvent.type, { bubbles: true, composed: true });
    ({ name: this.name, href: this.href, sku: this.sku, index: this.index } = detail);
  }
  get detail(): ClipProductDetail {
    return { name: this.name, href: this.href, sku: this.sku, index: this.index };
  }
}

/**
 * A visitor started a product's checkout (card, hotspot or list link), just before its `drop-checkout`:
 * never for a disabled card button or the repeat of a double click.
 */
export class DropProductClickEvent extends Event implements ClipProductDetail {
  static readonly type = 'drop-product-click';
  readonly name: string;
  readonly href: string | null;
  readonly sku: string | null;
  readonly index: number;
  constructor(detail: ClipProductDetail) {
    super(DropProductClickEvent.type, { bubbles: true, composed: true });
    ({ name: this.name, href: this.href, sku: this.sku, index: this.index } = detail);
  }
  get detail(): ClipProductDetail {
    return { name: this.name, href: this.href, sku: this.sku, index: this.index };
  }
}

/** Playback passed 25, 50, 75 or 100 % of the clip; each milestone fires once per clip. */
export class DropClipProgressEvent extends Event {
  static readonly type = 'drop-clip-progress';
  constructor(readonly percent: ProgressMilestone) {
    super(DropClipProgressEvent.type, { bubbles: true, composed: true });
  }
  get detail(): { percent: ProgressMilestone } {
    return { percent: this.percent };
  }
}

declare global {
  interface HTMLElementEventMap {
    'drop-product-view': DropProductViewEvent;
    'drop-product-click': DropProductClickEvent;
    'drop-clip-progress': DropClipProgressEvent;
  }
}
