/**
 * The button's own words carry the language they are in. On a page dropkit has no words for
 * (`lang="fi"`) they are English, and a screen reader reading them with the page's Finnish voice
 * mangles them: what dropkit writes ("Sold out", "Drops in", the time in words, the price, "Only 3
 * left") is marked `lang="en"`, while the creator's text (their link's words, a slotted label)
 * keeps the page's language. On a page whose words dropkit has, nothing is marked.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { langOf, shadowLangs, textNode } from '../test-support/lang.ts';
import { waitFor } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';

type AxNode = { role: string; name: string; ignored: boolean; children: AxNode[] };

const AT = '2030-01-01T00:00:00Z';
/** 2 days, 1 hour, 2 minutes and 3 seconds before AT. */
const NOW = '2029-12-29T22:57:57Z';
const part = (el: Element, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
let mounted = 0;

/** Every state a button shows its own words in, plus the creator's label and a slotted one, on a page in `lang`. */
async function buttons(lang: string | null) {
  const id = `lang-${++mounted}`;
  const wrapper = await fixture(`<div ${lang === null ? '' : `lang="${lang}"`}>
    <drop-countdown id="${id}" at="${AT}" now="${NOW}"></drop-countdown>
    <drop-button data-case="scheduled" drop="${id}"><a href="https://buy.stripe.com/x">Osta</a></drop-button>
    <drop-button data-case="sold-out" state="sold-out"><a href="https://buy.stripe.com/x">Osta</a></drop-button>
    <drop-button data-case="slotted" state="sold-out"><span slot="sold-out">Loppuunmyyty</span><a href="https://buy.stripe.com/x">Osta</a></drop-button>
    <drop-button data-case="live" price="24" currency="EUR" stock-src="/__test/stock?id=${id}&available=3" stock-interval="1"
      ><a href="https://buy.stripe.com/x">Osta paita</a></drop-button>
  </div>`);
  const get = (name: string) => wrapper.querySelector(`[data-case="${name}"]`)!;
  const cases = { scheduled: get('scheduled'), soldOut: get('sold-out'), slotted: get('slotted'), live: get('live') };
  await waitFor(
    () => part(cases.scheduled, 'time') !== null && text(part(cases.live, 'stock')) !== '' && part(cases.live, 'price') !== null,
    'the time to drop, the stock note and the price',
    8000,
  );
  return { wrapper, ...cases };
}

describe('<drop-button> marks the language of its own words', () => {
  afterEach(cleanup);

  it('on a Finnish page (English words): "Sold out", "Drops in", the time, the price and the stock note are lang="en"', async () => {
    const warnings = captureWarnings();
    try {
      const { wrapper, scheduled, soldOut, live } = await buttons('fi');
      expect(langOf(textNode(soldOut, 'Sold out'))).to.equal('en');
      expect(langOf(textNode(scheduled, 'Drops in'))).to.equal('en');
      // The time as shown (hidden from readers) and as said, in words.
      expect(langOf(part(scheduled, 'time')!)).to.equal('en');
      expect(langOf(textNode(scheduled, '2 days, 1 hour, 2 minutes'))).to.equal('en');
      expect(text(part(live, 'price'))).to.equal('€24.00');
      expect(langOf(part(live, 'price')!.firstChild ?? part(live, 'price')!)).to.equal('en');
      expect(text(part(live, 'stock'))).to.equal('Only 3 left');
      expect(langOf(part(live, 'stock')!)).to.equal('en');
      await expectNoAxeViolations(wrapper);
    } finally {
      warnings.restore();
    }
  });

  it("on a Finnish page the creator's text keeps the page's language: the link's words, a slotted label, the link itself", async () => {
    const warnings = captureWarnings();
    try {
      const { slotted, live, soldOut } = await buttons('fi');
      // The creator's link text, shown as the live label (copied into the button's own tree).
      expect(text(part(live, 'label'))).to.equal('Osta paita');
      expect(langOf(textNode(live.shadowRoot!, 'Osta paita'))).to.equal('fi');
      // A slotted label, through its slot.
      expect(langOf(textNode(slotted, 'Loppuunmyyty'))).to.equal('fi');
      // Nothing around the label is marked: the link, the label part and the slots keep the page's.
      for (const button of [slotted, live, soldOut]) {
        for (const element of [part(button, 'button')!, part(button, 'label')!, ...button.shadowRoot!.querySelectorAll('slot')]) {
          expect(element.hasAttribute('lang'), `${element.localName} in ${button.getAttribute('data-case')}`).to.equal(false);
        }
      }
    } finally {
      warnings.restore();
    }
  });

  it('on a Finnish page a screen reader still hears the same name', async () => {
    const warnings = captureWarnings();
    try {
      const { soldOut, scheduled } = await buttons('fi');
      soldOut.setAttribute('data-ax', 'sold-out');
      scheduled.setAttribute('data-ax', 'scheduled');
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const linkName = async (selector: string) => {
        const tree = await executeServerCommand<AxNode, { selector: string }>('ax-tree', { selector });
        const names: string[] = [];
        const visit = (node: AxNode) => {
          if (!node.ignored && node.role === 'link') names.push(node.name);
          node.children.forEach(visit);
        };
        visit(tree);
        return names;
      };
      expect(await linkName('[data-ax="sold-out"]')).to.deep.equal(['Sold out']);
      expect(await linkName('[data-ax="scheduled"]')).to.deep.equal(['Drops in 2 days, 1 hour, 2 minutes']);
    } finally {
      warnings.restore();
    }
  });

  it('on a German page (German words) nothing is marked, and the words are German', async () => {
    const { scheduled, soldOut, slotted, live } = await buttons('de');
    expect(text(part(soldOut, 'label'))).to.equal('Ausverkauft');
    expect(text(part(live, 'price'))).to.equal('24,00 €');
    expect([scheduled, soldOut, slotted, live].flatMap(shadowLangs)).to.deep.equal([]);
    expect(langOf(textNode(soldOut, 'Ausverkauft'))).to.equal('de');
  });

  it('on an English page nothing is marked', async () => {
    const { scheduled, soldOut, slotted, live } = await buttons('en-GB');
    expect([scheduled, soldOut, slotted, live].flatMap(shadowLangs)).to.deep.equal([]);
  });

  it("a creator's own low-stock note keeps the page's language", async () => {
    const warnings = captureWarnings();
    try {
      const button = await fixture(
        `<drop-button lang="fi" low-stock-text="Vain {n} jäljellä" stock-src="/__test/stock?id=lang-own-note&available=2" stock-interval="1"><a href="https://buy.stripe.com/x">Osta</a></drop-button>`,
      );
      await waitFor(() => text(part(button, 'stock')) !== '', 'the stock note');
      expect(text(part(button, 'stock'))).to.equal('Vain 2 jäljellä');
      expect(langOf(part(button, 'stock')!)).to.equal('fi');
    } finally {
      warnings.restore();
    }
  });

  it("a creator's own low-stock note counts in the page's digits, not in the English words' ones", async () => {
    const warnings = captureWarnings();
    try {
      // Persian: no words of dropkit's, so its own words are English; the creator's note is Persian.
      const button = await fixture(
        `<drop-button lang="fa" low-stock-text="فقط {n} مانده" stock-src="/__test/stock?id=lang-own-fa&available=3" stock-interval="1"><a href="https://buy.stripe.com/x">خرید</a></drop-button>`,
      );
      await waitFor(() => text(part(button, 'stock')) !== '', 'the stock note');
      expect(text(part(button, 'stock'))).to.equal('فقط ۳ مانده');
      expect(langOf(part(button, 'stock')!)).to.equal('fa');
    } finally {
      warnings.restore();
    }
  });
});

describe('<drop-button> marks its words where the page gives its text no language they are in', () => {
  afterEach(() => {
    cleanup();
    document.documentElement.setAttribute('lang', 'en');
  });

  /** dropkit's words carry `expected`; the creator's text (a slotted label, the link's words) keeps `page`. */
  function expectMarked(cases: Awaited<ReturnType<typeof buttons>>, expected: string, page: string) {
    const { scheduled, soldOut, slotted, live } = cases;
    expect(langOf(textNode(soldOut, text(part(soldOut, 'label'))))).to.equal(expected);
    expect(langOf(part(scheduled, 'time')!)).to.equal(expected);
    expect(langOf(part(live, 'price')!)).to.equal(expected);
    expect(langOf(part(live, 'stock')!)).to.equal(expected);
    expect(langOf(textNode(slotted, 'Loppuunmyyty'))).to.equal(page);
    expect(langOf(textNode(live.shadowRoot!, 'Osta paita'))).to.equal(page);
    for (const button of [slotted, live, soldOut]) {
      for (const element of [part(button, 'button')!, part(button, 'label')!]) expect(element.hasAttribute('lang')).to.equal(false);
    }
  }

  it("a page with no lang: the browser's language, marked", async () => {
    document.documentElement.removeAttribute('lang');
    expectMarked(await buttons(null), navigator.language, '');
  });

  it('inside lang="" (an unknown language) on an English page: the browser\'s language, marked', async () => {
    // A plain comparison with the locale (the browser's, for lang="") left these unmarked.
    expectMarked(await buttons(''), navigator.language, '');
  });

  it('lang="und" (undetermined) and its kin zxx, mul and mis: read as lang="" is, the browser\'s language for words and numbers alike, marked, no warning', async () => {
    // "und" read as English words unmarked on an undetermined page, its numbers in Intl's default
    // locale (the visitor's); und-DE gave German words beside "€24.00"; zxx and mul warned.
    const browserPrice = new Intl.NumberFormat(navigator.language, { style: 'currency', currency: 'EUR' }).format(24);
    for (const lang of ['und', 'und-DE', 'zxx', 'mul', 'mis']) {
      const warnings = captureWarnings();
      try {
        const cases = await buttons(lang);
        expect(text(part(cases.soldOut, 'label')), lang).to.equal('Sold out');
        expect(text(part(cases.live, 'price')), lang).to.equal(browserPrice);
        expectMarked(cases, navigator.language, lang);
        expect(warnings.messages, lang).to.deep.equal([]);
      } finally {
        warnings.restore();
      }
    }
  });

  it('a lang="de_DE" page: German words, marked lang="de-DE", the tag a screen reader reads', async () => {
    const warnings = captureWarnings();
    try {
      const cases = await buttons('de_DE');
      expect(text(part(cases.soldOut, 'label'))).to.equal('Ausverkauft');
      expect(text(part(cases.live, 'price'))).to.equal('24,00 €');
      expectMarked(cases, 'de-DE', 'de_DE');
    } finally {
      warnings.restore();
    }
  });
});
