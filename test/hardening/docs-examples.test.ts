/**
 * Every example a creator copies from the docs works. Creators paste our HTML into their pages as
 * it is, so each fenced example in docs/*.md (the README's reference copies them: tools/readme.mjs)
 * and in the README's own quick start is checked for what it is:
 *
 * - ```html with a dropkit tag (`<drop-…>`): a page. Served by the hardening server with the BUILT
 *   kit (dist/cdn/dropkit.js) in Chromium: the documented kit address (cdn.example or jsDelivr) is
 *   rewritten to the local file, and a block without the script line gets it prepended, as the docs
 *   tell creators to load it once per page; the rest of the snippet stays as written. No uncaught
 *   error, no console error (a 404 is one), every dropkit element defined and rendered (a shadow
 *   root, not left showing the creator's fallback), and no console warning the block does not
 *   declare (below).
 * - ```html that is only the kit's `<script>` line: the address has a documented shape (the
 *   self-hosted placeholder or jsDelivr at this package's version and its published path) and it
 *   keeps `type="module"`.
 * - ```html that shows how to put forge's badge files on a page (`<img>`/`<picture>` naming
 *   badges/…): every file it names is one forge plans for the documented badge config.
 * - ```html that is a `<track>` for `<drop-clip>`: served inside a clip with the local test video.
 * - ```json with "name" and "mark" (docs/forge.md, docs/badges.md): a creator config; it passes
 *   forge's schema validator and loads with forge's own loader next to a simple SVG for every file
 *   it names (the built forge, packages/forge/dist: what a creator's npx runs).
 * - ```json with "name" and a "wordmark"/"glyph" but no "mark": a mark.json; the page examples that
 *   point at a mark.json get exactly this one.
 * - every `dropkit forge …` command line (fenced or inline) is run through the CLI's own argument
 *   parser (the built bin with `--help` added: it refuses an unknown flag before it prints help),
 *   and every `--only` names stages the CLI knows.
 * Any other ```html or ```json block fails the test: a new kind of example needs a check here.
 *
 * Declaring a warning. An example that shows a deliberate mistake (a time without a zone) says
 * which warning it causes in an HTML comment on the line(s) right above its fence, which GitHub and
 * npm do not show (and tools/readme.mjs copies as it is):
 *
 *     <!-- expect-warning: has no time zone offset -->
 *     ```html
 *     <drop-countdown at="2026-12-05T18:00:00">…</drop-countdown>
 *     ```
 *
 * The text is part of the warning; a declared warning that does not come fails the test too, and
 * only an element a declared warning names may stay on the creator's text. An example that goes on
 * the page of the doc's first example (a second button for the same countdown) says so the same
 * way, `<!-- same-page-as: first example -->`, and is served after that example.
 *
 * Network: nothing leaves the machine (the host-resolver rule refuses every name but 127.0.0.1).
 * Checkout and shop links are only hrefs and must never be fetched. The placeholder site of the
 * examples (https://your-site.com/) is answered from test/media by a route of the browser
 * context, with CORS as a real site would; a request to any other host fails the block.
 * Relative media (/mark/…, tee.webm, …) comes from test/media through the server's routes.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { OFFLINE_EXCEPT_LOCALHOST, kitSettled, openPage } from './support/browser.ts';
import { repoRoot, type Handler } from './support/server.ts';
import { serverAndChromiumForThisFile } from './support/server-and-chromium.ts';
import { contentTypeOf } from '../../tools/content-types.mjs';

const run = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// The examples
// ---------------------------------------------------------------------------------------------

interface Block {
  /** "docs/button.md:48": where a reader finds it (the fence's line). */
  where: string;
  lang: string;
  code: string;
  expectedWarnings: string[];
  /** Declared with `<!-- same-page-as: first example -->`: served after the file's first page example. */
  continuesFirst: boolean;
}

/** The parts of the README written there and not copied from docs/ (the quick start). */
function readmeOwnText(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  // Blanks keep line numbers right; what lies between the markers is docs/*.md again.
  return readme.replace(/<!-- (\w+):start -->[\s\S]*?<!-- \1:end -->/g, (copied) => copied.replace(/[^\n]/g, ''));
}

function fencedBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== fence; j++) {
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
    }
    const expectedWarnings: string[] = [];
    let continuesFirst = false;
    for (let k = i - 1; k >= 0; k--) {
      const note = /^\s*<!-- (expect-warning|same-page-as): (.+?) -->\s*$/.exec(lines[k]!);
      if (!note) break;
      if (note[1] === 'expect-warning') expectedWarnings.unshift(note[2]!);
      else if (note[2] === 'first example') continuesFirst = true;
      else throw new Error(`${file}:${k + 1}: same-page-as must say "first example", not "${note[2]}"`);
    }
    blocks.push({ where: `${file}:${i + 1}`, lang: info!.trim().split(/\s+/)[0] ?? '', code: body.join('\n'), expectedWarnings, continuesFirst });
    i = j;
  }
  return blocks;
}

const docFiles = readdirSync(join(repoRoot, 'docs')).filter((name) => name.endsWith('.md')).sort();

const docTexts: { file: string; text: string }[] = [
  { file: 'README.md', text: readmeOwnText() },
  ...docFiles.map((name) => ({ file: `docs/${name}`, text: readFileSync(join(repoRoot, 'docs', name), 'utf8') })),
];
const allBlocks = docTexts.flatMap(({ file, text }) => fencedBlocks(file, text));

type HtmlKind = 'page' | 'kit-script' | 'badge-markup' | 'clip-track';
type JsonKind = 'creator-config' | 'mark-json';

const KIT_SCRIPT = /<script\b[^>]*\bsrc="([^"]*dropkit(?:\.iife)?\.js)"[^>]*><\/script>/g;
const withoutComments = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');

function htmlKind(code: string): HtmlKind | undefined {
  const bare = withoutComments(code).trim();
  if (/<drop-[a-z]/.test(bare)) return 'page';
  if (bare.match(KIT_SCRIPT) !== null && bare.replace(KIT_SCRIPT, '').trim() === '') return 'kit-script';
  // Only images of forge's badges folder, in <img> or <picture>.
  if (/^(?:<(?:img|picture|source|\/picture)\b[^>]*>\s*)+$/.test(bare) && /badges\//.test(bare)) return 'badge-markup';
  if (/^<track\b[^>]*>$/.test(bare)) return 'clip-track';
  return undefined;
}

function jsonKind(code: string): JsonKind | undefined {
  let value: unknown;
  try {
    value = JSON.parse(code);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('name' in value)) return undefined;
  if ('mark' in value) return 'creator-config';
  if ('wordmark' in value || 'glyph' in value || 'monogram' in value) return 'mark-json';
  return undefined;
}

const htmlBlocks = allBlocks.filter((block) => block.lang === 'html').map((block) => ({ ...block, kind: htmlKind(block.code) }));
const jsonBlocks = allBlocks.filter((block) => block.lang === 'json').map((block) => ({ ...block, kind: jsonKind(block.code) }));

/** `dropkit forge …` command lines: fenced lines and inline code, a line break inside one joined. */
function forgeCommands(): { where: string; args: string[] }[] {
  const commands: { where: string; args: string[] }[] = [];
  for (const { file, text } of docTexts) {
    const found: { at: number; command: string }[] = [];
    for (const block of fencedBlocks(file, text)) {
      if (block.lang !== 'sh' && block.lang !== '') continue;
      const line = Number(block.where.split(':')[1]);
      block.code.split('\n').forEach((command, index) => found.push({ at: line + 1 + index, command: command.replace(/\s+#.*$/, '') }));
    }
    // Inline code: fences blanked (line numbers kept), then spans paired within a paragraph, as
    // Markdown does, so a stray backtick cannot pair across the page.
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^\s*(`{3,})/.exec(lines[i]!);
      if (!open) continue;
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== open[1]) j++;
      for (let k = i; k <= j && k < lines.length; k++) lines[k] = '';
      i = j;
    }
    let start = 0;
    for (let i = 0; i <= lines.length; i++) {
      if (i < lines.length && lines[i]!.trim() !== '') continue;
      const paragraph = lines.slice(start, i).join('\n');
      for (const span of paragraph.matchAll(/(`+)([^`][\s\S]*?)\1(?!`)/g)) {
        found.push({ at: start + 1 + paragraph.slice(0, span.index).split('\n').length - 1, command: span[2]!.replace(/\s*\n\s*/g, ' ').trim() });
      }
      start = i + 1;
    }
    for (const { at, command } of found) {
      // The tool's output quotes itself ("dropkit forge: note: …"): that is no command line.
      // A flag named on its own in the prose ("`--only social` draws…") is checked like a command.
      const call = /(?:^|\s)(?:npx (?:-p \S+ )*)?(?:dropkit|@dropkit\/forge|\S*cli-entry\.cjs) forge(?!:)(.*)$/.exec(command) ?? /^()(--only \S+)$/.exec(command);
      // "the files `dropkit forge` wrote" names the tool, not a command line.
      if (!call || call.at(-1)!.trim() === '') continue;
      const args = call.at(-1)!
        .replace(/[[\]]/g, ' ') // the synopsis: [--check] [--base /path/]
        .split(/\s+/)
        .filter((arg) => arg !== '' && arg !== '…');
      commands.push({ where: `${file}:${at}`, args });
    }
  }
  return commands;
}

// ---------------------------------------------------------------------------------------------
// The page checks
// ---------------------------------------------------------------------------------------------

const mediaDir = join(repoRoot, 'test', 'media');
const cdnFile = join(repoRoot, 'dist', 'cdn', 'dropkit.js');
const elementsPackage = JSON.parse(readFileSync(join(repoRoot, 'packages', 'elements', 'package.json'), 'utf8')) as { name: string; version: string };

/** The mark.json the docs document (mark.md): what the examples' `src=".../mark.json"` get. */
const documentedMarkJson = jsonBlocks.find((block) => block.kind === 'mark-json')?.code;

/** The media the examples name by relative path, from test/media (a jpg is a png here: browsers sniff). */
const MEDIA: Record<string, string> = {
  '/tee.webm': 'clip/clip.webm',
  '/tee.jpg': 'clip/poster.png',
  '/tee-thumb.jpg': 'clip/poster.png',
  '/tee.vtt': 'clip/captions.vtt',
  '/products.vtt': 'clip/products.vtt',
  '/mark/wordmark.svg': 'mark/wordmark.svg',
  '/mark/wordmark-dark.svg': 'mark/wordmark-dark.svg',
  '/mark/monogram.svg': 'mark/monogram.svg',
  '/mark/glyph.svg': 'mark/glyph.svg',
};

async function mediaAnswer(path: string): Promise<{ body: Buffer; type: string } | undefined> {
  if (path === '/mark/mark.json' && documentedMarkJson) return { body: Buffer.from(documentedMarkJson), type: contentTypeOf(path) };
  const file = MEDIA[path];
  if (!file) return undefined;
  return { body: await readFile(join(mediaDir, file)), type: contentTypeOf(file) };
}

const mediaRoute: Handler = async (_req, res, url) => {
  const answer = await mediaAnswer(url.pathname);
  if (!answer) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': answer.type, 'Cache-Control': 'no-store' }).end(answer.body);
};

/** The creator's own site in the examples, answered locally: its mark files and a stock count. */
const PLACEHOLDER_SITE = 'https://your-site.com';

async function placeholderSite(route: Route, url: URL): Promise<void> {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
  if (url.pathname === '/stock.json') return route.fulfill({ status: 200, contentType: 'application/json', headers: cors, body: '{"available": 40}' });
  const answer = await mediaAnswer(url.pathname);
  if (!answer) return route.fulfill({ status: 404, headers: cors, body: 'not found' });
  return route.fulfill({ status: 200, contentType: answer.type, headers: cors, body: answer.body });
}

/** The documented kit addresses: the self-hosted placeholder, and jsDelivr at this major.minor. */
function kitAddressProblem(src: string): string | undefined {
  if (/^https:\/\/cdn\.example\/dropkit\/dropkit(\.iife)?\.js$/.test(src)) return undefined;
  const jsdelivr = /^https:\/\/cdn\.jsdelivr\.net\/npm\/(@dropkit\/elements)@(\d+\.\d+(?:\.\d+)?)(\/dist\/cdn\/dropkit(\.iife)?\.js)$/.exec(src);
  if (!jsdelivr) return `${src} is neither https://cdn.example/dropkit/dropkit.js nor a jsDelivr address of ${elementsPackage.name}'s dist/cdn/dropkit.js`;
  const [, , version] = jsdelivr;
  if (!elementsPackage.version.startsWith(`${version}.`) && elementsPackage.version !== version) {
    return `${src} asks for version ${version} but the package is ${elementsPackage.version}`;
  }
  return undefined;
}

function scriptTagProblems(code: string): string[] {
  const problems: string[] = [];
  for (const tag of withoutComments(code).matchAll(KIT_SCRIPT)) {
    const problem = kitAddressProblem(tag[1]!);
    if (problem) problems.push(problem);
    if (tag[1]!.endsWith('dropkit.js') && !/\btype="module"/.test(tag[0])) problems.push(`${tag[0]} has no type="module": the browser refuses the file`);
  }
  return problems;
}

/** A few days before every drop the examples announce. */
const PAGE_CLOCK = new Date('2026-12-01T12:00:00Z');

const { server, browser } = serverAndChromiumForThisFile({ chromiumArgs: [OFFLINE_EXCEPT_LOCALHOST] });
let pageCount = 0;

interface PageOutcome {
  errors: string[];
  warnings: string[];
  unsettled?: string;
  /** Rendering elements whose shadow root shows nothing but the creator's fallback slot. */
  inFallback: string[];
  /** Requests the page made to hosts other than the test server and the placeholder site. */
  external: string[];
}

/** Serves `body` as a creator's page with the built kit; a block's own kit line is pointed at it. */
async function openExample(body: string): Promise<PageOutcome> {
  const local = `${server().origin}/cdn/dropkit.js`;
  const hasKit = withoutComments(body).match(KIT_SCRIPT) !== null;
  const page = body.replace(KIT_SCRIPT, (tag, src: string) => tag.replace(src, src.endsWith('.iife.js') ? local.replace('.js', '.iife.js') : local));
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A creator's page</title>
${hasKit ? '' : `<script type="module" src="${local}"></script>`}
</head>
<body>
<main>
${page}
</main>
</body>
</html>`;
  const url = server().page(`/example-${++pageCount}`, { html });
  const external: string[] = [];
  let inFlight = 0;
  let lastSettled = Date.now();
  const watch = await openPage(browser(), url, {}, async (_page, context) => {
    // The page's clock starts at the same moment on every run, so the examples are judged in the
    // same state whatever today is (their drops are on 5 December 2026: scheduled, the state with the
    // most moving parts). It runs on from there like a real clock.
    await context.clock.install({ time: PAGE_CLOCK });
    context.on('request', () => inFlight++);
    const done = () => {
      inFlight--;
      lastSettled = Date.now();
    };
    context.on('requestfinished', done);
    context.on('requestfailed', done);
    await context.route('**/*', async (route) => {
      const target = new URL(route.request().url());
      if (target.origin === server().origin || target.protocol === 'data:' || target.protocol === 'blob:') return route.continue();
      if (target.origin === PLACEHOLDER_SITE) return placeholderSite(route, target);
      external.push(target.href);
      return route.abort('blockedbyclient');
    });
  });
  try {
    let unsettled: string | undefined;
    await kitSettled(watch.page).catch((error: Error) => (unsettled = error.message));
    // Late chunks, the words, a stock answer or a mark.json have had their chance to complain:
    // nothing in flight for 200 ms (networkidle waits 500 ms, which a dozen pages feel).
    const giveUp = Date.now() + 5_000;
    while ((inFlight > 0 || Date.now() - lastSettled < 200) && Date.now() < giveUp) await new Promise((resolve) => setTimeout(resolve, 20));
    if (inFlight > 0) unsettled ??= `${inFlight} request(s) still unanswered after 5 s`;
    await watch.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const inFallback = await watch.page.evaluate(() =>
      [...document.querySelectorAll('drop-countdown, drop-button, drop-mark, drop-clip')]
        .filter((el) => {
          const root = el.shadowRoot;
          if (!root) return false;
          const shown = [...root.children].filter((child) => child.localName !== 'style');
          return shown.length === 1 && shown[0]!.localName === 'slot' && !shown[0]!.hasAttribute('name');
        })
        .map((el) => `<${el.localName}${el.id ? ` id="${el.id}"` : ''}>`),
    );
    return { errors: [...watch.errors, ...watch.consoleErrors], warnings: watch.warnings, unsettled, inFallback, external };
  } finally {
    await watch.close();
  }
}

function assertCleanPage(block: Block, outcome: PageOutcome): void {
  const declared = outcome.warnings.filter((warning) => block.expectedWarnings.some((expected) => warning.includes(expected)));
  const unexpected = outcome.warnings.filter((warning) => !declared.includes(warning));
  const missing = block.expectedWarnings.filter((expected) => !outcome.warnings.some((warning) => warning.includes(expected)));
  // A deliberate mistake shows the creator's text: allowed for an element its declared warning names.
  const inFallback = outcome.inFallback.filter((element) => !declared.some((warning) => warning.includes(`<${/^<([a-z-]+)/.exec(element)![1]}>`)));
  expect(
    {
      errors: outcome.errors,
      unsettled: outcome.unsettled,
      inFallback,
      unexpectedWarnings: unexpected,
      declaredWarningsThatNeverCame: missing,
      externalRequests: outcome.external,
    },
    `${block.where}\n${block.code}`,
  ).toEqual({ errors: [], unsettled: undefined, inFallback: [], unexpectedWarnings: [], declaredWarningsThatNeverCame: [], externalRequests: [] });
}

beforeAll(async () => {
  for (const path of [...Object.keys(MEDIA), '/mark/mark.json']) server().route(path, mediaRoute);
  await readFile(cdnFile).catch(() => {
    throw new Error('dist/cdn/dropkit.js is missing: run npm run build first');
  });
});

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('the examples in the docs', () => {
  it('are all of a kind this test checks (and it says how many of each)', () => {
    const count = (kinds: (string | undefined)[]) =>
      Object.fromEntries([...new Set(kinds)].map((kind) => [kind, kinds.filter((k) => k === kind).length]));
    const commands = forgeCommands();
    console.log(
      `docs examples: html ${JSON.stringify(count(htmlBlocks.map((b) => b.kind)))}, json ${JSON.stringify(count(jsonBlocks.map((b) => b.kind)))}, ` +
        `dropkit forge command lines ${commands.length}:\n${commands.map(({ where, args }) => `  ${where}: ${args.join(' ')}`).join('\n')}`,
    );
    expect(htmlBlocks.filter((block) => !block.kind).map((block) => `${block.where}\n${block.code}`)).toEqual([]);
    expect(jsonBlocks.filter((block) => !block.kind).map((block) => `${block.where}\n${block.code}`)).toEqual([]);
    expect(htmlBlocks.filter((block) => block.kind === 'page').length).toBeGreaterThan(5);
    expect(commands.length).toBeGreaterThan(3);
    expect(documentedMarkJson).toBeDefined();
  });

  const pages = htmlBlocks.filter((block) => block.kind === 'page');
  /** The page a block continues (same-page-as): the first page example of its file. */
  const firstOfFile = (block: Block) => pages.find((other) => other.where.split(':')[0] === block.where.split(':')[0])!;

  // One browser, a fresh context per page, one page at a time: the machine has two cores, and pages
  // opened side by side only waited for each other (measured: no faster in all).
  describe.each(pages.map((block) => [block.where, block] as const))('page %s', (_where, block) => {
    it('upgrades every element, with no error and no warning it does not declare', async () => {
      expect(scriptTagProblems(block.code)).toEqual([]);
      const first = firstOfFile(block);
      if (block.continuesFirst) expect(first, `${block.where} says it continues the first example, but it is the first`).not.toBe(block);
      assertCleanPage(block, await openExample(block.continuesFirst ? `${first.code}\n${block.code}` : block.code));
    });
  });

  describe.each(htmlBlocks.filter((block) => block.kind === 'clip-track').map((block) => [block.where, block] as const))('<track> %s', (_where, block) => {
    it('works inside a <drop-clip>', async () => {
      const outcome = await openExample(`<drop-clip src="/tee.webm" poster="/tee.jpg" label="Glow tee preview">\n${block.code}\n</drop-clip>`);
      assertCleanPage(block, outcome);
    });
  });

  it.each(htmlBlocks.filter((block) => block.kind === 'kit-script').map((block) => [block.where, block] as const))(
    'kit script line %s: a documented address, with type="module"',
    (_where, block) => {
      expect(scriptTagProblems(block.code), block.code).toEqual([]);
    },
  );
});

describe('forge in the docs', () => {
  let folder: string;
  // The build of forge (what the bin runs), not its sources: the same code a creator's npx gets.
  type ForgeModule = typeof import('../../packages/forge/src/index.ts');
  let forgeLib: ForgeModule;
  const SIMPLE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#ff3366"/></svg>';
  const SIMPLE_GLYPH = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#ff3366"/></svg>';

  beforeAll(async () => {
    forgeLib = (await import(join(repoRoot, 'packages', 'forge', 'dist', 'index.js'))) as ForgeModule;
    folder = await mkdtemp(join(tmpdir(), 'dropkit-docs-examples-'));
  });
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** Loads a documented config with forge's own loader, next to a simple mark for every file it names. */
  async function loadDocumented(code: string, name: string) {
    const dir = join(folder, name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const config = JSON.parse(code) as Record<string, unknown>;
    for (const field of ['mark', 'glyph', 'monogram']) {
      if (typeof config[field] === 'string') await writeFile(join(dir, config[field] as string), field === 'mark' ? SIMPLE_SVG : SIMPLE_GLYPH);
    }
    await writeFile(join(dir, 'creator.json'), code);
    return forgeLib.loadCreator(join(dir, 'creator.json'));
  }

  const configs = jsonBlocks.filter((block) => block.kind === 'creator-config');

  it.each(configs.map((block) => [block.where, block] as const))('config %s passes the schema and loads', async (where, block) => {
    expect(forgeLib.configErrors(JSON.parse(block.code)), where).toEqual([]);
    await expect(loadDocumented(block.code, where.replace(/\W/g, '-'))).resolves.toBeTruthy();
  });

  it.each(htmlBlocks.filter((block) => block.kind === 'badge-markup').map((block) => [block.where, block] as const))(
    'badge markup %s names only files forge writes for the documented badge config',
    async (where, block) => {
      const badgeConfig = configs.find((config) => config.where.startsWith(where.split(':')[0]!) && /"badges"/.test(config.code));
      expect(badgeConfig, `${where}: no badge config in the same doc to compare with`).toBeDefined();
      const input = await loadDocumented(badgeConfig!.code, 'badge-markup');
      const planned = new Set(forgeLib.planForge(input).assets.map((asset) => asset.name));
      const named = [...withoutComments(block.code).matchAll(/(?:src|srcset)="([^"]+)"/g)]
        .flatMap((match) => match[1]!.split(','))
        .map((candidate) => candidate.trim().split(/\s+/)[0]!)
        .map((address) => new URL(address, 'https://nova.example/').pathname.slice(1));
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((name) => !planned.has(name)), `${where}: files forge does not write`).toEqual([]);
    },
  );

  it('every `dropkit forge …` command line uses only flags the CLI accepts, and stages it knows', async () => {
    const commands = forgeCommands();
    const bin = join(repoRoot, 'packages', 'forge', 'dist', 'cli-entry.cjs');
    const stages = Object.keys(forgeLib.STAGE_LOADERS);
    const problems: string[] = [];
    // The same command is often written several times: ask the parser once per distinct command.
    const distinct = [...new Set(commands.map(({ args }) => args.join(' ')))];
    await Promise.all(
      distinct.map(async (command) => {
        const args = command.split(' ');
        const where = commands.filter((c) => c.args.join(' ') === command).map((c) => c.where).join(', ');
        // Placeholders (<creator.json>, ms, /path/) are values here; the parser judges only the flags.
        const parsed = args.map((arg) => (arg.startsWith('<') ? 'placeholder' : arg));
        try {
          const { stdout } = await run(process.execPath, [bin, 'forge', ...parsed, '--help']);
          if (!stdout.startsWith('Usage: dropkit forge')) problems.push(`${where}: the CLI did not print its usage for ${command}`);
        } catch (error) {
          problems.push(`${where}: dropkit forge ${command}: ${(error as { stderr?: string }).stderr?.trim() ?? error}`);
        }
        args.forEach((arg, index) => {
          if (arg !== '--only' || args[index + 1] === 'stages') return;
          for (const stage of (args[index + 1] ?? '').split(',')) {
            if (!stages.includes(stage)) problems.push(`${where}: --only ${stage} is no stage (stages: ${stages.join(', ')})`);
          }
        });
      }),
    );
    expect(problems).toEqual([]);
  });
});
