/**
 * A `<drop-button drop="…">` whose countdown has not said its state yet: the countdown's chunk arrives
 * after the button's (the ES loader defines by tag, React renders buttons first), or the countdown
 * holds a late visitor's page until its `time-src` answers. The button must never offer checkout in
 * that gap. Every render is recorded from the moment the button's shadow root exists (a
 * MutationObserver for each change, an animation-frame loop for what a visitor could see), so a flash
 * of one frame is caught.
 *
 * The late countdown is the real `<drop-countdown>` under another tag, defined only when the test
 * says: in the src and IIFE groups `drop-countdown` itself is defined before any test runs.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture, settled } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { sleep, waitFor } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';

type ButtonLike = HTMLElement & { state: string; drop: string | null; updateComplete: Promise<boolean> };
type CountdownLike = HTMLElement & { state: string; at: Date | null; updateComplete: Promise<boolean> };

const CHECKOUT = 'https://buy.stripe.com/test_glow';
const link = (el: Element) => el.shadowRoot!.querySelector('[part="button"]') as HTMLAnchorElement | null;
const label = (el: Element) => link(el)?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
let run = 0;
const unique = (name: string) => `${name}-${Date.now()}-${++run}`;
const iso = (ms: number) => new Date(ms).toISOString();

async function until(condition: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Frame {
  /** The shadow link's href, or null when it has none (disabled stand-in or the creator's slot). */
  href: string | null;
  label: string;
  /** What the followed countdown said at that moment (its state, or "not told" before it upgraded). */
  owner: string;
}

/**
 * Creates the button by script, so that its shadow root is observed before its first render, and
 * records every render and every frame until `stop()`.
 */
function mountRecorded(container: HTMLElement, drop: string, owner: () => Element | null): { button: ButtonLike; frames: Frame[]; stop: () => void } {
  const button = document.createElement('drop-button') as ButtonLike;
  button.setAttribute('drop', drop);
  button.innerHTML = `<a href="${CHECKOUT}">Buy the Glow tee</a>`;
  container.append(button);
  const frames: Frame[] = [];
  const snapshot = () => {
    const el = owner() as (Element & { state?: string }) | null;
    const told = el && customElements.get(el.localName) ? el.state! : 'not told';
    frames.push({ href: link(button)?.getAttribute('href') ?? null, label: label(button), owner: told });
  };
  // Defined already (see `defineKit`), so connecting created the shadow root synchronously.
  const observer = new MutationObserver(snapshot);
  observer.observe(button.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
  let frame = requestAnimationFrame(function loop() {
    snapshot();
    frame = requestAnimationFrame(loop);
  });
  return {
    button,
    frames,
    stop: () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}

/** The ES loader defines elements when it sees their tags; the tests need both defined up front. */
async function defineKit(): Promise<void> {
  await fixture(`<div><drop-countdown at="${iso(Date.now() + 3_600_000)}"></drop-countdown><drop-button><a href="${CHECKOUT}">Buy</a></drop-button></div>`);
  cleanup();
}

/** Defines the real countdown under `tag`, which upgrades every element of that tag already in the page. */
function defineLateCountdown(tag: string): void {
  const Countdown = customElements.get('drop-countdown')!;
  customElements.define(tag, class extends Countdown {});
}

function checkoutBeforeLive(frames: Frame[]): Frame[] {
  return frames.filter((frame) => frame.href === CHECKOUT && frame.owner !== 'live');
}

afterEach(cleanup);

describe('<drop-button> before its countdown has said the drop\'s state', () => {
  before(defineKit);

  it('stands disabled with the creator\'s label until a late countdown upgrades, then follows it', async () => {
    const id = unique('glow-drop');
    const tag = unique('x-late-countdown');
    const container = await fixture(
      `<div><${tag} id="${id}" at="${iso(Date.now() + 3 * 3_600_000)}" notify="https://t.me/novathreads">Drops Saturday</${tag}></div>`,
    );
    const countdown = () => container.querySelector(tag) as CountdownLike;
    const { button, frames, stop } = mountRecorded(container, id, countdown);
    await button.updateComplete;
    // A few frames with the countdown still a plain element: what a slow countdown chunk looks like.
    // Counted, not timed: on a loaded machine 150 ms held only two frames (CI, 28 November 2026).
    await until(() => frames.length > 2, 'a few frames to be recorded with the countdown still plain');
    expect(link(button)!.hasAttribute('href'), 'no link while the countdown is silent').to.equal(false);
    expect(link(button)!.getAttribute('aria-disabled')).to.equal('true');
    expect(label(button), 'the creator\'s label, so going live moves nothing').to.equal('Buy the Glow tee');
    await expectNoAxeViolations(container);

    let checkouts = 0;
    button.addEventListener('drop-checkout', () => checkouts++);
    link(button)!.click();
    expect(checkouts, 'a click while waiting is no checkout').to.equal(0);

    defineLateCountdown(tag);
    await until(() => label(button) === 'Notify me', 'the button to follow the upgraded countdown');
    expect(link(button)!.getAttribute('href')).to.equal('https://t.me/novathreads');

    // Then it follows the countdown as before: live opens the checkout.
    countdown().at = new Date(Date.now() - 1000);
    await until(() => link(button)?.getAttribute('href') === CHECKOUT, 'the button to go live with its countdown');
    await sleep(50);
    stop();
    expect(checkoutBeforeLive(frames), 'checkout offered before the countdown said live').to.deep.equal([]);
    expect(frames.some((frame) => frame.owner === 'not told' && frame.label === 'Buy the Glow tee')).to.equal(true);
  });

  it('a countdown that is already live when it upgrades enables the button in place', async () => {
    const id = unique('live-drop');
    const tag = unique('x-late-countdown');
    const container = await fixture(`<div><${tag} id="${id}" at="${iso(Date.now() - 60_000)}">Drops today</${tag}></div>`);
    const { button, frames, stop } = mountRecorded(container, id, () => container.querySelector(tag));
    await button.updateComplete;
    await sleep(50);
    const waitingWidth = link(button)!.getBoundingClientRect().width;
    defineLateCountdown(tag);
    await until(() => link(button)?.getAttribute('href') === CHECKOUT, 'the button to go live');
    stop();
    expect(checkoutBeforeLive(frames)).to.deep.equal([]);
    expect(link(button)!.getBoundingClientRect().width, 'no layout jump from waiting to live').to.equal(waitingWidth);
  });

  it('follows a state attribute on an owner that never upgrades (a marketplace driving it)', async () => {
    const id = unique('attr-drop');
    const container = await fixture(`<div><div id="${id}"></div></div>`);
    const owner = container.querySelector('div')!;
    const { button, frames, stop } = mountRecorded(container, id, () => null);
    await button.updateComplete;
    expect(link(button)!.hasAttribute('href')).to.equal(false);
    owner.setAttribute('state', 'scheduled');
    await until(() => label(button) === 'Coming soon', 'the attribute to reach the button');
    owner.setAttribute('state', 'live');
    await until(() => link(button)?.getAttribute('href') === CHECKOUT, 'live by attribute');
    stop();
    expect(frames.filter((frame) => frame.href === CHECKOUT).length).to.be.greaterThan(0);
    expect(frames.findIndex((frame) => frame.href === CHECKOUT)).to.be.greaterThan(frames.findIndex((frame) => frame.label === 'Coming soon'));
  });

  it('while a late visitor\'s countdown waits for its time-src, shows neither "Notify me" nor a stuck "Drops in 0" nor checkout', async () => {
    const id = unique('held-drop');
    const container = await fixture(`<div></div>`);
    // The real countdown (defined), 30 s after T0, its server 400 ms away: it holds until the answer.
    container.innerHTML = `<drop-countdown id="${id}" at="${iso(Date.now() - 30_000)}" notify="https://t.me/novathreads"
      time-src="/__test/time?run=${unique('button-held')}&delay=400">Drops today at 18:00</drop-countdown>`;
    const countdown = container.querySelector('drop-countdown') as CountdownLike;
    const { button, frames, stop } = mountRecorded(container, id, () => countdown);
    await settled(container);
    expect(countdown.state, 'the countdown holds').to.equal('scheduled');
    expect(label(button)).to.equal('Buy the Glow tee');
    expect(link(button)!.getAttribute('aria-disabled')).to.equal('true');
    await until(() => countdown.state === 'live', 'the time-src answer to end the hold', 5000);
    await until(() => link(button)?.getAttribute('href') === CHECKOUT, 'the button to go live with it');
    stop();
    expect(checkoutBeforeLive(frames)).to.deep.equal([]);
    const misleading = frames.filter((frame) => /Notify me|Drops in/.test(frame.label));
    expect(misleading, 'labels that tell a late visitor the drop has not started').to.deep.equal([]);
  });

  it('without an owner keeps its own state; a drop that names nothing warns and keeps it too', async () => {
    const own = await fixture<ButtonLike>(`<drop-button state="scheduled"><a href="${CHECKOUT}">Buy</a></drop-button>`);
    expect(label(own)).to.equal('Coming soon');
    expect(link(own)!.hasAttribute('href')).to.equal(false);
    own.state = 'live';
    await own.updateComplete;
    expect(link(own)!.getAttribute('href')).to.equal(CHECKOUT);

    const warnings = captureWarnings();
    try {
      const lost = await fixture<ButtonLike>(`<drop-button drop="${unique('nothing')}"><a href="${CHECKOUT}">Buy</a></drop-button>`);
      expect(link(lost)!.getAttribute('href')).to.equal(CHECKOUT);
      // Said once the page has settled with the id still missing (a countdown may come a frame later).
      await waitFor(() => warnings.messages.some((text) => /follows drop="nothing-.*" but no element has that id yet/.test(text)), 'the warning');
    } finally {
      warnings.restore();
    }
  });
});

/** Every request the test stock endpoint has had under `id` (test/support/endpoints.mjs). */
async function stockRequests(id: string): Promise<number> {
  return ((await (await fetch(`/__test/stock/log?id=${id}`)).json()) as unknown[]).length;
}

/** A button following countdown `id` that polls stock every second, appended after it. */
async function appendStockButton(container: Element, id: string, stock: string): Promise<ButtonLike> {
  const button = document.createElement('drop-button') as ButtonLike;
  button.setAttribute('drop', id);
  button.setAttribute('stock-src', `/__test/stock?id=${stock}&available=3`);
  button.setAttribute('stock-interval', '1');
  button.innerHTML = `<a href="${CHECKOUT}">Buy the Glow tee</a>`;
  container.append(button);
  await button.updateComplete;
  return button;
}

describe('<drop-button stock-src> before its countdown has said the drop\'s state', () => {
  before(defineKit);

  // At drop time thousands of visitors open the page at once: a request whose answer cannot change
  // what the button shows (it stands disabled, with no stock note, until its countdown speaks) is
  // load on the creator's stock service for nothing, and wasted outright when the drop turns out to
  // be scheduled.
  it('asks nothing while it waits, nor once the countdown says scheduled', async () => {
    const id = unique('glow-drop');
    const tag = unique('x-late-countdown');
    const stock = unique('waiting-scheduled');
    const container = await fixture(`<div><${tag} id="${id}" at="${iso(Date.now() + 3 * 3_600_000)}">Drops Saturday</${tag}></div>`);
    const button = await appendStockButton(container, id, stock);
    // With a 1 s interval a poller would have asked at least twice by now.
    await sleep(2500);
    expect(link(button)!.getAttribute('aria-disabled'), 'still waiting').to.equal('true');
    expect(await stockRequests(stock), 'stock requests while waiting').to.equal(0);

    defineLateCountdown(tag);
    await until(() => button.state === 'scheduled' && label(button).startsWith('Drops in'), 'the button to follow the upgraded countdown');
    await sleep(1500);
    expect(await stockRequests(stock), 'stock requests before the drop').to.equal(0);
  });

  it('starts asking once a late countdown says live, and shows what it hears', async () => {
    const id = unique('live-drop');
    const tag = unique('x-late-countdown');
    const stock = unique('waiting-live');
    const container = await fixture(`<div><${tag} id="${id}" at="${iso(Date.now() - 60_000)}">Drops today</${tag}></div>`);
    const button = await appendStockButton(container, id, stock);
    await sleep(1500);
    expect(await stockRequests(stock), 'stock requests while waiting').to.equal(0);

    // The button's state was already "live" (its default) while it waited: going live changes no
    // property, and polling must start all the same.
    defineLateCountdown(tag);
    await until(() => link(button)?.getAttribute('href') === CHECKOUT, 'the button to go live');
    const note = () => button.shadowRoot!.querySelector('[part="stock"]')!.textContent!.trim();
    await until(() => note() === 'Only 3 left', 'the stock note', 4000);
    expect(await stockRequests(stock)).to.be.greaterThan(0);
    await expectNoAxeViolations(container);
  });
});
