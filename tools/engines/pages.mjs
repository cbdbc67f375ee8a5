/**
 * The pages `npm run check:engines` opens in every engine: each element in each state, the two
 * bundles, the kit loaded twice and a strict CSP page. Built per request, so drop moments are always
 * relative to now ("in 4 s", "an hour ago"), the way a visitor meets them.
 *
 * data-expect="<state>" on an element is what it must show once the page settled; the runner fails
 * the page when an engine shows another state (Chromium included). Likewise data-expect-variant (a
 * mark's), data-expect-price (the price part's text) and data-expect-langs (every lang written in
 * its shadow DOM, sorted, space-separated).
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
<p lang="ar" dir="rtl"><drop-button id="b-ar" drop="before" price="24" currency="EUR" data-expect="scheduled"><a href="${stripe}">اشترِ</a></drop-button></p>
<p><drop-button id="b-comma" drop="at" price="24,90" currency="EUR" data-expect="live" data-expect-price="€24.90"><a href="${stripe}">Decimal comma, as a European shop writes it</a></drop-button></p>
<p lang="de"><drop-button id="b-comma-de" drop="at" price="24,90" currency="EUR" data-expect="live" data-expect-price="24,90 €"><a href="${stripe}">Kaufen</a></drop-button></p>
<p><drop-button id="b-kwd" drop="at" price="12.500" currency="KWD" data-expect="live" data-expect-price="KWD 12.500"><a href="${stripe}">Three decimals (Kuwaiti dinar)</a></drop-button></p>`;
}

/** At 40 px high: a 160 px wordmark, a 48 px monogram, a 40 px glyph (the element tests' shapes). */
const markSrcs = `name="Nova Studio" style="--drop-mark-height: 40px" src-wordmark="/media/mark/wordmark.svg" src-monogram="/media/mark/monogram.svg" src-glyph="/media/mark/glyph.svg"`;

function markBody() {
  return `
<p class="wide"><drop-mark id="m-json" src="/media/mark/mark.json" data-expect-variant="wordmark">Nova Studio</drop-mark></p>
<p class="narrow"><drop-mark id="m-narrow" src="/media/mark/mark.json">Nova Studio</drop-mark></p>
<p class="wide"><drop-mark id="m-attrs" name="Nova Studio" src-wordmark="/media/mark/wordmark.svg" src-wordmark-dark="/media/mark/wordmark-dark.svg"
  src-monogram="/media/mark/monogram.svg" src-glyph="/media/mark/glyph.svg">Nova Studio</drop-mark></p>
<p class="dark wide"><drop-mark id="m-dark" name="Nova Studio" src-wordmark="/media/mark/wordmark.svg" src-wordmark-dark="/media/mark/wordmark-dark.svg">Nova Studio</drop-mark></p>
<p class="wide"><drop-mark id="m-slot" name="Nova Studio"><picture slot="wordmark"><source srcset="/media/mark/wordmark-dark.svg" media="(prefers-color-scheme: dark)"><img src="/media/mark/wordmark.svg" width="96" height="24" alt="Nova Studio"></picture></drop-mark></p>
<h2>A home link in a flex header</h2>
${[
  ['home-360', 360, 'wordmark'],
  ['home-200', 200, 'monogram'],
  ['home-150', 150, 'glyph'],
]
  .map(([id, width, variant]) => `<nav class="header" style="width: ${width}px"><a href="/"><drop-mark id="m-${id}" ${markSrcs} data-expect-variant="${variant}"></drop-mark></a><span class="shop">Shop</span></nav>`)
  .join('\n')}
<nav class="header" id="h-grow" style="width: 150px"><a href="/"><drop-mark id="m-home-grow" ${markSrcs} data-expect-variant="wordmark"></drop-mark></a><span class="shop">Shop</span></nav>
<h2>In a menu drawer: chosen under display: none, then shown at 150 px (the second mark given a width by the page)</h2>
<div id="drawer" style="display: none; width: 150px"><drop-mark id="m-drawer" ${markSrcs} data-expect-variant="monogram"></drop-mark>
<drop-mark id="m-drawer-width" ${markSrcs.replace('40px', '40px; width: 160px')} data-expect-variant="monogram"></drop-mark></div>
<script type="module">
// Once a mark has its images and three frames passed (a resize reaches its choice a frame late):
// the header that made it take its glyph widens, the drawer it chose in while hidden opens.
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
async function after(id, ready, then) {
  const mark = document.getElementById(id);
  while (!(mark.shadowRoot && ready(mark) && [...mark.shadowRoot.querySelectorAll('img')].every((img) => img.complete))) await frame();
  for (let i = 0; i < 3; i++) await frame();
  then();
}
after('m-home-grow', (mark) => mark.variant === 'glyph', () => (document.getElementById('h-grow').style.width = '360px'));
const drawer = ['m-drawer', 'm-drawer-width'].map((id) => new Promise((resolve) => after(id, (mark) => mark.variant, resolve)));
Promise.all(drawer).then(() => (document.getElementById('drawer').style.display = 'block'));
</script>`;
}

/**
 * The 4 s clip is read at its end screen in every engine (data-expect-playback): read while it played,
 * it showed the moment's card and one button fewer than its end screen's cards, and a loaded machine
 * read Firefox's after the end and Chromium's before it (10 dropkit elements against 9).
 */
function clipBody() {
  return `
<drop-countdown id="clip-drop" at="${iso(-MIN)}" until="${iso(HOUR)}" data-expect="live">Live</drop-countdown>
<drop-clip id="clip" src="/media/clip/clip.webm" poster="/media/clip/poster.png" ratio="9/16" drop="clip-drop" label="Engines clip" data-expect-playback="ended">
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

/**
 * A Finnish page, a language dropkit has no words for: its own words must come in English marked
 * lang="en" (every engine's Intl decides whether fi is spoken), the creator's stay unmarked; and a
 * section a server wrote as lang="de_DE", read as German and marked de-DE. Its clip plays nothing,
 * as on the shadow page.
 */
function langBody() {
  const stripe = 'https://buy.stripe.com/test_engines';
  return `
<drop-countdown id="fi-soon" at="${iso(HOUR + 5 * MIN)}" notify="https://t.me/engines" data-expect="scheduled" data-expect-langs="en">Pudotus tunnin päästä</drop-countdown>
<drop-countdown id="fi-live" at="${iso(-MIN)}" until="${iso(HOUR)}" data-expect="live" data-expect-langs="en">Myynnissä nyt</drop-countdown>
<p><drop-button id="fi-before" drop="fi-soon" price="24,90" currency="EUR" data-expect="scheduled" data-expect-langs="en"><a href="${stripe}">Osta paita</a></drop-button></p>
<p><drop-button id="fi-buy" drop="fi-live" price="24,90" currency="EUR" data-expect="live" data-expect-langs="en" data-expect-price="€24.90"><a href="${stripe}">Osta paita</a></drop-button></p>
<drop-clip id="fi-clip" src="/api/undecodable.webm" poster="/media/clip/poster.png" ratio="9/16" drop="fi-live" data-expect="live" data-expect-langs="en" data-expect-playback="error">
  <drop-product price="24,90" currency="EUR"><a href="${stripe}">Paita</a></drop-product>
</drop-clip>
<section lang="de_DE"><h2>de_DE</h2>
<drop-countdown id="de-soon" at="${iso(HOUR + 5 * MIN)}" data-expect="scheduled" data-expect-langs="de-DE">Bald</drop-countdown>
<p><drop-button id="de-buy" drop="fi-live" price="24,90" currency="EUR" data-expect="live" data-expect-langs="de-DE" data-expect-price="24,90 €"><a href="${stripe}">Kaufen</a></drop-button></p>
</section>`;
}

/**
 * A marketplace's component: the drop in its own open shadow root, which it hands to the loader.
 * The clip's card buttons sit one root deeper and must follow the countdown beside the clip, also
 * when the marketplace renders that countdown after the clip (the second panel). Its clips play
 * nothing (playing is the clip page's): a 4 s clip's end screen adds card buttons at a moment that
 * differs between engines, and the pages are compared element by element. They are small, so both
 * are near the screen, and so asked for their video, in every engine; the check waits for the
 * video's error (beside the story tests at load 19, WebKit was read before it came: "paused").
 */
function shadowBody() {
  const panel = (id) => ({
    countdown: `<drop-countdown id="${id}-drop" at="${iso(HOUR)}" data-expect="scheduled">In an hour</drop-countdown>`,
    rest: `<style>drop-clip { display: block; width: 8rem; }</style>
<drop-clip id="${id}-clip" src="/api/undecodable.webm" poster="/media/clip/poster.png" ratio="9/16" drop="${id}-drop" data-expect="scheduled" data-expect-playback="error">
  <drop-product price="24" currency="EUR"><a href="https://buy.stripe.com/test_engines">Glow tee</a></drop-product>
  <drop-product price="6" currency="EUR"><a href="https://buy.stripe.com/test_stickers">Sticker pack</a></drop-product>
</drop-clip>
<drop-button id="${id}-buy" drop="${id}-drop" price="24" currency="EUR" data-expect="scheduled"><a href="https://buy.stripe.com/test_engines">Buy the Glow tee</a></drop-button>`,
  });
  return `
<market-panel id="panel"></market-panel>
<market-panel id="late" data-countdown-later></market-panel>
<script type="module">
const panels = ${JSON.stringify({ panel: panel('panel'), late: panel('late') })};
customElements.define('market-panel', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    window.dropkit.observe(root);
    const { countdown, rest } = panels[this.id];
    if (!this.hasAttribute('data-countdown-later')) return void (root.innerHTML = countdown + rest);
    root.innerHTML = rest;
    // The countdown comes once the clip has drawn its cards, which have looked for it and not found it.
    const clip = root.querySelector('drop-clip');
    const wait = () => {
      if (!clip.shadowRoot?.querySelector('drop-button')) return void requestAnimationFrame(wait);
      const template = document.createElement('template');
      template.innerHTML = countdown;
      root.prepend(template.content);
    };
    wait();
  }
});
</script>`;
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

/**
 * A phone's header printed on A4. Its shop words leave the mark less than the 160 px wordmark on
 * every engine's screen (the glyph), and over 300 px on the paper (body max-width 40rem). The runner
 * prints the page for real (tools/engines.mjs, print()) after window.__print.start() has put a
 * recorder in place, and compares window.__print.record() with data-expect-print: the media each
 * print-media change was for, then what the mark showed after the change (a MutationObserver on its
 * variant, as test/hardening/mark-print.test.ts reads it; the mark's render runs in the microtasks
after its own media listener, before this one). Firefox prints a static copy of the page
 * while the page itself stays at the screen's width (docs/mark.md), so its print media change
 * finds the same glyph: data-expect-print-firefox, its own exact record.
 */
function printBody() {
  return `
<nav class="header" id="print-header"><a href="/"><drop-mark id="print-mark" name="Nova Studio" style="--drop-mark-height: 40px"
  src-wordmark="/media/mark/wordmark.svg" src-glyph="/media/mark/glyph.svg" data-expect-variant="glyph"
  data-expect-print="print: wordmark (wordmark) 160 px | print | screen: glyph (glyph) 40 px | screen"
  data-expect-print-firefox="print | screen">Nova Studio</drop-mark></a><span class="print-shop">Nova Studio's winter drop, printed</span></nav>
<script type="module">
const mark = document.getElementById('print-mark');
const record = [];
window.__print = {
  // Installed once the mark has chosen, so this media listener runs after the mark's own.
  start() {
    matchMedia('print').addEventListener('change', (event) => record.push(event.matches ? 'print' : 'screen'));
    new MutationObserver(() => {
      const shown = [...mark.shadowRoot.querySelectorAll('.variant')].filter((part) => !part.hidden).map((part) => part.getAttribute('part'));
      record.push((matchMedia('print').matches ? 'print' : 'screen') + ': ' + mark.getAttribute('variant') + ' (' + shown.join() + ') ' + mark.getBoundingClientRect().width + ' px');
    }).observe(mark, { attributes: true, attributeFilter: ['variant'] });
    return true;
  },
  record: () => record.join(' | '),
};
</script>`;
}

/**
 * The visitor's clock set by hand while the visitor is away from the page (no time-src: the page
 * follows the visitor's clock). Nothing on screen ticks (the countdowns sit below a tall spacer, where
 * they only wait for their moment), so only the kit's focus, pageshow and visibilitychange listeners
 * can see the jump. For each way of leaving and coming back an engine can do for real, the runner
 * (tools/engines.mjs, clockRoutes) calls arm(), leaves, shifts the page's Date.now forward while away
 * (or lets the page do it when it is hidden, for the back/forward cache), comes back and, once the
 * engine delivered the events of coming back, calls cameBack(). The set clock is then past T0 (a
 * clock set forward while every countdown slept off screen), so a countdown re-timed by those events
 * is live at once; a timer 1 s later checks that it is. Timers run in due-time order, so it has
 * flipped by then however busy the machine; one still armed on the clock from before flips when
 * the clock from before reads T0, after that timer (cameBack() says whether that is still ahead).
 */
function clockBody() {
  return `
<p>Below: countdowns that only wait for their moment (the page's clock is set forward while away).</p>
<div style="height: 300vh"></div>
<div id="below">
<drop-countdown id="clock-static" at="${iso(HOUR)}" data-expect="scheduled">In an hour</drop-countdown>
</div>
<script type="module">
const realNow = Date.now.bind(Date);
let skew = 0;
Date.now = () => realNow() + skew;
const SHIFT_MS = 40_000;
let current = null;
for (const type of ['focus', 'pageshow', 'visibilitychange']) {
  (type === 'visibilitychange' ? document : window).addEventListener(type, (event) => {
    if (!current || !current.shifted) return;
    current.backAt = current.backAt ?? realNow();
    current.events.push(type === 'pageshow' ? 'pageshow:' + (event.persisted ? 'persisted' : 'loaded') : type === 'visibilitychange' ? 'visibilitychange:' + document.visibilityState : type);
  });
}
const shift = () => {
  if (current.shifted) return;
  skew += SHIFT_MS;
  current.shifted = true;
};
window.__clock = {
  arm(route, shiftWhenHidden) {
    // T0 30 s ahead on the page's clock as set so far, 10 s past on the clock set forward 40 s: a
    // slow way back (a loaded machine) still comes long before the clock from before reads T0.
    const at = Date.now() + 30_000;
    const el = document.createElement('drop-countdown');
    el.id = 'clock-' + route;
    el.setAttribute('at', new Date(at).toISOString());
    el.setAttribute('until', new Date(at + 3_600_000).toISOString());
    el.textContent = route;
    el.addEventListener('drop-state', (event) => {
      if (event.state === 'live') current.flippedAt = realNow();
    });
    document.getElementById('below').append(el);
    // When the clock from before reads T0, in real time.
    current = { route, el, events: [], shifted: false, t0: at - skew, armedAt: realNow() };
    // Registered after the kit's own listener: the kit reads the clock as the page hides, before the shift.
    if (shiftWhenHidden) {
      const hidden = () => {
        if (document.visibilityState !== 'hidden') return;
        document.removeEventListener('visibilitychange', hidden);
        shift();
      };
      document.addEventListener('visibilitychange', hidden);
    }
    return true;
  },
  away: () => document.visibilityState === 'hidden' || !document.hasFocus(),
  seen: (events) => events.every((event) => current.events.includes(event)),
  events: () => current.events.join(', ') || 'no event',
  shift() {
    shift();
    return true;
  },
  cameBack() {
    const due = realNow() + 1000;
    // Decides only while the countdown armed on the clock from before has not flipped yet.
    current.conclusive = due + 250 < current.t0;
    const run = current;
    setTimeout(() => {
      run.liveAtReference = run.el.getAttribute('state') === 'live';
      run.done = true;
    }, due - realNow());
    return true;
  },
  result() {
    if (!current || !current.done) return null;
    const { route, events, shifted, liveAtReference, conclusive, flippedAt, backAt, armedAt } = current;
    // How long the way out and back took, and how long after its first event the countdown went live.
    return JSON.stringify({ route, events, shifted, liveAtReference, conclusive, awayMs: backAt - armedAt, lateMs: flippedAt === undefined ? null : flippedAt - backAt });
  },
};
</script>`;
}

/** Sets the moment the page's times count from (the run's start). */
export function setBase(ms) {
  base = ms;
}

/** name → (nonce) → html. The demo page is not here: the runner serves the real one. */
export const pages = {
  countdown: () => page({ title: 'countdown: every state, format and language', body: countdownBody() }),
  button: () => page({ title: 'drop-button: before, at, after, sold out, stock', body: buttonBody() }),
  mark: () => page({ title: 'drop-mark: variants, dark twin, home link, drawer', body: markBody() }),
  clip: () => page({ title: 'drop-clip: video, poster, products', body: clipBody() }),
  lang: () => page({ title: 'Suomeksi: a page dropkit has no words for, and a de_DE section', body: langBody(), lang: 'fi' }),
  shadow: () => page({ title: "a marketplace's component: the drop in its shadow root", body: shadowBody() }),
  iife: () => page({ title: 'IIFE bundle: every element', body: everyElementBody(), kit: 'iife' }),
  twice: () =>
    page({
      title: 'the kit loaded twice (ES and IIFE)',
      body: everyElementBody(),
      kit: `<script type="module" src="/cdn/dropkit.js"></script>\n<script src="/cdn/dropkit.iife.js"></script>`,
    }),
  csp: (nonce) => page({ title: 'strict CSP with Trusted Types', body: everyElementBody(), nonce }),
  print: () => page({ title: "drop-mark printed: a phone's header on A4", body: printBody() }),
  clock: () => page({ title: 'drop-countdown: the clock set by hand while away', body: clockBody() }),
};
