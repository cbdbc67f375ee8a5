/**
 * Time from inserting the script tag to a rendered, interactive buy button, on the same product
 * card: dropkit's loader enhancing the creator's <a href> inside <drop-button>, against Shopify's
 * buy button script (both served from local files). Each load is a fresh context with no cache.
 *
 * Offline, Shopify's script can build its iframe but cannot fetch the product (its Storefront API
 * is on Shopify's servers, refused here), so its figure is the time to its first rendered frame —
 * the iframe with its styles — a lower bound on what a visitor waits for the real button.
 */
import { productPage } from './pages.mjs';
import { median, percentile } from './stats.mjs';
import { ratio } from './report.mjs';

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
        await page.goto(`${browser.server.origin}/bench/button-${which}.html`, { waitUntil: 'load' });
        const result = which === 'dropkit' ? await page.evaluate(insertDropkit) : await page.evaluate(insertShopify);
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
  const shopifyFrame = summary(runs.shopify, 'ms');
  const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '–');
  const rows = [
    {
      what: 'dropkit <drop-button> (loader + chunk), rendered and interactive',
      median: fmt(dropkit.median),
      p95: fmt(dropkit.p95),
      loads: runs.dropkit.length,
      '× Shopify': ratio(dropkit.median, shopifyFrame.median),
    },
    {
      what: 'Shopify buy button script, first rendered frame (iframe + styles)',
      median: fmt(shopifyFrame.median),
      p95: fmt(shopifyFrame.p95),
      loads: runs.shopify.length,
      '× Shopify': ratio(shopifyFrame.median, shopifyFrame.median),
    },
  ];
  for (const [which, set] of Object.entries(errors)) for (const error of set) notes.push(`n/a (${which}): ${error}`);
  if (runs.shopify.some((run) => run.productRendered)) notes.push('Shopify rendered its product button (product data was reachable).');
  else if (runs.shopify.length > 0) {
    notes.push(
      `Shopify's product button itself never rendered: its product data comes from the Storefront API on Shopify's servers, which this offline bench refuses (${shopifyRequests.length} request(s) blocked, e.g. ${shopifyRequests[0] ?? 'none'}). Its real time to an interactive button is this figure plus at least one API round trip.`,
    );
  }
  notes.push('Timed from inserting the <script> element to the frame after the button is rendered (requestAnimationFrame, then a task). Median of fresh, uncached loads.');
  return { title: 'Time to an interactive buy button (script tag → rendered)', rows, notes, goals: [], data: { runs, errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [...v]])) } };
}

// Run inside the page.

async function insertDropkit() {
  const afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const start = performance.now();
  const script = document.createElement('script');
  script.type = 'module';
  script.src = '/dist/cdn/dropkit.js';
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
  return { ms, control: control.localName };
}

async function insertShopify() {
  const afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
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
  const client = globalThis.ShopifyBuy.buildClient({ domain: 'dropkit-bench.myshopify.com', storefrontAccessToken: '0123456789abcdef0123456789abcdef' });
  const ui = globalThis.ShopifyBuy.UI.init(client);
  const created = ui.createComponent('product', { id: '1', node: slot }).catch(() => {});
  const styled = () => {
    const frame = slot.querySelector('iframe');
    return Boolean(frame?.contentDocument?.querySelector('style'));
  };
  const deadline = performance.now() + 10_000;
  while (!styled()) {
    if (performance.now() > deadline) return { error: 'the Shopify iframe never got its styles' };
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  await afterNextFrame();
  const ms = performance.now() - start;
  await Promise.race([created, new Promise((resolve) => setTimeout(resolve, 3000))]);
  const productRendered = Boolean(slot.querySelector('iframe')?.contentDocument?.querySelector('button'));
  return { ms, productRendered };
}
