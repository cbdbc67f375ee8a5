import { expect } from '@esm-bundle/chai';
import { waitFor } from '../packages/elements/src/test-support/wait.ts';

/**
 * The built ES loader and a marketplace's shadow roots: `dropkit.observe(root)` covers the tags
 * rendered into that root, and into the open shadow roots of the marketplace's own components inside
 * it, there from the start or added later. Its own page (a fresh loader, nothing defined yet).
 */

const kit = () => (globalThis as unknown as { dropkit: { observe(root: ShadowRoot): void } }).dropkit;

/** A marketplace component that renders its content into an open shadow root of its own. */
class ProductCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
}
customElements.define('mp-product-card', ProductCard);

function panel(): ShadowRoot {
  const host = document.createElement('div');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
}

describe('dropkit.observe(root) and the shadow roots inside it', () => {
  it('a widget a card renders later into its own shadow root, the card added to the observed root later', async () => {
    const root = panel();
    kit().observe(root);
    const card = document.createElement('mp-product-card');
    root.append(card);
    // The card renders after a frame, as a framework would.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    card.shadowRoot!.innerHTML = '<drop-countdown at="2030-01-01T00:00:00Z">1 Jan 2030</drop-countdown>';
    await waitFor(() => customElements.get('drop-countdown') !== undefined, '<drop-countdown> to be defined', 5000);
    expect(card.shadowRoot!.querySelector('drop-countdown')!.shadowRoot !== null).to.equal(true);
  });

  it('a card already in the root when it is observed, two levels down', async () => {
    const root = panel();
    root.innerHTML = '<section><mp-product-card></mp-product-card></section>';
    const outer = root.querySelector('mp-product-card')!;
    outer.shadowRoot!.innerHTML = '<mp-product-card></mp-product-card>';
    const inner = outer.shadowRoot!.querySelector('mp-product-card')!;
    kit().observe(root);
    inner.shadowRoot!.innerHTML = '<drop-button><a href="https://buy.example/tee">Buy</a></drop-button>';
    await waitFor(() => customElements.get('drop-button') !== undefined, '<drop-button> to be defined', 5000);
    expect(customElements.get('drop-mark')).to.equal(undefined);
  });
});
