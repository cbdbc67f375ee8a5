/**
 * A resync when the time endpoint has slowed down, and which endpoints a resync asks, against the
 * real /__test/time endpoint. Its own file: a page's clocks outlive each test's countdowns.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { referenceTimer } from '../test-support/reference-timer.ts';
import { HOUR, iso, realNow, remainingText, setPageVisibility, sleep, waitFor, watchFlip, type CountdownElement } from './countdown-test-helpers.ts';

const requests = async (run: string) => ((await (await fetch(`/__test/time/log?run=${run}`)).json()) as unknown[]).length;

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
    // A JSON endpoint is asked four times back to back.
    while ((await requests(run)) < 4) await sleep(10);
    await waitFor(() => remainingText(el) !== null, 'the synced remaining time');
    await fetch(`/__test/time/delay?run=${run}&ms=2000`);
    setPageVisibility('hidden');
    // Shown again 600 ms before T0 and more than 2 s after the sync began, so a resync is due; its
    // first answer comes 2 s later, 1.4 s after T0.
    await sleep(target - 600 - realNow());
    setPageVisibility('visible');
    const { flippedAt, seen } = await flip;
    expect(await requests(run)).to.be.above(4, 'a resync was asked for');
    expect(flippedAt).to.be.at.least(target - 5);
    const loopLate = (await reference).late;
    expect(flippedAt - target, `ms after T0 (the page's timers ${loopLate} ms late)`).to.be.at.most(300 + loopLate);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });

  it('a return to the tab asks only the time-src of countdowns still on the page', async () => {
    // An app that mounts and unmounts product pages, each time-src with its own query string: every
    // URL it ever showed was asked again on each return to the tab, 4 requests each here.
    const run = `resync-kept-${realNow()}-${Math.random().toString(36).slice(2)}`;
    const page = await fixture(`<div>${[1, 2, 3]
      .map((n) => `<drop-countdown at="${iso(realNow() + HOUR)}" time-src="/__test/time?run=${run}-${n}"></drop-countdown>`)
      .join('')}</div>`);
    const startedAt = realNow();
    while ((await requests(`${run}-1`)) < 4 || (await requests(`${run}-2`)) < 4 || (await requests(`${run}-3`)) < 4) await sleep(10);
    const [, second, third] = page.querySelectorAll('drop-countdown');
    second!.remove();
    third!.remove();
    // Past the 2 s a resync waits after a sync, so the kept one is asked.
    await sleep(startedAt + 2100 - realNow());
    setPageVisibility('hidden');
    setPageVisibility('visible');
    while ((await requests(`${run}-1`)) < 8) await sleep(10);
    // Asked at the same moment as the kept URL's first request, they would be in the log by now.
    await requests(`${run}-1`);
    expect([await requests(`${run}-2`), await requests(`${run}-3`)]).to.deep.equal([4, 4]);
  });

  it('a countdown put back after its time-src missed a resync: resynced from its bounds, live at T0', async () => {
    // Unmounted while the tab came back, its clock was not asked then; on its return it is, from the
    // bounds it kept: forgotten, a fresh sync would hold the drop at T0 until the slow answer.
    const run = `resync-back-${realNow()}-${Math.random().toString(36).slice(2)}`;
    const target = realNow() + 5000;
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(target)}" format="clock" time-src="/__test/time?run=${run}"></drop-countdown>`,
    );
    const startedAt = realNow();
    const parent = el.parentElement!;
    while ((await requests(run)) < 4) await sleep(10);
    await waitFor(() => remainingText(el) !== null, 'the synced remaining time');
    el.remove();
    await fetch(`/__test/time/delay?run=${run}&ms=2000`);
    await sleep(startedAt + 2100 - realNow());
    setPageVisibility('hidden');
    setPageVisibility('visible');
    // Back 600 ms before T0; the resync's first answer comes 1.4 s after T0.
    await sleep(target - 600 - realNow());
    expect(await requests(run)).to.equal(4, 'not asked while no countdown showed it');
    const flip = watchFlip(el, 'live at the true T0', 8000);
    const reference = referenceTimer(target + 300, realNow);
    parent.append(el);
    while ((await requests(run)) < 5) await sleep(10);
    const { flippedAt, seen } = await flip;
    expect(flippedAt).to.be.at.least(target - 5);
    const loopLate = (await reference).late;
    expect(flippedAt - target, `ms after T0 (the page's timers ${loopLate} ms late)`).to.be.at.most(300 + loopLate);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });

  it('a jump of the visitor\'s clock resyncs only the time-src still shown, and the other once it is back', async () => {
    const run = `resync-jump-${realNow()}-${Math.random().toString(36).slice(2)}`;
    const page = await fixture(`<div>${[1, 2]
      .map((n) => `<drop-countdown at="${iso(realNow() + HOUR)}" time-src="/__test/time?run=${run}-${n}"></drop-countdown>`)
      .join('')}</div>`);
    while ((await requests(`${run}-1`)) < 4 || (await requests(`${run}-2`)) < 4) await sleep(10);
    const second = page.querySelectorAll('drop-countdown')[1]!;
    second.remove();
    const original = Date.now;
    try {
      // The laptop wakes an hour on; the page reads its clock on focus and sees the jump.
      Date.now = () => realNow() + HOUR;
      dispatchEvent(new Event('focus'));
      while ((await requests(`${run}-1`)) < 8) await sleep(10);
      await requests(`${run}-1`);
      expect(await requests(`${run}-2`)).to.equal(4, 'not asked while no countdown showed it');
      // Its offset is stale: asked again as a jump's resync is, at once (within 2 s of its sync too).
      page.append(second);
      while ((await requests(`${run}-2`)) < 8) await sleep(10);
    } finally {
      cleanup();
      Date.now = original;
      dispatchEvent(new Event('focus'));
    }
  });
});
