/**
 * What a screen reader hears from a `<drop-button>` waiting for its drop: the accessible name
 * Chromium computes (read through the DevTools protocol, test/support/ax-tree.mjs), not the DOM.
 * The visible label shows the clock ("Drops in 2d 01:02:03"); the name says the time in words of the
 * page's language, down to the minute, starting with the visible words before the time (WCAG 2.5.3).
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { sleep, waitFor } from '../test-support/wait.ts';

type AxNode = { role: string; name: string; ignored: boolean; properties: Record<string, unknown>; children: AxNode[] };
type Updating = HTMLElement & { updateComplete: Promise<unknown> };
type CountdownLike = Updating & { now: Date | null };

const AT = '2030-01-01T00:00:00Z';
/** 2 days, 1 hour, 2 minutes and 3 seconds before AT. */
const NOW = '2029-12-29T22:57:57Z';

let mounted = 0;
const part = (button: Element, name: string) => button.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A countdown pinned at `now` and a button following it, on a page in `lang`. */
async function scheduled(lang: string, now = NOW, inside = '') {
  const id = `name-${++mounted}`;
  const wrapper = await fixture(
    `<div lang="${lang}" dir="${/^(ar|he)/.test(lang) ? 'rtl' : 'ltr'}"><drop-countdown id="${id}" at="${AT}" now="${now}"></drop-countdown>` +
      `<div data-ax="${id}"><drop-button drop="${id}">${inside}<a href="https://buy.stripe.com/test_tee">Buy the tee</a></drop-button></div></div>`,
  );
  const countdown = wrapper.querySelector('drop-countdown') as CountdownLike;
  const button = wrapper.querySelector('drop-button') as Updating;
  // In another language the button shows the creator's link until its words have come.
  await waitFor(() => part(button, 'time') !== null, 'the time to drop', 8000);
  return { wrapper, countdown, button, id };
}

async function settle(countdown: CountdownLike, button: Updating) {
  await countdown.updateComplete;
  await button.updateComplete;
}

/** The button's link as the accessibility tree has it. */
async function readLink(id: string): Promise<AxNode> {
  // The tree is computed in a frame after the DOM changed.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const tree = await executeServerCommand<AxNode, { selector: string }>('ax-tree', { selector: `[data-ax="${id}"]` });
  const links: AxNode[] = [];
  const visit = (node: AxNode) => {
    if (!node.ignored && node.role === 'link') links.push(node);
    node.children.forEach(visit);
  };
  visit(tree);
  expect(links.length, 'one link in the button').to.equal(1);
  return links[0]!;
}

/** Nodes from the link up that would read their changes out: the ticking time must not be one. */
function liveRegions(node: AxNode): string[] {
  const found = ['polite', 'assertive'].includes(String(node.properties.live)) ? [`${node.role} "${node.name}" live=${node.properties.live}`] : [];
  return [...found, ...node.children.flatMap(liveRegions)];
}

describe('<drop-button> waiting for its drop: what a screen reader hears', () => {
  afterEach(cleanup);

  const expected = {
    en: { words: 'Drops in', name: 'Drops in 2 days, 1 hour, 2 minutes' },
    de: { words: 'Noch', name: 'Noch 2 Tage, 1 Stunde und 2 Minuten' },
    ar: { words: 'يبدأ بعد', name: 'يبدأ بعد يومان، وساعة، ودقيقتان' },
  };

  for (const [lang, { words, name }] of Object.entries(expected)) {
    it(`${lang}: the name says the time in the page's words, the label keeps the clock`, async () => {
      const { wrapper, button, id } = await scheduled(lang);
      const link = await readLink(id);
      const clock = text(part(button, 'time'));
      expect(link.name).to.equal(name);
      // What a sighted visitor reads is unchanged: the words, then the clock with its seconds.
      expect(text(part(button, 'label'))).to.equal(`${words} ${clock}`);
      expect(clock).to.match(/[0-9٠-٩]{2}:[0-9٠-٩]{2}:[0-9٠-٩]{2}$/);
      // Label in name: the name starts with the words the label shows, so "click Drops in" works.
      expect(link.name.startsWith(`${words} `), 'the name starts with the visible words').to.equal(true);
      expect(link.name, 'no digit of the clock is read').not.to.match(/[:٫]|\d{2}/);
      expect(link.properties.disabled, 'still exposed as disabled').to.equal(true);
      expect(liveRegions(link), 'the link is not a live region').to.deep.equal([]);
      await expectNoAxeViolations(wrapper);
    });
  }

  it("a language with words after the time keeps them after it (tr), the creator's words before it", async () => {
    const turkish = await scheduled('tr', '2029-12-31T22:57:00Z');
    expect((await readLink(turkish.id)).name).to.equal('Başlamasına 1 saat 3 dakika kaldı');
    const own = await scheduled('en', '2029-12-31T22:57:00Z', '<span slot="scheduled">Opens in</span>');
    expect((await readLink(own.id)).name).to.equal('Opens in 1 hour, 3 minutes');
    expect(text(part(own.button, 'time')), 'the clock still shows').to.equal('01:03:00');
  });

  it('says minutes, not seconds: the name changes once a minute, never with each tick of the clock', async () => {
    const { countdown, button, id } = await scheduled('en', '2029-12-31T23:57:30Z');
    expect((await readLink(id)).name).to.equal('Drops in 2 minutes');
    countdown.now = new Date('2029-12-31T23:57:31Z');
    await settle(countdown, button);
    expect(text(part(button, 'time')), 'the clock moved').to.equal('02:29');
    expect((await readLink(id)).name, 'a second later').to.equal('Drops in 2 minutes');
    countdown.now = new Date('2029-12-31T23:58:00Z');
    await settle(countdown, button);
    expect((await readLink(id)).name, 'at the next whole minute').to.equal('Drops in 2 minutes');
    countdown.now = new Date('2029-12-31T23:58:01Z');
    await settle(countdown, button);
    // "01:59" is read as the clock reads: 1 minute (and something), never rounded up to 2.
    expect((await readLink(id)).name, 'the minute after').to.equal('Drops in 1 minute');
    countdown.now = new Date('2029-12-31T23:59:45Z');
    await settle(countdown, button);
    expect((await readLink(id)).name, 'the last minute').to.equal('Drops in 1 minute');
    countdown.now = new Date('2029-12-29T23:58:01Z');
    await settle(countdown, button);
    expect((await readLink(id)).name, 'no zero hours').to.equal('Drops in 2 days, 1 minute');
  });

  it('on a real clock, the words the name is made of are not touched while the seconds tick', async () => {
    const id = `name-${++mounted}`;
    // Half a minute past a whole minute: three ticks cannot cross one.
    const at = new Date(Date.now() + 2 * 3600_000 + 30_500).toISOString();
    const wrapper = await fixture(
      `<div><drop-countdown id="${id}" at="${at}"></drop-countdown><div data-ax="${id}"><drop-button drop="${id}"><a href="https://buy.stripe.com/test_tee">Buy the tee</a></drop-button></div></div>`,
    );
    const button = wrapper.querySelector('drop-button') as Updating;
    await waitFor(() => part(button, 'time') !== null, 'the time to drop');
    const before = (await readLink(id)).name;
    const changed: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement!;
        changed.push(target.closest('[part="time"]') ? 'clock' : target.closest('.said') ? 'the time in words' : target.localName);
      }
    });
    observer.observe(button.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    await sleep(2600);
    observer.disconnect();
    expect(changed.filter((what) => what === 'clock').length, 'the clock ticked').to.be.at.least(2);
    expect(changed.filter((what) => what !== 'clock'), 'nothing else changed').to.deep.equal([]);
    expect((await readLink(id)).name).to.equal(before);
    expect(before).to.equal('Drops in 2 hours');
  });
});
