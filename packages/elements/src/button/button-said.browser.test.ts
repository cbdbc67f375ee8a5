/**
 * What a screen reader waiting on the buy button hears when the drop changes under it, read from the
 * accessibility tree Chromium computes (test/support/ax-tree.mjs). A sell-out changed the label and
 * emptied the stock note, and nothing was said: a blind visitor learned it only by reading the
 * button again. Live regions are what a reader hears unasked; their text is what it says.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { sleep } from '../test-support/wait.ts';

type AxNode = { role: string; name: string; ignored: boolean; children: AxNode[] };
type ButtonLike = HTMLElement & { state: string; stock: number | null; updateComplete: Promise<boolean> };

let mounted = 0;
const uniqueId = (name: string) => `${name}-${Date.now()}-${++mounted}-${Math.random().toString(36).slice(2)}`;

const said = (node: AxNode): string[] => (node.ignored ? [] : node.role === 'StaticText' ? [node.name] : node.children.flatMap(said));
/** The text of every live region (role=status) under `node` that holds any. */
const heard = (node: AxNode): string[] =>
  node.ignored ? [] : node.role === 'status' ? [said(node).join('')].filter(Boolean) : node.children.flatMap(heard);

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function mount(html: string) {
  const id = uniqueId('said');
  const root = await fixture(`<div data-said="${id}">${html}</div>`);
  const buttons = [...root.querySelectorAll<ButtonLike>('drop-button')];
  await until(() => buttons.every((button) => button.shadowRoot?.querySelector('[part="button"]')), 'the buttons');
  return { root, buttons, ax: () => settled(buttons).then(() => executeServerCommand<AxNode, { selector: string }>('ax-tree', { selector: `[data-said="${id}"]` })) };
}

async function settled(buttons: ButtonLike[]) {
  await Promise.all(buttons.map((button) => button.updateComplete));
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

/** How many times `text` is drawn in the button's shadow root: not inside the 1 px box of visually hidden text (a slot has no box). */
function shown(button: Element, text: string): number {
  const walker = document.createTreeWalker(button.shadowRoot!, NodeFilter.SHOW_TEXT);
  let count = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let hidden = false;
    for (let box = node.parentElement; box && !hidden; box = box.parentElement) hidden = box.getClientRects().length > 0 && box.getBoundingClientRect().width <= 1;
    if (node.textContent!.includes(text) && !hidden) count++;
  }
  return count;
}

const announced = () => [...(document.querySelector('dropkit-announcer')?.shadowRoot?.querySelectorAll('p') ?? [])].map((p) => p.textContent);

describe('<drop-button> saying what changed, as a screen reader hears it', () => {
  afterEach(cleanup);

  it('says "Sold out" once when its stock reaches 0, shown once', async () => {
    const src = `/__test/stock?id=${uniqueId('sellout')}&available=3`;
    const { root, buttons, ax } = await mount(`<drop-button stock-src="${src}" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
    const [button] = buttons;
    await until(() => button!.stock === 3, 'the first stock answer');
    expect(heard(await ax())).to.deep.equal(['Only 3 left']);
    await fetch(`/__test/stock/set?id=${new URL(src, location.href).searchParams.get('id')}&available=0`);
    await until(() => button!.state === 'sold-out', 'sold-out at 0');
    expect(heard(await ax())).to.deep.equal(['Sold out']);
    // The label shows it; what is said is not drawn a second time.
    expect(shown(button!, 'Sold out')).to.equal(1);
    await expectNoAxeViolations(root);
  });

  it('says "Sold out" when the page sets it, and nothing for a button that is sold out when it comes', async () => {
    const { buttons, ax } = await mount(
      `<drop-button id="a"><a href="https://buy.stripe.com/x">Buy</a></drop-button><drop-button id="b" state="sold-out"><a href="https://buy.stripe.com/y">Buy</a></drop-button>`,
    );
    // Read like the page: the label says it to a reader who gets there.
    expect(heard(await ax())).to.deep.equal([]);
    const height = buttons[0]!.getBoundingClientRect().height;
    buttons[0]!.state = 'sold-out';
    expect(heard(await ax())).to.deep.equal(['Sold out']);
    // Said, not drawn: nothing moves under the visitor's finger.
    expect(shown(buttons[0]!, 'Sold out')).to.equal(1);
    expect(buttons[0]!.getBoundingClientRect().height).to.equal(height);
  });

  it('says a drop sold out once however many buttons follow its countdown', async () => {
    const drop = uniqueId('drop');
    const { root, buttons, ax } = await mount(
      `<drop-countdown id="${drop}" at="2026-12-05T18:00:00Z" now="2026-12-05T19:00:00Z"></drop-countdown>` +
        `<drop-button drop="${drop}"><a href="https://buy.stripe.com/x">Buy</a></drop-button><drop-button drop="${drop}"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
    );
    await until(() => buttons.every((button) => button.state === 'live'), 'the buttons following the live drop');
    expect(heard(await ax())).to.deep.equal([]);
    root.querySelector('drop-countdown')!.setAttribute('state', 'sold-out');
    await until(() => buttons.every((button) => button.state === 'sold-out'), 'sold-out to reach both buttons');
    expect(heard(await ax())).to.deep.equal(['Sold out']);
  });

  it('says which product sold out, from the creator\'s link text, once for a product shown twice', async () => {
    const drop = uniqueId('products');
    const { root, buttons, ax } = await mount(
      `<drop-countdown id="${drop}" at="2026-12-05T18:00:00Z" now="2026-12-05T19:00:00Z"></drop-countdown>` +
        `<drop-button drop="${drop}"><a href="https://buy.stripe.com/x">Buy the tee — €24</a></drop-button>` +
        `<drop-button drop="${drop}"><a href="https://buy.stripe.com/y">Buy the hoodie</a></drop-button>` +
        `<drop-button drop="${drop}"><a href="https://buy.stripe.com/x">Buy the tee — €24</a></drop-button>`,
    );
    await until(() => buttons.every((button) => button.state === 'live'), 'the buttons following the live drop');
    root.querySelector('drop-countdown')!.setAttribute('state', 'sold-out');
    await until(() => buttons.every((button) => button.state === 'sold-out'), 'sold-out to reach the buttons');
    expect(heard(await ax())).to.deep.equal(['Buy the tee — €24: Sold out', 'Buy the hoodie: Sold out']);
    expect(shown(buttons[0]!, 'Buy the tee')).to.equal(0);
    await expectNoAxeViolations(root);
  });

  it('says the drop is live when the page opens it, but not beside a countdown that says so itself', async () => {
    const { buttons, ax } = await mount(`<drop-button state="scheduled"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
    buttons[0]!.state = 'live';
    expect(heard(await ax())).to.deep.equal(['The drop is live.']);
    cleanup();

    const drop = uniqueId('flip');
    const followed = await mount(
      `<drop-countdown id="${drop}" state="scheduled"></drop-countdown><drop-button drop="${drop}"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
    );
    const [button] = followed.buttons;
    await until(() => button!.state === 'scheduled', 'the button following the scheduled drop');
    const countdown = document.getElementById(drop)!;
    await (countdown as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    countdown.setAttribute('state', 'live');
    await until(() => button!.state === 'live', 'the drop going live');
    expect(heard(await followed.ax())).to.deep.equal([]);
    expect(announced().filter((text) => text === 'The drop is live.').length).to.equal(1);
  });

  it('says the drop is buyable again when stock comes back after a sell-out', async () => {
    const id = uniqueId('restock');
    const { buttons, ax } = await mount(`<drop-button stock-src="/__test/stock?id=${id}&available=0" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
    await until(() => buttons[0]!.state === 'sold-out', 'sold out at 0');
    expect(heard(await ax())).to.deep.equal(['Sold out']);
    await fetch(`/__test/stock/set?id=${id}&available=9`);
    await until(() => buttons[0]!.state === 'live', 'live again');
    expect(heard(await ax())).to.deep.equal(['The drop is live.']);
  });
});
