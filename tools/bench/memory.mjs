/**
 * Memory: mount 1000 widgets, unmount them, N times; after each cycle force a garbage collection
 * and read the JS heap (CDP Runtime.getHeapUsage) and the live DOM nodes and listeners (CDP
 * Memory.getDOMCounters). A widget that leaves a timer, a ticker subscription or an observer behind
 * keeps its whole shadow tree alive, and the series grows.
 */
import { slopePerStep } from './stats.mjs';

const widgets = [
  {
    label: 'dropkit <drop-countdown>',
    tag: 'drop-countdown',
    script: '/kit/dropkit.js',
    markup: (iso) => `<drop-countdown at="${iso}" format="clock">Drops soon</drop-countdown>`,
  },
  {
    label: 'dropkit <drop-button>',
    tag: 'drop-button',
    script: '/kit/dropkit.js',
    markup: () => '<drop-button><a href="https://buy.stripe.com/test_bench">Buy now</a></drop-button>',
  },
  {
    label: 'dropkit <drop-mark>',
    tag: 'drop-mark',
    script: '/kit/dropkit.js',
    markup: () => '<drop-mark name="Bench" src-wordmark="/bench/wordmark.svg" src-glyph="/bench/glyph.svg"></drop-mark>',
  },
  {
    label: 'naive Lit countdown (peer)',
    tag: 'naive-countdown',
    script: '/bench/naive-countdown.js',
    markup: (iso) => `<naive-countdown at="${iso}">Drops soon</naive-countdown>`,
  },
];

const count = 1000;
const WARM_UP_CYCLES = 3;

/** Growth allowed over all cycles, as a share of what one mount of 1000 widgets holds. */
const allowedGrowthShare = 0.05;
/** Below this, heap differences are allocator noise (a cached string, a compiled stub). */
const noiseFloor = 64 * 1024;

/** @param {{ browser: any, options: { cycles: number }, log: (m: string) => void }} context */
export async function runMemoryBench({ browser, options, log }) {
  if (!browser.server.pages.has('/bench/naive-countdown.js')) {
    const { bundlePeer } = await import('./bundle.mjs');
    browser.server.pages.set('/bench/naive-countdown.js', await bundlePeer('naive-countdown.js'));
  }
  browser.server.pages.set('/bench/wordmark.svg', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#6d28d9"/></svg>');
  browser.server.pages.set('/bench/glyph.svg', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#6d28d9"/></svg>');
  const notes = [];
  const rows = [];
  const goals = [];
  const data = [];
  for (const widget of widgets) {
    log(`  ${widget.label}`);
    try {
      const result = await measureCycles(browser, widget, options.cycles);
      data.push({ widget: widget.tag, ...result });
      const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
      const growth = result.heap.at(-1) - result.baseline.heap;
      const pass = growth <= Math.max(noiseFloor, allowedGrowthShare * result.mountedCost.heap) && result.nodes.at(-1) - result.baseline.nodes <= 10;
      rows.push({
        widget: widget.label,
        'heap after warm-up': kb(result.baseline.heap),
        'held by 1000 mounted': kb(result.mountedCost.heap),
        [`heap after cycle ${options.cycles}`]: kb(result.heap.at(-1)),
        'growth / cycle (fit)': kb(slopePerStep([result.baseline.heap, ...result.heap])),
        'DOM nodes warm-up → last': `${result.baseline.nodes} → ${result.nodes.at(-1)}`,
        'listeners warm-up → last': `${result.baseline.listeners} → ${result.listeners.at(-1)}`,
        result: pass ? 'no growth' : 'GROWS',
      });
      if (widget.tag !== 'naive-countdown') {
        goals.push({
          goal: `${widget.label}: no growth after mounting/unmounting 1000 × ${options.cycles}`,
          measured: `heap ${growth >= 0 ? '+' : ''}${kb(growth)}, DOM nodes ${result.nodes.at(-1) - result.baseline.nodes >= 0 ? '+' : ''}${result.nodes.at(-1) - result.baseline.nodes}`,
          pass,
        });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      notes.push(`n/a: ${widget.label}: ${reason}`);
      if (widget.tag !== 'naive-countdown') goals.push({ goal: `${widget.label}: no growth after mounting/unmounting 1000 × ${options.cycles}`, measured: 'n/a', pass: null });
    }
  }
  notes.push(
    `"No growth": after the last cycle the heap is within ${allowedGrowthShare * 100} % of what 1000 mounted widgets hold (at least ${noiseFloor / 1024} KB, allocator noise) above the warm-up value, and live DOM nodes are back within 10 of it. ${WARM_UP_CYCLES} warm-up cycles first, so compiled (and re-optimized) code and template caches are not counted as growth.`,
  );
  return { title: `Memory: 1000 widgets mounted and unmounted ${options.cycles} times`, rows, notes, goals, data };
}

async function measureCycles(browser, widget, cycles) {
  const path = `/bench/memory-${widget.tag}.html`;
  browser.server.pages.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>memory</title><script type="module" src="${widget.script}"></script></head><body></body></html>`);
  const { page, cdp, close } = await browser.newPage();
  try {
    await page.goto(browser.server.origin + path, { waitUntil: 'load' });
    const iso = new Date(Math.ceil((Date.now() + 25 * 60_000) / 1000) * 1000).toISOString();
    const markup = widget.markup(iso).repeat(count);
    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const counters = await cdp.send('Memory.getDOMCounters');
      return { heap: usedSize, nodes: counters.nodes, listeners: counters.jsEventListeners };
    };
    const mount = async () => {
      const error = await page.evaluate(mountWidgets, { tag: widget.tag, markup });
      if (error) throw new Error(error);
    };
    const unmount = () => page.evaluate(unmountWidgets);

    // Warm-up: V8 compiles the hot paths to optimized code over the first few mounts (a one-time
    // step of ~60 KB at the third cycle on the countdown and ~20 KB on the naive peer, seen with one
    // warm-up cycle); a leak keeps growing through every measured cycle after that.
    for (let cycle = 0; cycle < WARM_UP_CYCLES; cycle += 1) {
      await mount();
      await unmount();
    }
    const baseline = await sample();
    const series = { heap: [], nodes: [], listeners: [] };
    let mountedCost = null;
    for (let cycle = 0; cycle < cycles; cycle += 1) {
      await mount();
      if (cycle === 0) {
        const mounted = await sample();
        mountedCost = { heap: mounted.heap - baseline.heap, nodes: mounted.nodes - baseline.nodes };
      }
      await unmount();
      const after = await sample();
      series.heap.push(after.heap);
      series.nodes.push(after.nodes);
      series.listeners.push(after.listeners);
    }
    return { baseline, mountedCost, ...series };
  } finally {
    await close();
  }
}

// Run inside the page.

async function mountWidgets({ tag, markup }) {
  const host = document.createElement('div');
  host.id = 'bench-host';
  host.innerHTML = markup;
  document.body.append(host);
  const defined = await Promise.race([
    customElements.whenDefined(tag).then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
  ]);
  if (!defined) return `<${tag}> was never defined (is it in the build?)`;
  await Promise.all([...host.children].map((element) => element.updateComplete));
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return null;
}

async function unmountWidgets() {
  document.getElementById('bench-host')?.remove();
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}
