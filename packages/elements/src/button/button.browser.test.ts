import { expect } from '@esm-bundle/chai';
import { emulateMedia } from '@web/test-runner-commands';
import fc from 'fast-check';
import { cleanup, fixture, nextFrame } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { hostileUrls } from '../test-support/hostile-urls.ts';
import { animationsSettled, sleep } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';
import { DropStateEvent } from '../shared/drop-state-event.ts';
import type { DropCheckoutEvent } from '../shared/checkout-event.ts';

type ButtonLike = HTMLElement & {
  state: string;
  href: string | null;
  provider: string | null;
  stock: number | null;
  updateComplete: Promise<boolean>;
};

const link = (el: Element) => el.shadowRoot!.querySelector('[part="button"]') as HTMLAnchorElement;
/** The text the button shows: its link's text less the time in words, which only a screen reader gets. */
const label = (el: Element) => {
  const shown = link(el).cloneNode(true) as HTMLElement;
  shown.querySelector('.said')?.remove();
  return shown.textContent!.replace(/\s+/g, ' ').trim();
};
let runId = 0;
const uniqueId = (name: string) => `${name}-${Date.now()}-${++runId}-${Math.random().toString(36).slice(2)}`;

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function stockLog(id: string): Promise<{ at: number; ifNoneMatch: string | null; status: number }[]> {
  return (await fetch(`/__test/stock/log?id=${id}`)).json();
}

/** Clicks the shadow link and reports whether the browser would have navigated, without navigating. */
function clickAndCatchNavigation(el: Element): boolean {
  let navigated = false;
  const stop = (event: Event) => {
    navigated = !event.defaultPrevented;
    event.preventDefault();
  };
  window.addEventListener('click', stop, { once: true });
  link(el).click();
  window.removeEventListener('click', stop);
  return navigated;
}

afterEach(cleanup);

/** The price the button shows, or null when it shows none. */
const priceShown = (el: Element) => el.shadowRoot!.querySelector('[part="price"]')?.textContent ?? null;
/**
 * Until the button has judged its price and currency: its update, the frame after it, and the task
 * after that frame (button.ts judges them then, on what a framework has set by that time).
 */
const priceJudged = async (el: Element) => {
  await (el as ButtonLike).updateComplete;
  await nextFrame();
  await new Promise((resolve) => setTimeout(resolve));
};
/** The one warning for a price the button refuses, as `written`. */
const priceRefused = (written: string) =>
  `[dropkit] <drop-button> price="${written}" is not shown: expected an amount such as 24.90 or 24,90 (no currency sign, no thousands separator).`;

describe('<drop-button>', () => {
  describe('enhancing the creator\'s link', () => {
    it('turns the creator\'s https link into a live checkout link with the same text', async () => {
      const el = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/test_123">Buy the tee</a></drop-button>`);
      expect(el.state).to.equal('live');
      expect(el.getAttribute('state')).to.equal('live');
      expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/test_123');
      expect(link(el).hasAttribute('aria-disabled')).to.equal(false);
      expect(label(el)).to.equal('Buy the tee');
      await expectNoAxeViolations(el);
    });

    const providers = [
      ['https://buy.stripe.com/test_abc', 'stripe'],
      ['https://nova.myshopify.com/cart/4242:1', 'shopify'],
      ['https://merch.nova.example/cart/123456:2', 'shopify'],
      ['https://nova.gumroad.com/l/tee', 'gumroad'],
      ['https://nova.lemonsqueezy.com/checkout/buy/8f2c', 'lemonsqueezy'],
      ['https://t.me/nova_shop_bot?start=tee-42', 'telegram'],
      ['https://shop.nova.example/tee', 'other'],
    ] as const;
    for (const [href, provider] of providers) {
      it(`detects ${provider} from ${href}`, async () => {
        const el = await fixture<ButtonLike>(`<drop-button><a href="${href}">Buy</a></drop-button>`);
        expect(el.provider).to.equal(provider);
        expect(el.dataset.provider).to.equal(provider);
        expect(link(el).getAttribute('href')).to.equal(href);
      });
    }

    it('follows a creator who edits the link after load', async () => {
      const el = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/a">Buy</a></drop-button>`);
      el.querySelector('a')!.setAttribute('href', 'https://nova.gumroad.com/l/b');
      await until(() => el.provider === 'gumroad', 'provider to follow the edit');
      await el.updateComplete;
      expect(link(el).getAttribute('href')).to.equal('https://nova.gumroad.com/l/b');
    });
  });

  describe('hostile and broken links', () => {
    it('an empty href (a blank override field in a template or framework) leaves the creator\'s link in charge', async () => {
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button href=""><a href="https://buy.stripe.com/test_blank">Buy the tee</a></drop-button>`);
        expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/test_blank');
        expect(label(el)).to.equal('Buy the tee');
        expect(el.provider).to.equal('stripe');
        // The same as a property (React 19, Vue), blank but for spaces.
        el.href = '  ';
        await el.updateComplete;
        expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/test_blank');
        expect(warnings.messages).to.deep.equal([]);
      } finally {
        warnings.restore();
      }
    });

    for (const hostile of hostileUrls) {
      it(`never links to ${JSON.stringify(hostile)}`, async () => {
        const el = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/ok">Buy</a></drop-button>`);
        const warnings = captureWarnings();
        try {
          el.querySelector('a')!.setAttribute('href', hostile);
          await until(() => el.provider === null && !link(el).hasAttribute('href'), 'the link to be withheld');
          await el.updateComplete;
        } finally {
          warnings.restore();
        }
        expect(link(el).hasAttribute('href')).to.equal(false);
        expect(link(el).getAttribute('aria-disabled')).to.equal('true');
        expect(el.dataset.provider).to.equal(undefined);
        expect(label(el)).to.equal('Checkout unavailable');
        expect(warnings.messages.filter((m) => m.includes('is disabled'))).to.have.length(1);
        expect(clickAndCatchNavigation(el)).to.equal(false);
        await expectNoAxeViolations(el);
      });
    }

    it('rejects a Telegram start payload Telegram would refuse', async () => {
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button><a href="https://t.me/nova_bot?start=${'x'.repeat(65)}">Buy</a></drop-button>`);
        expect(link(el).hasAttribute('href')).to.equal(false);
        expect(warnings.messages.join()).to.match(/start payload/);
      } finally {
        warnings.restore();
      }
    });

    it('renders no non-https href for any generated URL (fast-check)', async () => {
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button><a href="https://shop.example/">Buy</a></drop-button>`);
        const scheme = fc.constantFrom('javascript', 'JavaScript', 'data', 'vbscript', 'http', 'https', 'file', 'blob', 'ftp', '');
        const noise = fc.constantFrom('', ' ', '\t', '\n', '\u0000', '%0a', '/', '//', '\\\\');
        const candidate = fc.oneof(
          fc.string(),
          fc.webUrl({ validSchemes: ['http', 'https', 'ftp'] }),
          fc.tuple(noise, scheme, noise, fc.constantFrom(':', '://', ':/', ''), noise, fc.string()).map((parts) => parts.join('')),
        );
        await fc.assert(
          fc.asyncProperty(candidate, async (value) => {
            el.href = value;
            await el.updateComplete;
            const href = link(el).getAttribute('href');
            if (href !== null) expect(new URL(href).protocol).to.equal('https:');
          }),
          { numRuns: 300 },
        );
      } finally {
        warnings.restore();
      }
    });
  });

  describe('states', () => {
    const disabled = [
      ['scheduled', 'Coming soon'],
      ['sold-out', 'Sold out'],
      ['ended', 'Drop ended'],
    ] as const;
    for (const [state, text] of disabled) {
      it(`is disabled, says "${text}" and stays axe clean when ${state}`, async () => {
        const el = await fixture<ButtonLike>(`<drop-button state="${state}"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        expect(link(el).hasAttribute('href')).to.equal(false);
        expect(link(el).getAttribute('aria-disabled')).to.equal('true');
        expect(link(el).tabIndex).to.equal(0, 'still focusable so its reason can be heard');
        expect(label(el)).to.equal(text);
        expect(clickAndCatchNavigation(el)).to.equal(false);
        await expectNoAxeViolations(el);
      });
    }

    it('lets a marketplace drive the state by property and attribute', async () => {
      const el = await fixture<ButtonLike>(`<drop-button state="scheduled"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      el.state = 'live';
      await el.updateComplete;
      expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/x');
      el.setAttribute('state', 'ended');
      await el.updateComplete;
      expect(label(el)).to.equal('Drop ended');
    });

    it('falls back to live with one warning for an unknown state', async () => {
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button state="open"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        await el.updateComplete;
        expect(el.state).to.equal('live');
        expect(warnings.messages.filter((m) => m.includes('state="open"'))).to.have.length(1);
      } finally {
        warnings.restore();
      }
    });

    it('goes back to live, without a warning, when the page removes its state', async () => {
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button state="sold-out"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        el.removeAttribute('state');
        await el.updateComplete;
        expect(el.state).to.equal('live');
        expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/x');
        el.state = undefined as unknown as 'live';
        await el.updateComplete;
        expect(el.state).to.equal('live');
      } finally {
        warnings.restore();
      }
      expect(warnings.messages).to.deep.equal([]);
    });

    it('uses the creator\'s slotted text per state', async () => {
      const el = await fixture<ButtonLike>(`<drop-button state="sold-out"><a href="https://buy.stripe.com/x">Buy</a><span slot="sold-out">Alles weg</span></drop-button>`);
      const slot = el.shadowRoot!.querySelector('slot[name="sold-out"]') as HTMLSlotElement;
      expect(slot.assignedElements()[0]!.textContent).to.equal('Alles weg');
      await expectNoAxeViolations(el);
    });

    it('announces the low-stock note and stays axe clean with a mark inside', async () => {
      const el = await fixture<ButtonLike>(
        `<drop-button price="24" currency="EUR"><drop-mark slot="mark" name="Nova" src-glyph="/test/media/mark/glyph.svg"></drop-mark><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      expect(el.shadowRoot!.querySelector('[part="mark"]')!.getAttribute('aria-hidden')).to.equal('true');
      await expectNoAxeViolations(el);
    });
  });

  describe('price and attribution', () => {
    it('formats price and currency in the page language', async () => {
      const el = await fixture<ButtonLike>(`<div lang="de-DE"><drop-button price="24" currency="EUR"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button></div>`);
      const button = el.querySelector('drop-button')!;
      // The German words arrive in their own chunk; until then the button shows the creator's link.
      await until(() => button.shadowRoot!.querySelector('[part="price"]') !== null, 'the German button');
      const price = button.shadowRoot!.querySelector('[part="price"]')!.textContent!;
      expect(price).to.equal(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(24));
      expect(price).to.match(/24,00\s€/);
    });

    it('formats the price in the language its words are in, also inside a component\'s shadow root', async () => {
      // A marketplace's product card: its own lang on the host, the button in its shadow root.
      const card = await fixture(`<div lang="de-DE"></div>`);
      const root = card.attachShadow({ mode: 'open' });
      root.innerHTML = `<drop-button price="24" currency="EUR"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>`;
      const button = root.querySelector('drop-button')!;
      await customElements.whenDefined('drop-button');
      await until(() => button.shadowRoot!.querySelector('[part="price"]') !== null, 'the German button');
      const price = button.shadowRoot!.querySelector('[part="price"]')!.textContent!;
      expect(price).to.equal(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(24));
      expect(price).to.match(/24,00\s€/);
    });

    it('shows no price for an empty price attribute (a template with no price), not "€0.00"', async () => {
      // price="{{ product.price }}" with no price: Number("") is 0, and the live button offered the tee for nothing.
      const el = await fixture<ButtonLike>(`<drop-button price="" currency="EUR"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      const price = () => priceShown(el);
      expect(price()).to.equal(null);
      el.setAttribute('price', '  ');
      await el.updateComplete;
      expect(price()).to.equal(null);
      el.setAttribute('price', '0');
      await el.updateComplete;
      expect(price()).to.equal('€0.00');
      // React 19 and Vue set the property: an empty CMS field is no price either.
      (el as unknown as { price: unknown }).price = '';
      await el.updateComplete;
      expect(price()).to.equal(null);
      (el as unknown as { price: unknown }).price = '24';
      await el.updateComplete;
      expect(price()).to.equal('€24.00');
    });

    it('reads a price written with a decimal comma (as shops in most of Europe write it), as an attribute and as a property', async () => {
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button price="24,90" currency="EUR"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        const price = () => priceShown(el);
        expect(price()).to.equal('€24.90');
        expect((el as unknown as { price: unknown }).price).to.equal(24.9);
        el.setAttribute('price', ' 24,9 ');
        await el.updateComplete;
        expect(price()).to.equal('€24.90');
        // React 19 and Vue set the property, with the shop's text as it is.
        (el as unknown as { price: unknown }).price = '18,50';
        await el.updateComplete;
        expect(price()).to.equal('€18.50');
        expect((el as unknown as { price: unknown }).price).to.equal(18.5);
        (el as unknown as { price: unknown }).price = '18.50';
        await el.updateComplete;
        expect(price()).to.equal('€18.50');
        await priceJudged(el);
        expect(warnings.messages).to.deep.equal([]);
      } finally {
        warnings.restore();
      }
    });

    it('shows no price that reads two ways or is not one, and its warning names the attribute and both forms', async () => {
      // "1.000" is a thousand in Germany and one in the US: Number read it as 1, and the button sold the hoodie for €1.00.
      for (const written of ['1.000', '1,000', '24,900', '1.000,50', '€24', '24 EUR', '-5', '1e3']) {
        const warnings = captureWarnings();
        try {
          const el = await fixture<ButtonLike>(`<drop-button price="${written}" currency="EUR"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
          // The text, not the element: a failing check on an element never reports here.
          expect(priceShown(el), written).to.equal(null);
          expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/x');
          await priceJudged(el);
          expect(warnings.messages).to.deep.equal([
            priceRefused(written),
          ]);
        } finally {
          warnings.restore();
        }
      }
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button price="24" currency="EUR"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        (el as unknown as { price: unknown }).price = '1.000';
        await priceJudged(el);
        expect(priceShown(el)).to.equal(null);
        expect(warnings.messages).to.deep.equal([
          priceRefused('1.000'),
        ]);
      } finally {
        warnings.restore();
      }
    });

    it('reads a price with the three decimals of its currency (12.500 dinars), whichever of price and currency comes first', async () => {
      // Kuwaiti and Bahraini shops write three decimals; "12.500" was refused as reading two ways.
      const warnings = captureWarnings();
      try {
        const shown = (el: Element) => priceShown(el)?.replace(/\s/g, ' ') ?? null;
        for (const markup of [
          `<drop-button price="12.500" currency="KWD"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
          `<drop-button currency="KWD" price="12.500"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
        ]) {
          const el = await fixture<ButtonLike>(markup);
          expect(shown(el), markup).to.equal('KWD 12.500');
          expect((el as unknown as { price: unknown }).price).to.equal(12.5);
        }
        const bhd = await fixture<ButtonLike>(`<drop-button price="7,250" currency="BHD"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        expect(shown(bhd)).to.equal('BHD 7.250');
        // What a dinar shop means by 1.000 is one dinar.
        bhd.setAttribute('price', '1.000');
        await bhd.updateComplete;
        expect(shown(bhd)).to.equal('BHD 1.000');

        // A framework that sets the price first and the currency in a later update, and the other way round.
        const late = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        (late as unknown as { price: unknown }).price = '12,500';
        await late.updateComplete;
        // Alone it reads two ways (the rule without a currency); the currency an update later is in time.
        expect(shown(late)).to.equal(null);
        (late as unknown as { currency: unknown }).currency = 'KWD';
        await late.updateComplete;
        expect(shown(late)).to.equal('KWD 12.500');
        const first = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        (first as unknown as { currency: unknown }).currency = 'OMR';
        await first.updateComplete;
        (first as unknown as { price: unknown }).price = '3.125';
        await priceJudged(first);
        expect(shown(first)).to.equal('OMR 3.125');
        expect(warnings.messages).to.deep.equal([]);
      } finally {
        warnings.restore();
      }

      // The same text in euros reads two ways again: refused, re-read when the currency changes.
      const euro = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button price="12.500" currency="KWD"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        el.setAttribute('currency', 'EUR');
        await priceJudged(el);
        expect(priceShown(el)).to.equal(null);
        expect(euro.messages).to.deep.equal([
          priceRefused('12.500'),
        ]);
      } finally {
        euro.restore();
      }
    });

    it('still refuses 3,000 yen (three digits after the separator) and shows 3000.00 in whole yen', async () => {
      for (const written of ['3,000', '3.000']) {
        const warnings = captureWarnings();
        try {
          const el = await fixture<ButtonLike>(`<drop-button price="${written}" currency="JPY"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
          expect(priceShown(el), written).to.equal(null);
          await priceJudged(el);
          expect(warnings.messages).to.deep.equal([
            priceRefused(written),
          ]);
        } finally {
          warnings.restore();
        }
      }
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button price="3000" currency="JPY"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        const price = () => priceShown(el);
        expect(price()).to.equal('¥3,000');
        // A template printing every price with two decimals: read, shown as the yen it is.
        el.setAttribute('price', '3000.00');
        await priceJudged(el);
        expect(price()).to.equal('¥3,000');
        expect(warnings.messages).to.deep.equal([]);
      } finally {
        warnings.restore();
      }
    });

    it('refuses a fraction the currency does not have (3000.50 yen, the number 24.505 in euros) rather than show it rounded', async () => {
      // Intl rounds to the currency's digits: the button offered ¥3,001 and €24.51, prices nobody wrote.
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button price="3000.50" currency="JPY"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        expect(priceShown(el)).to.equal(null);
        expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/x');
        await priceJudged(el);
        // The same text is a price in euros, and refused again in yen.
        el.setAttribute('currency', 'EUR');
        await el.updateComplete;
        expect(priceShown(el)).to.equal('€3,000.50');
        el.setAttribute('currency', 'jpy');
        await el.updateComplete;
        expect(priceShown(el)).to.equal(null);
        const euro = await fixture<ButtonLike>(`<drop-button currency="EUR"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        // A framework's number, computed or from an API.
        (euro as unknown as { price: unknown }).price = 24.505;
        await priceJudged(euro);
        expect(priceShown(euro)).to.equal(null);
        (euro as unknown as { price: unknown }).price = 1.1 * 3;
        await priceJudged(euro);
        expect(priceShown(euro)).to.equal('€3.30');
        expect(warnings.messages).to.deep.equal([
          '[dropkit] <drop-button> price="3000.50" is not shown: expected a whole amount such as 3000 (JPY has no minor unit).',
          '[dropkit] <drop-button> price="24.505" is not shown: expected an amount such as 24.50 (EUR has 2 decimals).',
        ]);
      } finally {
        warnings.restore();
      }
    });

    it('judges price and currency on what a framework has set once the frame is over: no warning when the currency comes a microtask, an update or a frame after the price', async () => {
      // React sets an element's properties in one task, but Vue and Svelte flush in ticks of their own
      // and a store may answer a frame later: price="24" alone warned "currency="null"" for good.
      const between = [
        ['in the same task', async () => {}],
        ['a microtask later', () => Promise.resolve()],
        ['an update later', (el: Element) => (el as ButtonLike).updateComplete],
        ['a frame later', () => nextFrame()],
      ] as const;
      for (const [when, wait] of between) {
        for (const [price, currency, shown] of [[24, 'EUR', '€24.00'], ['12,500', 'KWD', 'KWD 12.500']] as const) {
          const warnings = captureWarnings();
          try {
            const el = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
            const button = el as unknown as { price: unknown; currency: unknown };
            button.price = price;
            // The same task: nothing awaited between the two.
            if (when !== 'in the same task') await wait(el);
            button.currency = currency;
            await priceJudged(el);
            expect(priceShown(el)?.replace(/\s/g, ' ') ?? null, `${price} ${currency} ${when}`).to.equal(shown);
            expect(warnings.messages, `${price} ${currency} ${when}`).to.deep.equal([]);
          } finally {
            warnings.restore();
          }
        }
      }
    });

    it('says once that a price needs a currency when none has come by then, and shows it when one does', async () => {
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button price="24"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        await priceJudged(el);
        expect(priceShown(el)).to.equal(null);
        const expected = ['[dropkit] <drop-button> price="24" is not shown: expected a currency beside it, an ISO 4217 code such as currency="EUR".'];
        expect(warnings.messages).to.deep.equal(expected);
        el.setAttribute('price', '25');
        await priceJudged(el);
        expect(warnings.messages).to.deep.equal(expected);
        el.setAttribute('currency', 'EUR');
        await priceJudged(el);
        expect(priceShown(el)).to.equal('€25.00');
        expect(warnings.messages).to.deep.equal(expected);
      } finally {
        warnings.restore();
      }
    });

    it('drops an unknown currency with one warning instead of breaking', async () => {
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(`<drop-button price="24" currency="EURO!"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
        expect(el.shadowRoot!.querySelector('[part="price"]')).to.equal(null);
        expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/x');
        await priceJudged(el);
        expect(warnings.messages.filter((m) => m.includes('currency'))).to.have.length(1);
      } finally {
        warnings.restore();
      }
    });

    it('appends sku and referral params to the checkout URL', async () => {
      const el = await fixture<ButtonLike>(
        `<drop-button sku="TEE-42" referral="utm_source=tiktok&amp;utm_campaign=drop1"><a href="https://shop.nova.example/tee?color=black">Buy</a></drop-button>`,
      );
      const url = new URL(link(el).href);
      expect(url.searchParams.get('color')).to.equal('black');
      expect(url.searchParams.get('sku')).to.equal('TEE-42');
      expect(url.searchParams.get('utm_source')).to.equal('tiktok');
      expect(url.searchParams.get('utm_campaign')).to.equal('drop1');
    });

    it('turns a bare referral code into ref=code, or client_reference_id on Stripe', async () => {
      const shop = await fixture<ButtonLike>(`<drop-button referral="tiktok"><a href="https://shop.nova.example/tee">Buy</a></drop-button>`);
      expect(new URL(link(shop).href).searchParams.get('ref')).to.equal('tiktok');
      const stripe = await fixture<ButtonLike>(`<drop-button referral="tiktok"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      const url = new URL(link(stripe).href);
      expect(url.searchParams.get('client_reference_id')).to.equal('tiktok');
      expect(url.searchParams.has('ref')).to.equal(false);
    });

    it('takes referral by property too, and the checkout link follows', async () => {
      const el = await fixture<ButtonLike & { referral: string | null }>(`<drop-button><a href="https://shop.nova.example/tee">Buy</a></drop-button>`);
      expect(el.referral).to.equal(null);
      el.referral = 'creator42';
      await el.updateComplete;
      expect(new URL(link(el).href).searchParams.get('ref')).to.equal('creator42');
      el.setAttribute('referral', 'utm_source=attribute');
      await el.updateComplete;
      expect(el.referral).to.equal('utm_source=attribute');
      expect(new URL(link(el).href).searchParams.get('utm_source')).to.equal('attribute');
    });

    it('ignores the old ref attribute (renamed to referral)', async () => {
      const el = await fixture<ButtonLike>(
        `<drop-button ref="tiktok"><a href="https://shop.nova.example/tee">Buy</a></drop-button><drop-button ref="utm_source=tiktok"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      const second = el.nextElementSibling as ButtonLike;
      await second.updateComplete;
      expect(link(el).href).to.equal('https://shop.nova.example/tee');
      expect(link(second).href).to.equal('https://buy.stripe.com/x');
    });
  });

  describe('checkout', () => {
    it('fires a cancelable drop-checkout with href, provider and sku, then navigates', async () => {
      const el = await fixture<ButtonLike>(`<drop-button sku="TEE-42"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      const events: DropCheckoutEvent[] = [];
      document.addEventListener('drop-checkout', (e) => events.push(e as DropCheckoutEvent), { once: true });
      expect(clickAndCatchNavigation(el)).to.equal(true);
      expect(events).to.have.length(1);
      const [event] = events;
      expect(event!.href).to.equal('https://buy.stripe.com/x?sku=TEE-42');
      expect(event!.provider).to.equal('stripe');
      expect(event!.sku).to.equal('TEE-42');
      expect(event!.detail).to.deep.equal({ href: event!.href, provider: 'stripe', sku: 'TEE-42' });
      expect(event!.bubbles && event!.composed && event!.cancelable).to.equal(true);
    });

    it('lets a marketplace preventDefault() and run its own flow', async () => {
      const el = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      const cancel = (e: Event) => e.preventDefault();
      el.addEventListener('drop-checkout', cancel);
      expect(clickAndCatchNavigation(el)).to.equal(false);
      el.removeEventListener('drop-checkout', cancel);
    });

    it('opens one checkout for a double click', async () => {
      const el = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      let checkouts = 0;
      const count = () => checkouts++;
      el.addEventListener('drop-checkout', count);
      const first = clickAndCatchNavigation(el);
      const second = clickAndCatchNavigation(el);
      el.removeEventListener('drop-checkout', count);
      expect([first, second]).to.deep.equal([true, false]);
      expect(checkouts).to.equal(1);
    });

    it('opens in the same tab by default and adds noopener noreferrer for a new tab', async () => {
      const same = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      expect(link(same).hasAttribute('target')).to.equal(false);
      expect(link(same).hasAttribute('rel')).to.equal(false);
      const blank = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x" target="_blank">Buy</a></drop-button>`);
      expect(link(blank).target).to.equal('_blank');
      expect(link(blank).rel).to.equal('noopener noreferrer');
    });

    it('is reachable and activatable from the keyboard', async () => {
      const el = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      link(el).focus();
      expect(el.shadowRoot!.activeElement).to.equal(link(el));
      expect(link(el).tabIndex).to.equal(0);
    });
  });

  describe('following the drop', () => {
    /** True once any other task ran: a render finished before it happened in the same frame. */
    function taskBoundary(): { readonly crossed: boolean } {
      const flag = { crossed: false };
      setTimeout(() => (flag.crossed = true), 0);
      return flag;
    }

    it('follows an owner named by drop="<id>" and renders its flip before any other task', async () => {
      const wrapper = await fixture(
        `<div><div id="owner-a" state="scheduled"></div><drop-button drop="owner-a"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
      );
      const owner = wrapper.querySelector('#owner-a')!;
      const button = wrapper.querySelector('drop-button') as ButtonLike;
      await until(() => button.state === 'scheduled', 'the button to adopt the owner state');
      await button.updateComplete;
      expect(link(button).hasAttribute('href')).to.equal(false);
      const boundary = taskBoundary();
      owner.setAttribute('state', 'live');
      owner.dispatchEvent(new DropStateEvent('live', 'scheduled'));
      expect(button.state).to.equal('live');
      await button.updateComplete;
      expect(boundary.crossed).to.equal(false);
      expect(link(button).getAttribute('href')).to.equal('https://buy.stripe.com/x');
    });

    it('follows the countdown it sits inside', async () => {
      const countdown = await fixture(
        `<drop-countdown at="2026-12-05T18:00:00Z" now="2026-12-05T19:00:00Z"><drop-button slot="live"><a href="https://buy.stripe.com/x">Buy</a></drop-button></drop-countdown>`,
      );
      const button = countdown.querySelector('drop-button') as ButtonLike;
      await until(() => button.state === 'live' && countdown.getAttribute('state') === 'live', 'the button to follow the enclosing countdown');
      await button.updateComplete;
      expect(link(button).getAttribute('href'), 'a button in the live slot still finds its own link').to.equal('https://buy.stripe.com/x');
      countdown.setAttribute('state', 'sold-out');
      await until(() => button.state === 'sold-out', 'sold-out to reach the button');
      await button.updateComplete;
      expect(label(button)).to.equal('Sold out');
    });

    it('follows a countdown added to the page after it, never selling before that drop', async () => {
      // A later section, a framework rendering the countdown second, or the classic script upgrading
      // the button before the parser reaches the countdown: the countdown arrives scheduled and says
      // nothing until T0.
      const id = uniqueId('later');
      const warnings = captureWarnings();
      try {
        const wrapper = await fixture(`<div><drop-button drop="${id}"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`);
        const button = wrapper.querySelector('drop-button') as ButtonLike;
        expect(button.state, 'no countdown yet: the button keeps its own state').to.equal('live');
        const countdown = document.createElement('drop-countdown');
        countdown.id = id;
        countdown.setAttribute('at', new Date(Date.now() + 3600_000).toISOString());
        wrapper.append(countdown);
        await until(() => button.state === 'scheduled', 'the button to follow the countdown that came later');
        await button.updateComplete;
        expect(link(button).hasAttribute('href')).to.equal(false);
        expect(clickAndCatchNavigation(button)).to.equal(false);
        // It came before the page had settled: the missing id is no typo, and is not said.
        await nextFrame();
        await nextFrame();
        await new Promise((resolve) => setTimeout(resolve));
        expect(warnings.messages.filter((m) => m.includes(id))).to.deep.equal([]);
      } finally {
        warnings.restore();
      }
    });

    it('follows an element that takes the id it names later', async () => {
      const id = uniqueId('renamed');
      const wrapper = await fixture(`<div><div state="sold-out"></div><drop-button drop="${id}"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`);
      const button = wrapper.querySelector('drop-button') as ButtonLike;
      wrapper.querySelector('div')!.id = id;
      await until(() => button.state === 'sold-out', 'the button to follow the element once it has the id');
    });

    it('is simply live again when the page takes its drop away (a framework reusing the element)', async () => {
      const id = uniqueId('taken');
      const page = await fixture(`<div><div id="${id}" state="scheduled"></div><drop-button drop="${id}"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`);
      const button = page.querySelector('drop-button') as ButtonLike;
      await until(() => button.state === 'scheduled', 'the button to follow its drop');
      button.removeAttribute('drop');
      await until(() => button.state === 'live', 'the button to be live without a drop');
      await button.updateComplete;
      expect(link(button).getAttribute('href')).to.equal('https://buy.stripe.com/x');
    });

    it('shows the countdown\'s time to drop while scheduled, or "Notify me" with its notify link', async () => {
      const at = new Date(Date.now() + 3 * 3600_000 + 30_000).toISOString();
      const wrapper = await fixture(
        `<div><drop-countdown id="cd-t" at="${at}"></drop-countdown><drop-button drop="cd-t"><a href="https://buy.stripe.com/x">Buy</a></drop-button>` +
          `<drop-countdown id="cd-n" at="${at}" notify="https://nova.example/notify"></drop-countdown><drop-button drop="cd-n"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
      );
      const [timed, notifying] = [...wrapper.querySelectorAll('drop-button')] as ButtonLike[];
      await until(() => timed!.state === 'scheduled' && notifying!.state === 'scheduled', 'both buttons to be scheduled');
      await timed!.updateComplete;
      expect(label(timed!)).to.match(/^Drops in 03:00:[23]\d$/);
      expect(link(timed!).hasAttribute('href')).to.equal(false);
      await notifying!.updateComplete;
      expect(label(notifying!)).to.equal('Notify me');
      expect(link(notifying!).getAttribute('href')).to.equal('https://nova.example/notify');
      let checkouts = 0;
      const count = () => checkouts++;
      notifying!.addEventListener('drop-checkout', count);
      clickAndCatchNavigation(notifying!);
      notifying!.removeEventListener('drop-checkout', count);
      expect(checkouts).to.equal(0, 'Notify me is not a checkout');
      await expectNoAxeViolations(wrapper);
    });

    describe('time to drop', () => {
      type CountdownLike = HTMLElement & { at: Date | null; now: Date | null; notify: string | null; updateComplete: Promise<boolean> };
      const AT = '2030-01-01T00:00:00Z';
      async function pinnedDrop(attributes: string, lang = 'en') {
        const id = uniqueId('cd-pin');
        const wrapper = await fixture(
          `<div lang="${lang}"><drop-countdown id="${id}" at="${AT}" ${attributes}></drop-countdown><drop-button drop="${id}"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
        );
        const countdown = wrapper.querySelector('drop-countdown') as CountdownLike;
        const button = wrapper.querySelector('drop-button') as ButtonLike;
        await until(() => button.state === 'scheduled', 'the button to be scheduled');
        await button.updateComplete;
        return { wrapper, countdown, button };
      }
      /** Lets a change on the countdown reach the button: no waiting for a tick, which would hide a missed update. */
      async function settle(countdown: CountdownLike, button: ButtonLike) {
        await countdown.updateComplete;
        await button.updateComplete;
      }

      it('counts from the countdown\'s pinned now, not the real clock', async () => {
        const { button } = await pinnedDrop('now="2029-12-31T22:57:57Z"');
        expect(label(button)).to.equal('Drops in 01:02:03');
        await sleep(1100);
        expect(label(button), 'a pinned preview stands still').to.equal('Drops in 01:02:03');
      });

      it('updates at once when the countdown\'s at, notify or pinned now change, by attribute or property', async () => {
        const { countdown, button } = await pinnedDrop('now="2029-12-31T22:57:57Z"');
        countdown.setAttribute('at', '2030-01-01T01:00:00Z');
        await settle(countdown, button);
        expect(label(button), 'at attribute').to.equal('Drops in 02:02:03');
        countdown.at = new Date('2030-01-01T00:30:00Z');
        await settle(countdown, button);
        expect(label(button), 'at property').to.equal('Drops in 01:32:03');
        countdown.now = new Date('2029-12-31T23:29:00Z');
        await settle(countdown, button);
        expect(label(button), 'now property').to.equal('Drops in 01:01:00');
        countdown.setAttribute('notify', 'https://nova.example/notify');
        await settle(countdown, button);
        expect(label(button), 'notify attribute').to.equal('Notify me');
        expect(link(button).getAttribute('href')).to.equal('https://nova.example/notify');
        countdown.notify = null;
        await settle(countdown, button);
        expect(label(button), 'notify removed').to.equal('Drops in 01:01:00');
        expect(link(button).hasAttribute('href')).to.equal(false);
      });

      it('picks up a new at on a live-clock countdown without waiting for a tick', async () => {
        const id = uniqueId('cd-move');
        const wrapper = await fixture(
          `<div><drop-countdown id="${id}" at="${new Date(Date.now() + 3 * 3600_000 + 30_000).toISOString()}"></drop-countdown><drop-button drop="${id}"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
        );
        const countdown = wrapper.querySelector('drop-countdown') as CountdownLike;
        const button = wrapper.querySelector('drop-button') as ButtonLike;
        await until(() => button.state === 'scheduled', 'the button to be scheduled');
        countdown.setAttribute('at', new Date(Date.now() + 5 * 3600_000 + 30_000).toISOString());
        await settle(countdown, button);
        expect(label(button)).to.match(/^Drops in 05:00:[23]\d$/);
      });
    });

    it('enables at T0 in the same frame as the real countdown flips', async () => {
      // Far enough ahead that mounting under a loaded CI machine cannot miss the flip.
      const at = new Date(Date.now() + 2500).toISOString();
      const wrapper = await fixture(
        `<div><drop-countdown id="cd-t0" at="${at}"></drop-countdown><drop-button drop="cd-t0"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
      );
      const countdown = wrapper.querySelector('drop-countdown')!;
      const button = wrapper.querySelector('drop-button') as ButtonLike;
      await until(() => button.state === 'scheduled', 'the button to start scheduled');
      const flip = new Promise<{ stateAtFlip: string; boundary: { readonly crossed: boolean } }>((resolve, reject) => {
        setTimeout(() => reject(new Error('the countdown did not flip within 6 s')), 6000);
        const onFlip = (event: Event) => {
          if (event.target !== countdown || (event as DropStateEvent).state !== 'live') return;
          document.removeEventListener('drop-state', onFlip);
          resolve({ stateAtFlip: button.state, boundary: taskBoundary() });
        };
        document.addEventListener('drop-state', onFlip);
      });
      const { stateAtFlip, boundary } = await flip;
      expect(stateAtFlip).to.equal('live');
      await button.updateComplete;
      expect(boundary.crossed).to.equal(false, 'the button rendered before the browser could paint a frame');
      expect(link(button).getAttribute('href')).to.equal('https://buy.stripe.com/x');
    });
  });

  describe('on a dark page', () => {
    const darkSurface = 'background: #121212; color: #f2f2f2; padding: 8px';
    const ring = 'rgba(255, 255, 255, 0.4) 0px 0px 0px 1px inset';
    // The button eases between colours (150 ms): read them once that transition is over.
    const looks = async (el: Element) => {
      await animationsSettled();
      const style = getComputedStyle(link(el));
      return { background: style.backgroundColor, text: style.color, ring: style.boxShadow === ring };
    };
    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    it('keeps the light-page look on a page that does not say it is dark', async () => {
      const box = await fixture(`<div style="${darkSurface}"><drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`);
      expect(await looks(box.querySelector('drop-button')!)).to.deep.equal({ background: 'rgb(17, 17, 17)', text: 'rgb(255, 255, 255)', ring: false });
    });

    it('keeps its shape with a light hairline on a page with color-scheme: dark, and a readable stock note', async () => {
      const id = uniqueId('dark');
      const box = await fixture(
        `<div style="color-scheme: dark; ${darkSurface}"><drop-button stock-src="/__test/stock?id=${id}&available=2" stock-interval="1" low-stock="5"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
      );
      const el = box.querySelector('drop-button') as ButtonLike;
      expect(await looks(el)).to.deep.equal({ background: 'rgb(17, 17, 17)', text: 'rgb(255, 255, 255)', ring: true });
      await until(() => el.stock === 2, 'the first stock answer');
      await el.updateComplete;
      const note = el.shadowRoot!.querySelector('[part="stock"]')!;
      expect(getComputedStyle(note).color).to.equal('rgb(252, 165, 165)');
      await expectNoAxeViolations(box);
      el.state = 'scheduled';
      await el.updateComplete;
      expect(await looks(el)).to.deep.equal({ background: 'rgb(229, 229, 229)', text: 'rgb(64, 64, 64)', ring: true });
      await expectNoAxeViolations(box);
    });

    it('follows the phone on a page with color-scheme: light dark', async () => {
      const box = await fixture(`<div style="color-scheme: light dark"><drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`);
      const el = box.querySelector('drop-button')!;
      expect((await looks(el)).ring).to.equal(false);
      await emulateMedia({ colorScheme: 'dark' });
      expect((await looks(el)).ring).to.equal(true);
    });

    it('keeps white text on a creator\'s brand colour set without a text colour', async () => {
      const box = await fixture(
        `<div style="color-scheme: dark; ${darkSurface}"><drop-button style="--drop-button-background: #c2184b"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
      );
      expect(await looks(box.querySelector('drop-button')!)).to.deep.equal({ background: 'rgb(194, 24, 75)', text: 'rgb(255, 255, 255)', ring: true });
      await expectNoAxeViolations(box);
    });
  });

  describe('stock', () => {
    it('shows "Only n left" under the threshold and flips to sold-out at 0', async () => {
      const id = uniqueId('low');
      const el = await fixture<ButtonLike>(
        `<drop-button stock-src="/__test/stock?id=${id}&available=3" stock-interval="1" low-stock="5"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      await until(() => el.stock === 3, 'the first stock answer');
      await el.updateComplete;
      const note = el.shadowRoot!.querySelector('[part="stock"]')!;
      expect(note.textContent).to.equal('Only 3 left');
      expect(note.getAttribute('role')).to.equal('status');
      await expectNoAxeViolations(el);
      await fetch(`/__test/stock/set?id=${id}&available=0`);
      await until(() => el.state === 'sold-out', 'sold-out at 0', 6000);
      await el.updateComplete;
      expect(label(el)).to.equal('Sold out');
      expect(link(el).hasAttribute('href')).to.equal(false);
    });

    it('says a stock note once when two buttons poll the same URL (a hero and a sticky bar): one live region, handed on when it goes', async () => {
      // Both notes were polite live regions: every change was read twice, "Only 2 left. Only 2 left."
      const src = `/__test/stock?id=${uniqueId('voice')}&available=2`;
      const other = `/__test/stock?id=${uniqueId('voice-other')}&available=4`;
      const page = await fixture(`<div>
        <drop-button id="hero" stock-src="${src}" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>
        <drop-button id="bar" stock-src="${src}" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>
        <drop-button id="socks" stock-src="${other}" stock-interval="1"><a href="https://buy.stripe.com/y">Buy socks</a></drop-button></div>`);
      const buttons = [...page.querySelectorAll<ButtonLike>('drop-button')];
      await until(() => buttons.every((button) => button.stock !== null), 'every stock answer');
      await Promise.all(buttons.map((button) => button.updateComplete));
      const note = (button: Element) => button.shadowRoot!.querySelector('[part="stock"]')!;
      const notes = () => buttons.filter((button) => button.isConnected).map((button) => `${button.id}: ${note(button).textContent} ${note(button).getAttribute('role')}`);
      // Both show it; one of them says it (whichever rendered an answer first). Another product's note is its own.
      const [speaker, silent] = note(buttons[0]!).getAttribute('role') === 'status' ? [buttons[0]!, buttons[1]!] : [buttons[1]!, buttons[0]!];
      expect(notes().sort()).to.deep.equal([`${silent.id}: Only 2 left null`, `${speaker.id}: Only 2 left status`, 'socks: Only 4 left status'].sort());
      await expectNoAxeViolations(page);
      // The one that said it goes (an app unmounting it): the other says it from then on.
      speaker.remove();
      await until(() => note(silent).getAttribute('role') === 'status', 'the other button saying the note');
      expect(notes().sort()).to.deep.equal([`${silent.id}: Only 2 left status`, 'socks: Only 4 left status'].sort());
    });

    it('keeps the default threshold for an empty low-stock attribute', async () => {
      // low-stock="" read as 0, which hides the note: "Only 3 left" never showed.
      const id = uniqueId('low-empty');
      const el = await fixture<ButtonLike>(
        `<drop-button stock-src="/__test/stock?id=${id}&available=3" stock-interval="1" low-stock=""><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      await until(() => el.stock === 3, 'the first stock answer');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="stock"]')!.textContent).to.equal('Only 3 left');
    });

    it('keeps the default threshold for a low-stock that is no number ("3 left"), and says what to write', async () => {
      // Number("3 left") is NaN, and every count compared with NaN is false: the note never showed, and nothing said why.
      const id = uniqueId('low-words');
      const warnings = captureWarnings();
      try {
        const el = await fixture<ButtonLike>(
          `<drop-button stock-src="/__test/stock?id=${id}&available=3" stock-interval="1" low-stock="3 left"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
        );
        await until(() => el.stock === 3, 'the first stock answer');
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part="stock"]')!.textContent).to.equal('Only 3 left');
        // A framework's string property the same way; a number in a string still counts.
        (el as unknown as { lowStock: unknown }).lowStock = '2';
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part="stock"]')!.textContent).to.equal('');
        el.setAttribute('stock-interval', '15s');
        await el.updateComplete;
        expect(warnings.messages).to.deep.equal([
          '[dropkit] <drop-button> low-stock="3 left" is ignored: expected a number such as low-stock="5"; using 5.',
          '[dropkit] <drop-button> stock-interval="15s" is ignored: expected a number such as stock-interval="15"; using 15.',
        ]);
      } finally {
        warnings.restore();
      }
    });

    it('shows no low-stock note for a property a framework sets: available={true} from a Shopify product', async () => {
      // React 19 and Vue set any property the element has; the button's stock count was one (a Lit
      // state property has a public accessor), so a product's `available: true` said "Only 1 left".
      const el = await fixture<ButtonLike>(`<drop-button><a href="https://buy.stripe.com/x">Buy</a></drop-button>`);
      const props: Record<string, unknown> = { available: true, timeLeft: 0, creatorHref: 'https://evil.example/', creatorLabel: 'Free', hasMark: true };
      for (const [key, value] of Object.entries(props)) (el as unknown as Record<string, unknown>)[key] = value;
      el.setAttribute('sku', 'TEE');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="stock"]')!.textContent).to.equal('');
      expect(el.stock).to.equal(null);
      expect(label(el)).to.equal('Buy');
      expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/x?sku=TEE');
      expect(link(el).getAttribute('aria-disabled')).to.equal(null);
      expect((el.shadowRoot!.querySelector('[part="mark"]') as HTMLElement).hidden).to.equal(true);
    });

    it('words the low-stock note the creator\'s way', async () => {
      const id = uniqueId('low-de');
      const el = await fixture<ButtonLike>(
        `<drop-button lang="de" low-stock-text="Nur noch {n} Stück" stock-src="/__test/stock?id=${id}&available=2" stock-interval="1"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>`,
      );
      await until(() => el.stock === 2, 'the first stock answer');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="stock"]')!.textContent).to.equal('Nur noch 2 Stück');
    });

    it('revalidates with If-None-Match and accepts a 304', async () => {
      const id = uniqueId('etag');
      const el = await fixture<ButtonLike>(
        `<drop-button stock-src="/__test/stock?id=${id}&available=40" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      await until(async () => (await stockLog(id)).length >= 2, 'two stock requests', 6000);
      const log = await stockLog(id);
      expect(log[0]!.ifNoneMatch).to.equal(null);
      expect(log[1]!.ifNoneMatch).to.be.a('string');
      expect(log[1]!.status).to.equal(304);
      expect(el.stock).to.equal(40);
      expect(el.state).to.equal('live');
    });

    it('spreads the first requests of many viewers over the poll interval', async () => {
      const id = uniqueId('spread');
      const count = 12;
      const html = Array.from(
        { length: count },
        () => `<drop-button stock-src="/__test/stock?id=${id}&available=50" stock-interval="2"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      ).join('');
      const mountedAt = Date.now();
      await fixture(`<div>${html}</div>`);
      await until(async () => (await stockLog(id)).length >= count, 'every button to ask once', 6000);
      const firsts = (await stockLog(id)).slice(0, count).map((entry) => entry.at - mountedAt);
      const spread = Math.max(...firsts) - Math.min(...firsts);
      // Twelve uniform draws over 2 s span less than a third of it with probability < 1e-4;
      // without jitter they would all land within a few ms.
      expect(spread).to.be.greaterThan(2000 / 3);
    });

    it('keeps a live button enabled when the stock endpoint fails, and keeps retrying', async () => {
      const id = uniqueId('down');
      const el = await fixture<ButtonLike>(
        `<drop-button stock-src="/__test/stock?id=${id}&status=503" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      await until(async () => (await stockLog(id)).length >= 2, 'a retry after the failure', 8000);
      await el.updateComplete;
      expect(el.state).to.equal('live');
      expect(link(el).getAttribute('href')).to.equal('https://buy.stripe.com/x');
      expect(el.shadowRoot!.querySelector('[part="stock"]')!.textContent).to.equal('');
    });

    it('treats garbage as a failure, never as sold out', async () => {
      const id = uniqueId('garbage');
      const el = await fixture<ButtonLike>(
        `<drop-button stock-src="/__test/stock?id=${id}&available=-4" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      await until(async () => (await stockLog(id)).length >= 1, 'one request', 4000);
      await sleep(50);
      expect(el.state).to.equal('live');
      expect(el.stock).to.equal(null);
    });

    it('stops polling while the page is hidden and resumes when visible', async () => {
      const id = uniqueId('hidden');
      const el = await fixture<ButtonLike>(
        `<drop-button stock-src="/__test/stock?id=${id}&available=9" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      await until(async () => (await stockLog(id)).length >= 1, 'the first request', 4000);
      const setVisibility = (value: DocumentVisibilityState) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      };
      try {
        setVisibility('hidden');
        // A request already on the wire when the page hid may still arrive; count from after it.
        await sleep(300);
        const before = (await stockLog(id)).length;
        // Visible, the next poll would come within 1.1 s (interval 1 s ± 10 %).
        await sleep(1600);
        expect((await stockLog(id)).length).to.equal(before);
      } finally {
        setVisibility('visible');
        delete (document as { visibilityState?: unknown }).visibilityState;
      }
      const resumedFrom = (await stockLog(id)).length;
      await until(async () => (await stockLog(id)).length > resumedFrom, 'polling to resume', 4000);
      expect(el.state).to.equal('live');
    });

    it('keeps polling after being moved elsewhere in the page', async () => {
      const id = uniqueId('moved');
      const el = await fixture<ButtonLike>(
        `<drop-button stock-src="/__test/stock?id=${id}&available=30" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      await until(async () => (await stockLog(id)).length >= 1, 'the first request', 4000);
      const elsewhere = await fixture('<div></div>');
      elsewhere.append(el);
      const before = (await stockLog(id)).length;
      await until(async () => (await stockLog(id)).length > before, 'polling to continue after the move', 4000);
    });

    it('stops polling once the countdown says the drop has ended, after a sold-out stock', async () => {
      const id = uniqueId('ended');
      const page = await fixture(
        `<div><div id="${id}-owner" state="live"></div><drop-button drop="${id}-owner" stock-src="/__test/stock?id=${id}&available=0" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
      );
      const button = page.querySelector('drop-button') as ButtonLike;
      await until(() => button.state === 'sold-out', 'sold-out from the stock endpoint');
      page.querySelector(`#${id}-owner`)!.setAttribute('state', 'ended');
      await until(() => button.state === 'ended', 'the countdown\'s ended');
      const asked = (await stockLog(id)).length;
      // A poll every second (±10 %) would ask twice more in this time.
      await sleep(2500);
      expect((await stockLog(id)).length, 'requests after the drop ended').to.equal(asked);
    });

    it('does not poll before the drop is live', async () => {
      const id = uniqueId('scheduled');
      await fixture<ButtonLike>(
        `<drop-button state="scheduled" stock-src="/__test/stock?id=${id}&available=9" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      // Live, the first poll would come within the 1 s interval.
      await sleep(1200);
      expect(await stockLog(id)).to.have.length(0);
    });

    it('waits out a stock-interval longer than a browser timer holds, instead of asking again at once after every answer', async () => {
      // A seller's stock-interval="3000000" (35 days): 2.7e9 ms and more wrapped round in the
      // browser's 32-bit timer and fired at once, so each viewer asked as fast as answers came.
      const id = uniqueId('long-interval');
      const reference = uniqueId('long-interval-reference');
      const random = Math.random;
      // Both first requests at once, and each later wait the shortest the jitter allows (0.9 intervals).
      Math.random = () => 0;
      try {
        await fixture(
          `<div><drop-button stock-src="/__test/stock?id=${id}&available=9" stock-interval="3000000"><a href="https://buy.stripe.com/x">Buy</a></drop-button>` +
            `<drop-button stock-src="/__test/stock?id=${reference}&available=9" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button></div>`,
        );
        await until(async () => (await stockLog(id)).length >= 1 && (await stockLog(reference)).length >= 3, 'three polls at a 1 s interval');
      } finally {
        Math.random = random;
      }
      expect((await stockLog(id)).length, 'requests at a 35-day interval').to.equal(1);
    });

    it('gives up on an endpoint that never answers and asks again, with more patience each time', async () => {
      // The first request hung for good: the button never heard of a sell-out after it.
      const id = uniqueId('hang');
      const el = await fixture<ButtonLike>(
        `<drop-button stock-src="/__test/stock?id=${id}&available=9&delay=60000" stock-interval="1"><a href="https://buy.stripe.com/x">Buy</a></drop-button>`,
      );
      await until(async () => (await stockLog(id)).length >= 2, 'a second request after the first hung', 8000);
      expect(el.state).to.equal('live');
      // The same endpoint answering in 1.5 s: more than the first request's 1 s, less than the next one's 2 s.
      await fetch(`/__test/stock/set?id=${id}&delay=1500`);
      await until(() => el.stock === 9, 'the slow answer read', 12000);
    });
  });
});
