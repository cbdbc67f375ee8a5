/**
 * A visitor who opens the page after the drop started (from a push notification, say) while the
 * countdown asks its `time-src`: it must go live as soon as the server's first answer makes that
 * certain, and never look like a clock stuck at 00:00:00 before. Against the real /__test/time
 * endpoint with a delay, which logs every request so a test can count the samples taken before the
 * flip. Its own file: each file gets a fresh page, so no earlier test's clock jump or resync adds
 * requests or answers here. The tests that stub the visitor's clock come last for the same reason.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import {
  MINUTE,
  HOUR,
  iso,
  part,
  realNow,
  recordStates,
  remainingText,
  sleep,
  waitFor,
  type CountdownElement,
} from './countdown-test-helpers.ts';

let run = 0;
/** A fresh URL per test: one sync per URL is shared page-wide, and each test needs its own. */
const timeSrc = (query: string) => `/__test/time?run=late-${realNow()}-${++run}&${query}`;

/** What the endpoint saw of `src`: when each request arrived and when it read its clock (true ms). */
async function serverLog(src: string): Promise<Array<{ arrived: number; read: number | null }>> {
  const label = new URL(src, location.href).searchParams.get('run')!;
  return (await fetch(`/__test/time/log?run=${encodeURIComponent(label)}`)).json();
}

/** The parts that would read as a clock stuck at the drop moment, if they were on screen. */
const scheduleParts = (el: Element) =>
  ['remaining', 'calendar-button', 'google-link', 'notify-link'].filter((name) => part(el, name));
const showsCreatorText = (el: Element) => el.shadowRoot!.querySelector('slot:not([name])') !== null;

/** Records when the first `drop-state` fired, on the real clock. */
function flipTime(el: Element): { at: number } {
  const flip = { at: 0 };
  el.addEventListener('drop-state', () => (flip.at ||= realNow()), { once: true });
  return flip;
}

const original = Date.now;

describe('<drop-countdown time-src> for a visitor who arrives after the drop started', () => {
  afterEach(() => {
    cleanup();
    Date.now = original;
  });

  it('30 s after T0, the server 300 ms away: live on its first answer, and no stuck 00:00:00 before', async () => {
    const src = timeSrc('delay=300');
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() - 30_000)}" format="clock" notify="https://t.me/dropkit" time-src="${src}"
        >Drops today at 18:00</drop-countdown>`,
    );
    const seen = recordStates(el);
    const flip = flipTime(el);
    // Looked at every 10 ms until live: each look must find the creator's text, not the schedule.
    const shown = new Set<string>();
    await waitFor(() => {
      if (el.state !== 'scheduled') return true;
      if (!showsCreatorText(el)) shown.add('(no creator text)');
      for (const name of scheduleParts(el)) shown.add(name);
      return false;
    }, 'live', 3000);
    expect([...shown], 'shown while the server was being asked').to.deep.equal([]);
    const log = await serverLog(src);
    expect(
      log.filter((request) => request.arrived < flip.at).length,
      'time requests the server had received when the countdown went live',
    ).to.equal(1);
    await sleep(1500); // the other samples arrive and refine the offset; nothing flips back
    expect((await serverLog(src)).length, 'samples taken in all').to.be.above(1);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
    expect(el.state).to.equal('live');
  });

  it("T0 inside the first answer's round trip: waits for more, and never opens early", async () => {
    // The server answers after 1 s, so its first answer only places the true time somewhere in a
    // window a second wide, and T0 is in that window. Its midpoint is already past T0: a countdown
    // that trusted it would open about half a second early.
    const src = timeSrc('delay=1000');
    const target = realNow() + 1500;
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(target)}" format="clock" time-src="${src}">Drops today at 18:00</drop-countdown>`,
    );
    const seen = recordStates(el);
    const flip = flipTime(el);
    await waitFor(() => el.state === 'live', 'live', 4000);
    const log = await serverLog(src);
    // The premise: the server read its clock less than 1 s before T0, and the answer took over 1 s
    // to come back, so that answer could not tell before T0 from after.
    expect(target - log[0]!.read!, 'ms from the first reading to T0').to.be.within(1, 999);
    expect(flip.at, 'went live at (true ms)').to.be.at.least(target);
    expect(
      log.filter((request) => request.arrived < flip.at).length,
      'time requests the server had received when the countdown went live',
    ).to.equal(2);
    await sleep(200);
    expect(seen.map((s) => s.state)).to.deep.equal(['live']);
  });

  it("visitor clock 1 h fast: the creator's text until the first answer, then the true time left", async () => {
    Date.now = () => realNow() + HOUR;
    const el = await fixture<CountdownElement>(
      `<drop-countdown at="${iso(realNow() + 30 * MINUTE)}" format="clock" notify="https://t.me/dropkit"
        time-src="${timeSrc('delay=1000')}">Drops today at 18:00</drop-countdown>`,
    );
    const seen = recordStates(el);
    // The visitor's clock says the drop is live; the server has not answered yet.
    expect(showsCreatorText(el), "the creator's text while unconfirmed").to.equal(true);
    expect(scheduleParts(el)).to.deep.equal([]);
    expect(el.state).to.equal('scheduled');
    await expectNoAxeViolations(el);
    await waitFor(() => remainingText(el) !== null, 'the countdown after the first answer', 3000);
    await el.updateComplete;
    const [h, m, s] = remainingText(el)!.split(':').map(Number) as [number, number, number];
    expect(h * 3600 + m * 60 + s).to.be.within(30 * 60 - 3, 30 * 60);
    expect(scheduleParts(el)).to.deep.equal(['remaining', 'calendar-button', 'google-link', 'notify-link']);
    expect(seen).to.deep.equal([]);
  });

  it('visitor clock 1 h fast on a page that renders state="scheduled" (server-side rendering): nothing opens before the answer', async () => {
    Date.now = () => realNow() + HOUR;
    const states: string[] = [];
    const record = (event: Event) => states.push((event as Event & { state: string }).state);
    document.addEventListener('drop-state', record);
    try {
      const el = await fixture<CountdownElement>(
        `<drop-countdown at="${iso(realNow() + 30 * MINUTE)}" state="scheduled" format="clock"
          time-src="${timeSrc('delay=1000')}">Drops today at 18:00</drop-countdown>`,
      );
      expect(el.state, 'before the server answered').to.equal('scheduled');
      await waitFor(() => remainingText(el) !== null, 'the countdown after the first answer', 3000);
      expect(el.state).to.equal('scheduled');
      expect(el.getAttribute('state')).to.equal('scheduled');
    } finally {
      document.removeEventListener('drop-state', record);
    }
    expect(states, 'drop-state events').to.deep.equal([]);
  });
});
