/**
 * One creator page that uses every dropkit element, written the way the README tells creators to:
 * real links and dates inside the tags so the page works before (and without) the script. The
 * hostile-page, strict-CSP and privacy tests all load this same page.
 */

export const CHECKOUT_URL = 'https://buy.stripe.com/test_hardening';
export const NOTIFY_URL = 'https://t.me/hardening_channel';
export const PRODUCT_URL = 'https://shop.example/products/glow-tee';

/** Far enough ahead that the drop is `scheduled` for the whole test. */
export const FUTURE_T0 = '2030-06-01T18:00:00Z';

export interface EveryElementOptions {
  at?: string;
  /** Serve the clip's video from here (a missing file makes the 404 case). */
  videoSrc?: string;
  stockSrc?: string;
  timeSrc?: string;
}

/** Fallback texts a visitor must see even when the kit never runs. */
export const FALLBACK = {
  countdown: 'Drops 1 June 2030, 18:00 UTC',
  button: 'Buy the Glow tee — €24',
  product: 'Glow tee',
  mark: 'Glow Studio',
};

export function everyElementBody(options: EveryElementOptions = {}): string {
  const at = options.at ?? FUTURE_T0;
  const timeSrc = options.timeSrc ?? '/api/time';
  const stockSrc = options.stockSrc ?? '/api/stock?available=40';
  const videoSrc = options.videoSrc ?? '/media/clip/clip.webm';
  return `
<h1>Glow Studio — winter drop</h1>
<drop-mark id="mark" name="Glow Studio" src-wordmark="/fixtures/mark/wordmark.svg" src-glyph="/fixtures/mark/glyph.svg">${FALLBACK.mark}</drop-mark>
<drop-countdown id="drop" at="${at}" time-src="${timeSrc}" notify="${NOTIFY_URL}">${FALLBACK.countdown}</drop-countdown>
<drop-button id="buy" drop="drop" price="24" currency="EUR" sku="glow-tee" stock-src="${stockSrc}">
  <a href="${CHECKOUT_URL}">${FALLBACK.button}</a>
</drop-button>
<drop-clip id="clip" src="${videoSrc}" poster="/media/clip/poster.png" drop="drop">
  <drop-product at="0" until="4" x="50%" y="50%" href="${PRODUCT_URL}" price="24" currency="EUR">${FALLBACK.product}</drop-product>
</drop-clip>
<p id="after">Thanks for shopping with Glow Studio.</p>
`;
}

export const ELEMENT_TAGS = ['drop-countdown', 'drop-button', 'drop-mark', 'drop-clip'] as const;
