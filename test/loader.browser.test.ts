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
