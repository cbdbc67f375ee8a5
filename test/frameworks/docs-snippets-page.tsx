/**
 * Runs inside each docs/packages.md snippet's own page (an iframe of docs-snippets.test.ts, so
 * every snippet starts from an empty registry, as an engineer's page does): mounts the snippet the
 * way its kind says, checks that every element on the page is a defined and rendered dropkit
 * element holding what the snippet gave it, then fires the events the real way (the countdown's
 * clock passes its time, a visitor clicks every live buy button) and reports what the snippet's
 * handlers did. Everything is judged in this page's own realm (its Date, its registries) and sent
 * back as plain data.
 */
import { createElement, useEffect, type FunctionComponent } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { createApp } from 'vue';
import { AT, CHECKOUT, clickBuy, stayOnPage, until } from './harness.ts';
import type { PageKind } from './docs-snippets.ts';

/** What the page tells the test. */
export interface SnippetReport {
  /** A thrown error while importing or mounting the snippet. */
  failed?: string;
  /** Every custom element on the page (in open shadow roots too), and what is wrong with it. */
  elements: { element: string; problem?: string }[];
  /** Values the snippet gave an element that the element does not hold. */
  notReached: string[];
  /** Values the snippet gave an element that it holds (for the record). */
  held: string[];
  /** Scope callbacks (and console.log) and the arguments of each call. */
  calls: Record<string, string[][]>;
  /** What a handler got that it should not have (undefined, a wrong state, a wrong link). */
  wrongCalls: string[];
  /** Console warnings and errors from the moment the snippet is imported. */
  console: string[];
  /** Buttons that never went live, so no checkout could be clicked. */
  notLive: string[];
}

type Widget = HTMLElement & { updateComplete?: Promise<unknown>; at?: Date | null; now?: Date | null; checkoutHref?: string | null };

// The console is watched before anything of dropkit loads. Vite serves Lit's development build,
// which says so once; a marketplace's production bundle does not print it.
const messages: string[] = [];
const logs: string[][] = [];
const original = { warn: console.warn, error: console.error, log: console.log };
const seen = (args: unknown[]) => args.map((arg) => (arg === undefined ? 'undefined' : arg instanceof Event ? `${arg.constructor.name} ${arg.type}` : String(arg)));
console.warn = (...args: unknown[]) => {
  if (!String(args[0]).startsWith('Lit is in dev mode')) messages.push(`warn: ${seen(args).join(' ')}`);
};
console.error = (...args: unknown[]) => void messages.push(`error: ${seen(args).join(' ')}`);
console.log = (...args: unknown[]) => void logs.push(seen(args));
window.addEventListener('error', (event) => messages.push(`uncaught: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => messages.push(`unhandled rejection: ${String(event.reason)}`));
// Read by the test when the page never reports (the snippet's module did not load).
(window as Window & { snippetConsole?: string[] }).snippetConsole = messages;

const DROP_STATES = ['scheduled', 'live', 'ended', 'sold-out'];

export async function runSnippetPage(kind: PageKind, called: string[], tags: string[], snippet: Record<string, unknown>): Promise<SnippetReport> {
  const report: SnippetReport = { elements: [], notReached: [], held: [], calls: {}, wrongCalls: [], console: messages, notLive: [] };
  stayOnPage();
  const widgetHost = document.body.appendChild(document.createElement('div'));
  widgetHost.id = 'widget-host';
  const record = (name: string, check: (args: unknown[]) => string | undefined) => (...args: unknown[]) => {
    (report.calls[name] ??= []).push(seen(args));
    const wrong = args.includes(undefined) ? 'an undefined argument' : check(args);
    if (wrong) report.wrongCalls.push(`${name}(${seen(args).join(', ')}): ${wrong}`);
  };
  const scope = {
    drop: { at: AT, checkout: CHECKOUT },
    setState: record('setState', ([state]) => (DROP_STATES.includes(state as string) ? undefined : 'not a drop state')),
    openCart: record('openCart', ([href]) => (String(href).startsWith(CHECKOUT) ? undefined : `not the drop's checkout link ${CHECKOUT}`)),
    onState: record('onState', ([event]) => ((event as Event | undefined)?.type === 'drop-state' ? undefined : 'not a drop-state event')),
    widgetHost,
  };
  const given: { element: unknown; how: 'property' | 'attribute'; name: string; value: unknown }[] = [];
  const gives = (element: unknown, how: 'property' | 'attribute', name: string, value: unknown) => {
    given.push({ element, how, name, value });
    return value;
  };
  const app = document.getElementById('app')!;
  try {
    const expectations = (snippet.expectations ?? []) as { tag: string; nth: number; name: string; value: (s: typeof scope) => unknown }[];
    if (kind === 'dom') await (snippet.default as (s: typeof scope, g: typeof gives) => Promise<void>)(scope, gives);
    else if (kind === 'react') {
      const root = createRoot(app);
      flushSync(() => root.render(createElement(snippet.default as FunctionComponent<typeof scope>, scope)));
    } else if (kind === 'react-ssr') {
      // The server's HTML arrives, then React hydrates it; the page's client code (its entry module)
      // has registered the tags already. React hydrates in a task of its own, after the elements'
      // first render (Lit's, a microtask), so it meets the attributes they reflect (state=…), as on
      // a real page; hydrating inside flushSync would compare the HTML before they render.
      let hydrated = false;
      // An effect runs once the hydration is committed (and never on the server).
      const App = () => {
        useEffect(() => void (hydrated = true));
        return createElement(snippet.default as FunctionComponent<typeof scope>, scope);
      };
      app.innerHTML = renderToString(createElement(App));
      await Promise.all(customElementsOnPage(tags).map((widget) => widget.updateComplete));
      hydrateRoot(app, createElement(App), { onRecoverableError: (error) => void messages.push(`hydration: ${String(error)}`) });
      await until(() => hydrated, 'React hydrated the server HTML');
    } else if (kind === 'vue-template') {
      createApp({ setup: () => scope, render: snippet.render as () => unknown }).mount(app);
    }

    const widgets = await checkElements(report, tags);
    for (const { tag, nth, name, value } of expectations) {
      const element = widgets.filter((widget) => widget.localName === tag)[nth];
      const problem = element ? holds(element, name, value(scope), 'either') : `no <${tag}> number ${nth + 1} on the page`;
      if (problem) report.notReached.push(`<${tag}> ${name}: ${problem}`);
      else report.held.push(`<${tag}> ${name}`);
    }
    for (const { element, how, name, value } of given) {
      if (!(element instanceof HTMLElement) || !element.localName.includes('-')) continue;
      const problem = holds(element, name, value, how);
      if (problem) report.notReached.push(`<${element.localName}> ${name} (${how}): ${problem}`);
      else report.held.push(`<${element.localName}> ${name} (${how})`);
    }

    await fireEvents(widgets, report);
    for (const name of called) {
      const calls = name === 'console.log' ? logs : report.calls[name];
      if (name === 'console.log') logs.filter((args) => args.includes('undefined')).forEach((args) => report.wrongCalls.push(`console.log(${args.join(', ')}): an undefined argument`));
      if (!calls?.length) report.wrongCalls.push(`${name} was never called: the handler that calls it never ran`);
    }
    if (logs.length) report.calls['console.log'] = logs;
  } catch (error) {
    report.failed = (error as Error).stack ?? String(error);
  }
  Object.assign(console, original);
  return JSON.parse(JSON.stringify(report)) as SnippetReport;
}

/** `drop-*` and the snippet's own tags, in the page's light DOM and in open shadow roots not dropkit's own. */
function customElementsOnPage(tags: string[]): Widget[] {
  const found: Widget[] = [];
  const walk = (root: ParentNode) => {
    for (const element of root.querySelectorAll<Widget>('*')) {
      if (element.localName.startsWith('drop-') || tags.includes(element.localName)) found.push(element);
      else if (element.shadowRoot && !element.localName.includes('-')) walk(element.shadowRoot);
    }
  };
  walk(document.body);
  return found;
}

async function checkElements(report: SnippetReport, tags: string[]): Promise<Widget[]> {
  const widgets = customElementsOnPage(tags);
  for (const widget of widgets) {
    const entry: { element: string; problem?: string } = { element: `<${widget.localName}${widget.id ? ` id="${widget.id}"` : ''}>` };
    report.elements.push(entry);
    const registry = (widget as Widget & { customElementRegistry?: CustomElementRegistry | null }).customElementRegistry ?? customElements;
    if (!registry.get(widget.localName)) {
      entry.problem = 'not defined: nothing the snippet imports registers it';
      continue;
    }
    await widget.updateComplete;
    const shown = [...(widget.shadowRoot?.children ?? [])].filter((child) => child.localName !== 'style');
    if (!widget.shadowRoot) entry.problem = 'no shadow root: not a dropkit element';
    else if (shown.length === 1 && shown[0]!.localName === 'slot' && !shown[0]!.hasAttribute('name')) {
      entry.problem = "shows only the creator's fallback text: it did not get what it needs";
    }
  }
  return widgets;
}

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';
const time = (value: unknown) => (isDate(value) ? value.getTime() : typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : NaN);
const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

function same(held: unknown, value: unknown): boolean {
  if (isDate(value) || isDate(held)) return !Number.isNaN(time(value)) && time(held) === time(value);
  return Object.is(held, value);
}

/** Whether the element holds `value` for `name` (as a property where it has one, else as an attribute). */
function holds(element: Widget, name: string, value: unknown, how: 'property' | 'attribute' | 'either'): string | undefined {
  // On the prototype: an assignment to a name the element does not have makes an own expando.
  const property = [name, camel(name)].find((key) => key in Object.getPrototypeOf(element));
  const shown = (v: unknown) => (isDate(v) ? v.toISOString() : JSON.stringify(v));
  if (property !== undefined && how !== 'attribute') {
    const held = (element as unknown as Record<string, unknown>)[property];
    return same(held, value) ? undefined : `the element's ${property} is ${shown(held)}, the snippet gave ${shown(value)}`;
  }
  if (how === 'property') return `${element.localName} has no property ${name}: the value stays an expando nothing reads`;
  const attribute = element.getAttribute(name);
  if (attribute !== String(value)) return `attribute ${name} is ${JSON.stringify(attribute)}, the snippet gave ${shown(value)}`;
  if (property !== undefined) {
    const held = (element as unknown as Record<string, unknown>)[property];
    if (held === null || held === undefined || (isDate(held) && Number.isNaN(held.getTime()))) return `the element did not take attribute ${name}="${attribute}"`;
  }
  return undefined;
}

/** Every countdown's clock passes its time (drop-state); every button that goes live is clicked (drop-checkout). */
async function fireEvents(widgets: Widget[], report: SnippetReport): Promise<void> {
  for (const countdown of widgets.filter((widget) => 'at' in widget && 'now' in widget && isDate(widget.at))) {
    countdown.now = new Date(countdown.at!.getTime() + 60_000);
    await countdown.updateComplete;
  }
  for (const button of widgets.filter((widget) => 'checkoutHref' in widget)) {
    try {
      await until(() => button.getAttribute('state') === 'live', `<${button.localName}> goes live`, 2000);
    } catch {
      report.notLive.push(`<${button.localName}${button.id ? ` id="${button.id}"` : ''}>`);
      continue;
    }
    clickBuy(button as unknown as Parameters<typeof clickBuy>[0]);
  }
}
