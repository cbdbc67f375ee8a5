/**
 * Focus that sits in a countdown when what holds it goes away: "Add to calendar", "Google Calendar"
 * and "Notify me" at T0, a buy button in the `live` slot when the drop ends. Real keyboard (Tab
 * through the page), the countdown's state moved by its pinned `now`, so no real time is waited.
 */
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { part, waitFor, type CountdownElement } from './countdown-test-helpers.ts';

const at = '2031-12-05T18:00:00Z';
const buy = `<a href="https://buy.stripe.com/test_tee">Buy the tee</a>`;

/** What has focus, through every shadow root, as `tag[part]` steps: text, never an element (DEVELOPERS.md). */
function focusPath(): string {
  const steps: string[] = [];
  for (let node = document.activeElement; node; node = node.shadowRoot?.activeElement ?? null) {
    const name = node.getAttribute('part') ?? node.id;
    steps.push(name ? `${node.localName}[${name}]` : node.localName);
  }
  return steps.join(' > ');
}

/** Tabs from the button before the widgets until `step` has focus. */
async function tabTo(step: string): Promise<void> {
  (document.querySelector('#before') as HTMLElement).focus();
  for (let i = 0; i < 8 && !focusPath().endsWith(step); i++) await sendKeys({ press: 'Tab' });
  expect(focusPath().endsWith(step), focusPath()).to.equal(true);
}

async function pin(countdown: CountdownElement, moment: string): Promise<void> {
  countdown.now = new Date(moment);
  await countdown.updateComplete;
}

describe('<drop-countdown> keeps the focus a visitor had in it', () => {
  afterEach(cleanup);

  for (const [tag, control] of [['button', 'calendar-button'], ['a', 'google-link'], ['a', 'notify-link']] as const) {
    it(`on "${control}" at T0, focus moves to the countdown, not the page; Tab goes on to the buy button`, async () => {
      const root = await fixture(`<div><button id="before">before</button>
        <drop-countdown id="focus-drop" at="${at}" now="2031-12-05T17:59:00Z" notify="https://notify.example/drop" name="Winter drop">Drops 5 December</drop-countdown>
        <drop-button drop="focus-drop">${buy}</drop-button></div>`);
      const countdown = root.querySelector<CountdownElement>('drop-countdown')!;
      await waitFor(() => part(countdown, 'notify-link') !== null, 'the schedule');
      await tabTo(`drop-countdown[focus-drop] > ${tag}[${control}]`);
      await pin(countdown, '2031-12-05T18:00:01Z');
      expect(countdown.state).to.equal('live');
      expect(part(countdown, control), 'the control is gone').to.equal(null);
      expect(focusPath()).to.equal('drop-countdown[focus-drop]');
      expect(countdown.matches(':focus-visible')).to.equal(true);
      await expectNoAxeViolations(root);
      await sendKeys({ press: 'Tab' });
      expect(focusPath()).to.equal('drop-button > a[button]');
      // Focusable only while it held the focus it kept: a click on it later does not take focus.
      expect(countdown.hasAttribute('tabindex')).to.equal(false);
    });
  }

  it('on a buy button in the live slot when the drop ends, focus moves to the countdown', async () => {
    await fixture(`<div><button id="before">before</button>
      <drop-countdown id="slot-drop" at="${at}" until="2031-12-05T20:00:00Z" now="2031-12-05T19:00:00Z">Drops 5 December<drop-button slot="live">${buy}</drop-button></drop-countdown></div>`);
    const countdown = document.querySelector<CountdownElement>('#slot-drop')!;
    await tabTo('drop-button > a[button]');
    await pin(countdown, '2031-12-05T20:00:01Z');
    expect(countdown.state).to.equal('ended');
    expect(focusPath()).to.equal('drop-countdown[slot-drop]');
  });

  it('takes no focus it did not have: a visitor elsewhere on the page stays there', async () => {
    await fixture(`<div><button id="before">before</button>
      <drop-countdown id="away-drop" at="${at}" now="2031-12-05T17:59:00Z">Drops 5 December</drop-countdown></div>`);
    const countdown = document.querySelector<CountdownElement>('#away-drop')!;
    await waitFor(() => part(countdown, 'calendar-button') !== null, 'the schedule');
    (document.querySelector('#before') as HTMLElement).focus();
    await pin(countdown, '2031-12-05T18:00:01Z');
    expect(countdown.state).to.equal('live');
    expect(focusPath()).to.equal('button[before]');
    expect(countdown.hasAttribute('tabindex')).to.equal(false);
  });
});
