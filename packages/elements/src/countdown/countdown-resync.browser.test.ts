/**
 * A resync when the time endpoint has slowed down, against the real /__test/time endpoint. Its own
 * file: a resync asks every `time-src` the page knows, so another test's (fast) endpoint on the
 * same page would answer for this one.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { referenceTimer } from '../test-support/reference-timer.ts';
import { iso, realNow, remainingText, setPageVisibility, sleep, waitFor, watchFlip, type CountdownElement } from './countdown-test-helpers.ts';

describe('<drop-countdown time-src> shown again while the server is slow', () => {
  afterEach(() => cleanup());

  it('a tab shown again just before T0: flips at T0 on what the last sync proved, not after the slow answer', async () => {
    // Everyone's tab comes back at drop time, and the time endpoint slows under the herd. The
    // resync must not hold the drop shut until its first answer: the last sync's bounds, widened
    // for the seconds since, already say when T0 is.
    const run = `resync-${realNow()}`;
    const target = realNow() + 4000;
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(target)}" format="clock" time-src="/__test/time?run=${run}"></drop-countdown>`,
    );
    const flip = watchFlip(el, 'live at the true T0', 8000);
    // What a busy machine adds to every timer on the page is not the countdown's lateness.
    const reference = referenceTimer(target + 300, realNow);
    const requests = async () => ((await (await fetch(`/__test/time/log?run=${run}`)).json()) as unknown[]).length;
    // A JSON endpoint is asked four times back to back.
    while ((await requests()) < 4) await sleep(10);
    await waitFor(() => remainingText(el) !== null, 'the synced remaining time');
    await fetch(`/__test/time/delay?run=${run}&ms=2000`);
    setPageVisibility('hidden');
    // Shown again 600 ms before T0 and more than 2 s after the sync began, so a resync is due; its
    // first answer comes 2 s later, 1.4 s after T0.
    await sleep(target - 600 - realNow());
    setPageVisibility('visible');
    const { flippedAt, seen } = await flip;
    expect(await requests()).to.be.above(4, 'a resync was asked for');
    expect(flippedAt).to.be.at.least(target - 5);
    const loopLate = (await reference).late;
    expect(flippedAt - target, `ms after T0 (the page's timers ${loopLate} ms late)`).to.be.at.most(300 + loopLate);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });
});
