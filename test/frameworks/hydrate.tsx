/**
 * A marketplace's server-rendered React page, hydrated the way a real one is: ssr-pages.tsx rendered
 * by react-dom's `renderToString` in Node (server-render.ts, a browser command), the HTML put in the
 * page, the tags registered and drawn from it (each reflecting its own attributes), and only then, in
 * a task of its own, React hydrates. Used by the React 19 and React 18 hydration tests, with
 * whichever React the test project binds.
 */
import { useEffect, type ComponentType } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { commands } from 'vitest/browser';
import '@dropkit/elements/define';
import type { DropButton, DropCountdown, DropMark } from '@dropkit/elements';
import { rendered, until } from './harness.ts';
import { pages } from './ssr-pages.tsx';
import type { ServerHtml } from './server-render.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    serverHtml: (react: '18' | '19', page: keyof typeof pages) => Promise<ServerHtml>;
  }
}

export interface Hydrated<Seen> {
  /** Console errors and warnings, and recoverable errors, while React hydrated. */
  problems: string[];
  /** Whether React kept every node it found (no second copy, no replaced subtree) and the text. */
  kept: boolean;
  text: string;
  /** What `look` saw before hydration and after it. */
  before: Seen;
  after: Seen;
}

export async function hydrateServerHtml<Seen = undefined>(html: string, Page: ComponentType, look: (container: HTMLElement) => Seen = () => undefined as Seen): Promise<Hydrated<Seen>> {
  let hydrated = false;
  const App = () => {
    useEffect(() => void (hydrated = true));
    return <Page />;
  };
  const container = document.body.appendChild(document.createElement('div'));
  container.innerHTML = html;
  for (const element of container.querySelectorAll('*')) if (element.localName.startsWith('drop-')) await rendered(element);
  const seenBefore = look(container);
  // Nodes, not markup: a playing clip changes its own attributes meanwhile.
  const nodes = [...container.querySelectorAll('*')];
  const text = container.textContent ?? '';
  const problems: string[] = [];
  const original = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => void problems.push(`error: ${args.map(String).join(' ')}`);
  console.warn = (...args: unknown[]) => void problems.push(`warn: ${args.map(String).join(' ')}`);
  try {
    const root = hydrateRoot(container, <App />, { onRecoverableError: (error) => void problems.push(`recoverable: ${String(error)}`) });
    await until(() => hydrated, 'React hydrated the server HTML');
    const after = [...container.querySelectorAll('*')];
    const kept = after.length === nodes.length && after.every((node, i) => node === nodes[i]) && container.textContent === text;
    const seenAfter = look(container);
    root.unmount();
    return { problems, kept, text, before: seenBefore, after: seenAfter };
  } finally {
    Object.assign(console, original);
    container.remove();
  }
}

/**
 * `page` of ssr-pages.tsx rendered by React `react` on a server, then hydrated here; with what the
 * elements knew from the server HTML alone (before React hydrated) and after it.
 */
export async function serveAndHydrate(react: '18' | '19', page: keyof typeof pages) {
  const server = await commands.serverHtml(react, page);
  const { before, after, ...hydrated } = await hydrateServerHtml(server.html, pages[page], (container) => {
    const countdown = container.querySelector<DropCountdown>('drop-countdown')!;
    const button = container.querySelector<DropButton>('drop-button')!;
    const mark = container.querySelector<DropMark>('drop-mark')!;
    return { at: countdown.at, drop: button.drop, referral: button.referral, hidden: button.hidden, label: mark.getAttribute('aria-label') };
  });
  return { server, ...hydrated, beforeHydration: { ...before, at: before.at?.toISOString() }, afterHydration: after };
}
