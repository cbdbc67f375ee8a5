/**
 * Runtime: pages of 1, 20, 100 and 1000 countdowns (all visible) and 1000 with only 20 in the
 * viewport, for dropkit's <drop-countdown> and for a naive Lit countdown with its own setInterval
 * (and, where sharing one timer matters, GitHub's <relative-time>; on the 20 and 1000/20 pages, plain
 * text cells with no component, the floor of the 1000/20 goal).
 * Over one window per page: main-thread task time (CDP Performance.getMetrics), script time (a
 * trace of the window), long tasks (PerformanceObserver), and how each visible second flip lands
 * against the true second (MutationObserver on the rendered text, timed with
 * performance.timeOrigin + performance.now()).
 */
import { bundlePeer } from './bundle.mjs';
import { viewport } from './browser.mjs';
import { countdownPage } from './pages.mjs';
import { ratio } from './report.mjs';
import { analyseFlips } from './stats.mjs';
import { scriptMilliseconds, traceCategories } from './trace.mjs';

const implementations = {
  dropkit: {
    label: 'dropkit <drop-countdown>',
    tag: 'drop-countdown',
    script: '<script type="module" src="/kit/dropkit.js"></script>',
    // Seconds must show for flips to be observable; `clock` is the format that always shows them.
    attributes: 'format="clock"',
  },
  naive: {
    label: 'naive Lit countdown (setInterval each)',
    tag: 'naive-countdown',
    script: '<script type="module" src="/bench/naive-countdown.js"></script>',
    attributes: '',
  },
  // GitHub's element shares one timer between all instances too, but ticks a second after its last
  // update rather than on the boundary: the shared-ticker peer, on the pages where sharing matters.
  relativeTime: {
    label: 'GitHub <relative-time> (shared timer)',
    tag: 'relative-time',
    script: '<script type="module" src="/bench/relative-time.js"></script>',
    attributes: 'format="duration" precision="second"',
    dateAttribute: 'datetime',
    pages: ['100', '1000'],
  },
  // Not a peer: the same grid with plain light-DOM text and one timer, what any page of that many
  // cells pays. Its 1000/20 ÷ 20 is the floor of the "1000 with 20 visible" goal on this page.
  plain: {
    label: 'plain text cells, one timer (floor, no component)',
    tag: 'plain-cell',
    script: '<script type="module" src="/bench/plain-cells.js"></script>',
    attributes: '',
    pages: ['20', '1000/20'],
  },
};

const scenarios = [
  { key: 'empty', count: 0, visible: 0, label: 'empty page (loader only)', only: 'dropkit' },
  { key: '1', count: 1, visible: 1, label: '1, visible' },
  { key: '20', count: 20, visible: 20, label: '20, visible' },
  { key: '100', count: 100, visible: 100, label: '100, all visible' },
  { key: '1000', count: 1000, visible: 1000, label: '1000, all visible' },
  { key: '1000/20', count: 1000, visible: 20, label: '1000, 20 in viewport' },
];

const metricNames = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskOtherDuration'];

/** @param {{ browser: any, options: { window: number, pages: string[] }, log: (m: string) => void }} context */
export async function runRuntimeBench({ browser, options, log }) {
  const notes = [];
  browser.server.pages.set('/bench/naive-countdown.js', await bundlePeer('naive-countdown.js'));
  browser.server.pages.set('/bench/relative-time.js', await bundlePeer('relative-time.js'));
  browser.server.pages.set('/bench/plain-cells.js', await bundlePeer('plain-cells.js'));
  const windowMs = options.window * 1000;
  const results = [];
  const chosen = scenarios.filter((scenario) => options.pages.includes(scenario.key));
  for (const scenario of chosen) {
    for (const [implKey, impl] of Object.entries(implementations)) {
      if (scenario.only && scenario.only !== implKey) continue;
      if (impl.pages && !impl.pages.includes(scenario.key)) continue;
      log(`  ${impl.tag} × ${scenario.label}`);
      try {
        results.push({ scenario: scenario.key, impl: implKey, ...(await measureWindow(browser, impl, scenario, windowMs)) });
      } catch (error) {
        results.push({ scenario: scenario.key, impl: implKey, error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      }
    }
  }

  const find = (scenario, impl) => results.find((result) => result.scenario === scenario && result.impl === impl);
  const perSecond = (result, metric) => (result && !result.error ? result.metrics[metric] : Number.NaN);
  const dropkitTaskOf = (key) => perSecond(find(key, 'dropkit'), 'TaskDuration');
  const rows = results.map((result) => {
    const scenario = scenarios.find((candidate) => candidate.key === result.scenario);
    const measured = !result.error;
    const flips = (analysis) => (measured && scenario.count > 0 && analysis.flips > 0 ? analysis : null);
    return {
      page: scenario.label,
      countdown: implementations[result.impl].label,
      'task ms/s': perSecond(result, 'TaskDuration'),
      'script ms/s': perSecond(result, 'TracedScript'),
      'long tasks (ms)': measured ? `${result.longTasks.count} (${fmt(result.longTasks.totalMs)})` : '–',
      'flip error p95 ms': scenario.count === 0 ? '–' : fmt(flips(result.flips ?? {})?.errorP95),
      'on screen p95 ms': scenario.count === 0 ? '–' : fmt(flips(result.frameFlips ?? {})?.errorP95),
      'skipped s': measured && scenario.count > 0 ? result.flips.skipped : '–',
      'dropkit ÷ this (task)': result.impl === 'dropkit' ? '–' : ratio(dropkitTaskOf(result.scenario), perSecond(result, 'TaskDuration')),
    };
  });
  for (const result of results) {
    if (result.error) notes.push(`n/a: ${implementations[result.impl].label}, ${scenarios.find((s) => s.key === result.scenario)?.label}: ${result.error}`);
    else if (result.blocked.length > 0) notes.push(`${implementations[result.impl].label} tried the network: ${result.blocked.slice(0, 3).join(', ')}`);
  }
  notes.push(
    `Window ${options.window} s per page, viewport ${viewport.width}×${viewport.height}. "task" is the renderer main thread's CPU time in tasks (CDP Performance.getMetrics TaskDuration, thread time), "script" the JavaScript on that thread from a trace of the window (thread time; getMetrics' ScriptDuration misses timer callbacks), both per second of window; long tasks as the page's PerformanceObserver saw them (wall time). Flip error = |time of the text change − the true second boundary| over every observed visible element; "on screen" takes the start of the next animation frame instead (what a visitor sees; adds up to one frame). The goal is judged on the text change, which is what the element controls.`,
  );

  const plainTask = (key) => perSecond(find(key, 'plain'), 'TaskDuration');
  if (Number.isFinite(plainTask('1000/20')) && Number.isFinite(plainTask('20'))) {
    notes.push(
      `Floor of the 1000-with-20-visible goal on this page: plain text cells cost ${fmt(plainTask('1000/20'))} vs ${fmt(plainTask('20'))} ms/s = ${ratio(plainTask('1000/20'), plainTask('20'))} with no component at all (layout, paint and compositing of 1000 cells); dropkit's 1000/20 is ${ratio(dropkitTaskOf('1000/20'), plainTask('1000/20'))} of plain cells' (docs/countdown-runtime.md says where the rest goes).`,
    );
  }
  const dropkitTask = dropkitTaskOf;
  const naiveTask = (key) => perSecond(find(key, 'naive'), 'TaskDuration');
  const costGoal = (text, value, reference, limit) => ({
    goal: text,
    measured: `${fmt(value)} vs ${fmt(reference)} ms/s = ${ratio(value, reference)}`,
    pass: Number.isFinite(value) && Number.isFinite(reference) ? value <= limit * reference : null,
  });
  const dropkitFlips = results.filter((result) => result.impl === 'dropkit' && !result.error && result.flips.expectedFlips > 0);
  const worstP95 = dropkitFlips.length ? Math.max(...dropkitFlips.map((result) => (Number.isFinite(result.flips.errorP95) ? result.flips.errorP95 : Infinity))) : Number.NaN;
  const skipped = dropkitFlips.reduce((sum, result) => sum + result.flips.skipped, 0);
  const goals = [
    costGoal('1000 countdowns with 20 visible ≤ 1.5 × a page of 20', dropkitTask('1000/20'), dropkitTask('20'), 1.5),
    costGoal('100 visible countdowns ≤ 0.3 × the naive peer', dropkitTask('100'), naiveTask('100'), 0.3),
    costGoal('1000 visible countdowns ≤ 0.3 × the naive peer', dropkitTask('1000'), naiveTask('1000'), 0.3),
    {
      goal: 'flip error p95 ≤ 20 ms (worst page)',
      measured: `${fmt(worstP95)} ms`,
      pass: dropkitFlips.length ? worstP95 <= 20 : null,
    },
    {
      goal: 'zero skipped seconds',
      measured: dropkitFlips.length ? `${skipped} skipped` : 'no flips observed',
      pass: dropkitFlips.length ? skipped === 0 : null,
    },
  ];
  return { title: 'Runtime: countdown pages (headless Chromium)', rows, notes, goals, data: { windowSeconds: options.window, viewport, results } };
}

const fmt = (value) => (typeof value === 'number' && Number.isFinite(value) ? (value >= 10 ? value.toFixed(1) : value.toFixed(2)) : '–');

async function measureWindow(browser, impl, scenario, windowMs) {
  // Far enough ahead that no milestone (1 hour, 10 minutes) is crossed, near enough that seconds show.
  const at = Math.ceil((Date.now() + 25 * 60_000) / 1000) * 1000;
  const path = `/bench/runtime-${impl.tag}-${scenario.count}-${scenario.visible}.html`;
  browser.server.pages.set(
    path,
    countdownPage({ title: `${impl.tag} × ${scenario.label}`, script: impl.script, tag: impl.tag, count: scenario.count, visible: scenario.visible, at, viewport, attributes: impl.attributes, dateAttribute: impl.dateAttribute }),
  );
  const { page, cdp, blocked, close } = await browser.newPage();
  try {
    // Thread CPU time, not wall time: other processes on a shared machine must not count as our work.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(browser.server.origin + path, { waitUntil: 'load' });
    const ready = await page.evaluate(waitForRender, { tag: impl.tag, count: scenario.count });
    if (ready.error) throw new Error(ready.error + (pageErrors.length ? ` (page error: ${pageErrors[0]})` : ''));
    // Let start-up work (compilation, first GC) finish before the window opens.
    await page.waitForTimeout(1000);
    const traceEvents = [];
    cdp.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...value));
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: traceCategories, transferMode: 'ReportEvents' });
    await page.evaluate(installObservers, { tag: impl.tag });
    const before = await metrics(cdp);
    await page.waitForTimeout(windowMs);
    const after = await metrics(cdp);
    const observed = await page.evaluate(collectObservations);
    await cdp.send('Tracing.end');
    await traced;
    const seconds = (observed.end - observed.start) / 1000;
    const perSecond = Object.fromEntries(metricNames.map((name) => [name, ((after[name] - before[name]) * 1000) / seconds]));
    perSecond.TracedScript = scriptMilliseconds(traceEvents) / seconds;
    return {
      at,
      seconds,
      metrics: perSecond,
      longTasks: {
        count: observed.longTasks.length,
        totalMs: observed.longTasks.reduce((sum, task) => sum + task.duration, 0),
        maxMs: observed.longTasks.reduce((max, task) => Math.max(max, task.duration), 0),
      },
      observedElements: observed.elements,
      clockSkewMs: observed.clockSkewMs,
      flips: analyseFlips({ at, start: observed.start, end: observed.end, elements: observed.elements, flips: observed.flips }),
      frameFlips: analyseFlips({ at, start: observed.start, end: observed.end, elements: observed.elements, flips: observed.frameFlips }),
      pageErrors,
      blocked: [...blocked],
    };
  } finally {
    await close();
  }
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

// The functions below run inside the page (serialised by playwright); they must be self-contained.

async function waitForRender({ tag, count }) {
  if (count === 0) return {};
  const defined = await Promise.race([
    customElements.whenDefined(tag).then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), 15_000)),
  ]);
  if (!defined) return { error: `<${tag}> was never defined (is it in the build?)` };
  const elements = [...document.querySelectorAll(tag)];
  await Promise.all(elements.map((element) => element.updateComplete));
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return {};
}

function installObservers({ tag }) {
  const clock = () => performance.timeOrigin + performance.now();
  const visible = [...document.querySelectorAll(tag)].filter((element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  });
  const indexOf = new Map(visible.map((element, index) => [element, index]));
  const state = { start: clock(), clockSkewMs: Date.now() - clock(), elements: visible.length, flips: [], frameFlips: [], longTasks: [] };
  const textObserver = new MutationObserver((records) => {
    const t = clock();
    const changed = new Set();
    for (const record of records) {
      const root = record.target.getRootNode();
      const host = root instanceof ShadowRoot ? root.host : record.target.parentElement?.closest(tag);
      const index = indexOf.get(host);
      if (index !== undefined) changed.add(index);
    }
    // One flip may touch several text nodes (minutes and seconds); it is still one flip.
    for (const element of changed) state.flips.push({ element, t });
    // The visitor sees the change in the next frame; its animation-frame time is when that frame starts.
    if (changed.size > 0) {
      requestAnimationFrame(() => {
        const frame = clock();
        for (const element of changed) state.frameFlips.push({ element, t: frame });
      });
    }
  });
  for (const element of visible) {
    textObserver.observe(element.shadowRoot ?? element, { subtree: true, childList: true, characterData: true });
  }
  const taskObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration });
  });
  taskObserver.observe({ type: 'longtask' });
  globalThis.__benchRuntime = { state, stop: () => (textObserver.disconnect(), taskObserver.disconnect()) };
}

function collectObservations() {
  const { state, stop } = globalThis.__benchRuntime;
  stop();
  return { ...state, end: performance.timeOrigin + performance.now() };
}
