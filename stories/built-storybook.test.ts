/**
 * The built Storybook, as a designer opens it from a static host: `storybook build` once, served by
 * a real HTTP server on 127.0.0.1, and every Reference (docs) page and every story's iframe opened in
 * Debian's Chromium. The story runs (vitest.stories.config.ts) use Storybook's dev server; two bugs
 * lived only in the build last time (media turned into `data:` addresses, a play step reading the
 * button before it drew). A page fails on an uncaught error, a console error, a dropkit warning from
 * a story that should not warn, a story or play function that threw, an axe violation (the a11y
 * addon's report), or a Reference page with nothing on it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/support/launch-chromium.ts';
import { contentTypeOf } from '../tools/content-types.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));

/**
 * Files some stories ask for and must not find: they show what a creator's missing file looks like
 * (docs/storybook.md lists them), or the demo creator's forge output before `npm start` forged it.
 */
const MISSING_ON_PURPOSE = [/\/no-such-/, /\/forge\/forge\.json$/, /\/favicon\.ico$/];

/**
 * Stories that show a creator's mistake and so warn on purpose (docs/storybook.md lists them); their
 * Reference page draws them too. Any other dropkit warning is a bug.
 */
const WARN_ON_PURPOSE = [
  'elements-drop-button--hostile-link',
  // A price its currency cannot have: one warning per price, which the story's play step checks.
  'elements-drop-button--price-that-cannot-be-shown',
  'elements-drop-clip--hostile-links',
  'elements-drop-clip--prices-that-cannot-be-shown',
  'elements-drop-clip--video-failed',
  'elements-drop-countdown--invalid-at',
  // A page dropkit has no words for: "no words for lang="fi"; showing English." once.
  'elements-drop-countdown--no-words-for-this-language',
  'elements-drop-mark--image-did-not-load',
  'showcase-a-whole-drop--one-day-before-no-words',
];

function warnsOnPurpose(entry: IndexEntry): boolean {
  const component = entry.id.split('--')[0];
  return WARN_ON_PURPOSE.some((id) => id === entry.id || (entry.type === 'docs' && id.split('--')[0] === component));
}

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

/** What a page said while it loaded, collected by the init script below. */
interface Outcome {
  done: boolean;
  failures: string[];
}

/**
 * Runs in the iframe before Storybook: catches its channel as it is created and records how the
 * render ended (storyFinished after play and afterEach; docsRendered for a Reference page).
 */
function watchStorybook(): void {
  const outcome: Outcome = { done: false, failures: [] };
  (window as unknown as { __dropkitOutcome: Outcome }).__dropkitOutcome = outcome;
  let channel: { on(event: string, listener: (payload: unknown) => void): void } | undefined;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value;
      const fail = (event: string) => (payload: unknown) => {
        outcome.failures.push(`${event}: ${JSON.stringify(payload)?.slice(0, 600)}`);
        outcome.done = true;
      };
      for (const event of ['storyErrored', 'storyThrewException', 'playFunctionThrewException', 'storyMissing']) value.on(event, fail(event));
      value.on('docsRendered', () => (outcome.done = true));
      value.on('storyFinished', (payload: unknown) => {
        // An error here is also a report that failed: the a11y addon's axe run (a11y.test = 'error').
        type Report = { type: string; status: string; result?: { violations?: Array<{ id: string }> } };
        const { status, reporters = [] } = payload as { status?: string; reporters?: Report[] };
        const failed = reporters.filter((report) => report.status === 'failed');
        const named = failed.map((report) => `; ${report.type}: ${report.result?.violations?.map((violation) => violation.id).join(', ') ?? 'failed'}`);
        if (status !== 'success') outcome.failures.push(`storyFinished with status ${status}${named.join('')}`);
        outcome.done = true;
      });
    },
  });
}

let root: string;
let server: Server;
let base: string;
let browser: Browser;
let entries: IndexEntry[] = [];

function serve(folder: string): Promise<Server> {
  const http = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(folder, path.endsWith('/') ? `${path}index.html` : path));
    try {
      if (!file.startsWith(folder + sep) || !(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': contentTypeOf(file), 'content-length': body.length });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(http)));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dropkit-storybook-'));
  // The manifest is generated by `npm run test:stories` before vitest starts, as for the story runs.
  await promisify(execFile)(join(repo, 'node_modules/.bin/storybook'), ['build', '-o', root, '--quiet'], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
  const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
  entries = Object.values(index.entries);
  [server, browser] = await Promise.all([serve(root), launchChromium()]);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (root) await rm(root, { recursive: true, force: true });
});

/** Opens one entry's iframe and returns every way it went wrong (empty when it rendered cleanly). */
async function problemsOf(entry: IndexEntry): Promise<string[]> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('[dropkit]') && !warnsOnPurpose(entry)) {
      problems.push(`console.warn: ${message.text()}`);
    }
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (message.text().startsWith('Failed to load resource') && MISSING_ON_PURPOSE.some((missing) => missing.test(url))) return;
    problems.push(`console.error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('requestfailed', (request) => {
    // A story leaving the page (a checkout link) aborts its own requests; anything else is a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  await page.addInitScript(watchStorybook);
  try {
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${entry.type}`);
    await page.waitForFunction(() => (window as unknown as { __dropkitOutcome?: Outcome }).__dropkitOutcome?.done === true, undefined, { timeout: 30_000 });
    const outcome = await page.evaluate(() => (window as unknown as { __dropkitOutcome: Outcome }).__dropkitOutcome);
    problems.push(...outcome.failures);
    if (entry.type === 'docs') {
      // A Reference page with a title but no stories or table drew nothing a designer can use.
      const drawn = await page.evaluate(() => {
        const docs = document.querySelector('#storybook-docs');
        return { text: docs?.textContent?.trim().length ?? 0, stories: docs?.querySelectorAll('.docs-story').length ?? 0 };
      });
      if (drawn.text < 200) problems.push(`empty Reference page (${drawn.text} characters)`);
      if (entry.id !== 'introduction--reference' && drawn.stories === 0) problems.push('Reference page without any story');
    }
  } catch (error) {
    problems.push(`did not finish rendering: ${String(error)}`);
  } finally {
    await context.close();
  }
  return problems;
}

describe('the built Storybook', () => {
  it('has every story and Reference page in its index', () => {
    expect(entries.filter((entry) => entry.type === 'docs').length).toBeGreaterThanOrEqual(6);
    expect(entries.filter((entry) => entry.type === 'story').length).toBeGreaterThanOrEqual(40);
  });

  it('opens every Reference page and every story without an error', async () => {
    const failures: string[] = [];
    // Two pages at a time: the machine has two cores.
    const queue = [...entries];
    await Promise.all(
      [0, 1].map(async () => {
        for (let entry = queue.shift(); entry; entry = queue.shift()) {
          const problems = await problemsOf(entry);
          if (problems.length) failures.push(`${entry.title} / ${entry.name} (${entry.type}):\n  ${problems.join('\n  ')}`);
        }
      }),
    );
    expect(failures, failures.join('\n')).toEqual([]);
  }, 600_000);
});
