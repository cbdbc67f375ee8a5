/**
 * The elements' own words in the page language, against the sources and both built bundles: German
 * words for a German page, never an English word on the way, the creator's texts winning, English
 * (with one warning) for a language dropkit does not speak.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { waitFor } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';

const AT = '2026-12-05T18:00:00+01:00';
const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Every English word the elements render themselves (none of them is also a German word here). */
const ENGLISH = [
  'Live now', 'This drop has ended', 'Sold out', 'Add to calendar', 'Google Calendar', 'Notify me', 'your time',
  'Drops in', 'Coming soon', 'Drop ended', 'Checkout unavailable', 'Buy', 'Only', 'left',
  'Product clip', 'Play', 'Pause', 'Mute', 'Captions', 'Watch again', 'Products in',
];

/**
 * Records what every shadow root created from now on says, from its very first render: its text and
 * its accessible names, at every mutation. Installed before the elements are created (in the ES
 * build, before they are even defined), so nothing rendered can slip past it.
 */
function recordShadowText() {
  const seen: { text: string; labels: string[]; slotOnly: boolean }[] = [];
  const observers: MutationObserver[] = [];
  const original = Element.prototype.attachShadow;
  const snapshot = (root: ShadowRoot) => {
    const clone = document.createDocumentFragment();
    clone.append(...[...root.childNodes].map((node) => node.cloneNode(true)));
    clone.querySelectorAll('style').forEach((style) => style.remove());
    const elements = [...clone.querySelectorAll('*')];
    seen.push({
      text: clone.textContent ?? '',
      labels: elements.flatMap((el) => [el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '']).filter(Boolean),
      slotOnly: elements.every((el) => el.localName === 'slot' || el.classList.contains('announcer') || el.closest('.announcer')),
    });
  };
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = original.call(this, init);
    const observer = new MutationObserver(() => snapshot(root));
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    observers.push(observer);
    return root;
  };
  return {
    seen,
    stop() {
      Element.prototype.attachShadow = original;
      observers.forEach((observer) => observer.disconnect());
    },
    englishSeen: () =>
      seen.flatMap(({ text: said, labels }) => ENGLISH.filter((word) => [said, ...labels].some((t) => new RegExp(`\\b${word}\\b`).test(t)))),
  };
}

describe('words: a German page', () => {
  afterEach(cleanup);

  it('the countdown shows the creator text, then German, and never an English word', async () => {
    const recorder = recordShadowText();
    try {
      const wrapper = await fixture(
        `<div lang="de"><drop-countdown at="${AT}" now="2026-12-05T14:58:57Z" format="clock" time-zone="America/Los_Angeles" notify="https://t.me/drop">Drop am Freitag, 18 Uhr</drop-countdown></div>`,
      );
      const el = wrapper.querySelector('drop-countdown')!;
      await waitFor(() => text(part(el, 'calendar-button')) === 'Zum Kalender hinzufügen', 'German calendar button');
      expect(text(part(el, 'moment'))).to.match(/^Sa\., \d\d:00 \(deine Zeit\) · 09:00 Los Angeles$/);
      expect(text(part(el, 'google-link'))).to.equal('Google Kalender');
      expect(text(part(el, 'notify-link'))).to.equal('Erinnere mich');
      expect(text(part(el, 'remaining'))).to.equal('02:01:03');
      expect(recorder.seen.length).to.be.greaterThan(1);
      expect(recorder.seen[0]!.slotOnly, 'first render: only the creator text').to.equal(true);
      expect(recorder.englishSeen()).to.deep.equal([]);
      await expectNoAxeViolations(el);
    } finally {
      recorder.stop();
    }
  });

  it('the countdown says live, ended and sold out in German, with lang on an ancestor only', async () => {
    const wrapper = await fixture(`<section lang="de-AT"><div>
      <drop-countdown id="live" at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>
      <drop-countdown id="ended" at="${AT}" until="2026-12-05T19:00:00+01:00" now="2026-12-05T19:00:00Z"></drop-countdown>
      <drop-countdown id="sold" at="${AT}" state="sold-out" now="2026-12-05T17:30:00Z"></drop-countdown>
    </div></section>`);
    const status = (id: string) => text(part(wrapper.querySelector(`#${id}`)!, 'status'));
    await waitFor(() => status('live') === 'Jetzt live', 'German live text');
    expect(status('ended')).to.equal('Dieser Drop ist vorbei');
    expect(status('sold')).to.equal('Ausverkauft');
    await expectNoAxeViolations(wrapper);
  });

  it('the document language counts when no element sets one', async () => {
    const html = document.documentElement;
    html.lang = 'de';
    try {
      const el = await fixture(`<drop-countdown at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>`);
      await waitFor(() => text(part(el, 'status')) === 'Jetzt live', 'German live text from <html lang>');
    } finally {
      html.lang = 'en';
    }
  });

  it("the creator's slots win over the words", async () => {
    const wrapper = await fixture(`<div lang="de">
      <drop-countdown id="sold" at="${AT}" state="sold-out" now="2026-12-05T17:30:00Z"><span slot="sold-out">Alles weg, danke!</span></drop-countdown>
    </div>`);
    const el = wrapper.querySelector('#sold')!;
    await waitFor(() => el.shadowRoot!.querySelector('slot[name="sold-out"]') !== null, 'the sold-out slot');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="sold-out"]')!;
    expect(slot.assignedElements().map(text)).to.deep.equal(['Alles weg, danke!']);
  });
});

describe('words: a language dropkit does not speak', () => {
  afterEach(cleanup);

  it('lang="xx" shows English, with one warning for the page', async () => {
    const warnings = captureWarnings();
    try {
      const wrapper = await fixture(`<div lang="xx">
        <drop-countdown at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>
        <drop-countdown at="${AT}" now="2026-12-05T14:58:57Z"></drop-countdown>
      </div>`);
      const [live, scheduled] = [...wrapper.querySelectorAll('drop-countdown')];
      expect(text(part(live!, 'status'))).to.equal('Live now');
      expect(text(part(scheduled!, 'calendar-button'))).to.equal('Add to calendar');
      expect(text(part(scheduled!, 'moment'))).to.match(/your time$/);
    } finally {
      warnings.restore();
    }
    expect(warnings.messages.filter((message) => message.includes('lang="xx"'))).to.have.length(1);
  });
});
