import { expect } from '@esm-bundle/chai';
import { waitFor } from '../packages/elements/src/test-support/wait.ts';

/**
 * The built ES loader (dist/cdn/dropkit.js) as a creator's page loads it: lazy chunks, tags added
 * later, shadow roots, and a second copy of the kit on the same page.
 */

type Kit = { version: string; observe(root: Document | ShadowRoot | Element): void };
const kit = () => (globalThis as unknown as { dropkit: Kit }).dropkit;

function chunkRequests(name: string): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => url.includes(`/dist/cdn/${name}-`));
}

describe('script-tag loader', () => {
  it('exposes the kit and its version on window.dropkit', () => {
    expect(kit().version).to.match(/^\d+\.\d+\.\d+/);
  });

  it('fetches no element chunk until that element appears', () => {
    expect(customElements.get('drop-countdown')).to.equal(undefined);
    expect(chunkRequests('countdown')).to.deep.equal([]);
  });

  it('defines an element inside a shadow root once that root is observed', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    kit().observe(root);
    root.innerHTML = '<drop-countdown at="2030-01-01T00:00:00Z">1 Jan 2030</drop-countdown>';
    await waitFor(() => customElements.get('drop-countdown') !== undefined, '<drop-countdown> to be defined');
    expect(chunkRequests('countdown')).to.have.length(1);
    host.remove();
  });

  it('a second copy of the loader throws nothing and warns once', async () => {
    const messages: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void messages.push(args.join(' '));
    try {
      await import(/* @vite-ignore */ `/dist/cdn/dropkit.js?copy=${Date.now()}`);
    } finally {
      console.warn = original;
    }
    expect(messages).to.have.length(1);
    expect(messages[0]).to.match(/loader .* already on this page/);
  });
});

/**
 * A phone on a flaky network at drop time: the kit served from test/support/flaky-cdn.mjs, which
 * answers a chosen chunk with a 503 or a dropped connection. Each page is an iframe with its own
 * loader, module map and console, as a visitor's tab would be.
 */
type LogEntry = { file: string; at: number; answer: number | 'dropped' };
type FramedWindow = Window & typeof globalThis & { errors: string[]; warnings: string[] };

const COUNTDOWN = '<drop-countdown at="2030-01-01T00:00:00Z">Drops 1 January 2030</drop-countdown>';

// The iframe's own console, recorded before its loader runs (the loader reports failures there).
const recordConsole = `<script>
  window.errors = []; window.warnings = [];
  for (const [name, list] of [['error', errors], ['warn', warnings]]) {
    const original = console[name];
    console[name] = (...args) => { list.push(args.map(String).join(' ')); original.apply(console, args); };
  }
</script>`;

let runs = 0;

async function flakyPage(failures: Record<string, number>, options: { how?: '503' | 'drop'; lang?: string; body?: string } = {}) {
  const run = `loader-${Date.now()}-${++runs}`;
  const settings = new URLSearchParams({ run, how: options.how ?? '503' });
  for (const [chunk, times] of Object.entries(failures)) settings.set(chunk, String(times));
  await fetch(`/__test/flaky-set?${settings}`);
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8"><title>flaky</title>
    ${recordConsole}<script type="module" src="/__test/flaky/${run}/dropkit.js"></script></head>
    <body>${options.body ?? COUNTDOWN}</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as FramedWindow;
  const log = async (): Promise<LogEntry[]> => (await fetch(`/__test/flaky-log?run=${run}`)).json();
  const requestsFor = async (chunk: string) => (await log()).filter((entry) => entry.file.startsWith(`${chunk}-`));
  const set = (chunk: string, times: number) => fetch(`/__test/flaky-set?${new URLSearchParams({ run, [chunk]: String(times) })}`);
  const upgraded = (root: ParentNode = win.document) => root.querySelector('drop-countdown')?.shadowRoot != null;
  /** Polls the server's log (a request is only counted once the server saw it). */
  const waitForRequests = async (chunk: string, count: number, timeout: number) => {
    const start = performance.now();
    while ((await requestsFor(chunk)).length < count) {
      if (performance.now() - start > timeout) throw new Error(`timed out waiting for request ${count} of ${chunk}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { win, requestsFor, set, upgraded, waitForRequests, remove: () => frame.remove() };
}

// The server logs a request before it answers: give the page a moment to see the answer fail.
const settled = () => new Promise((resolve) => setTimeout(resolve, 300));

const loaderErrors = (win: FramedWindow) => win.errors.filter((message) => message.startsWith('[dropkit]'));

describe('script-tag loader on a flaky network', () => {
  it('upgrades the countdown once a 503 on its chunk has passed, with one console error', async () => {
    const page = await flakyPage({ countdown: 1 });
    try {
      await waitFor(() => page.upgraded(), 'the countdown to upgrade after its chunk failed once', 8000);
      expect((await page.requestsFor('countdown')).map((entry) => entry.answer)).to.deep.equal([503, 200]);
      expect(loaderErrors(page.win)).to.have.length(1);
      expect(loaderErrors(page.win)[0]).to.match(/could not load <drop-countdown>; will retry/);
    } finally {
      page.remove();
    }
  });

  it('upgrades after dropped connections to its chunk', async () => {
    // Chromium sends a request again by itself when a kept-alive connection dies before any answer,
    // so a single drop is often invisible: the chunk stays down until the loader has given up once.
    const page = await flakyPage({ countdown: 1000 }, { how: 'drop' });
    try {
      await waitFor(() => loaderErrors(page.win).length > 0, 'the loader to report the dropped chunk', 5000);
      await page.set('countdown', 0);
      await waitFor(() => page.upgraded(), 'the countdown to upgrade after its connections dropped', 8000);
      const answers = (await page.requestsFor('countdown')).map((entry) => entry.answer);
      expect(answers.at(-1)).to.equal(200);
      expect(answers.slice(0, -1)).to.include('dropped').and.not.include(200);
      expect(loaderErrors(page.win)).to.have.length(1);
    } finally {
      page.remove();
    }
  });

  it('upgrades when the shared chunk (Lit) failed, fetching only that chunk again: one Lit, one definition', async () => {
    const page = await flakyPage({ core: 1 });
    try {
      await waitFor(() => page.upgraded(), 'the countdown to upgrade after the core chunk failed once', 8000);
      expect((await page.requestsFor('core')).map((entry) => entry.answer)).to.deep.equal([503, 200]);
      // The countdown's own file arrived the first time: the retry reuses it, so its classes are
      // evaluated once and nothing is defined twice.
      expect(await page.requestsFor('countdown')).to.have.length(1);
      expect(page.win.warnings.filter((message) => message.startsWith('[dropkit]'))).to.deep.equal([]);
      expect(loaderErrors(page.win)).to.have.length(1);
    } finally {
      page.remove();
    }
  });

  it('upgrades a countdown inside a shadow root the page asked the loader to observe', async () => {
    const page = await flakyPage({ countdown: 1 }, { body: '<div id="host"></div>' });
    try {
      const root = page.win.document.querySelector('#host')!.attachShadow({ mode: 'open' });
      (page.win as unknown as { dropkit: Kit }).dropkit.observe(root);
      root.innerHTML = COUNTDOWN;
      await waitFor(() => page.upgraded(root), 'the countdown in the shadow root to upgrade', 8000);
      expect((await page.requestsFor('countdown')).map((entry) => entry.answer)).to.deep.equal([503, 200]);
    } finally {
      page.remove();
    }
  });

  it('on a German page the retry brings the German words too', async () => {
    const page = await flakyPage(
      { countdown: 1, de: 1 },
      { lang: 'de', body: '<drop-countdown at="2026-12-05T18:00:00+01:00" now="2026-12-05T17:30:00Z">Drop am 5. Dezember</drop-countdown>' },
    );
    try {
      const status = () => page.win.document.querySelector('drop-countdown')?.shadowRoot?.querySelector('[part="status"]')?.textContent?.trim() ?? '';
      await waitFor(() => status() !== '', 'the countdown to say it is live', 8000);
      expect(status()).to.equal('Jetzt live');
      expect(page.win.warnings.filter((message) => message.includes('words'))).to.deep.equal([]);
    } finally {
      page.remove();
    }
  });

  it('retries at once when the phone comes back online, and when the tab is shown again', async () => {
    const page = await flakyPage({ countdown: 1000 });
    try {
      // The first try and the retries after about 1 s and 3 s more: the next one is 10 s away.
      await page.waitForRequests('countdown', 3, 8000);
      await settled();
      await page.set('countdown', 0);
      const back = performance.now();
      page.win.dispatchEvent(new Event('online'));
      await waitFor(() => page.upgraded(), 'the countdown to upgrade on the online event', 4000);
      expect(performance.now() - back).to.be.below(4000);
      expect(await page.requestsFor('countdown')).to.have.length(4);
    } finally {
      page.remove();
    }
    const hidden = await flakyPage({ countdown: 1000 });
    try {
      await hidden.waitForRequests('countdown', 3, 8000);
      await settled();
      await hidden.set('countdown', 0);
      hidden.win.document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => hidden.upgraded(), 'the countdown to upgrade when the tab is visible again', 4000);
      expect(await hidden.requestsFor('countdown')).to.have.length(4);
    } finally {
      hidden.remove();
    }
  });

  it('while the chunk stays down: growing delays, no storm on repeated online events, one console error', async () => {
    const page = await flakyPage({ countdown: 1000 });
    try {
      await page.waitForRequests('countdown', 3, 8000);
      await settled();
      // A burst of network changes (a phone hopping between cells) while a retry is in flight or
      // just failed costs at most one request.
      for (let i = 0; i < 5; i++) page.win.dispatchEvent(new Event('online'));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const requests = await page.requestsFor('countdown');
      expect(requests.length).to.equal(4);
      const gaps = requests.slice(1, 3).map((entry, i) => entry.at - requests[i]!.at);
      // About 1 s, then about 3 s.
      expect(gaps[0]).to.be.within(800, 2000);
      expect(gaps[1]).to.be.within(2500, 4500);
      expect(loaderErrors(page.win)).to.have.length(1);
      expect(page.upgraded()).to.equal(false);
    } finally {
      page.remove();
    }
  });

  it('stops retrying once the tag is gone from the page', async () => {
    const page = await flakyPage({ countdown: 1000 });
    try {
      await page.waitForRequests('countdown', 2, 5000);
      page.win.document.querySelector('drop-countdown')!.remove();
      // The retry that was due about 3 s later finds no countdown and asks for nothing.
      await new Promise((resolve) => setTimeout(resolve, 4500));
      expect(await page.requestsFor('countdown')).to.have.length(2);
    } finally {
      page.remove();
    }
  });
});
