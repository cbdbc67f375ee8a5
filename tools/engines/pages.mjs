/**
 * The pages `npm run check:engines` opens in every engine: each element in each state, the two
 * bundles, the kit loaded twice and a strict CSP page. Built per request, so drop moments are always
 * relative to now ("in 4 s", "an hour ago"), the way a visitor meets them.
 *
 * data-expect="<state>" on an element is what it must show once the page settled; the runner fails
 * the page when an engine shows another state.
 */

/**
 * Moments are relative to the run's start, the same in every engine, so each engine must write the
 * same "Fri 4:52 PM your time"; fromNow() is for a drop that must flip while the page is open.
 */
let base = Date.now();
const iso = (ms) => new Date(base + ms).toISOString();
const fromNow = (ms) => new Date(Date.now() + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

function page({ title, body, kit = 'es', nonce, lang = 'en', dir, head = '' }) {
  const n = nonce ? ` nonce="${nonce}"` : '';
  const kitTag =
    kit === 'es'
      ? `<script type="module" src="/cdn/dropkit.js"${n}></script>`
      : kit === 'iife'
        ? `<script src="/cdn/dropkit.iife.js"${n}></script>`
        : kit;
  return `<!doctype html>
<html lang="${lang}"${dir ? ` dir="${dir}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<script src="/engines/capture.js"${n}></script>
<link rel="stylesheet" href="/engines/page.css">
${head}
${kitTag}
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>`;
}

function countdownBody() {
  const soon = iso(2 * 24 * HOUR + 3 * HOUR);
  const formats = ['auto', 'clock', 'long', 'compact']
    .map(
      (format) =>
        `<p>${format}: <drop-countdown id="f-${format}" at="${soon}" format="${format}" data-expect="scheduled">Drops soon</drop-countdown></p>`,
    )
    .join('\n');
  const langs = [
    ['de', ''],
    ['ar', ' dir="rtl"'],
    ['ja', ''],
  ]
    .map(
      ([lang, dir]) =>
        `<section lang="${lang}"${dir}><h2>${lang}</h2>
<drop-countdown id="l-${lang}" at="${iso(5 * HOUR)}" time-zone="Asia/Tokyo" notify="https://t.me/engines" data-expect="scheduled">${lang}</drop-countdown>
<drop-countdown id="l-${lang}-live" at="${iso(-MIN)}" until="${iso(HOUR)}" data-expect="live">${lang} live</drop-countdown></section>`,
    )
    .join('\n');
  return `
<drop-countdown id="scheduled" at="${iso(HOUR + 5 * MIN)}" time-src="/api/time" time-zone="America/Los_Angeles"
  notify="https://t.me/engines" name="Engines drop" data-expect="scheduled">Drops in an hour</drop-countdown>
<drop-countdown id="live" at="${iso(-MIN)}" until="${iso(HOUR)}" time-src="/api/time" data-expect="live">Live now</drop-countdown>
<drop-countdown id="ended" at="${iso(-2 * HOUR)}" until="${iso(-HOUR)}" time-src="/api/time" data-expect="ended">Ended</drop-countdown>
<drop-countdown id="sold-out" at="${iso(-MIN)}" until="${iso(HOUR)}" state="sold-out" data-expect="sold-out">Sold out</drop-countdown>
${formats}
${langs}`;
}

function buttonBody() {
  const stripe = 'https://buy.stripe.com/test_engines';
  const shopify = 'https://engines-shop.myshopify.com/cart/4242:1';
  return `
<drop-countdown id="before" at="${iso(24 * HOUR)}" notify="https://t.me/engines" data-expect="scheduled">Tomorrow</drop-countdown>
<drop-countdown id="at" at="${fromNow(4000)}" until="${iso(HOUR)}" time-src="/api/time" data-expect="live">In four seconds</drop-countdown>
<drop-countdown id="after" at="${iso(-2 * HOUR)}" until="${iso(-HOUR)}" data-expect="ended">Ended</drop-countdown>
<p><drop-button id="b-before" drop="before" data-expect="scheduled"><a href="${stripe}">Buy (Stripe, before)</a></drop-button></p>
<p><drop-button id="b-at" drop="at" price="24" currency="EUR" data-expect="live"><a href="${stripe}">Buy (Stripe, at the drop)</a></drop-button></p>
<p><drop-button id="b-at-shopify" drop="at" price="3000" currency="JPY" lang="ja" data-expect="live"><a href="${shopify}">Shopify, at the drop</a></drop-button></p>
<p><drop-button id="b-after" drop="after" data-expect="ended"><a href="${shopify}">Buy (Shopify, after)</a></drop-button></p>
<p><drop-button id="b-sold" state="sold-out" data-expect="sold-out"><a href="${stripe}">Sold out</a></drop-button></p>
<p><drop-button id="b-low" stock-src="/api/stock?available=3" stock-interval="2" data-expect="live"><a href="${stripe}">Three left</a></drop-button></p>
<p><drop-button id="b-none" stock-src="/api/stock?available=0" stock-interval="2" data-expect="sold-out"><a href="${stripe}">None left</a></drop-button></p>
<p lang="ar" dir="rtl"><drop-button id="b-ar" drop="before" price="24" currency="EUR" data-expect="scheduled"><a href="${stripe}">اشترِ</a></drop-button></p>`;
}

function markBody() {
  return `
<p class="wide"><drop-mark id="m-json" src="/media/mark/mark.json" data-expect-variant="wordmark">Nova Studio</drop-mark></p>
<p class="narrow"><drop-mark id="m-narrow" src="/media/mark/mark.json">Nova Studio</drop-mark></p>
<p class="wide"><drop-mark id="m-attrs" name="Nova Studio" src-wordmark="/media/mark/wordmark.svg" src-wordmark-dark="/media/mark/wordmark-dark.svg"
  src-monogram="/media/mark/monogram.svg" src-glyph="/media/mark/glyph.svg">Nova Studio</drop-mark></p>
<p class="dark wide"><drop-mark id="m-dark" name="Nova Studio" src-wordmark="/media/mark/wordmark.svg" src-wordmark-dark="/media/mark/wordmark-dark.svg">Nova Studio</drop-mark></p>
<p class="wide"><drop-mark id="m-slot" name="Nova Studio"><picture slot="wordmark"><source srcset="/media/mark/wordmark-dark.svg" media="(prefers-color-scheme: dark)"><img src="/media/mark/wordmark.svg" width="96" height="24" alt="Nova Studio"></picture></drop-mark></p>`;
}

function clipBody() {
  return `
<drop-countdown id="clip-drop" at="${iso(-MIN)}" until="${iso(HOUR)}" data-expect="live">Live</drop-countdown>
<drop-clip id="clip" src="/media/clip/clip.webm" poster="/media/clip/poster.png" ratio="9/16" drop="clip-drop" label="Engines clip">
  <img src="/media/clip/poster.png" alt="" width="144" height="256">
  <track kind="captions" src="/media/clip/captions.vtt" srclang="en" label="English">
  <ul>
    <li><drop-product at="0" until="4" x="50%" y="45%" price="24" currency="EUR" sku="glow-tee"><a href="https://buy.stripe.com/test_engines">Glow tee</a></drop-product></li>
    <li><drop-product price="6" currency="EUR"><a href="https://buy.stripe.com/test_stickers">Sticker pack</a></drop-product></li>
  </ul>
</drop-clip>
<p>A clip no engine can decode (as a codec the visitor's browser lacks): the poster and the products stay.</p>
<drop-clip id="clip-undecodable" src="/api/undecodable.webm" poster="/media/clip/poster.png" ratio="9/16" data-expect-playback="error">
  <drop-product price="24" currency="EUR"><a href="https://buy.stripe.com/test_engines">Glow tee</a></drop-product>
</drop-clip>`;
}

/** One of each element, as a creator's page has them. */
function everyElementBody() {
  return `
<drop-mark id="mark" name="Nova Studio" src-wordmark="/media/mark/wordmark.svg" src-glyph="/media/mark/glyph.svg">Nova Studio</drop-mark>
<drop-countdown id="drop" at="${fromNow(3000)}" until="${iso(HOUR)}" time-src="/api/time" notify="https://t.me/engines" data-expect="live">Drops in three seconds</drop-countdown>
<drop-button id="buy" drop="drop" price="24" currency="EUR" stock-src="/api/stock?available=40" data-expect="live"><a href="https://buy.stripe.com/test_engines">Buy the Glow tee</a></drop-button>
<drop-clip id="clip" src="/media/clip/clip.webm" poster="/media/clip/poster.png" drop="drop">
  <drop-product at="0" until="4" x="50%" y="50%" href="https://buy.stripe.com/test_engines" price="24" currency="EUR">Glow tee</drop-product>
</drop-clip>`;
}

/** Sets the moment the page's times count from (the run's start). */
export function setBase(ms) {
  base = ms;
}

/** name → (nonce) → html. The demo page is not here: the runner serves the real one. */
export const pages = {
  countdown: () => page({ title: 'countdown: every state, format and language', body: countdownBody() }),
  button: () => page({ title: 'drop-button: before, at, after, sold out, stock', body: buttonBody() }),
  mark: () => page({ title: 'drop-mark: variants and dark twin', body: markBody() }),
  clip: () => page({ title: 'drop-clip: video, poster, products', body: clipBody() }),
  iife: () => page({ title: 'IIFE bundle: every element', body: everyElementBody(), kit: 'iife' }),
  twice: () =>
    page({
      title: 'the kit loaded twice (ES and IIFE)',
      body: everyElementBody(),
      kit: `<script type="module" src="/cdn/dropkit.js"></script>\n<script src="/cdn/dropkit.iife.js"></script>`,
    }),
  csp: (nonce) => page({ title: 'strict CSP with Trusted Types', body: everyElementBody(), nonce }),
};
