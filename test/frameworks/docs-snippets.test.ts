/**
 * Every code example of docs/packages.md (the marketplace engineer's page) works as written, from
 * the BUILT package: the ```js, ```ts, ```tsx and ```vue blocks run, each on a page of its own, and
 * the ts/tsx/js ones type-check against the package's types. The doc is read when the test runs
 * (docs-snippets.ts, a Vite plugin of this suite's config), so a changed example is checked as it
 * now reads; how each kind of block is run, and how a block says what it is, is explained there.
 *
 * Per runnable block: it imports and mounts without an error; every custom element on its page is
 * defined (by what the snippet imports) and rendered (not left on the creator's fallback text);
 * every prop or attribute its markup gives, and every value its code assigns or sets, is held by
 * the element; then the events fire the real way (each countdown's clock passes its time, every
 * live buy button is clicked) and every handler it shows is called, with real values; no console
 * warning or error on the way.
 */
import { describe, expect, it } from 'vitest';
import type { SnippetInfo } from './docs-snippets.ts';
import type { SnippetReport } from './docs-snippets-page.tsx';

const infos = (await (await fetch('/@docs-snippets/blocks.json')).json()) as SnippetInfo[];
const show = (info: SnippetInfo) => `${info.where}\n${info.code}`;

async function openSnippetPage(info: SnippetInfo): Promise<SnippetReport> {
  const frame = document.body.appendChild(document.createElement('iframe'));
  frame.title = info.where;
  try {
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = `/@docs-snippets/page-${info.line}.html`;
    await loaded;
    const view = frame.contentWindow as (Window & { snippetPage?: Promise<SnippetReport>; snippetConsole?: string[] }) | null;
    if (view?.snippetPage) return await view.snippetPage;
    // The page's entry did not run: say why (Vite answers a module it cannot build with the reason).
    const entry = await fetch(`/@docs-snippets/entry-${info.line}.ts`);
    const module = entry.ok ? await fetch(info.module!) : entry;
    const text = await module.text();
    // Vite's error page carries the reason as JSON (`const error = {"message": …}`).
    const reason = /const error = (\{.*\})\s*$/m.exec(text);
    const why = module.ok
      ? (view?.snippetConsole ?? []).join('\n') || 'its module loads, but the page did not run'
      : reason
        ? (JSON.parse(reason[1]!) as { message: string }).message
        : text;
    return { failed: `the snippet's module does not load: ${why}`, elements: [], notReached: [], held: [], calls: {}, wrongCalls: [], console: [], notLive: [] };
  } finally {
    frame.remove();
  }
}

describe('the code examples of docs/packages.md', () => {
  it('are all of a kind this suite checks (and it says how many of each)', () => {
    const kinds = infos.map((info) => info.kind ?? 'unclassified');
    console.info(`docs/packages.md blocks: ${JSON.stringify(Object.fromEntries([...new Set(kinds)].map((kind) => [kind, kinds.filter((k) => k === kind).length])))}`);
    expect(infos.filter((info) => !info.kind || info.problem).map((info) => `${show(info)}\n→ ${info.problem}`)).toEqual([]);
    // The doc shows plain JS, React (wrappers, raw tags, server rendering), Vue and scoped registries.
    for (const kind of ['dom', 'react', 'react-ssr', 'vue-template', 'vite-config'] as const) {
      expect(infos.some((info) => info.kind === kind), `no ${kind} block found: has the doc lost it, or this test its way of finding it?`).toBe(true);
    }
  });

  const runnable = infos.filter((info) => info.kind === 'dom' || info.kind === 'react' || info.kind === 'react-ssr' || info.kind === 'vue-template');
  it.each(runnable.map((info) => [`${info.where} (${info.kind})`, info] as const))('%s runs as written on the built package', async (_name, info) => {
    const report = await openSnippetPage(info);
    console.info(`${info.where}: held ${JSON.stringify(report.held)}; calls ${JSON.stringify(report.calls)}`);
    expect(report.failed, show(info)).toBeUndefined();
    expect(report.elements.length, `${show(info)}\nputs no element on the page`).toBeGreaterThan(0);
    expect(
      {
        elements: report.elements.filter((element) => element.problem),
        notReached: report.notReached,
        notLive: report.notLive,
        wrongCalls: report.wrongCalls,
        console: report.console,
      },
      show(info),
    ).toEqual({ elements: [], notReached: [], notLive: [], wrongCalls: [], console: [] });
  });

  it('type-check (ts, tsx, js) against the built package’s types', async () => {
    const response = await fetch('/@docs-snippets/types.json');
    expect(response.ok, await response.clone().text()).toBe(true);
    expect(await response.json()).toEqual({});
  });
});
