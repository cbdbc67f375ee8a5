/**
 * The server clock against the real /__test/time endpoint, with the visitor's clock deliberately
 * wrong (`Date.now` stubbed in the page). Its own file, so its page-wide clock offset cannot leak
 * into the other countdown tests.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { referenceTimer } from '../test-support/reference-timer.ts';
import {
  MINUTE,
  HOUR,
  DAY,
  captureWarnings,
  iso,
  realNow,
  recordAnnouncements,
  recordStates,
  remainingText,
  setPageVisibility,
  sleep,
  waitFor,
  watchFlip,
  type CountdownElement,
} from './countdown-test-helpers.ts';

let run = 0;
/** A fresh URL per test: one sync per URL is shared page-wide, and each test needs its own. */
const timeSrc = (query = '') => `/__test/time?run=${Date.now()}-${++run}${query ? `&${query}` : ''}`;

const original = Date.now;
function skewVisitorClock(skew: number): void {
  Date.now = () => realNow() + skew;
}

const requestsTo = (src: string) =>
  performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith(src)).length;

/** Minutes and seconds shown, as a number of seconds (format="clock"). */
const shownSeconds = (el: Element) => {
  const text = remainingText(el);
  if (text === null) return Number.NaN;
  const [h, m, s] = text.split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
};

describe('<drop-countdown time-src> when the server cannot help', () => {
  afterEach(() => {
    cleanup();
    Date.now = original;
  });

  for (const mode of ['garbage', 'error']) {
    it(`${mode}: one warning, and the visitor clock decides`, async () => {
      const warnings = captureWarnings();
      const src = timeSrc(`mode=${mode}`);
      try {
        const el = await fixture<CountdownElement>(
          `<drop-countdown at="${iso(realNow() - MINUTE)}" time-src="${src}"></drop-countdown>
           <drop-countdown at="${iso(realNow() - MINUTE)}" time-src="${src}"></drop-countdown>`,
        );
        await waitFor(() => el.state === 'live' && warnings.messages.length > 0, 'live on the visitor clock');
        await sleep(100);
      } finally {
        warnings.restore();
      }
      expect(warnings.messages).to.have.length(1);
      expect(warnings.messages[0]).to.match(/could not read the server time/);
    });
  }

  it('slow: gives up after about 3 s without blocking the first render', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<CountdownElement>(
        `<drop-countdown at="${iso(realNow() + HOUR)}" format="clock" time-src="${timeSrc('delay=5000')}"></drop-countdown>`,
      );
      expect(shownSeconds(el)).to.be.within(3590, 3600);
      await waitFor(() => warnings.messages.length > 0, 'the timeout warning', 6000);
    } finally {
      warnings.restore();
    }
    expect(warnings.messages[0]).to.match(/within 3 s/);
  });
});

describe('<drop-countdown time-src> with a wrong visitor clock', () => {
  afterEach(() => {
    cleanup();
    Date.now = original;
    // Putting the clock back is a jump the page resyncs every endpoint for: noticed now (the page reads
    // its clock on focus), not in the next test, whose countdown would wait for its own endpoint's
    // answer to that resync (each countdown reads only its own time-src's clock).
    dispatchEvent(new Event('focus'));
  });

  it('visitor clock 1 h fast: the drop does not open early', async () => {
    skewVisitorClock(+HOUR);
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + 30 * MINUTE)}" format="clock" time-src="${timeSrc()}"></drop-countdown>`,
    );
    const seen = recordStates(el);
    await waitFor(() => shownSeconds(el) > 0, 'the synced remaining time');
    await el.updateComplete;
    expect(shownSeconds(el)).to.be.within(30 * 60 - 2, 30 * 60);
    expect(el.state).to.equal('scheduled');
    expect(seen).to.deep.equal([]);
  });

  it('a server answering {"now": <seconds>} (PHP time()) is read by its Date header, not as 1970', async () => {
    skewVisitorClock(+HOUR);
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + 30 * MINUTE)}" format="clock" time-src="${timeSrc('mode=seconds')}"></drop-countdown>`,
    );
    const seen = recordStates(el);
    // The Date header has whole seconds: within one of the true time once its answers are in.
    await waitFor(() => Math.abs(shownSeconds(el) - 30 * 60) <= 2, 'the remaining time by the Date header', 8000);
    expect(el.state).to.equal('scheduled');
    expect(seen).to.deep.equal([]);
  });

  it('visitor clock 1 h slow: a drop that is live on the server is live here', async () => {
    skewVisitorClock(-HOUR);
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() - MINUTE)}" time-src="${timeSrc()}"></drop-countdown>`,
    );
    const seen = recordStates(el);
    await waitFor(() => el.state === 'live', 'live after sync');
    await sleep(100);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });

  it('visitor clock 1 day fast: scheduled with the true remaining time, not ended', async () => {
    skewVisitorClock(+DAY);
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + 2 * HOUR)}" until="${iso(realNow() + 3 * HOUR)}" format="clock" time-src="${timeSrc()}"></drop-countdown>`,
    );
    const seen = recordStates(el);
    await waitFor(() => shownSeconds(el) > 0, 'the synced remaining time');
    await el.updateComplete;
    // The page's clock is never ahead of the server but may lag it by up to a round trip (the
    // earliest time the answers allow): on a busy machine that trip passed the second and 7201 showed.
    expect(shownSeconds(el)).to.be.within(2 * 3600 - 2, 2 * 3600 + 1);
    expect(seen).to.deep.equal([]);
  });

  it('visitor clock 1 day slow: flips at the true T0, once', async () => {
    skewVisitorClock(-DAY);
    const target = realNow() + 1500;
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(target)}" format="clock" time-src="${timeSrc()}"></drop-countdown>`,
    );
    const { flippedAt, seen } = await watchFlip(el, 'live at the true T0', 4000);
    expect(flippedAt).to.be.at.least(target - 5);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });

  it('answers read late in their round trip (a request that left late): the drop still opens at the true T0, not before', async () => {
    // The server reads its clock 400 ms into each trip and answers at once, as when a phone busy
    // loading the page sends its request well after noting the time: the midpoint of the trip
    // then lies 200 ms before the reading, and a clock set by it opened the drop 200 ms early.
    // T0 after the sync has ended (3 s at most): while it runs, the hold already keeps the drop shut.
    const target = realNow() + 5000;
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(target)}" format="clock" time-src="${timeSrc('delay=400')}"></drop-countdown>`,
    );
    // What a busy machine adds to every timer on the page is not the countdown's lateness.
    const reference = referenceTimer(target + 1000, realNow);
    const { flippedAt, seen } = await watchFlip(el, 'live at the true T0', 8000);
    const loopLate = (await reference).late;
    expect(flippedAt).to.be.at.least(target - 5);
    // Late by no more than the answers' window (one 400 ms trip), with room for the 4 s sync before.
    expect(flippedAt - target, `ms after T0 (the page's timers ${loopLate} ms late)`).to.be.at.most(1000 + loopLate);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });

  it('reads the HTTP Date header when there is no JSON body', async () => {
    skewVisitorClock(+HOUR);
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + 30 * MINUTE)}" format="clock" time-src="${timeSrc('mode=date')}"></drop-countdown>`,
    );
    await waitFor(() => shownSeconds(el) > 0, 'the synced remaining time');
    await el.updateComplete;
    // The header has whole seconds only.
    expect(shownSeconds(el)).to.be.within(30 * 60 - 2, 30 * 60 + 1);
  });

  it('samples once per URL for all the countdowns on the page, and resyncs when the tab returns', async () => {
    skewVisitorClock(+HOUR);
    // The test page's own module loads may have filled the resource timing buffer.
    performance.clearResourceTimings();
    const src = timeSrc();
    const target = realNow() + 30 * MINUTE;
    const first = await fixture<CountdownElement>(
      `<div>${`<drop-countdown at="${iso(target)}" format="clock" time-src="${src}"></drop-countdown>`.repeat(3)}</div>`,
    );
    const countdowns = [...first.querySelectorAll<CountdownElement>('drop-countdown')];
    const seen = countdowns.map(recordStates);
    await waitFor(() => requestsTo(src) > 0, 'the first sync');
    await sleep(300);
    const afterFirstSync = requestsTo(src);
    expect(afterFirstSync).to.be.within(1, 4);

    // The visitor's clock jumps a day ahead (a laptop wakes up with a bad clock): the returning tab
    // resyncs, and until the server answers nothing may open the drop.
    await sleep(2100);
    setPageVisibility('hidden');
    skewVisitorClock(+DAY);
    setPageVisibility('visible');
    await waitFor(() => requestsTo(src) > afterFirstSync, 'a resync');
    await waitFor(() => countdowns.every((el) => Math.abs(shownSeconds(el) - 30 * 60) <= 5), 'the corrected time');
    expect(countdowns.map((el) => el.state)).to.deep.equal(['scheduled', 'scheduled', 'scheduled']);
    expect(seen.flat()).to.deep.equal([]);
  });

  it('a countdown added while the sync runs does not hold the others shut at T0 (a section a framework adds late)', async () => {
    // Slow answers, so the sync is still running at T0: after the first, the page knows the true time
    // within one trip and opens the drop on time; a second countdown on the same time-src joins that
    // sync, it does not start one, and must not throw away what the first answer proved.
    const src = timeSrc('delay=1500');
    const first = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + HOUR)}" format="clock" time-src="${src}"></drop-countdown>`,
    );
    const run = new URL(src, location.href).searchParams.get('run')!;
    const requests = async () => ((await (await fetch(`/__test/time/log?run=${run}`)).json()) as unknown[]).length;
    while ((await requests()) < 2) await sleep(10);
    const target = realNow() + 500;
    first.at = new Date(target);
    const flip = watchFlip(first, 'the first countdown live at T0', 5000);
    // What a busy machine adds to every timer on the page is not the countdown's lateness.
    const reference = referenceTimer(target + 400, realNow);
    const second = document.createElement('drop-countdown') as CountdownElement;
    second.setAttribute('time-src', src);
    second.setAttribute('at', iso(target));
    first.after(second);
    const { flippedAt, seen } = await flip;
    const loopLate = (await reference).late;
    // The next answer comes about 1.5 s after the previous one: a hold would last until then.
    expect(flippedAt - target, `ms after T0 (the page's timers ${loopLate} ms late)`).to.be.within(-5, 400 + loopLate);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
    expect(second.state).to.equal('live');
  });

  it('one sync per endpoint however the time-src is written (a relative and an absolute URL)', async () => {
    // A marketplace's theme writes time-src="/time", a creator pastes "https://shop/time": the same
    // server, asked once, and no countdown held shut at T0 while the other's answers are in.
    const src = timeSrc('delay=1500');
    const first = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + HOUR)}" format="clock" time-src="${src}"></drop-countdown>`,
    );
    const run = new URL(src, location.href).searchParams.get('run')!;
    const requests = async () => ((await (await fetch(`/__test/time/log?run=${run}`)).json()) as unknown[]).length;
    while ((await requests()) < 2) await sleep(10);
    const target = realNow() + 500;
    first.at = new Date(target);
    const flip = watchFlip(first, 'the first countdown live at T0', 5000);
    const reference = referenceTimer(target + 400, realNow);
    const second = document.createElement('drop-countdown') as CountdownElement;
    second.setAttribute('time-src', new URL(src, document.baseURI).href);
    second.setAttribute('at', iso(target));
    first.after(second);
    const { flippedAt, seen } = await flip;
    const loopLate = (await reference).late;
    expect(flippedAt - target, `ms after T0 (the page's timers ${loopLate} ms late)`).to.be.within(-5, 400 + loopLate);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
    expect(second.state).to.equal('live');
    // One sync asks one request at a time; a second would have sent its own while one was on its way.
    await sleep(1600);
    const log = (await (await fetch(`/__test/time/log?run=${run}`)).json()) as { arrived: number; read: number }[];
    expect(log.length).to.be.at.least(2);
    for (let i = 1; i < log.length; i++) expect(log[i]!.arrived >= log[i - 1]!.read, `request ${i + 1} after answer ${i}`).to.equal(true);
  });

  it('the visitor clock jumps an hour ahead while an answer is on its way: that answer opens nothing', async () => {
    // Answers are adopted one by one, so an answer to a request sent before the jump (timed on the
    // old clock) must not end the hold that the jump started.
    const src = timeSrc('delay=300');
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + 30 * MINUTE)}" format="clock" time-src="${src}"></drop-countdown>`,
    );
    const seen = recordStates(el);
    const run = new URL(src, location.href).searchParams.get('run')!;
    const requests = async () => ((await (await fetch(`/__test/time/log?run=${run}`)).json()) as unknown[]).length;
    // The first answer is in and the second request is on its way (the endpoint has seen two).
    await waitFor(() => shownSeconds(el) > 0, 'the first answer');
    while ((await requests()) < 2) await sleep(10);
    skewVisitorClock(+HOUR);
    setPageVisibility('visible'); // the countdown looks at the clock now and notices the jump
    await sleep(1500);
    await waitFor(() => Math.abs(shownSeconds(el) - 30 * 60) <= 3, 'the corrected time');
    expect(seen).to.deep.equal([]);
  });

  it('the visitor clock jumps past the 1 minute milestone while the drop is further away: said once, at the true minute', async () => {
    // The jump leaves the countdown on a stale offset until the resync answers: a milestone only that
    // clock crossed is no news (it was said 10 s early, then the true one was said again).
    const src = timeSrc('delay=300');
    const at = realNow() + 72_000;
    const el = await fixture<CountdownElement>(`<drop-countdown at="${iso(at)}" format="clock" time-src="${src}"></drop-countdown>`);
    await waitFor(() => shownSeconds(el) > 0, 'the first answer');
    await sleep(1500);
    const said = recordAnnouncements();
    skewVisitorClock(+40_000);
    setPageVisibility('visible'); // the countdown looks at the clock now and notices the jump
    await waitFor(() => Math.abs(shownSeconds(el) * 1000 - (at - realNow())) <= 3000, 'the corrected time');
    expect(said).to.deep.equal([]);
    expect(at - realNow() > 60_000).to.equal(true);
    await waitFor(() => said.length > 0, 'the true milestone', 15_000);
    await sleep(300);
    expect(said).to.deep.equal(['The drop starts in 1 minute.']);
    expect(at - realNow() <= 60_000).to.equal(true);
  });

  it('notices the visitor clock jumping while the page is open, and resyncs before anything flips', async () => {
    skewVisitorClock(+HOUR);
    performance.clearResourceTimings();
    const src = timeSrc();
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + 30 * MINUTE)}" format="clock" time-src="${src}"></drop-countdown>`,
    );
    const seen = recordStates(el);
    await waitFor(() => requestsTo(src) > 0, 'the first sync');
    await sleep(2100);
    const before = requestsTo(src);
    skewVisitorClock(+DAY);
    await waitFor(() => requestsTo(src) > before, 'a resync after the jump', 3000);
    await waitFor(() => Math.abs(shownSeconds(el) - 30 * 60) <= 5, 'the corrected time');
    expect(seen).to.deep.equal([]);
  });
});
