/**
 * Time from inserting the script tag to a rendered, interactive buy button, on the same product
 * card: dropkit's loader enhancing the creator's <a href> inside <drop-button>, against Shopify's
 * buy button script (both served from local files). Each load is a fresh context with no cache.
 *
 * Shopify's button needs its product from the Storefront API on Shopify's servers, which this
 * offline bench cannot reach; the bench answers that one request itself, at once, with a canned
 * product (shopify-product.mjs). Shopify's figure is therefore a lower bound: a real visitor also
 * waits for that API round trip.
 */
import { productPage } from './pages.mjs';
import { median, percentile } from './stats.mjs';
import { ratio } from './report.mjs';
import { shopifyProductResponse } from './shopify-product.mjs';

const shopifyDomain = 'dropkit-bench.myshopify.com';

const dropkitSlot = '<drop-button><a href="https://buy.stripe.com/test_bench">Buy now — $45</a></drop-button>';

/** @param {{ browser: any, options: { loads: number }, log: (m: string) => void }} context */
export async function runButtonBench({ browser, options }) {
  browser.server.pages.set('/bench/button-dropkit.html', productPage({ title: 'dropkit button', slot: dropkitSlot }));
  browser.server.pages.set('/bench/button-shopify.html', productPage({ title: 'Shopify buy button', slot: '' }));
  const notes = [];
  const runs = { dropkit: [], shopify: [] };
  const errors = { dropkit: new Set(), shopify: new Set() };
  let shopifyRequests = [];
  for (let load = 0; load < options.loads; load += 1) {
    // Alternate so that machine noise falls on both alike.
    for (const which of ['dropkit', 'shopify']) {
      const { page, blocked, close } = await browser.newPage();
      try {
        if (which === 'shopify') {
          await page.route(`https://${shopifyDomain}/api/**`, (route) =>
            route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(shopifyProductResponse()) }),
          );
        }
        await page.goto(`${browser.server.origin}/bench/button-${which}.html`, { waitUntil: 'load' });
        const result = which === 'dropkit' ? await page.evaluate(insertDropkit) : await page.evaluate(insertShopify, shopifyDomain);
        if (result.error) errors[which].add(result.error);
        else runs[which].push(result);
        if (which === 'shopify') shopifyRequests = [...blocked];
      } finally {
        await close();
      }
    }
  }
  const summary = (list, key) => ({ median: median(list.map((run) => run[key])), p95: percentile(list.map((run) => run[key]), 95) });
  const dropkit = summary(runs.dropkit, 'ms');
  const shopify = summary(runs.shopify, 'ms');
  const shopifyFrame = summary(runs.shopify, 'frameMs');
  const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '–');
  const row = (what, figures, loads) => ({ what, median: fmt(figures.median), p95: fmt(figures.p95), loads, '× Shopify button': ratio(figures.median, shopify.median) });
  const rows = [
    row('dropkit <drop-button> (loader + its chunks), rendered and interactive', dropkit, runs.dropkit.length),
    row('Shopify buy button script, product button rendered and interactive', shopify, runs.shopify.length),
    row('Shopify buy button script, first frame (its iframe with styles, before the product)', shopifyFrame, runs.shopify.length),
  ];
  for (const [which, set] of Object.entries(errors)) for (const error of set) notes.push(`n/a (${which}): ${error}`);
  const unexpected = shopifyRequests.filter((url) => !url.includes(shopifyDomain));
  notes.push(
    `Shopify's product comes from its Storefront API; offline, the bench answers that request itself at once with a canned product, so Shopify's figures leave out the API round trip a real visitor waits for.${unexpected.length ? ` It also tried ${unexpected.length} other request(s), refused here (e.g. ${unexpected[0]}).` : ''}`,
    'Timed from inserting the <script> element to the frame after the button is rendered (requestAnimationFrame, then a task); then dropkit\'s button is clicked and must start a checkout (drop-checkout), and Shopify\'s must be enabled. Median of fresh, uncached loads, the two alternating.',
  );
  const goals = [
    {
      goal: 'dropkit <drop-button> interactive sooner than Shopify\'s buy button',
      measured: `${fmt(dropkit.median)} vs ${fmt(shopify.median)} = ${ratio(dropkit.median, shopify.median)}`,
      pass: Number.isFinite(dropkit.median) && Number.isFinite(shopify.median) ? dropkit.median < shopify.median : null,
    },
  ];
  return { title: 'Time to an interactive buy button (script tag → rendered)', rows, notes, goals, data: { runs, errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [...v]])) } };
}

// Run inside the page.

async function insertDropkit() {
  const afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const start = performance.now();
  const script = document.createElement('script');
  script.type = 'module';
  script.src = '/kit/dropkit.js';
  document.head.append(script);
  const defined = await Promise.race([
    customElements.whenDefined('drop-button').then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
  ]);
  if (!defined) return { error: '<drop-button> was never defined (is it in the build?)' };
  const button = document.querySelector('drop-button');
  await button.updateComplete;
  await afterNextFrame();
  const ms = performance.now() - start;
  const control = button.shadowRoot?.querySelector('a[href], button') ?? button.querySelector('a[href]');
  if (!control) return { error: '<drop-button> rendered no link or button' };
  // Interactive means a click starts the checkout: the button announces it with a cancelable
  // drop-checkout event (cancelled here so the page stays).
  let checkout = null;
  button.addEventListener('drop-checkout', (event) => {
    checkout = event.href ?? '';
    event.preventDefault();
  });
  control.click();
  if (checkout === null) return { error: 'clicking the rendered <drop-button> started no checkout (no drop-checkout event)' };
  return { ms, control: control.localName, checkout };
}

async function insertShopify(domain) {
  const afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const slot = document.getElementById('buy');
  const start = performance.now();
  const loaded = new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/@shopify/buy-button-js/dist/buybutton.min.js';
    script.onload = resolve;
    script.onerror = () => reject(new Error('buybutton.min.js failed to load'));
    document.head.append(script);
  });
  try {
    await loaded;
  } catch (error) {
    return { error: error.message };
  }
  const client = globalThis.ShopifyBuy.buildClient({ domain, storefrontAccessToken: '0123456789abcdef0123456789abcdef' });
  globalThis.ShopifyBuy.UI.init(client).createComponent('product', { id: '1', node: slot });
  const frameDocument = () => slot.querySelector('iframe')?.contentDocument;
  const deadline = performance.now() + 10_000;
  while (!frameDocument()?.querySelector('style')) {
    if (performance.now() > deadline) return { error: 'the Shopify iframe never got its styles' };
    await nextFrame();
  }
  await afterNextFrame();
  const frameMs = performance.now() - start;
  while (!frameDocument()?.querySelector('button')) {
    if (performance.now() > deadline) return { error: 'the Shopify product button never rendered' };
    await nextFrame();
  }
  await afterNextFrame();
  const ms = performance.now() - start;
  if (frameDocument().querySelector('button').disabled) return { error: 'the Shopify product button rendered disabled' };
  return { ms, frameMs };
}
