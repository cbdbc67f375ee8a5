import type { CheckoutProvider } from './checkout.ts';

/** What a checkout click is about; also readable as `event.detail` for frameworks that expect it. */
export interface DropCheckoutDetail {
  /** The validated https URL the visitor is about to open, with `sku`/`referral` params applied. */
  readonly href: string;
  readonly provider: CheckoutProvider;
  readonly sku: string | null;
}

/**
 * Fired when a visitor starts a checkout from a dropkit widget, before the browser navigates. A
 * marketplace calls `preventDefault()` to run its own flow (an in-app sheet, its own cart) instead.
 */
export class DropCheckoutEvent extends Event implements DropCheckoutDetail {
  static readonly type = 'drop-checkout';
  readonly href: string;
  readonly provider: CheckoutProvider;
  readonly sku: string | null;

  constructor(detail: DropCheckoutDetail) {
    super(DropCheckoutEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.href = detail.href;
    this.provider = detail.provider;
    this.sku = detail.sku;
  }

  get detail(): DropCheckoutDetail {
    return { href: this.href, provider: this.provider, sku: this.sku };
  }
}

declare global {
  interface HTMLElementEventMap {
    'drop-checkout': DropCheckoutEvent;
  }
}
