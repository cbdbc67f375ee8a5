/**
 * One `visibilitychange` listener for a page of drops (shared/visibility.ts). Every countdown, button
 * and clip added its own on `document`, and Chromium looks through the target's listeners for a
 * duplicate on every add: a square of their number as a marketplace mounts its grid. Counted by
 * watching `addEventListener` while the page mounts; what a hidden tab does to each element is
 * checked in their own files (countdown-resync, button stock, clip playback).
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { sleep } from '../test-support/wait.ts';

type Updating = HTMLElement & { updateComplete?: Promise<boolean> };

async function until(condition: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Mounts `html` and counts the `visibilitychange` listeners added meanwhile, on any target. */
async function listenersAddedMounting(html: string): Promise<{ added: number; root: Element }> {
  const add = EventTarget.prototype.addEventListener;
  let added = 0;
  EventTarget.prototype.addEventListener = function (this: EventTarget, ...args: Parameters<EventTarget['addEventListener']>) {
    if (args[0] === 'visibilitychange') added++;
    return add.apply(this, args);
  };
  try {
    const root = await fixture(`<div>${html}</div>`);
    const elements = [...root.querySelectorAll<Updating>('drop-countdown, drop-button, drop-clip')];
    await until(() => elements.every((element) => element.shadowRoot !== null), 'every element upgraded');
    await Promise.all(elements.map((element) => element.updateComplete));
    return { added, root };
  } finally {
    EventTarget.prototype.addEventListener = add;
  }
}

describe('page visibility: one listener for every drop', () => {
  afterEach(cleanup);

  it('adds at most one visibilitychange listener of its own for 20 countdowns, 20 buttons and 10 clips', async () => {
    const at = new Date(Date.now() + 3600_000).toISOString();
    const drops = Array.from({ length: 20 }, (_, i) => {
      const id = `visibility-${Date.now()}-${i}`;
      const clip = i % 2 ? '' : `<drop-clip style="width: 120px" src="/test/media/clip/clip.webm" poster="/test/media/clip/poster.png" ratio="9/16"></drop-clip>`;
      return `<drop-countdown id="${id}" at="${at}">soon</drop-countdown><drop-button drop="${id}"><a href="https://buy.stripe.com/x">Buy</a></drop-button>${clip}`;
    });
    const { added } = await listenersAddedMounting(drops.join(''));
    // The clock's own two (a resync and a jump check, once a page) may come with the first countdown.
    expect(added <= 3, `${added} visibilitychange listeners added for 50 elements`).to.equal(true);
  });
});
