/** Vue 3 (render functions, as a compiled template does it): the same checks as React. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, defineComponent, h, nextTick, ref, type App } from 'vue';
import '@dropkit/elements/define';
import type { DropButton, DropCountdown, DropStateEvent } from '@dropkit/elements';
import { AFTER, AT, BEFORE, CHECKOUT, OTHER_CHECKOUT, clickBuy, countdownState, rendered, stayOnPage, until } from './harness.ts';

let container: HTMLElement;
let app: App | null = null;
let release: () => void;

beforeEach(() => {
  container = document.body.appendChild(document.createElement('div'));
  release = stayOnPage();
});
afterEach(() => {
  app?.unmount();
  app = null;
  container.remove();
  release();
});

function mount(setup: () => () => ReturnType<typeof h>): void {
  app = createApp(defineComponent({ setup }));
  app.mount(container);
}

const countdownIn = () => rendered(container.querySelector<DropCountdown>('drop-countdown'));
const buttonIn = () => rendered(container.querySelector<DropButton>('drop-button'));

describe('Vue 3', () => {
  it('passes primitives by attribute and objects by property', async () => {
    mount(() => () => h('drop-countdown', { at: new Date(AT), now: new Date(BEFORE), format: 'long', 'time-zone': 'Europe/Paris' }));
    const countdown = await countdownIn();
    expect(countdown.format).toBe('long');
    expect(countdown.timeZone).toBe('Europe/Paris');
    expect(countdown.at).toBeInstanceOf(Date);
    expect(countdownState(countdown)).toBe('scheduled');
  });

  it('receives drop-state and drop-checkout through on… listeners', async () => {
    const now = ref(BEFORE);
    const states: DropStateEvent[] = [];
    const checkouts: string[] = [];
    mount(() => () =>
      h(
        'drop-countdown',
        { id: 'vue-drop', at: new Date(AT), now: new Date(now.value), onDropState: (event: DropStateEvent) => states.push(event) },
        [h('drop-button', { drop: 'vue-drop', onDropCheckout: (event: { href: string }) => checkouts.push(event.href) }, [h('a', { href: CHECKOUT }, 'Buy')])],
      ),
    );
    await countdownIn();
    states.length = 0;
    now.value = AFTER;
    await nextTick();
    await until(() => states.length > 0, 'drop-state reaches Vue');
    expect(states.map((event) => event.state)).toEqual(['live']);
    const button = await buttonIn();
    await until(() => button.getAttribute('state') === 'live', 'the button follows the drop');
    clickBuy(button);
    expect(checkouts).toEqual([CHECKOUT]);
  });

  it('takes referral as a prop while Vue keeps its own template ref', async () => {
    // `referral`, not `ref`: in Vue `ref` names a template ref and never reaches the element.
    const own = ref<Element | null>(null);
    const referral = ref('tiktok');
    mount(() => () => h('drop-button', { ref: own, referral: referral.value, state: 'live' }, [h('a', { href: CHECKOUT }, 'Buy')]));
    const button = await buttonIn();
    expect(own.value).toBe(button);
    expect(button.referral).toBe('tiktok');
    const params = () => new URL(button.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="button"]')!.href).searchParams;
    // CHECKOUT is a Stripe Payment Link: a bare code travels as client_reference_id.
    expect(params().get('client_reference_id')).toBe('tiktok');
    referral.value = 'utm_source=vue&utm_campaign=drop1';
    await nextTick();
    await button.updateComplete;
    expect(params().get('utm_source')).toBe('vue');
    expect(params().get('utm_campaign')).toBe('drop1');
  });

  it('hides and shows the widget (v-if)', async () => {
    const shown = ref(true);
    mount(() => () => h('div', [shown.value ? h('drop-countdown', { at: new Date(AT), now: new Date(AFTER) }) : h('p', 'hidden')]));
    expect(countdownState(await countdownIn())).toBe('live');
    shown.value = false;
    await nextTick();
    expect(container.querySelector('drop-countdown')).toBeNull();
    shown.value = true;
    await nextTick();
    const again = await countdownIn();
    expect(countdownState(again)).toBe('live');
  });

  it('re-renders light-DOM children and the element follows', async () => {
    const href = ref(CHECKOUT);
    const label = ref('Buy');
    mount(() => () => h('drop-button', { state: 'live' }, [h('a', { href: href.value }, label.value)]));
    const button = await buttonIn();
    expect(button.checkoutHref).toContain(CHECKOUT);
    href.value = OTHER_CHECKOUT;
    label.value = 'Buy the hoodie';
    await nextTick();
    expect(button.querySelector('a')?.textContent).toBe('Buy the hoodie');
    await until(() => button.checkoutHref?.includes(OTHER_CHECKOUT) ?? false, 'the new link is used');
  });
});
