/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { DROP_STATES, type DropState } from '../packages/elements/src/shared/vocabulary.ts';
import { CHECKOUT_PROVIDERS, type CheckoutProvider } from '../packages/elements/src/shared/checkout.ts';
import { documentedOnly } from './support/controls.ts';
import { recordWarnings, warningsOf } from './support/warnings.ts';
// A stock endpoint that always answers 3 left (a file on the Storybook's own site, as stock-src allows).
import lowStockUrl from './support/stock-low.json?url&no-inline';
import glyphUrl from '../test/media/mark/glyph.svg?url&no-inline';

/**
 * `<drop-button>`: the creator's own checkout link, enhanced. Each story sets `state` directly (as a
 * marketplace may); the "Follows a countdown" story shows the usual set-up with a pinned countdown.
 */
interface ButtonArgs {
  state: DropState;
  provider: CheckoutProvider | 'hostile';
  label: string;
  price: number | undefined;
  currency: string;
  sku: string;
  referral: string;
  target: '' | '_blank';
  lang: string;
  brand: string;
  textColor: string;
  radius: string;
  withMark: boolean;
  slottedLabels: boolean;
}

/** One real-looking link per provider, and one that must be refused. */
const exampleLinks: Record<ButtonArgs['provider'], string> = {
  stripe: 'https://buy.stripe.com/test_glowtee',
  shopify: 'https://nova-threads.myshopify.com/cart/42424242:1',
  gumroad: 'https://novathreads.gumroad.com/l/glowtee',
  lemonsqueezy: 'https://novathreads.lemonsqueezy.com/checkout/buy/8f2c1a',
  telegram: 'https://t.me/nova_threads_bot?start=glow-tee',
  other: 'https://shop.novathreads.example/glow-tee',
  hostile: 'javascript:alert(document.cookie)',
};

const meta: Meta<ButtonArgs> = {
  title: 'Elements/drop-button',
  component: 'drop-button',
  args: {
    state: 'live',
    provider: 'stripe',
    label: 'Buy the Glow tee',
    price: 24,
    currency: 'EUR',
    sku: 'GLOW-TEE-M',
    referral: 'utm_source=storybook',
    target: '',
    // Empty: the story follows the toolbar's Locale; a value overrides it for this story.
    lang: '',
    brand: '#6d28d9',
    textColor: '#ffffff',
    radius: '0.5rem',
    withMark: false,
    slottedLabels: false,
  },
  argTypes: {
    // DropState is no type Storybook knows: it would drop `&args=state:…` from the URL.
    state: { control: 'inline-radio', options: [...DROP_STATES], type: 'string' },
    price: { control: 'number', type: 'number', description: 'The price (a number), formatted in the page language with `currency`.', table: { category: 'attributes' } },
    // The story's own arg, not an attribute: the CSS part `label` has a row of its own (referenceRows).
    label: { control: 'text', type: 'string', description: "The text of the creator's `<a>`: the label while live." },
    // Documented from the manifest, not wired into these stories: `drop` and `href` are shown by the
    // "Follows a countdown" story and the `provider` control; stock needs a stock endpoint.
    ...documentedOnly(['drop', 'href', 'stock-src', 'stock-interval', 'low-stock', 'low-stock-text']),
    ...documentedOnly(['stockSrc', 'stockInterval', 'lowStock', 'lowStockText', 'checkoutHref', 'stock']),
    // The state slots: `label` sets the live text, `slottedLabels` fills the others, `withMark` the mark.
    ...documentedOnly(['live', 'scheduled', 'notify', 'sold-out', 'ended', 'unavailable', 'mark']),
    provider: {
      control: 'select',
      options: [...CHECKOUT_PROVIDERS, 'hostile'],
      description: 'Which example checkout link the inner `<a href>` carries (`hostile`: a javascript: URL, refused).',
    },
    target: { control: 'inline-radio', options: ['', '_blank'] },
    lang: {
      control: 'select',
      description: 'The `lang` around the button. Empty: the toolbar Locale.',
      labels: { '': '(toolbar Locale)' },
      options: ['', 'en', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt-BR', 'sv', 'tr', 'zh', 'zh-TW', 'ru', 'ar-EG', 'he'],
    },
    brand: { control: 'color', description: '`--drop-button-background`' },
    textColor: { control: 'color', description: '`--drop-button-color`' },
    radius: { description: '`--drop-button-radius`' },
    withMark: { description: 'A `<drop-mark>` in the `mark` slot.' },
    slottedLabels: { description: 'Replace every state label through its slot (German).' },
  },
  render: (args) => html`
    <div lang=${args.lang || nothing}>
      <drop-button
        state=${args.state}
        price=${args.price ?? nothing}
        currency=${args.currency || nothing}
        sku=${args.sku || nothing}
        referral=${args.referral || nothing}
        style="--drop-button-background: ${args.brand}; --drop-button-color: ${args.textColor}; --drop-button-radius: ${args.radius}"
        @drop-checkout=${(event: Event) => event.preventDefault()}
      >
        ${args.withMark
          ? html`<drop-mark slot="mark" name="Nova Threads" src-glyph=${glyphUrl} style="--drop-mark-height: 1.25em"></drop-mark>`
          : nothing}
        <a href=${exampleLinks[args.provider]} target=${args.target || nothing}>${args.label}</a>
        ${args.slottedLabels
          ? html`<span slot="scheduled">Noch</span><span slot="sold-out">Ausverkauft</span><span slot="ended">Vorbei</span
              ><span slot="unavailable">Kasse nicht verfügbar</span>`
          : nothing}
      </drop-button>
    </div>
  `,
};
export default meta;

type Story = StoryObj<ButtonArgs>;

/** Live: the creator's Stripe link with price, sku and utm params applied (clicks are intercepted here). */
export const Live: Story = {};

/** Before T0 without a countdown time: disabled, "Coming soon". */
export const Scheduled: Story = { args: { state: 'scheduled' } };

/** Sold out: disabled, still focusable so its reason is heard. */
export const SoldOut: Story = { args: { state: 'sold-out' } };

/** After the drop. */
export const Ended: Story = { args: { state: 'ended' } };

/** A `javascript:` link is never used: disabled, "Checkout unavailable", one console warning. */
export const HostileLink: Story = { args: { provider: 'hostile' } };

/**
 * A price its currency cannot have (3000.50 yen: JPY has no minor unit) is not shown rounded to a
 * price nobody wrote (¥3,001): the button shows no price and still checks out, one console warning.
 */
export const PriceThatCannotBeShown: Story = {
  args: { price: 3000.5, currency: 'JPY' },
  beforeEach: recordWarnings,
  play: async (context) => {
    const { canvasElement, args, globals } = context;
    // Another price or currency in the Controls panel is another story; this one claims 3000.5 yen.
    if (args.price !== 3000.5 || args.currency !== 'JPY') return;
    const button = canvasElement.querySelector('drop-button')!;
    const part = (name: string) => button.shadowRoot?.querySelector(`[part="${name}"]`) ?? null;
    // Drawn in the page's words (before that the creator's own link shows, with no price either way).
    await waitFor(() => expect(part('button') !== null).toBe(true));
    // Judged once the page has settled, a frame and a task after the render.
    const priceWarnings = () => warningsOf(context).filter((message) => message.includes(' price='));
    await waitFor(() => expect(priceWarnings()).toHaveLength(1), { timeout: 5000 });
    await expect(priceWarnings()[0]).toMatch(/^\[dropkit\] <drop-button> price="3000\.5" is not shown: .*JPY has no minor unit/);
    await expect(part('price')?.textContent ?? null).toBe(null);
    // Live, as the story is unless the state control or the toolbar's Drop clock says otherwise: the
    // creator's link and label, no price.
    if (args.state !== 'live' || globals.dropClock !== 'as-written') return;
    await expect(part('label')?.textContent?.trim()).toBe(args.label);
    await expect(part('button')?.getAttribute('href')?.startsWith(`${exampleLinks[args.provider]}?`)).toBe(true);
    await expect(part('button')?.hasAttribute('aria-disabled')).toBe(false);
  },
};

/** Every provider side by side; `data-provider` is what analytics and CSS see. */
export const Providers: Story = {
  render: (args) => html`
    <ul style="display: grid; gap: 12px; list-style: none; padding: 0">
      ${CHECKOUT_PROVIDERS.map(
        (provider) => html`<li>
          <drop-button style="--drop-button-background: ${args.brand}" @drop-checkout=${(e: Event) => e.preventDefault()}>
            <a href=${exampleLinks[provider]}>Buy via ${provider}</a>
          </drop-button>
          <!-- A long link wraps anywhere rather than widen a phone-sized preview. -->
          <code style="display: block; overflow-wrap: anywhere">${exampleLinks[provider]}</code>
        </li>`,
      )}
    </ul>
  `,
};

/** With the creator's glyph in the `mark` slot and brand colours. */
export const WithMark: Story = { args: { withMark: true } };

/** Prices follow the page language. */
export const PriceInJapanese: Story = { args: { lang: 'ja', price: 3200, currency: 'JPY' } };

/** A German page: the button's own words ("Bald erhältlich") come from its German chunk. */
export const German: Story = { args: { state: 'scheduled', lang: 'de', label: 'Jetzt kaufen' } };

/** Every label replaced through slots. */
export const GermanLabels: Story = { args: { slottedLabels: true, state: 'sold-out', lang: 'de', label: 'Jetzt kaufen' } };

/** The usual set-up: the button follows a countdown (here pinned after T0, so live; with a notify link before). */
export const FollowsACountdown: Story = {
  render: (args) => html`
    <drop-countdown id="story-drop" at="2026-12-05T18:00:00+01:00" now="2026-12-05T17:01:00Z" format="compact"
      >Drops Sat 5 Dec, 18:00 CET</drop-countdown
    >
    <drop-button drop="story-drop" price=${args.price ?? nothing} currency=${args.currency} @drop-checkout=${(e: Event) => e.preventDefault()}>
      <a href=${exampleLinks.stripe}>${args.label}</a>
    </drop-button>
    <hr />
    <drop-countdown id="story-drop-notify" at="2026-12-05T18:00:00+01:00" now="2026-12-05T16:00:00Z" notify="https://t.me/novathreads"
      >Drops Sat 5 Dec, 18:00 CET</drop-countdown
    >
    <drop-button drop="story-drop-notify"><a href=${exampleLinks.stripe}>${args.label}</a></drop-button>
  `,
};

/** Before T0, following a countdown with no notify link: disabled, the time to the drop in the label. */
export const DropsIn: Story = {
  render: (args) => html`
    <drop-countdown id="story-drop-soon" at="2026-12-05T18:00:00+01:00" now="2026-12-05T16:48:30Z" format="compact"
      >Drops Sat 5 Dec, 18:00 CET</drop-countdown
    >
    <drop-button drop="story-drop-soon" price=${args.price ?? nothing} currency=${args.currency}>
      <a href=${exampleLinks.stripe}>${args.label}</a>
    </drop-button>
  `,
};

/**
 * Few left: `stock-src` answers `{"available": 3}`, at most `low-stock` (default 5), so the button says
 * "Only 3 left" under it (polled every second here; 15 s by default). In the dark theme (a page with
 * `color-scheme: dark`) the note turns light red by itself.
 */
export const LowStock: Story = {
  render: (args) => html`
    <div lang=${args.lang || nothing}>
      <drop-button
        price=${args.price ?? nothing}
        currency=${args.currency || nothing}
        stock-src=${lowStockUrl}
        stock-interval="1"
        style="--drop-button-background: ${args.brand}; --drop-button-color: ${args.textColor}"
        @drop-checkout=${(event: Event) => event.preventDefault()}
      >
        <a href=${exampleLinks.stripe}>${args.label}</a>
      </drop-button>
    </div>
  `,
  // axe then checks the note too; without an answer from stock-src the story fails here.
  play: async ({ canvasElement }) => {
    const button = canvasElement.querySelector('drop-button')!;
    await waitFor(() => expect(button.shadowRoot?.querySelector('[part="stock"]')?.textContent).toMatch(/3/), { timeout: 5000 });
  },
};
