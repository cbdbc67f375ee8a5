/**
 * What a passing second costs the page: the ticker writes the remaining time and nothing else, and
 * writes nothing when the text it would show is the same. Real ticks on the real clock (a pinned
 * `now` does not tick), so the test waits a little over two seconds once for all its countdowns.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { MINUTE, HOUR, DAY, iso, realNow, remainingText, sleep, type CountdownElement } from './countdown-test-helpers.ts';

interface Seen {
  /** Mutations whose target is inside [part=remaining]. */
  remaining: number;
  /** Mutations of the time in words a screen reader reads (.said): at most one a minute. */
  said: number;
  /** Every other mutation in the shadow root, described. */
  elsewhere: string[];
}

function watchShadow(el: Element): Seen {
  const seen: Seen = { remaining: 0, said: 0, elsewhere: [] };
  const root = el.shadowRoot!;
  new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target;
      const inRemaining = (target instanceof Element ? target : target.parentElement)?.closest('[part~="remaining"]');
      const inSaid = (target instanceof Element ? target : target.parentElement)?.closest('.said');
      if (inRemaining && record.type === 'characterData') seen.remaining += 1;
      else if (inSaid && record.type === 'characterData') seen.said += 1;
      else seen.elsewhere.push(`${record.type} on ${target.nodeName}${record.attributeName ? `[${record.attributeName}]` : ''}`);
    }
  }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  return seen;
}

describe('<drop-countdown> per-second work', () => {
  afterEach(cleanup);

  it('changes only the remaining text each second, and nothing when that text stays the same', async () => {
    const container = await fixture(`<div>
      <drop-countdown id="clock" format="clock" at="${iso(realNow() + HOUR)}" time-zone="America/Los_Angeles"
        notify="https://t.me/example">Drops soon</drop-countdown>
      <drop-countdown id="days" format="auto" at="${iso(realNow() + 3 * DAY - 30 * MINUTE)}">Drops in three days</drop-countdown>
    </div>`);
    const clock = container.querySelector<CountdownElement>('#clock')!;
    const days = container.querySelector<CountdownElement>('#days')!;
    await Promise.all([clock.updateComplete, days.updateComplete]);
    const clockSeen = watchShadow(clock);
    const daysSeen = watchShadow(days);
    const daysText = remainingText(days);

    await sleep(2300);

    expect(clockSeen.remaining, 'seconds ticked on the clock countdown').to.be.at.least(2);
    expect(clockSeen.elsewhere, 'moment line and links untouched by ticks').to.deep.equal([]);
    // The words a screen reader reads change with the minutes, not the seconds: the clock's was an
    // hour away at the start, so its first tick crossed into the next minute (59 minutes) at most.
    expect(clockSeen.said, 'writes of the time in words').to.be.at.most(1);
    // "2 days, 23 hours" stays that for half an hour: no write at all, not even an equal one (its
    // words change only when a minute passes, at most once in these two seconds).
    expect(remainingText(days)).to.equal(daysText);
    expect(daysSeen.remaining + daysSeen.elsewhere.length, 'DOM writes on the days-long countdown').to.equal(0);
    expect(daysSeen.said, 'writes of its time in words').to.be.at.most(1);
  });
});
