/** Plain DOM, no framework: what a marketplace's own vanilla code or a server-rendered page does. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '@dropkit/elements/define';
import { DropStateEvent, type DropButton, type DropCountdown } from '@dropkit/elements';
import { AFTER, AT, BEFORE, CHECKOUT, OTHER_CHECKOUT, clickBuy, countdownState, rendered, stayOnPage, until } from './harness.ts';

let host: HTMLElement;
let release: () => void;
beforeEach(() => {
  host = document.body.appendChild(document.createElement('div'));
  release = stayOnPage();
});
afterEach(() => {
  host.remove();
  release();
});

describe('plain DOM', () => {
  it('takes primitives by attribute and reflects them as properties', async () => {
    host.innerHTML = `<drop-countdown at="${AT}" now="${BEFORE}" format="long">Drops Friday</drop-countdown>`;
    const countdown = await rendered(host.querySelector('drop-countdown'));
    expect(countdown.format).toBe('long');
    expect(countdown.at?.toISOString()).toBe(AT);
    expect(countdownState(countdown)).toBe('scheduled');
  });

  it('takes primitives and objects by property', async () => {
    const countdown = await rendered(host.appendChild(document.createElement('drop-countdown')));
    countdown.format = 'compact';
    countdown.at = new Date(AT);
    countdown.now = new Date(AFTER);
    await countdown.updateComplete;
    expect(countdown.at).toBeInstanceOf(Date);
    expect(countdownState(countdown)).toBe('live');
  });

  it('delivers drop-state and drop-checkout as typed events', async () => {
    host.innerHTML = `<drop-countdown id="d" at="${AT}" now="${BEFORE}"></drop-countdown>
      <drop-button drop="d" state="live"><a href="${CHECKOUT}">Buy</a></drop-button>`;
    const countdown = await rendered(host.querySelector<DropCountdown>('drop-countdown'));
    const states: DropStateEvent[] = [];
    countdown.addEventListener('drop-state', (event) => states.push(event));
    countdown.now = new Date(AFTER);
    await until(() => states.length > 0, 'drop-state arrives');
    expect(states[0]).toBeInstanceOf(DropStateEvent);
    expect(states.map((event) => [event.previous, event.state])).toEqual([['scheduled', 'live']]);

    const button = await rendered(host.querySelector<DropButton>('drop-button'));
    await until(() => button.getAttribute('state') === 'live', 'the button follows the drop');
    const checkouts: string[] = [];
    host.addEventListener('drop-checkout', (event) => checkouts.push(event.href), { once: true });
    clickBuy(button);
    expect(checkouts).toEqual([CHECKOUT]);
  });

  it('survives being hidden and shown again (removed and re-attached)', async () => {
    host.innerHTML = `<drop-countdown at="${AT}" now="${AFTER}"></drop-countdown>`;
    const countdown = await rendered(host.querySelector<DropCountdown>('drop-countdown'));
    countdown.remove();
    host.append(countdown);
    await countdown.updateComplete;
    expect(countdownState(countdown)).toBe('live');
    expect(countdown.shadowRoot?.textContent?.trim()).not.toBe('');
  });

  it('follows changes to the creator’s light-DOM children', async () => {
    host.innerHTML = `<drop-button state="live"><a href="${CHECKOUT}">Buy</a></drop-button>`;
    const button = await rendered(host.querySelector<DropButton>('drop-button'));
    expect(button.checkoutHref).toContain(CHECKOUT);
    button.querySelector('a')!.href = OTHER_CHECKOUT;
    await until(() => button.checkoutHref?.includes(OTHER_CHECKOUT) ?? false, 'the new link is used');
  });
});
