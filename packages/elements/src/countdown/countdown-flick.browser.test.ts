/**
 * A tab flicked away and back (or the network coming back) while the page's first sync is still
 * asking, against the real /__test/time endpoint. Its own file: a resync asks every `time-src` the
 * page knows, and another test's endpoint would answer for this one.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { referenceTimer } from '../test-support/reference-timer.ts';
import { HOUR, iso, realNow, setPageVisibility, sleep, watchFlip, type CountdownElement } from './countdown-test-helpers.ts';

describe('<drop-countdown time-src> flicked back while its sync runs', () => {
  afterEach(() => cleanup());

  it('opens at T0, not at the sync\'s next answer', async () => {
    // Slow answers, so the sync is still running at T0. The flick's resync is skipped as too soon
    // after the sync began; what the sync's first answer proved must still open the drop on time.
    const src = `/__test/time?run=flick-${realNow()}&delay=1500`;
    const el = await fixture<CountdownElement>(`<drop-countdown at="${iso(realNow() + HOUR)}" format="clock" time-src="${src}"></drop-countdown>`);
    const run = new URL(src, location.href).searchParams.get('run')!;
    const requests = async () => ((await (await fetch(`/__test/time/log?run=${run}`)).json()) as unknown[]).length;
    while ((await requests()) < 2) await sleep(10);
    const target = realNow() + 300;
    el.at = new Date(target);
    const flip = watchFlip(el, 'live at T0', 5000);
    // What a busy machine adds to every timer on the page is not the countdown's lateness.
    const reference = referenceTimer(target + 400, realNow);
    setPageVisibility('hidden');
    setPageVisibility('visible');
    dispatchEvent(new Event('online'));
    const { flippedAt, seen } = await flip;
    const loopLate = (await reference).late;
    // The next answer comes about 1.5 s after the first (or the sync gives up at 3 s): a hold would last until then.
    expect(flippedAt - target, `ms after T0 (the page's timers ${loopLate} ms late)`).to.be.within(-5, 400 + loopLate);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });
});
