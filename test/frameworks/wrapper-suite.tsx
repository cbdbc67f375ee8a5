/**
 * The `@dropkit/elements/react` wrappers' suite, run by every React the package allows: React 19
 * (react.test.tsx) and React 18 (react18/react18.test.tsx, whose project binds `react` and
 * `react-dom` to React 18.3). The wrappers must behave the same on both; what differs between the
 * two is the raw tags, which each file tests on its own.
 */
import { describe, expect, it } from 'vitest';
import { StrictMode, createRef } from 'react';
import { flushSync } from 'react-dom';
import { DropButton as DropButtonComponent, DropClip as DropClipComponent, DropCountdown as DropCountdownComponent, DropProduct as DropProductComponent } from '@dropkit/elements/react';
import type { DropButton, DropClip, DropCountdown, DropStateEvent } from '@dropkit/elements';
import clipUrl from '../media/clip/clip.webm?url';
import { AFTER, AT, BEFORE, CHECKOUT, OTHER_CHECKOUT, clickBuy, consoleWatch, countdownState, listenerLedger, rendered, until } from './harness.ts';
import type { ReactMount } from './react-root.ts';

const params = (href: string | null | undefined) => new URL(href ?? 'about:blank').searchParams;
/** The href of the link a visitor actually activates, not only the element's public `checkoutHref`. */
const shownHref = (button: DropButton) => button.shadowRoot?.querySelector<HTMLAnchorElement>('[part~="button"]')?.href;

/** `mounted`: the test file's own root per test (reactRootPerTest), which the suite renders into. */
export function wrapperSuite(react: string, mounted: ReactMount): void {
  describe(`${react}, @dropkit/elements/react wrappers`, () => {
    const render = (node: React.ReactNode) => flushSync(() => mounted.root.render(node));
    const countdownIn = () => rendered(mounted.container.querySelector<DropCountdown>('drop-countdown'));
    const buttonIn = () => rendered(mounted.container.querySelector<DropButton>('drop-button'));

    it('sets properties (a Date, primitives) and calls typed event props', async () => {
      const states: DropStateEvent[] = [];
      const checkouts: string[] = [];
      function Page({ now }: { now: Date }) {
        return (
          <DropCountdownComponent
            id="wrapped-drop"
            at={new Date(AT)}
            now={now}
            format="compact"
            timeZone="America/Los_Angeles"
            onDropState={(event) => states.push(event)}
          >
            <DropButtonComponent drop="wrapped-drop" onDropCheckout={(event) => checkouts.push(event.href)}>
              <a href={CHECKOUT}>Buy</a>
            </DropButtonComponent>
          </DropCountdownComponent>
        );
      }
      render(<Page now={new Date(BEFORE)} />);
      const countdown = await countdownIn();
      // Properties, not attribute text: React 18 alone would have written `at` as date.toString().
      expect(countdown.at instanceof Date).toBe(true);
      expect(countdown.at?.toISOString()).toBe(AT);
      expect(countdown.now?.toISOString()).toBe(BEFORE);
      expect(countdown.hasAttribute('at')).toBe(false);
      expect(countdown.format).toBe('compact');
      expect(countdown.timeZone).toBe('America/Los_Angeles');
      expect(countdownState(countdown)).toBe('scheduled');
      states.length = 0;
      render(<Page now={new Date(AFTER)} />);
      await until(() => states.length > 0, 'onDropState is called');
      expect(states.map((event) => [event.previous, event.state])).toEqual([['scheduled', 'live']]);
      const button = await buttonIn();
      await until(() => button.getAttribute('state') === 'live', 'the button follows the drop');
      clickBuy(button);
      expect(checkouts).toEqual([CHECKOUT]);
    });

    it('takes referral as a prop while React keeps its own ref', async () => {
      const own = createRef<DropButton>();
      render(
        <DropButtonComponent ref={own} referral="tiktok" state="live" href="https://shop.nova.example/tee">
          <a href={CHECKOUT}>Buy</a>
        </DropButtonComponent>,
      );
      const button = await buttonIn();
      await button.updateComplete;
      expect(own.current).toBe(button);
      expect(button.referral).toBe('tiktok');
      // Not Stripe: a bare code travels as ref=code, in the link a visitor activates too.
      expect(params(button.checkoutHref).get('ref')).toBe('tiktok');
      expect(params(shownHref(button)).get('ref')).toBe('tiktok');
    });

    it('removes a handler React no longer passes, and calls the new one', async () => {
      const calls: string[] = [];
      const Page = ({ handler }: { handler?: (event: DropStateEvent) => void }) => (
        <DropCountdownComponent at={new Date(AT)} now={new Date(BEFORE)} onDropState={handler} />
      );
      render(<Page handler={() => calls.push('first')} />);
      const countdown = await countdownIn();
      render(<Page handler={() => calls.push('second')} />);
      countdown.now = new Date(AFTER);
      await until(() => calls.length > 0, 'the current handler is called');
      expect(calls).toEqual(['second']);
      render(<Page />);
      countdown.now = new Date(BEFORE);
      await countdown.updateComplete;
      countdown.now = new Date(AFTER);
      await countdown.updateComplete;
      expect(calls).toEqual(['second']);
    });

    it('hidden={false} and inert={false} leave the widget shown and usable', async () => {
      // React 18 writes a custom element's props as attribute text: hidden="false" is a hidden
      // button, inert="false" one a visitor cannot click. React 19 leaves a false one out.
      const Page = ({ hidden, inert }: { hidden: boolean; inert: boolean }) => (
        <DropButtonComponent state="live" hidden={hidden} inert={inert}>
          <a href={CHECKOUT}>Buy</a>
        </DropButtonComponent>
      );
      render(<Page hidden={false} inert={false} />);
      const button = await buttonIn();
      expect(button.hidden).toBe(false);
      expect(button.inert).toBe(false);
      expect(button.hasAttribute('hidden') || button.hasAttribute('inert')).toBe(false);
      render(<Page hidden inert />);
      expect(button.hidden).toBe(true);
      expect(button.inert).toBe(true);
      render(<Page hidden={false} inert={false} />);
      expect(button.hidden).toBe(false);
      expect(button.inert).toBe(false);
    });

    it('hides and shows, and re-renders children', async () => {
      function Page({ shown, label, href }: { shown: boolean; label: string; href: string }) {
        return shown ? (
          <DropButtonComponent state="live">
            <a href={href}>{label}</a>
          </DropButtonComponent>
        ) : null;
      }
      render(<Page shown label="Buy" href={CHECKOUT} />);
      await buttonIn();
      render(<Page shown={false} label="Buy" href={CHECKOUT} />);
      expect(mounted.container.querySelector('drop-button')).toBeNull();
      render(<Page shown label="Buy now" href={CHECKOUT} />);
      const button = await buttonIn();
      expect(button.querySelector('a')?.textContent).toBe('Buy now');
      expect(button.checkoutHref).toContain(CHECKOUT);
      render(<Page shown label="Buy the hoodie" href={OTHER_CHECKOUT} />);
      await until(() => button.checkoutHref?.includes(OTHER_CHECKOUT) ?? false, 'the new link is used');
    });

    it("delivers the clip's events: progress, product view, product click, checkout", async () => {
      const received: string[] = [];
      const progress: number[] = [];
      const views: string[] = [];
      render(
        <DropClipComponent
          src={clipUrl}
          label="Glow collection"
          style={{ width: '180px' }}
          onDropClipProgress={(event) => progress.push(event.percent)}
          onDropProductView={(event) => views.push(event.name)}
          onDropProductClick={(event) => received.push(`click ${event.name}`)}
          onDropCheckout={(event) => received.push(`checkout ${event.href}`)}
        >
          <DropProductComponent at="0.5" until="1.5">
            <a href="https://buy.stripe.com/test_tee">Glow tee</a>
          </DropProductComponent>
          <DropProductComponent>
            <a href="https://buy.stripe.com/test_sticker">Sticker pack</a>
          </DropProductComponent>
        </DropClipComponent>,
      );
      const clip = await rendered(mounted.container.querySelector<DropClip>('drop-clip'));
      await until(() => Boolean(clip.shadowRoot?.querySelector('video')), 'the clip renders its video', 5_000);
      const video = clip.shadowRoot!.querySelector('video')!;
      await until(() => video.readyState >= HTMLMediaElement.HAVE_METADATA, 'video metadata', 5_000);
      video.defaultPlaybackRate = 4;
      video.playbackRate = 4;
      if (video.paused) await video.play();
      await until(() => clip.playback === 'ended', 'the clip plays to its end', 15_000);
      expect(progress).toEqual([25, 50, 75, 100]);
      // The end carousel shows every product; a second on screen makes each a view.
      await until(() => views.length >= 2, 'product views reach React', 5_000);
      expect([...views].sort()).toEqual(['Glow tee', 'Sticker pack']);
      await clip.updateComplete;
      const card = clip.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="carousel"] a');
      expect(card).not.toBeNull();
      card!.click();
      expect(received).toHaveLength(2);
      expect(received[0]).toMatch(/^click /);
      expect(received[1]).toMatch(/^checkout https:\/\/buy\.stripe\.com\//);
    }, 30_000);

    it('under StrictMode (effects run, undone and run again) each event reaches its handler once', async () => {
      const states: string[] = [];
      const checkouts: string[] = [];
      const console = consoleWatch();
      try {
        const Page = ({ now }: { now: Date }) => (
          <StrictMode>
            <DropCountdownComponent id="strict-drop" at={new Date(AT)} now={now} onDropState={(event) => states.push(event.state)}>
              <DropButtonComponent drop="strict-drop" onDropCheckout={(event) => checkouts.push(event.href)}>
                <a href={CHECKOUT}>Buy</a>
              </DropButtonComponent>
            </DropCountdownComponent>
          </StrictMode>
        );
        render(<Page now={new Date(BEFORE)} />);
        const countdown = await countdownIn();
        expect(countdown.now?.toISOString()).toBe(BEFORE);
        states.length = 0;
        render(<Page now={new Date(AFTER)} />);
        const button = await buttonIn();
        await until(() => button.getAttribute('state') === 'live', 'the button follows the drop');
        clickBuy(button);
        expect(states).toEqual(['live']);
        expect(checkouts).toEqual([CHECKOUT]);
        expect(console.messages).toEqual([]);
      } finally {
        console.restore();
      }
    });

    it('a page of 200 wrapped widgets renders and unmounts without warnings or listeners left', async () => {
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
                <DropButtonComponent drop={`drop-${i}`} onDropCheckout={() => {}}>
                  <a href={`${CHECKOUT}_${i}`}>Buy</a>
                </DropButtonComponent>
              </li>
            ))}
          </ul>,
        );
        const widgets = [...mounted.container.querySelectorAll('drop-countdown, drop-button')];
        expect(widgets).toHaveLength(200);
        await Promise.all(widgets.map((widget) => rendered(widget)));
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
}
