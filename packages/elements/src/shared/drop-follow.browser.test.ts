/**
 * A widget following its countdown by id when a marketplace replaces that countdown (a framework
 * re-rendering the drop section with a fresh element under the same id), against the sources and
 * both built bundles.
 */
import { expect } from '@esm-bundle/chai';
import { LitElement } from 'lit';
import { cleanup, fixture, nextFrame, settled } from '../test-support/fixture.ts';
import { waitFor } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';

const HOUR = 3_600_000;
const iso = (epochMs: number) => new Date(epochMs).toISOString();
type Widget = HTMLElement & { state: string };

describe('drop follow: a countdown replaced under the same id', () => {
  afterEach(cleanup);

  it('the button follows the new countdown at once, before it says anything', async () => {
    const wrapper = await fixture(`<div>
      <drop-countdown id="replaced-drop" at="${iso(Date.now() - HOUR)}">Live</drop-countdown>
      <drop-button drop="replaced-drop"><a href="https://buy.example/tee">Buy</a></drop-button>
    </div>`);
    const button = wrapper.querySelector('drop-button') as Widget;
    await waitFor(() => button.state === 'live', 'the button live with the first countdown');
    // The drop was moved to an hour from now: the section renders again with a new countdown.
    const next = document.createElement('drop-countdown');
    next.id = 'replaced-drop';
    next.setAttribute('at', iso(Date.now() + HOUR));
    wrapper.querySelector('drop-countdown')!.replaceWith(next);
    await settled(wrapper);
    // The new countdown is scheduled and fires no drop-state until T0, an hour away.
    await waitFor(() => button.state === 'scheduled', 'the button scheduled with the new countdown');
    expect(button.getAttribute('state')).to.equal('scheduled');
  });

  it('the clip follows the new countdown too', async () => {
    const wrapper = await fixture(`<div>
      <drop-countdown id="replaced-clip-drop" at="${iso(Date.now() - HOUR)}">Live</drop-countdown>
      <drop-clip drop="replaced-clip-drop" src="/__test/clip/video.webm?id=drop-follow-${Date.now()}" poster="/test/media/clip/poster.png"></drop-clip>
    </div>`);
    const clip = wrapper.querySelector('drop-clip') as Widget;
    await waitFor(() => clip.state === 'live', 'the clip live with the first countdown');
    const next = document.createElement('drop-countdown');
    next.id = 'replaced-clip-drop';
    next.setAttribute('at', iso(Date.now() + HOUR));
    wrapper.querySelector('drop-countdown')!.replaceWith(next);
    await waitFor(() => clip.state === 'scheduled', 'the clip scheduled with the new countdown');
  });

  it('a countdown taken out and put back a moment later (a framework moving it) is still followed', async () => {
    const wrapper = await fixture(`<div>
      <section><drop-countdown id="moved-drop" at="${iso(Date.now() + HOUR)}">Soon</drop-countdown></section>
      <drop-button drop="moved-drop"><a href="https://buy.example/tee">Buy</a></drop-button>
    </div>`);
    const button = wrapper.querySelector('drop-button') as Widget;
    const countdown = wrapper.querySelector('drop-countdown') as Widget;
    await waitFor(() => button.state === 'scheduled', 'the button scheduled');
    countdown.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    wrapper.append(countdown);
    countdown.state = 'sold-out';
    await waitFor(() => button.state === 'sold-out', 'the button sold out with the countdown put back');
  });
});

/** The follower's warning for `id`, as said. */
const missing = (tag: string, id: string) => `[dropkit] <${tag}> follows drop="${id}" but no element has that id yet.`;
/** Past the follower's judgement, asked for when the widget looked: two frames and a task after it. */
const judged = async () => {
  await nextFrame();
  await nextFrame();
  await new Promise((resolve) => setTimeout(resolve));
};
let looks = 0;
const uniqueId = (name: string) => `${name}-${Date.now()}-${++looks}`;
const countdownFor = (id: string) => {
  const countdown = document.createElement('drop-countdown');
  countdown.id = id;
  countdown.setAttribute('at', iso(Date.now() + HOUR));
  return countdown;
};
const buttonFor = (id: string) => {
  const button = document.createElement('drop-button') as Widget;
  button.setAttribute('drop', id);
  button.innerHTML = '<a href="https://buy.example/tee">Buy</a>';
  return button;
};

describe('drop follow: a countdown the page renders after the widget', () => {
  // Both defined first: the ES loader defines a tag once it sees it, and a button upgraded after its
  // countdown came would look only once, with nothing to judge.
  before(async () => {
    await fixture(`<div><drop-countdown at="${iso(Date.now() + HOUR)}"></drop-countdown><drop-button><a href="https://buy.example/tee">Buy</a></drop-button></div>`);
    cleanup();
  });
  afterEach(cleanup);

  const later: [string, () => Promise<unknown>][] = [
    ['in the same task', async () => {}],
    ['a microtask later', () => Promise.resolve()],
    ['a frame later', nextFrame],
  ];
  for (const [when, wait] of later) {
    it(`a countdown added ${when} is followed with no warning`, async () => {
      const id = uniqueId('later-drop');
      const wrapper = await fixture('<div></div>');
      const warnings = captureWarnings();
      try {
        const button = buttonFor(id);
        wrapper.append(button);
        await wait();
        wrapper.append(countdownFor(id));
        await waitFor(() => button.state === 'scheduled', 'the button following the countdown');
        await judged();
        expect(warnings.messages).to.deep.equal([]);
      } finally {
        warnings.restore();
      }
    });
  }

  it('a countdown never added: one warning once the page has settled, for every widget naming it', async () => {
    const id = uniqueId('never-drop');
    const wrapper = await fixture('<div></div>');
    const warnings = captureWarnings();
    try {
      wrapper.append(buttonFor(id), buttonFor(id));
      await waitFor(() => warnings.messages.length > 0, 'the warning for the missing id');
      await judged();
      expect(warnings.messages).to.deep.equal([missing('drop-button', id)]);
      // A widget that looks again later (a framework re-rendering it) does not say it again.
      wrapper.append(buttonFor(id));
      await judged();
      expect(warnings.messages).to.deep.equal([missing('drop-button', id)]);
    } finally {
      warnings.restore();
    }
  });

  it('a mistyped id beside the countdown: one warning, and the button keeps its own state', async () => {
    const id = uniqueId('spring-drop');
    const wrapper = await fixture('<div></div>');
    const warnings = captureWarnings();
    try {
      const button = buttonFor(`${id}x`);
      wrapper.append(countdownFor(id), button);
      await waitFor(() => warnings.messages.length > 0, 'the warning for the mistyped id');
      await judged();
      expect(warnings.messages).to.deep.equal([missing('drop-button', `${id}x`)]);
      expect(button.state).to.equal('live');
    } finally {
      warnings.restore();
    }
  });

  it('a drop changed before the page settled is judged on the id it names then', async () => {
    const id = uniqueId('renamed-drop');
    const wrapper = await fixture('<div></div>');
    const warnings = captureWarnings();
    try {
      wrapper.append(countdownFor(id));
      const button = buttonFor(`${id}-draft`);
      wrapper.append(button);
      button.setAttribute('drop', id);
      await waitFor(() => button.state === 'scheduled', 'the button following the countdown it names now');
      await judged();
      expect(warnings.messages).to.deep.equal([]);
    } finally {
      warnings.restore();
    }
  });

  it("a marketplace's panel that renders the countdown once the clip has drawn its buttons: no warning", async () => {
    // tools/engines/pages.mjs, the shadow page's "late" panel, where every engine printed the warning.
    const id = uniqueId('panel-drop');
    const host = await fixture('<div></div>');
    const root = host.attachShadow({ mode: 'open' });
    (globalThis as unknown as { dropkit?: { observe(root: ShadowRoot): void } }).dropkit?.observe(root);
    const warnings = captureWarnings();
    try {
      root.innerHTML = `<drop-clip drop="${id}" src="/__test/clip/video.webm?id=${id}" poster="/test/media/clip/poster.png" ratio="9/16">
          <drop-product price="24" currency="EUR"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
        </drop-clip>`;
      const clip = root.querySelector('drop-clip') as Widget;
      await new Promise<void>((resolve) => {
        const wait = () => {
          if (!clip.shadowRoot?.querySelector('drop-button')) return void requestAnimationFrame(wait);
          root.prepend(countdownFor(id));
          resolve();
        };
        wait();
      });
      await waitFor(() => clip.state === 'scheduled', 'the clip following the countdown');
      const listButton = clip.shadowRoot!.querySelector('drop-button') as Widget;
      await waitFor(() => listButton.state === 'scheduled', "the list's button following it too");
      await judged();
      expect(warnings.messages.filter((message) => message.includes('no element has that id'))).to.deep.equal([]);
    } finally {
      warnings.restore();
    }
  });
});

/**
 * Calls of the `drop-state` listeners the kit puts on a document or shadow root, from now until
 * `restore`: what every flip on the page costs the followers that are not its own.
 */
function countRootStateCalls(): { readonly calls: number; restore(): void } {
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  const wrappers = new WeakMap<EventListenerOrEventListenerObject, EventListener>();
  const counter = { calls: 0, restore: () => Object.assign(EventTarget.prototype, { addEventListener: add, removeEventListener: remove }) };
  const onRoot = (target: EventTarget, type: string) => type === 'drop-state' && (target instanceof Document || target instanceof ShadowRoot);
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    if (!listener || !onRoot(this, type)) return add.call(this, type, listener, options);
    let wrapper = wrappers.get(listener);
    if (!wrapper) {
      wrapper = function (this: EventTarget, event: Event) {
        counter.calls++;
        return typeof listener === 'function' ? listener.call(this, event) : listener.handleEvent(event);
      };
      wrappers.set(listener, wrapper);
    }
    return add.call(this, type, wrapper, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    return remove.call(this, type, (listener && onRoot(this, type) && wrappers.get(listener)) || listener, options);
  };
  return counter;
}

describe('drop follow at marketplace scale', () => {
  // A grid of drops, each a countdown and its button. Every count below is per flip or per follower,
  // whatever the number; a page of 1000 measured the squares (docs/countdown-runtime.md).
  const DROPS = 40;
  const at = Date.UTC(2026, 11, 5, 18);
  before(async () => {
    await fixture(`<div><drop-countdown at="${iso(at)}"></drop-countdown><drop-button><a href="https://buy.example/tee">Buy</a></drop-button></div>`);
    cleanup();
  });
  afterEach(cleanup);

  it('drops flipping together run no follower but their own (no listener per follower on the page)', async () => {
    const calls = countRootStateCalls();
    try {
      const prefix = uniqueId('grid');
      const cells = Array.from(
        { length: DROPS },
        (_, i) => `<div><drop-countdown id="${prefix}-${i}" at="${iso(at)}" now="${iso(at - HOUR)}">Soon</drop-countdown>
          <drop-button drop="${prefix}-${i}"><a href="https://buy.example/tee-${i}">Buy</a></drop-button></div>`,
      );
      const grid = await fixture(`<div>${cells.join('')}</div>`);
      const buttons = [...grid.querySelectorAll('drop-button')] as Widget[];
      await waitFor(() => buttons.every((button) => button.state === 'scheduled'), 'every button scheduled');
      const before = calls.calls;
      // T0 for every drop at once, in one task, as the shared ticker flips them.
      for (const countdown of grid.querySelectorAll('drop-countdown')) countdown.setAttribute('now', iso(at + 1000));
      await waitFor(() => buttons.every((button) => button.state === 'live'), 'every button live');
      // Each follower's own owner tells it; one listener per follower on the document heard all 40 flips.
      expect(calls.calls - before <= DROPS, `${calls.calls - before} calls for ${DROPS} flips`).to.equal(true);
    } finally {
      calls.restore();
    }
  });

  it('buttons waiting for their countdowns share one observer of the page', async () => {
    const { observe } = MutationObserver.prototype;
    // Observers of every element added anywhere on the page (the words' one `lang` observer is not one).
    const watching = new Set<MutationObserver>();
    MutationObserver.prototype.observe = function (this: MutationObserver, target: Node, options?: MutationObserverInit) {
      if (target === document && options?.subtree && options.childList) watching.add(this);
      return observe.call(this, target, options);
    };
    try {
      const prefix = uniqueId('waiting');
      const wrapper = await fixture('<div></div>');
      const buttons = Array.from({ length: DROPS }, (_, i) => buttonFor(`${prefix}-${i}`));
      wrapper.append(...buttons);
      await Promise.all(buttons.map((button) => (button as Widget & { updateComplete: Promise<unknown> }).updateComplete));
      // One subtree observer per waiting button: every change anywhere on the page was queued 40 times.
      expect(watching.size <= 1, `${watching.size} observers of the page for ${DROPS} waiting buttons`).to.equal(true);
      // Each still finds its own countdown when it comes, the last one too.
      for (let i = 0; i < DROPS; i++) wrapper.append(countdownFor(`${prefix}-${i}`));
      await waitFor(() => buttons.every((button) => button.state === 'scheduled'), 'every button following its countdown');
    } finally {
      MutationObserver.prototype.observe = observe;
    }
  });

  it("an owner the page drives by attribute, replaced, is left when the new one says its state", async () => {
    // Not a Lit element: it cannot say it left, so the button hears the drop-state events of its root.
    const id = uniqueId('plain-drop');
    const wrapper = await fixture(`<div><div id="${id}" state="live"></div><drop-button drop="${id}"><a href="https://buy.example/tee">Buy</a></drop-button></div>`);
    const button = wrapper.querySelector('drop-button') as Widget;
    await waitFor(() => button.state === 'live', 'the button live with the first owner');
    const next = document.createElement('div');
    next.id = id;
    wrapper.querySelector('div')!.replaceWith(next);
    next.setAttribute('state', 'scheduled');
    next.dispatchEvent(Object.assign(new Event('drop-state', { bubbles: true, composed: true }), { state: 'scheduled', previous: null }));
    await waitFor(() => button.state === 'scheduled', 'the button following the new owner');
    next.setAttribute('state', 'sold-out');
    await waitFor(() => button.state === 'sold-out', 'and its attribute after that');
  });

  it('an owner the page drives by attribute, replaced by a countdown an hour off, is left before that says anything', async () => {
    // The countdown starts scheduled and fires no drop-state until T0: heard only, the button kept
    // the removed owner's live, and checkout opened an hour early.
    const id = uniqueId('plain-to-countdown');
    const wrapper = await fixture(`<div><div id="${id}" state="live"></div><drop-button drop="${id}"><a href="https://buy.example/tee">Buy</a></drop-button></div>`);
    const button = wrapper.querySelector('drop-button') as Widget;
    await waitFor(() => button.state === 'live', 'the button live with the first owner');
    wrapper.querySelector('div')!.replaceWith(countdownFor(id));
    await waitFor(() => button.state === 'scheduled', 'the button scheduled with the countdown');
    // A plain owner put in its place later, with no event, is followed too.
    const plain = document.createElement('div');
    plain.id = id;
    plain.setAttribute('state', 'sold-out');
    wrapper.querySelector('drop-countdown')!.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    wrapper.prepend(plain);
    await waitFor(() => button.state === 'sold-out', 'the button following the plain owner put back');
  });

  it('the same for a button in a shadow root whose plain owner is on the page around it', async () => {
    // A marketplace's component holding the button, the page's own element holding the state.
    const id = uniqueId('plain-outside');
    const wrapper = await fixture(`<div><div id="${id}" state="live"></div><section></section></div>`);
    const root = wrapper.querySelector('section')!.attachShadow({ mode: 'open' });
    (globalThis as unknown as { dropkit?: { observe(root: ShadowRoot): void } }).dropkit?.observe(root);
    const button = buttonFor(id);
    root.append(button);
    await waitFor(() => button.state === 'live', 'the button live with the plain owner');
    wrapper.querySelector(`[id="${id}"]`)!.replaceWith(countdownFor(id));
    await waitFor(() => button.state === 'scheduled', 'the button scheduled with the countdown');
  });
});

describe('drop follow: an owner whose chunk arrives as the page renders the drop again', () => {
  afterEach(cleanup);

  it('a replacement made in the task that upgraded the first owner is followed to its flip', async () => {
    // The page's own Lit owner, its tag defined late as a lazy chunk defines <drop-countdown>.
    const tag = `${uniqueId('late-owner')}`.toLowerCase();
    class LateOwner extends LitElement {
      static override properties = { state: { reflect: true } };
      declare state: string;
      constructor() {
        super();
        this.state = 'scheduled';
      }
      flip(state: string): void {
        const previous = this.state;
        this.state = state;
        this.dispatchEvent(Object.assign(new Event('drop-state', { bubbles: true, composed: true }), { state, previous }));
      }
    }
    const id = uniqueId('late-owned-drop');
    const wrapper = await fixture(`<div><${tag} id="${id}"></${tag}><drop-button drop="${id}"><a href="https://buy.example/tee">Buy</a></drop-button></div>`);
    const button = wrapper.querySelector('drop-button') as Widget & { updateComplete: Promise<unknown> };
    await button.updateComplete;
    // The chunk arrives, and a render the framework queued before it replaces the drop section in the
    // same task: the first owner, upgraded by define, leaves before the button has watched it.
    customElements.define(tag, LateOwner);
    const next = document.createElement(tag) as LateOwner;
    next.id = id;
    wrapper.querySelector(tag)!.replaceWith(next);
    await next.updateComplete;
    await waitFor(() => button.state === 'scheduled', 'the button scheduled');
    // T0: the new owner flips; a button left on the removed one stayed scheduled for good.
    next.flip('live');
    await waitFor(() => button.state === 'live', 'the button live with the owner on the page');
    expect(button.getAttribute('state')).to.equal('live');
  });
});
