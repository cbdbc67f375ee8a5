/**
 * A marketplace's server-rendered React page, hydrated the way a real one is: the server's HTML
 * (every raw tag, the creator's content inside), the client registers the tags, the elements render
 * and reflect their attributes (`state`, the mark's `role`…), and only then, in a task of its own,
 * React hydrates. What the docs tell a marketplace to write must hydrate without a console message
 * and without a second copy of anything.
 */
import { describe, expect, it } from 'vitest';
import { useEffect, type ReactElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import type {} from '@dropkit/elements/jsx/react';
import '@dropkit/elements/define';
import { DropButton, DropCountdown, DropMark } from '@dropkit/elements/react';
import { AT, CHECKOUT, rendered, until } from './harness.ts';

function RawTags() {
  // suppressHydrationWarning, as docs/packages.md says: the tags' own attributes are theirs.
  return (
    <main>
      <drop-countdown id="ssr-drop" at={AT} suppressHydrationWarning>
        Drops Sat 5 Dec
      </drop-countdown>
      <drop-button drop="ssr-drop" referral="tiktok" suppressHydrationWarning>
        <a href={CHECKOUT}>Buy the tee</a>
      </drop-button>
      <drop-mark name="Nova Threads" suppressHydrationWarning>
        Nova Threads
      </drop-mark>
      <drop-clip src="/test/media/clip/clip.webm" drop="ssr-drop" label="Glow tee" suppressHydrationWarning>
        <drop-product at="3" until="11" price="24" currency="EUR" suppressHydrationWarning>
          <a href={CHECKOUT}>Glow tee</a>
        </drop-product>
      </drop-clip>
    </main>
  );
}

/** The wrappers carry suppressHydrationWarning themselves (@lit/react). */
function Wrappers() {
  return (
    <main>
      <DropCountdown id="ssr-drop" at={AT as unknown as Date}>
        Drops Sat 5 Dec
      </DropCountdown>
      <DropButton drop="ssr-drop">
        <a href={CHECKOUT}>Buy the tee</a>
      </DropButton>
      <DropMark name="Nova Threads">Nova Threads</DropMark>
    </main>
  );
}

async function hydrateAfterRender(Page: () => ReactElement): Promise<{ problems: string[]; kept: boolean; text: string }> {
  let hydrated = false;
  const App = () => {
    useEffect(() => void (hydrated = true));
    return <Page />;
  };
  const container = document.body.appendChild(document.createElement('div'));
  container.innerHTML = renderToString(<App />);
  for (const element of container.querySelectorAll('*')) if (element.localName.startsWith('drop-')) await rendered(element);
  // Nodes, not markup: a playing clip changes its own attributes meanwhile.
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
    root.unmount();
    return { problems, kept, text };
  } finally {
    Object.assign(console, original);
    container.remove();
  }
}

describe('React hydration of server-rendered dropkit tags', () => {
  it('raw tags: no mismatch, no warning, the DOM React found is the DOM it kept', async () => {
    const { problems, kept, text } = await hydrateAfterRender(RawTags);
    expect(problems).toEqual([]);
    expect(kept).toBe(true);
    expect(text.match(/Buy the tee/g)?.length).toBe(1);
  });

  it('the wrappers: the same', async () => {
    const { problems, kept } = await hydrateAfterRender(Wrappers);
    expect(problems).toEqual([]);
    expect(kept).toBe(true);
  });
});
