/**
 * Scoped custom element registries (Chromium and Safari ship them): a marketplace registers dropkit
 * in its own registry, under its own tag names, so a second kit or a second dropkit version on the
 * page never collides. Only `@dropkit/elements/registry` is imported here: the page's global
 * registry must stay empty of dropkit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DROP_ELEMENTS, defineAll, supportsScopedRegistries } from '@dropkit/elements/registry';
import { AFTER, AT, CHECKOUT, consoleWatch, rendered, until } from './harness.ts';

type ScopedShadowInit = ShadowRootInit & { customElementRegistry?: CustomElementRegistry };

const hosts: HTMLElement[] = [];
afterEach(() => hosts.splice(0).forEach((host) => host.remove()));

/** A marketplace widget area: a shadow root bound to the marketplace's own registry. */
function marketplaceRoot(registry: CustomElementRegistry): ShadowRoot {
  const host = document.body.appendChild(document.createElement('div'));
  hosts.push(host);
  return host.attachShadow({ mode: 'open', customElementRegistry: registry } as ScopedShadowInit);
}

describe('scoped custom element registries', () => {
  it('are available in this Chromium', () => {
    expect(supportsScopedRegistries()).toBe(true);
  });

  it('run dropkit under a marketplace’s own tags without touching the global registry', async () => {
    const registry = new CustomElementRegistry();
    defineAll(registry, { 'drop-countdown': 'acme-countdown', 'drop-button': 'acme-buy' });
    const root = marketplaceRoot(registry);
    root.innerHTML = `<acme-countdown at="${AT}" now="${AFTER}">Drops Friday</acme-countdown>
      <acme-buy state="live"><a href="${CHECKOUT}">Buy</a></acme-buy>`;
    const countdown = await rendered(root.querySelector('acme-countdown'));
    const button = await rendered(root.querySelector('acme-buy'));
    expect(countdown).toBeInstanceOf(DROP_ELEMENTS['drop-countdown']);
    expect(button).toBeInstanceOf(DROP_ELEMENTS['drop-button']);
    await until(() => countdown.getAttribute('state') === 'live', 'the scoped countdown runs');
    expect(countdown.shadowRoot?.textContent?.trim()).not.toBe('');
    expect((button as InstanceType<(typeof DROP_ELEMENTS)['drop-button']>).checkoutHref).toContain(CHECKOUT);
    for (const tag of ['drop-countdown', 'drop-button', 'acme-countdown', 'acme-buy']) {
      expect(customElements.get(tag), tag).toBeUndefined();
    }
  });

  it('let two kits claim the same tag side by side, each in its own registry, without a warning', async () => {
    const console = consoleWatch();
    try {
      const ours = new CustomElementRegistry();
      defineAll(ours);
      const theirs = new CustomElementRegistry();
      // Another vendor's (or another dropkit version's) countdown under the very same name.
      class OtherCountdown extends HTMLElement {
        connectedCallback() {
          this.textContent = 'other kit';
        }
      }
      theirs.define('drop-countdown', OtherCountdown);
      const ourRoot = marketplaceRoot(ours);
      const theirRoot = marketplaceRoot(theirs);
      ourRoot.innerHTML = `<drop-countdown at="${AT}" now="${AFTER}"></drop-countdown>`;
      theirRoot.innerHTML = `<drop-countdown></drop-countdown>`;
      const ourCountdown = await rendered(ourRoot.querySelector('drop-countdown'));
      expect(ourCountdown).toBeInstanceOf(DROP_ELEMENTS['drop-countdown']);
      expect(theirRoot.querySelector('drop-countdown')).toBeInstanceOf(OtherCountdown);
      expect(theirRoot.querySelector('drop-countdown')?.textContent).toBe('other kit');
      expect(console.messages).toEqual([]);
    } finally {
      console.restore();
    }
  });

  it('register the same classes in several registries (one per marketplace area)', async () => {
    const first = new CustomElementRegistry();
    const second = new CustomElementRegistry();
    defineAll(first);
    defineAll(second, { 'drop-mark': 'shop-mark' });
    expect(first.get('drop-mark')).toBe(DROP_ELEMENTS['drop-mark']);
    expect(second.get('shop-mark')).toBe(DROP_ELEMENTS['drop-mark']);
    const root = marketplaceRoot(second);
    root.innerHTML = '<shop-mark name="Nova Threads"></shop-mark>';
    expect(await rendered(root.querySelector('shop-mark'))).toBeInstanceOf(DROP_ELEMENTS['drop-mark']);
  });

  it('fall back to the global registry when none is given', async () => {
    defineAll(undefined, { 'drop-mark': 'fallback-mark' });
    expect(customElements.get('drop-countdown')).toBe(DROP_ELEMENTS['drop-countdown']);
    expect(new (customElements.get('fallback-mark')!)()).toBeInstanceOf(DROP_ELEMENTS['drop-mark']);
  });
});
