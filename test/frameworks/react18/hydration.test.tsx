/**
 * A React 18 marketplace page rendered on the server and hydrated: pages.tsx rendered by react-dom
 * 18 in Node (server-render.ts, a browser command), the tags registered and drawn from that HTML,
 * then React 18 hydrates in a task of its own. As in hydration.test.tsx for React 19: no console
 * message, no recoverable error, and the DOM React found is the DOM it kept.
 */
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { useEffect } from 'react';
import { hydrateRoot } from 'react-dom/client';
import '@dropkit/elements/define';
import type { DropButton, DropCountdown, DropMark } from '@dropkit/elements';
import { rendered, until } from '../harness.ts';
import { AT, pages } from './pages.tsx';
import type { ServerHtml } from './server-render.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    react18ServerHtml: (page: keyof typeof pages) => Promise<ServerHtml>;
  }
}

async function serveAndHydrate(name: keyof typeof pages) {
  const server = await commands.react18ServerHtml(name);
  const Page = pages[name];
  let hydrated = false;
  const App = () => {
    useEffect(() => void (hydrated = true));
    return <Page />;
  };
  const container = document.body.appendChild(document.createElement('div'));
  container.innerHTML = server.html;
  for (const element of container.querySelectorAll('*')) if (element.localName.startsWith('drop-')) await rendered(element);
  const countdown = container.querySelector<DropCountdown>('drop-countdown')!;
  const button = container.querySelector<DropButton>('drop-button')!;
  const mark = container.querySelector<DropMark>('drop-mark')!;
  // What the elements know from the server HTML alone, before React hydrates.
  const beforeHydration = { at: countdown.at?.toISOString(), drop: button.drop, hidden: button.hidden, label: mark.getAttribute('aria-label') };
  const before = [...container.querySelectorAll('*')];
  const text = container.textContent ?? '';
  const problems: string[] = [];
  const original = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => void problems.push(`error: ${args.map(String).join(' ')}`);
  console.warn = (...args: unknown[]) => void problems.push(`warn: ${args.map(String).join(' ')}`);
  try {
    const root = hydrateRoot(container, <App />, { onRecoverableError: (error) => void problems.push(`recoverable: ${String(error)}`) });
    await until(() => hydrated, 'React hydrated the server HTML');
    const after = [...container.querySelectorAll('*')];
    const kept = after.length === before.length && after.every((node, i) => node === before[i]) && container.textContent === text;
    const afterHydration = { at: countdown.at, referral: button.referral, hidden: button.hidden };
    root.unmount();
    return { server, problems, kept, text, beforeHydration, afterHydration };
  } finally {
    Object.assign(console, original);
    container.remove();
  }
}

describe('React 18 hydration of server-rendered dropkit', () => {
  it('the wrappers: server HTML with their attributes, no mismatch or warning, the DOM kept', async () => {
    const { server, problems, kept, text, beforeHydration, afterHydration } = await serveAndHydrate('Wrappers');
    expect(server.react.startsWith('18.')).toBe(true);
    expect(server.stderr).toBe('');
    // The wrapper wrote its Date as the attribute, so the countdown had its time before hydration…
    expect(server.html).toContain(`<drop-countdown id="ssr-drop" at="${AT}" time-zone="Europe/Paris">`);
    // hidden={false} is no attribute (React 18 alone wrote hidden="false": a hidden button).
    expect(server.html).toContain('<drop-button drop="ssr-drop" referral="tiktok"><a ');
    expect(beforeHydration).toEqual({ at: AT, drop: 'ssr-drop', hidden: false, label: 'Nova Threads' });
    expect(problems).toEqual([]);
    expect(kept).toBe(true);
    expect(text.match(/Buy the tee/g)?.length).toBe(1);
    // …and after it holds the Date the page passed, as a property.
    expect(afterHydration.at instanceof Date).toBe(true);
    expect(afterHydration.at?.toISOString()).toBe(AT);
    expect(afterHydration.referral).toBe('tiktok');
    expect(afterHydration.hidden).toBe(false);
  });

  it('raw tags with ISO text and suppressHydrationWarning: the same', async () => {
    const { server, problems, kept, beforeHydration } = await serveAndHydrate('RawTags');
    expect(server.react.startsWith('18.')).toBe(true);
    expect(server.stderr).toBe('');
    expect(beforeHydration).toEqual({ at: AT, drop: 'ssr-drop', hidden: false, label: 'Nova Threads' });
    expect(problems).toEqual([]);
    expect(kept).toBe(true);
  });
});
