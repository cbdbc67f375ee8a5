/**
 * React 19, both ways a marketplace writes it: the raw `drop-*` tags (React 19 sets properties and
 * `ondrop-*` listeners on custom elements itself) and the `@dropkit/elements/react` wrappers.
 */
import { describe, expect, it } from 'vitest';
import { createRef } from 'react';
import { flushSync } from 'react-dom';
import type {} from '@dropkit/elements/jsx/react';
import { DropCountdown as DropCountdownComponent } from '@dropkit/elements/react';
import type { DropButton, DropCountdown } from '@dropkit/elements';
import {
  AFTER,
  AT,
  BEFORE,
  CHECKOUT,
  OTHER_CHECKOUT,
  clickBuy,
  consoleWatch,
  countdownState,
  listenerLedger,
  rendered,
  until,
} from './harness.ts';
import { reactRootPerTest } from './react-root.ts';
import { wrapperSuite } from './wrapper-suite.tsx';

const mounted = reactRootPerTest();
const render = (node: React.ReactNode) => flushSync(() => mounted.root.render(node));

const countdownIn = () => rendered(mounted.container.querySelector<DropCountdown>('drop-countdown'));
const buttonIn = () => rendered(mounted.container.querySelector<DropButton>('drop-button'));
const params = (href: string | null | undefined) => new URL(href ?? 'about:blank').searchParams;
/** The href of the link a visitor actually activates, not only the element's public `checkoutHref`. */
const shownHref = (button: DropButton) => button.shadowRoot?.querySelector<HTMLAnchorElement>('[part~="button"]')?.href;

describe('React 19, raw tags', () => {
  it('passes primitives (attribute or property, React decides) and they land', async () => {
    render(<drop-countdown at={new Date(AT)} now={new Date(BEFORE)} format="long" time-zone="America/Los_Angeles" />);
    const countdown = await countdownIn();
    expect(countdown.format).toBe('long');
    expect(countdown.timeZone).toBe('America/Los_Angeles');
    expect(countdown.at?.toISOString()).toBe(AT);
    expect(countdownState(countdown)).toBe('scheduled');
  });

  it('passes objects by property', async () => {
    render(<drop-countdown at={new Date(AT)} now={new Date(AFTER)} />);
    const countdown = await countdownIn();
    expect(countdown.now).toBeInstanceOf(Date);
    expect(countdownState(countdown)).toBe('live');
  });

  it('receives every drop-* event through ondrop-* props', async () => {
    const states: Array<[string | null, string]> = [];
    const checkouts: string[] = [];
    function Page({ now }: { now: string }) {
      return (
        <drop-countdown id="raw-drop" at={new Date(AT)} now={new Date(now)} ondrop-state={(event) => states.push([event.previous, event.state])}>
          <drop-button drop="raw-drop" ondrop-checkout={(event) => checkouts.push(event.href)}>
            <a href={CHECKOUT}>Buy</a>
          </drop-button>
        </drop-countdown>
      );
    }
    render(<Page now={BEFORE} />);
    const countdown = await countdownIn();
    states.length = 0;
    render(<Page now={AFTER} />);
    await until(() => states.length > 0, 'drop-state reaches React');
    expect(states).toEqual([['scheduled', 'live']]);
    expect(countdownState(countdown)).toBe('live');
    const button = await buttonIn();
    await until(() => button.getAttribute('state') === 'live', 'the button follows the drop');
    clickBuy(button);
    expect(checkouts).toEqual([CHECKOUT]);
  });

  it('takes referral as a prop while React keeps its own ref', async () => {
    // `referral`, not `ref`: React keeps `ref` for itself, so attribution under that name could
    // never reach the element from JSX.
    const own = createRef<DropButton>();
    render(
      <drop-button ref={own} referral="tiktok" state="live">
        <a href={CHECKOUT}>Buy</a>
      </drop-button>,
    );
    const button = await buttonIn();
    expect(own.current).toBe(button);
    expect(button.referral).toBe('tiktok');
    // CHECKOUT is a Stripe Payment Link: a bare code travels as client_reference_id.
    expect(params(button.checkoutHref).get('client_reference_id')).toBe('tiktok');
    expect(params(shownHref(button)).get('client_reference_id')).toBe('tiktok');
    render(
      <drop-button ref={own} referral="utm_source=tiktok&utm_campaign=drop1" state="live">
        <a href={CHECKOUT}>Buy</a>
      </drop-button>,
    );
    await button.updateComplete;
    expect(own.current).toBe(button);
    expect(params(shownHref(button)).get('utm_source')).toBe('tiktok');
    expect(params(shownHref(button)).get('utm_campaign')).toBe('drop1');
  });

  it('hides and shows the widget', async () => {
    function Toggle({ shown }: { shown: boolean }) {
      return <div>{shown ? <drop-countdown at={new Date(AT)} now={new Date(AFTER)} /> : <p>hidden</p>}</div>;
    }
    render(<Toggle shown />);
    expect(countdownState(await countdownIn())).toBe('live');
    render(<Toggle shown={false} />);
    expect(mounted.container.querySelector('drop-countdown')).toBeNull();
    render(<Toggle shown />);
    const again = await countdownIn();
    expect(countdownState(again)).toBe('live');
    expect(again.shadowRoot?.textContent?.trim()).not.toBe('');
  });

  it('re-renders light-DOM children and the element follows', async () => {
    function Button({ href, label }: { href: string; label: string }) {
      return (
        <drop-button state="live">
          <a href={href}>{label}</a>
        </drop-button>
      );
    }
    render(<Button href={CHECKOUT} label="Buy" />);
    const button = await buttonIn();
    expect(button.checkoutHref).toContain(CHECKOUT);
    render(<Button href={OTHER_CHECKOUT} label="Buy the hoodie" />);
    expect(button.querySelector('a')?.textContent).toBe('Buy the hoodie');
    await until(() => button.checkoutHref?.includes(OTHER_CHECKOUT) ?? false, 'the new link is used');
  });
});

wrapperSuite('React 19', mounted);

describe('a marketplace page of 200 widgets through React', () => {
  it('renders and unmounts without warnings and leaves no listeners behind', async () => {
    const ledger = listenerLedger();
    const console = consoleWatch();
    try {
      const before = ledger.onPage().length;
      const items = Array.from({ length: 100 }, (_, i) => i);
      render(
        <ul>
          {items.map((i) => (
            <li key={i}>
              <DropCountdownComponent id={`drop-${i}`} at={new Date(AT)} now={new Date(BEFORE)} onDropState={() => {}} />
              <drop-button drop={`drop-${i}`} ondrop-checkout={() => {}}>
                <a href={`${CHECKOUT}_${i}`}>Buy</a>
              </drop-button>
            </li>
          ))}
        </ul>,
      );
      const widgets = [...mounted.container.querySelectorAll<Element & { updateComplete: Promise<unknown> }>('drop-countdown, drop-button')];
      expect(widgets).toHaveLength(200);
      await Promise.all(widgets.map((widget) => rendered(widget)));
      expect(ledger.onPage().length).toBeGreaterThanOrEqual(before);
      render(<ul />);
      // Let disconnected callbacks and any deferred clean-up run.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(mounted.container.querySelectorAll('drop-countdown, drop-button')).toHaveLength(0);
      expect(ledger.onPage().length).toBe(before);
      expect(console.messages).toEqual([]);
    } finally {
      console.restore();
      ledger.restore();
    }
  });
});
