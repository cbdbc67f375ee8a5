/**
 * The time left as a screen reader gets it: the accessibility tree Chromium computes (read over the
 * DevTools protocol, test/support/ax-tree.mjs). The ticking clock "01:02:03" was the timer's text,
 * read digit by digit ("0 1 colon 0 2 colon 0 3"); the timer now says the time in words, to the
 * minute, and the clock is hidden from the reader. What is shown does not change.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { part, remainingText, waitFor, type CountdownElement } from './countdown-test-helpers.ts';

type AxNode = { role: string; name: string; ignored: boolean; children: AxNode[] };

const at = '2031-12-05T18:00:00Z';
let mounted = 0;

/** The text a reader reads under `node` (static text not ignored), in order. */
const said = (node: AxNode): string[] =>
  node.ignored ? [] : node.role === 'StaticText' ? [node.name] : node.children.flatMap(said);
const timers = (node: AxNode): AxNode[] => [...(node.role === 'timer' && !node.ignored ? [node] : []), ...node.children.flatMap(timers)];

async function tree(html: string) {
  const id = `said-${++mounted}`;
  const root = await fixture(`<div data-said="${id}">${html}</div>`);
  const countdown = root.querySelector<CountdownElement>('drop-countdown')!;
  await waitFor(() => part(countdown, 'remaining') !== null, 'the schedule');
  await countdown.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return { root, countdown, ax: await executeServerCommand<AxNode, { selector: string }>('ax-tree', { selector: `[data-said="${id}"]` }) };
}

describe('<drop-countdown> time left, as a screen reader reads it', () => {
  afterEach(cleanup);

  for (const [now, shown, words] of [
    ['2031-12-05T16:57:57Z', '01:02:03', '1 hour, 2 minutes'],
    // Its seconds dropped, never a later moment than the clock shows; "1 minute" in the last one.
    ['2031-12-05T17:58:01Z', '00:01:59', '1 minute'],
    ['2031-12-05T17:59:30Z', '00:00:30', '1 minute'],
    // With days left the clock is words already; the timer says the minutes too.
    ['2031-12-03T15:56:00Z', '2 days, 2 hours', '2 days, 2 hours, 4 minutes'],
  ]) {
    it(`shows ${shown} and says "${words}"`, async () => {
      const { root, countdown, ax } = await tree(`<drop-countdown at="${at}" now="${now}">Drops 5 December</drop-countdown>`);
      expect(remainingText(countdown)).to.equal(shown.replace(/(\d) (?=\D)/g, '$1\u00a0'));
      const [timer, ...more] = timers(ax);
      expect(more.length).to.equal(0);
      expect(said(timer!).join('').replace(/\u00a0/g, ' ')).to.equal(words);
      // The clock itself is not read: its text is nowhere in the tree.
      expect(said(ax).includes(remainingText(countdown)!)).to.equal(false);
      await expectNoAxeViolations(root);
    });
  }

  it('says it in the page language, and follows the minutes as the clock ticks', async () => {
    const { countdown, ax } = await tree(`<div lang="de"><drop-countdown at="${at}" now="2031-12-05T16:57:57Z">5. Dezember</drop-countdown></div>`);
    const german = said(timers(ax)[0]!).join('');
    expect(german.replace(/\u00a0/g, ' ')).to.equal(new Intl.ListFormat('de', { type: 'unit' }).format(['1 Stunde', '2 Minuten']));
    countdown.now = new Date('2031-12-05T17:57:57Z');
    await countdown.updateComplete;
    expect(countdown.shadowRoot!.querySelector('.said')!.textContent!.replace(/\u00a0/g, ' ')).to.equal('2 Minuten');
  });
});
