/**
 * Two sellers' drops on one marketplace page: each countdown reads its own time-src's clock (the
 * device's without one), never another seller's. Its own file: a page's clocks outlive each test's
 * countdowns, so another file's endpoints would be on the page too.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { HOUR, MINUTE, iso, realNow, sleep, waitFor, type CountdownElement } from './countdown-test-helpers.ts';

const timeLog = async (run: string) => ((await (await fetch(`/__test/time/log?run=${run}`)).json()) as unknown[]).length;
const checkout = (button: Element) => button.shadowRoot!.querySelector('[part~="button"]')!.getAttribute('href');

/**
 * Seller A's drop in 1.5 h on an endpoint two hours ahead, seller B's in an hour (with B's own
 * `time-src`, or none) and B's buy button; B's drop-state events recorded.
 */
async function twoSellers(run: string, aRun: string, bTimeSrc: string | undefined) {
  const page = await fixture(`<div>
    <drop-countdown id="${run}-a" at="${iso(realNow() + 1.5 * HOUR)}" time-src="/__test/time?skew=${2 * HOUR}&run=${aRun}"></drop-countdown>
    <drop-countdown id="${run}-b" at="${iso(realNow() + HOUR)}"${bTimeSrc ? ` time-src="${bTimeSrc}"` : ''}></drop-countdown>
    <drop-button drop="${run}-b"><a href="https://buy.stripe.com/seller-b">Buy</a></drop-button>
  </div>`);
  const a = page.querySelector<CountdownElement>(`[id="${run}-a"]`)!;
  const b = page.querySelector<CountdownElement>(`[id="${run}-b"]`)!;
  const button = page.querySelector('drop-button') as HTMLElement & { updateComplete: Promise<boolean> };
  const seen: string[] = [];
  b.addEventListener('drop-state', (event) => seen.push((event as Event & { state: string }).state));
  return { a, b, button, seen };
}

/** B's drop still scheduled, no drop-state for it, and its button offering no checkout. */
async function expectSellerBUntouched({ b, button, seen }: Awaited<ReturnType<typeof twoSellers>>) {
  await button.updateComplete;
  expect(b.state).to.equal('scheduled');
  expect(seen).to.deep.equal([]);
  expect(checkout(button)).to.equal(null);
}

describe('<drop-countdown time-src> beside another seller\'s drop', () => {
  afterEach(() => cleanup());

  it('one seller\'s endpoint answering two hours ahead opens neither another seller\'s drop nor its checkout', async () => {
    // Before, the page had one clock: seller B's drop, an hour away, went live (its buy button
    // with it) as soon as seller A's endpoint answered.
    const run = `sellers-${realNow()}-${Math.random().toString(36).slice(2)}`;
    const sellers = await twoSellers(run, run, undefined);
    // Seller A's own drop is live on its endpoint's clock: the answer was adopted.
    await waitFor(() => sellers.a.state === 'live', 'seller A live on its own clock', 8000);
    await expectSellerBUntouched(sellers);
  });

  it('each of two endpoints sets only its own drop\'s clock', async () => {
    const run = `sellers-own-${realNow()}-${Math.random().toString(36).slice(2)}`;
    const sellers = await twoSellers(run, `${run}-a`, `/__test/time?run=${run}-b`);
    await waitFor(() => sellers.a.state === 'live', 'seller A live on its own clock', 8000);
    // Both endpoints asked four times (JSON answers), and the last answers read.
    while ((await timeLog(`${run}-a`)) < 4 || (await timeLog(`${run}-b`)) < 4) await sleep(10);
    await expectSellerBUntouched(sellers);
  });

  it('one seller\'s endpoint still being asked holds no other seller\'s drop at T0', async () => {
    // The hold while a time-src is asked was the page's: seller A's endpoint is down (its drop counts
    // on this device's clock), and A's drop stayed shut at T0 for as long as seller B's slow endpoint
    // was being asked (3 s here, until B's request was given up).
    const run = `sellers-hold-${realNow()}-${Math.random().toString(36).slice(2)}`;
    const page = await fixture(`<div>
      <drop-countdown id="${run}-a" at="${iso(realNow() + 500)}" time-src="/__test/time?mode=error&run=${run}-a"></drop-countdown>
      <drop-countdown id="${run}-b" at="${iso(realNow() + 500)}" time-src="/__test/time?delay=60000&run=${run}-b"></drop-countdown>
    </div>`);
    const a = page.querySelector<CountdownElement>(`[id="${run}-a"]`)!;
    const b = page.querySelector<CountdownElement>(`[id="${run}-b"]`)!;
    await waitFor(() => a.state === 'live', 'seller A live on the device clock', 8000);
    // B's own drop waits for B's answer (none within its 3 s), and only B's.
    expect(b.state).to.equal('scheduled');
  });

  it('a buy button reads its countdown\'s clock after the page\'s address moved (a relative time-src)', async () => {
    // The button resolved its countdown's time-src again, against the page's address at that moment:
    // after an app's navigation (history.pushState) a relative time-src named a clock no endpoint had
    // set, and the button counted 50 minutes on the device's clock beside a countdown at 20.
    const run = `sellers-base-${realNow()}-${Math.random().toString(36).slice(2)}`;
    const address = location.href;
    history.replaceState(history.state, '', '/');
    try {
      const page = await fixture(`<div>
        <drop-countdown id="${run}" at="${iso(realNow() + 50 * MINUTE)}" time-src="__test/time?skew=${30 * MINUTE}&run=${run}"></drop-countdown>
        <drop-button drop="${run}"><a href="https://buy.stripe.com/seller">Buy</a></drop-button>
      </div>`);
      const button = page.querySelector('drop-button') as HTMLElement & { updateComplete: Promise<boolean> } & { requestUpdate(): void };
      // "19:59" or "1:00:00".
      const minutesLeft = () =>
        (button.shadowRoot!.querySelector('[part~="time"]')?.textContent ?? '').split(':').reduce((left, part) => left * 60 + Number(part), 0) / 60;
      await waitFor(() => minutesLeft() < 25, 'the button on the endpoint\'s clock', 8000);
      history.pushState(history.state, '', '/elsewhere/');
      // Anything that renders the button again (a price, a language, its countdown's new notify link).
      button.requestUpdate();
      await button.updateComplete;
      expect(minutesLeft() < 25, `${minutesLeft()} minutes left on the button`).to.equal(true);
    } finally {
      history.replaceState(history.state, '', address);
    }
  });
});
