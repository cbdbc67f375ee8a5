/**
 * A `time-src` behind a shared cache: the copy it hands out read the server's clock `Age` seconds
 * before the request, against the real /__test/time endpoint (`age`). Its own file, like
 * countdown-clock.browser.test.ts: the page-wide clock offset it leaves behind must not leak.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { HOUR, MINUTE, iso, realNow, remainingText, sleep, waitFor, type CountdownElement } from './countdown-test-helpers.ts';

/** Hours, minutes and seconds shown, as a number of seconds (format="clock"). */
const shownSeconds = (el: Element) => {
  const text = remainingText(el);
  if (text === null) return Number.NaN;
  const [h, m, s] = text.split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
};

/** Resolves once the endpoint has not been asked for 1.5 s (timed requests come at most a second apart). */
async function settled(run: string): Promise<void> {
  const log = async (): Promise<Array<{ arrived: number }>> => (await fetch(`/__test/time/log?run=${run}`)).json();
  for (let entries = await log(); !entries.length || realNow() - entries.at(-1)!.arrived <= 1500; entries = await log()) await sleep(100);
}

describe('<drop-countdown time-src> served from a shared cache (Age)', () => {
  afterEach(cleanup);

  // The server an hour ahead of the visitor, so the page shows the server's time only once it has
  // read it; the cache's copy is 30 s old.
  const skew = HOUR;
  for (const mode of ['json', 'date']) {
    it(`${mode}: counts the copy's age in, late by at most a second and never early`, async () => {
      const run = `cached-${mode}-${realNow()}`;
      const at = realNow() + skew + 30 * MINUTE;
      const el = await fixture<CountdownElement>(
        `<drop-countdown at="${iso(at)}" format="clock" time-src="/__test/time?run=${run}&mode=${mode}&skew=${skew}&age=30"></drop-countdown>`,
      );
      await waitFor(() => shownSeconds(el) < 31 * 60 + 30, "the remaining time by the server's clock", 8000);
      await settled(run);
      const shown = shownSeconds(el);
      // Read after the shown time, so a second boundary in between only makes the page look later.
      const truth = Math.ceil((at - (realNow() + skew)) / 1000);
      // Without the age the page ran 30 s late.
      expect(shown - truth, 'seconds behind the server').to.be.within(0, 1);
    });
  }
});
