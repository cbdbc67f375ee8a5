/**
 * The visitor's clock set by hand with no `time-src`: the page's clock is the visitor's, so the
 * countdown follows it, ticking and flipping on it whichever way it was moved. Its own file: it
 * stubs Date.now for the page.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { referenceTimer } from '../test-support/reference-timer.ts';
import { iso, realNow, remainingText, setPageVisibility, sleep, waitFor, type CountdownElement } from './countdown-test-helpers.ts';

const original = Date.now;
/** Hours, minutes and seconds shown, as a number of seconds (format="clock"). */
const shownSeconds = (el: Element) => {
  const [h, m, s] = (remainingText(el) ?? '').split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
};
const setVisitorClock = (skew: number) => (Date.now = () => original.call(Date) + skew);

describe('<drop-countdown> without a time-src, the visitor clock set by hand', () => {
  afterEach(() => {
    cleanup();
    Date.now = original;
    setPageVisibility('visible');
  });

  it('on screen, set back a minute: keeps ticking', async () => {
    const el = await fixture<CountdownElement>(`<drop-countdown at="${iso(realNow() + 30 * 60_000)}" format="clock"></drop-countdown>`);
    await waitFor(() => remainingText(el) !== null, 'the countdown');
    setVisitorClock(-60_000);
    // The next tick reads the set clock: a minute more to go ("00:30:5…" where "00:29:5…" was).
    await waitFor(() => shownSeconds(el) > 30 * 60 + 30, 'the minute the clock went back', 3000);
    const after = shownSeconds(el);
    // The timer was armed on the clock from before: it stood still for the minute the clock went back.
    await waitFor(() => shownSeconds(el) < after, 'the next second', 2500);
  });

  // Set in the system's settings while the countdown is below the fold: the page loses focus (or
  // is hidden) and comes back. The drop opens when the set clock reads T0, not 4 s later, when the
  // timer armed on the clock from before fires.
  for (const [how, leave, comeBack] of [
    ['focus', () => dispatchEvent(new Event('blur')), () => dispatchEvent(new Event('focus'))],
    ['a hidden tab', () => setPageVisibility('hidden'), () => setPageVisibility('visible')],
  ] as const) {
    it(`off screen, set forward, back to the page by ${how}: live when the set clock reads T0`, async () => {
      const at = realNow() + 8000;
      const wrapper = await fixture<HTMLElement>(`<div>
        <div style="height: 300vh"></div>
        <drop-countdown at="${iso(at)}"></drop-countdown>
      </div>`);
      const el = wrapper.querySelector('drop-countdown') as CountdownElement;
      await sleep(300);
      leave();
      setVisitorClock(4000);
      comeBack();
      let flippedAt = 0;
      el.addEventListener('drop-state', () => (flippedAt = realNow()));
      // T0 by the set clock is 4 s before T0 by the real one. What a busy machine adds to every
      // timer on the page is not the countdown's lateness.
      const reference = referenceTimer(at - 4000 + 1000, realNow);
      await waitFor(() => el.state === 'live', 'live', 10_000);
      const loopLate = (await reference).late;
      const late = flippedAt - (at - 4000);
      expect(late, `ms after the set clock read T0 (the page's timers ${loopLate} ms late)`).to.be.within(0, 1000 + loopLate);
    });
  }
});
