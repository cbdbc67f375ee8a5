/**
 * The server clock read from an HTTP `Date` header alone (whole seconds), against the real
 * /__test/time endpoint. Its own file, like countdown-clock.browser.test.ts: the page-wide clock
 * offset it leaves behind (an hour) must not leak into other tests.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { recordPageTrips } from '../test-support/page-trips.ts';
import { referenceTimer } from '../test-support/reference-timer.ts';
import { HOUR, iso, realNow, remainingText, setPageVisibility, sleep, waitFor, watchFlip, type CountdownElement } from './countdown-test-helpers.ts';

// The same file runs in three groups, four pages at a time: two pages starting in the same
// millisecond shared one server log (16 requests counted for one sync, seen with copies of this file).
const timeSrc = (query: string) => `/__test/time?run=date-${realNow()}-${Math.random().toString(36).slice(2)}&${query}`;

/** Hours, minutes and seconds shown, as a number of seconds (format="clock"). */
const shownSeconds = (el: Element) => {
  const text = remainingText(el);
  if (text === null) return Number.NaN;
  const [h, m, s] = text.split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
};

type Log = Array<{ arrived: number }>;
const requestLog = async (src: string): Promise<Log> => {
  const run = new URL(src, location.href).searchParams.get('run')!;
  return (await fetch(`/__test/time/log?run=${run}`)).json();
};

/**
 * The endpoint's log once it has not been asked for 2.5 s and holds more than `after`. Timed requests
 * come at most a second apart, but a timer that fires late makes the sync aim again, a second more
 * (sync.ts): with 1.5 s a loaded machine once ended the first sync's count early, and its last
 * request was counted as a resync's.
 */
async function settled(src: string, after = 0): Promise<Log> {
  let log = await requestLog(src);
  while (log.length <= after || realNow() - log.at(-1)!.arrived <= 2500) {
    await sleep(100);
    log = await requestLog(src);
  }
  return log;
}

/**
 * Round trips of the page's own requests to `src` so far, in order (Resource Timing: from the fetch
 * until the answer's last byte). Every request the endpoint logged must have its entry.
 */
async function tripsTo(src: string): Promise<number[]> {
  const href = new URL(src, location.href).href;
  const trips = performance.getEntriesByName(href, 'resource').map((entry) => Math.round((entry as PerformanceResourceTiming).responseEnd - entry.startTime));
  expect(trips.length, 'requests seen by Resource Timing').to.equal((await requestLog(src)).length);
  return trips;
}

/**
 * The slowest of a sync's timed requests (the third on: the two back-to-back answers before them
 * read the server mid-second and only start the timing; a sync that timed none is judged on those
 * two). Each timed answer proves the server's time to within its own round trip, so that, not a
 * trip measured before the sync, is what the page may lag by: on a busy machine the test server
 * answers tens of ms slower than to a quiet warm-up fetch (a warm-up trip once left a 72 ms flip
 * judged against 5 ms). Judged on the trips the page's code saw (recordPageTrips), not the network's:
 * a loaded page reads each answer late, and knows the server's time only that well.
 */
const slowestTimedTrip = (syncTrips: number[]) => Math.max(...(syncTrips.length > 2 ? syncTrips.slice(2) : syncTrips));

/**
 * A creator's static site: no {"now"}, a Date header truncated to its second, and a clock an hour
 * and 437 ms ahead (the visitor's clock is right), so every answer proves the offset only to within
 * a second. The countdown is mounted 300 ms into the server's second, so the first answers all read
 * its clock about there: a page that adopts their low bound without more runs about 300 ms late.
 */
async function countdownOnDateOnlyServer(): Promise<{ el: CountdownElement; src: string; skew: number; pageTrips: number[] }> {
  const skew = HOUR + 437;
  const src = timeSrc(`mode=date&skew=${skew}`);
  // What the page proves is bounded by the trips its code saw, which a busy page reads late.
  pageTrips = recordPageTrips(src);
  // The kit's and the test framework's own requests fill the page's Resource Timing buffer (250
  // entries by default); the sync's requests must all be recorded.
  performance.setResourceTimingBufferSize(10_000);
  await sleep((((300 - (realNow() + skew)) % 1000) + 1000) % 1000);
  const el = await fixture<CountdownElement>(
    `<drop-countdown at="${iso(realNow() + skew + HOUR)}" format="clock" time-src="${src}"></drop-countdown>`,
  );
  return { el, src, skew, pageTrips: pageTrips.trips };
}

/**
 * How many answers the page's code had read (of `read`) when `condition` first held, checked on
 * every change to the countdown's shadow DOM: in the task that made the change, however busy the page.
 */
function answersReadWhen(el: Element, condition: () => boolean, read: number[]): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      observer.disconnect();
      resolve(read.length);
    };
    const observer = new MutationObserver(check);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    check();
  });
}

let pageTrips: ReturnType<typeof recordPageTrips> | undefined;
const restorePageTrips = () => {
  pageTrips?.restore();
  pageTrips = undefined;
};

/**
 * Moves T0 1.5 s ahead by the server's clock and resolves how many ms after it the page flipped,
 * and how late the page ran a timer of the test's own aimed at T0 + `bound` (the latest flip the
 * claim allows): what the page's event loop adds on a busy machine, allowed on top of `bound`.
 */
async function flipLateness(el: CountdownElement, skew: number, bound: number): Promise<{ late: number; loopLate: number; states: string[] }> {
  const target = realNow() + 1500;
  el.setAttribute('at', iso(target + skew));
  const reference = referenceTimer(target + bound, realNow);
  const { flippedAt, seen } = await watchFlip(el, "live at the server's T0", 4000, 100);
  return { late: flippedAt - target, loopLate: (await reference).late, states: seen.map((s) => s.state) };
}

describe('<drop-countdown time-src> with only a Date header', () => {
  afterEach(cleanup);
  afterEach(restorePageTrips);

  it('a server clock 1 h 437 ms ahead, whole seconds only: the page flips within a round trip + 50 ms of its T0, never before', async () => {
    // The page must time its requests to see the server's second turn.
    const { el, src, skew, pageTrips: seen } = await countdownOnDateOnlyServer();
    // The first answer is adopted as it arrives: no waiting for the timed requests. Counted in the
    // task that shows it, not by a deadline (1.5 s was missed on a loaded machine).
    const firstShown = answersReadWhen(el, () => Math.abs(shownSeconds(el) - 3600) <= 2, seen);
    await waitFor(() => Math.abs(shownSeconds(el) - 3600) <= 2, 'the first answer', 8000);
    expect(await firstShown, "answers the page's code had read when it showed the server's time").to.be.at.most(2);
    const log = await settled(src);
    const asked = log.length;
    const syncMs = log.at(-1)!.arrived - log[0]!.arrived;
    expect(asked, 'requests in one sync').to.be.at.most(8);

    const trips = await tripsTo(src);
    expect(seen.length, "answers the page's code read").to.equal(trips.length);
    const roundTrip = slowestTimedTrip(seen);
    // T0 1.5 s ahead by the server's clock: the page flips when ITS clock says so.
    const { late, loopLate, states } = await flipLateness(el, skew, roundTrip + 50);
    console.log(
      `Date header only: flipped ${late} ms after the server's T0 (the page's timers ${loopLate} ms late); round trips ${trips.join(', ')} ms (the page's code saw ${seen.slice(0, trips.length).join(', ')}), ${asked} requests over ${syncMs} ms`,
    );
    expect(late, `ms after the server's T0 (slowest timed round trip ${roundTrip} ms, ${asked} requests; timers ${loopLate} ms late)`).to.be.within(
      -5,
      roundTrip + 50 + loopLate,
    );
    expect(states).to.deep.equal(['live']);
  });
});

describe('<drop-countdown time-src> with only a Date header, resynced', () => {
  afterEach(cleanup);
  afterEach(restorePageTrips);

  it('a tab shown again a few seconds after the sync settled asks at most twice, and stays within a round trip + 50 ms of the server, never ahead', async function () {
    // Up to nine seconds for each sync, the flip and the waits between.
    this.timeout(40_000);
    // Every visitor's tab comes back at T0: a sync that started from nothing would time up to six
    // more requests per visitor. What the first sync proved still holds, a few ms wider.
    const { el, src, skew, pageTrips: seen } = await countdownOnDateOnlyServer();
    const first = (await settled(src)).length;
    await sleep(2000);
    setPageVisibility('hidden');
    await sleep(100);
    setPageVisibility('visible');
    const again = (await settled(src, first)).length - first;
    expect(again, 'requests in the resync').to.be.within(1, 2);
    const trips = await tripsTo(src);
    // The resync's answers only narrow what the first sync's timed requests proved.
    expect(seen.length, "answers the page's code read").to.equal(trips.length);
    const roundTrip = slowestTimedTrip(seen.slice(0, first));
    const { late, loopLate, states } = await flipLateness(el, skew, roundTrip + 50);
    console.log(
      `Date header only, resynced: ${first} requests, then ${again}; flipped ${late} ms after the server's T0 (the page's timers ${loopLate} ms late); round trips ${trips.join(', ')} ms (the page's code saw ${seen.slice(0, trips.length).join(', ')})`,
    );
    expect(late, `ms after the server's T0 (slowest timed round trip of the first sync ${roundTrip} ms; timers ${loopLate} ms late)`).to.be.within(
      -5,
      roundTrip + 50 + loopLate,
    );
    expect(states).to.deep.equal(['live']);
  });
});
