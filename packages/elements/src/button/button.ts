import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { checkCheckoutUrl, withCheckoutParams, type CheckoutProvider } from '../shared/checkout.ts';
import { DropCheckoutEvent } from '../shared/checkout-event.ts';
import { DropFollower } from '../shared/drop-follow.ts';
import { afterSettle } from '../shared/settle.ts';
import { onPageVisibility } from '../shared/visibility.ts';
import { toHttpsUrl } from '../shared/safe-url.ts';
import { toResourceUrl } from '../shared/resource-url.ts';
import { isDropState, type DropState } from '../shared/vocabulary.ts';
import { warnOnce } from '../shared/warn.ts';
import { formatPrice, parsePrice, priceForm } from '../shared/price.ts';
import { ElementWords, countWord, localeOf } from '../shared/words.ts';
import { clocks, now, subscribe } from '../countdown/clock.ts';
import { formatTimeToDrop, timeToDropInWords } from './format.ts';
import { buttonEnglish, type ButtonWords } from './words.ts';
import type { StockPoller } from './stock-poller.ts';

/** A second click within this window belongs to the same checkout (double clicks, impatient taps). */
const REPEAT_CLICK_WINDOW_MS = 1500;
const DEFAULT_LOW_STOCK = 5;

/**
 * A number attribute that is empty or blank (a template printing a missing value, `price=""`) is
 * no number, not 0: Lit's Number read it as 0, so the live button showed "€0.00".
 */
const optionalNumber = { fromAttribute: (value: string | null) => (value?.trim() ? Number(value) : null) };

/**
 * A price as creators write it (`24.90`, `24,90`, `12.500` dinars: shared/price.ts): blank is none,
 * as above, and what is not a price stays the text written, so the warning can quote it and nothing
 * is shown. Read in willUpdate, where the currency is known: the attribute converter is not.
 */
const readPrice = (value: string, currency: string | null) => (value.trim() ? parsePrice(value, currency) ?? value : null);

/**
 * The buttons polling each stock URL, in the order they started. Only the first one's note is a live
 * region: a page showing the same product twice (a hero and a sticky bar) said "Only 3 left" twice
 * at every change. A button leaves when it stops polling or leaves the page, and the next one speaks.
 */
const stockVoices = new Map<string, Set<DropButton>>();

/**
 * What the buttons have said in this task: two buttons following one drop (a hero and a sticky bar,
 * no stock-src) go sold out in the same task and would say "Sold out" twice.
 */
const saidNow = new Set<string>();

/**
 * A buy button for any checkout. It enhances the creator's own link, which keeps working before and
 * without the script:
 *
 * ```html
 * <drop-button price="24" currency="EUR" sku="TEE-42"><a href="https://buy.stripe.com/…">Buy</a></drop-button>
 * ```
 *
 * It follows a drop's state from a `<drop-countdown>` (by `drop="<id>"` or by sitting inside one),
 * or from its own `state` attribute, and only links to an https checkout while the drop is live.
 * Its own words ("Drops in", "Sold out"…) follow the page language (`lang` on the nearest ancestor);
 * the slots below replace them.
 *
 * @fires drop-checkout - `DropCheckoutEvent` `{href, provider, sku}` before navigating; cancelable: `preventDefault()` to run your own checkout.
 *
 * @slot live - Label while the drop is live. Default: the text of the creator's link, else "Buy".
 * @slot scheduled - Label before the drop. Default: "Drops in" (the time left stays beside it), or "Coming soon".
 * @slot notify - Label before the drop when the countdown has a `notify` link. Default: "Notify me".
 * @slot sold-out - Label when sold out. Default: "Sold out".
 * @slot ended - Label after the drop. Default: "Drop ended".
 * @slot unavailable - Label when the checkout link is not usable. Default: "Checkout unavailable".
 * @slot mark - An optional `<drop-mark>` (or image) shown before the label; decorative.
 * @csspart button - The link a visitor activates (or its disabled stand-in).
 * @csspart mark - Wrapper of the mark slot.
 * @csspart label - The state's text.
 * @csspart time - Time left before the drop.
 * @csspart price - The formatted price.
 * @csspart stock - "Only 3 left"; a polite live region.
 * @cssprop [--drop-button-background=#111111] - Button colour (the creator's brand colour).
 * @cssprop [--drop-button-color=#ffffff] - Text colour on the button.
 * @cssprop [--drop-button-hover-background=var(--drop-button-background)] - Button colour on hover.
 * @cssprop [--drop-button-disabled-background=#e5e5e5] - Button colour while not live.
 * @cssprop [--drop-button-disabled-color=#404040] - Text colour while not live.
 * @cssprop [--drop-button-radius=0.5rem] - Corner radius.
 * @cssprop [--drop-button-padding=0.75em 1.25em] - Inner spacing.
 * @cssprop [--drop-button-font=inherit] - Font shorthand family/weight source.
 * @cssprop [--drop-button-focus-ring=#2563eb] - Focus outline colour.
 * @cssprop [--drop-button-stock-color=#b91c1c] - Colour of the low-stock note; #fca5a5 on a dark page.
 */
export class DropButton extends LitElement {
  static override properties = {
    state: { type: String, reflect: true },
    drop: { type: String, reflect: true },
    href: { type: String },
    price: {},
    currency: { type: String },
    sku: { type: String },
    referral: { type: String },
    target: { type: String },
    stockSrc: { type: String, attribute: 'stock-src' },
    stockInterval: { converter: optionalNumber, attribute: 'stock-interval' },
    lowStock: { converter: optionalNumber, attribute: 'low-stock' },
    lowStockText: { type: String, attribute: 'low-stock-text' },
  };

  /** The drop's state: set by the page/marketplace, or followed from the countdown. */
  declare state: DropState;
  /** Id of the `<drop-countdown>` to follow; without it the closest enclosing one is followed. */
  declare drop: string | null;
  /** Checkout link; defaults to the `href` of the creator's `<a>` inside. */
  declare href: string | null;
  /** The price, `24.90` or `24,90` (`12.500` in a three-decimal currency such as KWD; a string is read as the attribute is), shown with `currency`. */
  declare price: number | string | null;
  /** ISO 4217 code, e.g. `EUR`. */
  declare currency: string | null;
  /** Product/variant code, appended as `sku` and sent with `drop-checkout`. */
  declare sku: string | null;
  /** Attribution: a referral code, or query pairs such as `utm_source=tiktok&utm_campaign=drop` (not `ref`: React and Vue keep that name). */
  declare referral: string | null;
  /** Where the checkout opens; defaults to the creator's link's target (same tab). */
  declare target: string | null;
  /** Stock endpoint (https or same-origin) answering `{"available": n}` or `{"state": "sold-out"}`. */
  declare stockSrc: string | null;
  /** Seconds between stock polls (at least 1; default 15). */
  declare stockInterval: number | null;
  /** "Only n left" is shown when at most this many are available (default 5; 0 hides it). */
  declare lowStock: number | null;
  /** The low-stock note with `{n}` for the count, e.g. `Nur noch {n}` (default "Only {n} left" in the page language). */
  declare lowStockText: string | null;

  /*
   * What the button reads for itself (the stock count, the creator's link, the time left, whether a
   * mark is slotted): private fields, not Lit state, whose public accessors React 19 and Vue set
   * like any property: a Shopify product's `available: true` spread onto the button said "Only 1
   * left". Each change asks for an update (inside willUpdate that is the update under way).
   */
  #available: number | null = null;
  #creatorLabel = '';
  #creatorHref: string | null = null;
  #creatorTarget: string | null = null;
  #timeLeft: number | null = null;
  #hasMark = false;
  /** For updated(), which sees reactive properties in `changed` but not the creator's link (the first update checks it). */
  #creatorHrefChanged = true;
  /** Counts the changes to price and currency: only the last one's judgement is said (updated()). */
  #priceJudgement = 0;
  /** The price as written (attribute or string property), kept to read again with a new currency. */
  #priceText: string | null = null;
  /** The stock URL whose note this button may say (stockVoices), or null when it polls none. */
  #voice: string | null = null;
  /** What had focus in the creator's markup when an update began (see updated()). */
  #focused: Element | null = null;
  /** What the button last was for a reader (its state; '' while it waits, 'unusable' live with no link), undefined before its first render with words. */
  #heard: string | undefined;
  /** The news its hidden live region holds ("Sold out"), written by render when the state changes. */
  #news = '';
  /** The language of dropkit's words where it differs from the one the button inherits, else no `lang` (set by render). */
  #own: string | typeof nothing = nothing;

  #follower = new DropFollower(
    this,
    (state) => this.#adoptState(state),
    // A new `at`, `notify` or pinned `now` on the countdown changes what the scheduled state says.
    () => this.requestUpdate(),
  );
  #words = new ElementWords(this, buttonEnglish);
  #lightObserver: MutationObserver | null = null;
  #stopVisibility?: () => void;
  #stopTicker: (() => void) | null = null;
  /** The clock #stopTicker's subscription reads (clock.ts clocks). */
  #clock = '';
  #soldOutByStock = false;
  #lastCheckoutAt = -Infinity;
  #stock: StockPoller | null = null;
  /** Bumped whenever polling is stopped or replaced, so a poller chunk that arrives late is dropped. */
  #stockGeneration = 0;

  constructor() {
    super();
    this.state = 'live';
    this.drop = null;
    this.href = null;
    this.price = null;
    this.currency = null;
    this.sku = null;
    this.referral = null;
    this.target = null;
    this.stockSrc = null;
    this.stockInterval = null;
    this.lowStock = null;
    this.lowStockText = null;
  }


  /**
   * The link to check out with: `href`, else the creator's link. An empty `href` is none, not a broken
   * link: a template or framework writing a blank override field (`href=""`) disabled a button whose
   * own link was fine, "Checkout unavailable" at drop time.
   */
  #href(): string | null {
    return this.href?.trim() || this.#creatorHref;
  }

  /** Which checkout the link goes to, or null when the link is not usable. Also on `data-provider`. */
  get provider(): CheckoutProvider | null {
    const check = checkCheckoutUrl(this.#href(), document.baseURI);
    return check.ok ? check.provider : null;
  }

  /** Last stock count read from `stock-src`, or null before the first answer. */
  get stock(): number | null {
    return this.#available;
  }

  /** The checkout URL a click would open (with `sku`/`referral` applied), or null when the link is not usable. */
  get checkoutHref(): string | null {
    const check = checkCheckoutUrl(this.#href(), document.baseURI);
    if (!check.ok) return null;
    return withCheckoutParams(check.url, check.provider, { sku: this.sku, referral: this.referral }).href;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#readCreatorLink();
    this.#lightObserver = new MutationObserver(() => this.#readCreatorLink());
    this.#lightObserver.observe(this, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href', 'target'] });
    this.#stopVisibility = onPageVisibility(this.#onVisibility);
    // Moved in the DOM (frameworks reorder lists): resume the ticker and stock polling stopped on disconnect.
    if (this.hasUpdated) {
      this.requestUpdate();
      this.#updateStock();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#lightObserver?.disconnect();
    this.#lightObserver = null;
    this.#stopVisibility?.();
    this.#stopTicker?.();
    this.#stopTicker = null;
    this.#stopStock();
    this.#speakFor(null);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // The attribute, or a framework's string property ("" from a CMS, "24,90" from a shop), is read
    // with the currency, and read again when the currency comes or changes after it: `12.500` is
    // refused alone and 12.5 with KWD, whichever of the two a framework sets first.
    if (changed.has('price') || changed.has('currency')) {
      if (typeof this.price === 'string') this.#priceText = this.price;
      else if (changed.has('price')) this.#priceText = null;
      if (this.#priceText !== null) this.price = readPrice(this.#priceText, this.currency);
    }
    if (changed.has('state') && !isDropState(this.state)) {
      // No state at all (the attribute removed, a framework setting undefined) is simply the default.
      if (this.state != null) {
        warnOnce(this, 'state', `<${this.localName}> state="${String(this.state)}" is not one of scheduled, live, sold-out, ended; using live.`);
      }
      this.state = 'live';
    }
    if (changed.has('drop')) {
      const followed = this.#follower.owner;
      this.#follower.refresh();
      // The state was the drop's, not the page's: a button reused without a drop is simply live again.
      if (followed && !this.#follower.owner) this.state = this.#soldOutByStock ? 'sold-out' : 'live';
    }
    this.#updateTicker();
    this.#focused = this.contains(document.activeElement) ? document.activeElement : null;
  }

  protected override updated(changed: PropertyValues): void {
    // A visitor who Tabbed to the creator's link before the kit came (a slow phone: the page works
    // without it) lost focus to the page when the button took the link's place: the button takes it.
    if (this.#focused && !this.#focused.getClientRects().length) this.renderRoot.querySelector<HTMLElement>('[part="button"]')?.focus();
    const check = checkCheckoutUrl(this.#href(), document.baseURI);
    if (check.ok) this.dataset.provider = check.provider;
    else delete this.dataset.provider;
    if (!check.ok && (changed.has('href') || this.#creatorHrefChanged)) this.#warnUnusableLink();
    this.#creatorHrefChanged = false;
    if ((changed.has('currency') || changed.has('price')) && this.price != null) {
      // Judged on what the button holds once the page has settled with no change to them, not on this
      // update: a price that comes a moment before its currency is no mistake ("currency="null"" was
      // said for good). A button taken off the page shows nothing to judge.
      const judgement = ++this.#priceJudgement;
      afterSettle(() => judgement === this.#priceJudgement && this.isConnected && this.#checkPrice());
    }
    if (changed.has('lowStock') || changed.has('stockInterval')) {
      // "3 left" or "15s" read as NaN and did nothing, silently: low-stock hid the note for good.
      for (const [name, value, fallback] of [['low-stock', this.lowStock, DEFAULT_LOW_STOCK], ['stock-interval', this.stockInterval, 15]] as const) {
        if (value != null && Number.isNaN(Number(value))) {
          const written = typeof value === 'string' ? value : this.getAttribute(name);
          warnOnce(this, `${name}:${written}`, `<${this.localName}> ${name}="${written}" is ignored: expected a number such as ${name}="${fallback}"; using ${fallback}.`);
        }
      }
    }
    if (changed.has('state') || changed.has('stockSrc') || changed.has('stockInterval') || changed.has('drop')) this.#updateStock();
  }

  #warnUnusableLink(): void {
    // A classic script in <head> upgrades the element before the parser reaches the creator's link;
    // judge the link once the document has been parsed, not mid-way.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.#warnUnusableLink(), { once: true });
      return;
    }
    const check = checkCheckoutUrl(this.#href(), document.baseURI);
    if (!check.ok) warnOnce(this, `href:${this.#href()}`, `<${this.localName}> is disabled: ${check.reason}.`);
  }

  #adoptState(state: DropState): void {
    // A stock endpoint that reported 0 knows more than a countdown that merely reached T0.
    if (state === 'live' && this.#soldOutByStock) return;
    // Any other state the countdown says outranks the stock's 0: a drop that ended is not polled.
    this.#soldOutByStock = false;
    this.state = state;
    this.requestUpdate();
    // The wait may end on the state the button already had (live): no property changes then.
    this.#updateStock();
  }

  #readCreatorLink(): void {
    // Only the creator's own fallback link counts, not a link inside slotted label content.
    const link = [...this.querySelectorAll('a[href]')].find((a) => {
      const slotted = a.closest('[slot]');
      // The button itself may carry a slot (inside a countdown's `live` slot); that does not count.
      return !slotted || slotted === this || !this.contains(slotted);
    });
    const href = link?.getAttribute('href') ?? null;
    if (href !== this.#creatorHref) this.#creatorHrefChanged = true;
    this.#creatorHref = href;
    this.#creatorTarget = link?.getAttribute('target') ?? null;
    this.#creatorLabel = link?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    this.requestUpdate();
  }

  #checkPrice(): void {
    const price = this.price;
    if (price == null) return;
    if (!this.currency) {
      warnOnce(this, 'currency', `<${this.localName}> price="${price}" is not shown: expected a currency beside it, an ISO 4217 code such as currency="EUR".`);
    } else if (parsePrice(price, this.currency) === null) {
      warnOnce(this, `price:${price}`, `<${this.localName}> price="${price}" is not shown: expected ${priceForm(price, this.currency)}.`);
    } else if (formatPrice(price as number, this.currency, this.#language()) === null) {
      warnOnce(this, `price:${price}:${this.currency}`, `<${this.localName}> price="${price}" currency="${this.currency}" cannot be shown: expected an ISO 4217 code such as EUR.`);
    }
  }

  /** The locale the words come in (across shadow roots): a German card's price reads "24,00 €" too. */
  #language(): string {
    return this.#words.locale;
  }

  // --- time to drop ---------------------------------------------------------------------------

  #dropTime(): number | null {
    const at = this.#follower.owner?.at;
    return at instanceof Date && !Number.isNaN(at.getTime()) ? at.getTime() : null;
  }

  /** The countdown's pinned moment (previews, Storybook), or null when it follows the clock. */
  #pinnedTime(): number | null {
    const pinned = this.#follower.owner?.now;
    return pinned instanceof Date && !Number.isNaN(pinned.getTime()) ? pinned.getTime() : null;
  }

  #updateTicker(): void {
    const at = this.state === 'scheduled' ? this.#dropTime() : null;
    const pinned = this.#pinnedTime();
    if (at === null || pinned !== null) {
      this.#stopTicker?.();
      this.#stopTicker = null;
      // A pinned countdown stands still, and so does the button that follows it.
      this.#timeLeft = at === null ? null : Math.max(0, at - pinned!);
      return;
    }
    // The countdown's clock: its own time-src's, not another drop's on the page.
    const clock = clocks.get(this.#follower.owner!) ?? '';
    this.#timeLeft = Math.max(0, at - now(clock));
    if (this.#stopTicker && clock === this.#clock) return;
    this.#stopTicker?.();
    this.#clock = clock;
    // The countdown's shared ticker, aligned to the same second boundaries, so button and countdown
    // always show the same remaining time.
    this.#stopTicker = subscribe(
      (time) => {
        const target = this.#dropTime();
        const left = target === null ? null : Math.max(0, target - time);
        if (left !== this.#timeLeft) {
          this.#timeLeft = left;
          this.requestUpdate();
        }
      },
      () => this.#dropTime() ?? Number.NaN,
      clock,
    );
  }

  // --- stock ----------------------------------------------------------------------------------

  #updateStock(): void {
    const src = this.stockSrc ? toResourceUrl(this.stockSrc) : null;
    if (this.stockSrc && !src) {
      warnOnce(this, `stock-src:${this.stockSrc}`, `<${this.localName}> stock-src="${this.stockSrc}" is ignored: expected an https URL or a path on this site.`);
    }
    // Not while the countdown has yet to say the drop's state: nothing a stock answer says is shown
    // then, and at drop time that is thousands of visitors asking for nothing.
    const wanted = src !== null && this.isConnected && !this.#follower.waiting && (this.state === 'live' || this.#soldOutByStock);
    if (!wanted) {
      this.#stopStock();
      this.#speakFor(null);
      return;
    }
    this.#speakFor(src.href);
    const interval = this.stockInterval;
    if (this.#stock?.matches(src.href, interval)) return;
    this.#stopStock();
    const generation = this.#stockGeneration;
    void import('./stock-poller.ts').then(({ StockPoller }) => {
      if (generation !== this.#stockGeneration) return;
      this.#stock = new StockPoller(src.href, interval, (body) => this.#applyStock(body));
      this.#stock.start();
    });
  }

  /** Joins the buttons polling `url` (leaving the URL it polled), and hands the note's voice on when it leaves. */
  #speakFor(url: string | null): void {
    if (url === this.#voice) return;
    const left = this.#voice === null ? undefined : stockVoices.get(this.#voice);
    left?.delete(this);
    // The next button polling that URL is its voice now.
    left?.values().next().value?.requestUpdate();
    if (left?.size === 0) stockVoices.delete(this.#voice!);
    const voices = url === null ? null : stockVoices.get(url) ?? new Set<DropButton>();
    // Silent only beside another button polling the same URL: render the note without its role then.
    if (voices?.size || left?.size) this.requestUpdate();
    this.#voice = url;
    if (voices) stockVoices.set(url!, voices.add(this));
  }

  #stopStock(): void {
    this.#stockGeneration++;
    this.#stock?.stop();
    this.#stock = null;
  }

  #onVisibility = (): void => this.#stock?.visibilityChanged();

  /** Applies a stock answer; false when it could not be read (which counts as a failure, never as sold out). */
  #applyStock(body: unknown): boolean {
    if (typeof body !== 'object' || body === null) return false;
    const { available, state } = body as { available?: unknown; state?: unknown };
    if (state === 'sold-out' || state === 'ended') {
      this.#soldOutByStock = state === 'sold-out';
      this.state = state;
      return true;
    }
    if (typeof available !== 'number' || !Number.isFinite(available) || available < 0) return false;
    this.#available = Math.floor(available);
    this.requestUpdate();
    if (this.#available === 0 && this.state === 'live') {
      this.#soldOutByStock = true;
      this.state = 'sold-out';
    } else if (this.#available > 0 && this.#soldOutByStock && this.state === 'sold-out') {
      // Abandoned carts released stock: the drop is buyable again.
      this.#soldOutByStock = false;
      this.state = 'live';
    }
    return true;
  }

  // --- click ----------------------------------------------------------------------------------

  #onClick = (event: MouseEvent): void => {
    const href = this.#checkoutHrefIfLive();
    if (!href) {
      event.preventDefault();
      return;
    }
    const time = performance.now();
    if (time - this.#lastCheckoutAt < REPEAT_CLICK_WINDOW_MS) {
      event.preventDefault();
      return;
    }
    this.#lastCheckoutAt = time;
    const proceed = this.dispatchEvent(new DropCheckoutEvent({ href, provider: this.provider ?? 'other', sku: this.sku || null }));
    if (!proceed) event.preventDefault();
  };

  #onMarkSlot = (event: Event): void => {
    this.#hasMark = (event.target as HTMLSlotElement).assignedElements().length > 0;
    this.requestUpdate();
  };

  #checkoutHrefIfLive(): string | null {
    return this.state === 'live' && !this.#waiting() ? this.checkoutHref : null;
  }

  /**
   * The countdown has not said where the drop is: its chunk is still on the way (not upgraded, no
   * `state` attribute), or it holds a late visitor's page until the server time confirms T0 (still
   * scheduled with no time left; `timeLeft` is only set while scheduled). The button then stands
   * disabled with the live label, never an early checkout: going live only enables it (no layout
   * jump), anything else swaps the label once.
   */
  #waiting(): boolean {
    return this.#follower.waiting || this.#timeLeft === 0;
  }

  // --- render ---------------------------------------------------------------------------------

  protected override render() {
    const words = this.#words.current;
    // Until the words of the page language are here, the creator's own link shows, never English first.
    if (!words) return html`<slot></slot>`;
    const waiting = this.#waiting();
    const state = waiting ? 'live' : this.state;
    const checkout = this.#checkoutHrefIfLive();
    const notify = state === 'scheduled' ? toHttpsUrl(this.#follower.owner?.notify) : null;
    const href = checkout ?? notify?.href ?? null;
    const target = this.target ?? this.#creatorTarget;
    const opensElsewhere = target !== null && target !== '' && target !== '_self';
    const locale = this.#language();
    // A string left after willUpdate is what was not a price, and a number may be finer than its
    // currency (3000.5 yen): both refused with a warning.
    const amount = typeof this.price === 'number' ? parsePrice(this.price, this.currency) : null;
    const price = amount === null ? null : formatPrice(amount, this.currency, locale);
    // A low-stock that is no number keeps the default instead of hiding the note (warned in updated()).
    const given = Number(this.lowStock ?? DEFAULT_LOW_STOCK);
    const low = Number.isNaN(given) ? DEFAULT_LOW_STOCK : given;
    const showStock = !waiting && this.state === 'live' && this.#available !== null && this.#available > 0 && this.#available <= low;
    const invalid = this.provider === null;
    // The time left, when the label shows it (not "Notify me", "Coming soon" or an unusable link).
    const timeLeft = state === 'scheduled' && !notify && !invalid ? this.#timeLeft : null;
    // The time sits where the language puts it ("Drops in {time}", "Başlamasına {time} kaldı"); the
    // `scheduled` slot replaces only the words before it.
    const [before = '', after = ''] = words.dropsIn.split('{time}');
    // What dropkit writes (its words, the time, the price) carries their language when it is not the
    // one the button inherits: English on a Finnish page is read with an English voice, and on a page
    // with no lang, inside lang="" or on a de_DE one the words would otherwise be in no language a
    // reader knows. Only those nodes: the creator's text (slotted, or the link's copied into the label) keeps the page's, and
    // the link's name is made of its content, so the marked text is what a screen reader reads.
    const own = (this.#own = this.#words.lang ?? nothing);
    const speaks = this.#voice === null || stockVoices.get(this.#voice)!.values().next().value === this;
    this.#hear(waiting ? '' : this.state === 'live' && !checkout ? 'unusable' : this.state, words, speaks);
    // A screen reader would read the clock digit by digit ("2 d comma 0 1 colon 0 2"): it gets the
    // time in words instead, from text only it reads, while the clock (and the language's words after
    // it, which follow the time in words) are hidden from it. The name stays the link's content, so
    // the creator's own words in the `scheduled` slot come first, as on screen (WCAG 2.5.3). Nothing
    // here is a live region: the name is read when the button gets focus.
    return html`<a
        part="button"
        href=${href ?? nothing}
        target=${href && opensElsewhere ? target : nothing}
        rel=${href && opensElsewhere ? 'noopener noreferrer' : nothing}
        role=${href ? nothing : 'link'}
        aria-disabled=${href ? nothing : 'true'}
        tabindex=${href ? nothing : '0'}
        @click=${checkout ? this.#onClick : notify ? nothing : this.#onClick}
        ><span part="mark" aria-hidden="true" ?hidden=${!this.#hasMark}><slot name="mark" @slotchange=${this.#onMarkSlot}></slot></span
        ><span part="label">${timeLeft === null
          ? this.#label(words, invalid, notify !== null, state)
          : html`<slot name="scheduled">${this.#word(before.trim())}</slot> <span aria-hidden="true" lang=${own}><span part="time">${formatTimeToDrop(timeLeft, locale)}</span>${after}</span>`}</span
        >${timeLeft === null ? nothing : html`<span class="said" lang=${own}><span>${timeToDropInWords(timeLeft, locale)}${after}</span></span>`}${price && state === 'live' && !invalid
          ? html`<span part="price" lang=${own}>${price}</span>`
          : nothing}</a
      ><span part="stock" class=${showStock || !this.#news ? nothing : 'said'} role=${speaks ? 'status' : nothing} lang=${showStock && !this.lowStockText?.includes('{n}') ? own : nothing}
        >${showStock ? this.#lowStockNote(words, this.#available!) : this.#news ? html`<span>${this.#about(words)}<span lang=${own}>${this.#news}</span></span>` : ''}</span
      >`;
  }

  /**
   * A sell-out changes the label and empties the stock note, which a reader waiting on the button
   * never hears: the change is said in the note's live region, hidden then (the label already shows
   * it; one region, so a page of buttons is no page of live regions). So is the button becoming
   * buyable, unless its countdown flipped from scheduled and says "The drop is live." itself. Not
   * what the button is when it first shows, nor what the countdown tells it when the page loads (it
   * was waiting): that is read like the page.
   */
  #hear(now: string, words: ButtonWords, speaks: boolean): void {
    const before = this.#heard;
    if (now === before) return;
    this.#heard = now;
    const news =
      !before ? '' : now === 'sold-out' ? words.soldOut : now === 'live' && !(this.#follower.owner && before === 'scheduled') ? words.isLive : '';
    // Two products selling out together are two pieces of news; one product shown twice is one.
    const said = this.#about(words) + news;
    if (speaks && news) {
      if (saidNow.has(said)) return void (this.#news = '');
      if (!saidNow.size) setTimeout(() => saidNow.clear());
      saidNow.add(said);
    }
    this.#news = news;
  }

  /**
   * Which product a sell-out is about, on a page of several: the creator's link text ("Buy the tee
   * — €24: Sold out"), in the page's language. Not the bare "Buy" (the page language's word, as a
   * creator often writes it), which names nothing.
   */
  #about(words: ButtonWords): string {
    const label = this.#creatorLabel;
    return label && label.toLocaleLowerCase() !== words.buy.toLocaleLowerCase() ? `${label}: ` : '';
  }

  /** One of dropkit's words as a slot's default, marked with its language; the slot itself stays unmarked for the creator's text. */
  #word(text: string) {
    return html`<span lang=${this.#own}>${text}</span>`;
  }

  #lowStockNote(words: ButtonWords, available: number): string {
    if (!this.lowStockText?.includes('{n}')) return countWord(words.onlyLeft, available, this.#words.locale);
    // The creator's own note is in the page's language, and so is its count: a Persian note with
    // English digits in it ("فقط 3 مانده") was the mixed line the words' locale exists to prevent.
    return this.lowStockText.replaceAll('{n}', new Intl.NumberFormat(localeOf(this)).format(available));
  }

  #label(words: ButtonWords, invalid: boolean, notify: boolean, state: DropState) {
    if (invalid && state !== 'sold-out' && state !== 'ended') {
      return html`<slot name="unavailable">${this.#word(words.unavailable)}</slot>`;
    }
    switch (state) {
      case 'scheduled': {
        if (notify) return html`<slot name="notify">${this.#word(words.notifyMe)}</slot>`;
        // With time left, render() writes the label itself (it also gives the button its name).
        return html`<slot name="scheduled">${this.#word(words.comingSoon)}</slot>`;
      }
      case 'sold-out':
        return html`<slot name="sold-out">${this.#word(words.soldOut)}</slot>`;
      case 'ended':
        return html`<slot name="ended">${this.#word(words.dropEnded)}</slot>`;
      default:
        return html`<slot name="live">${this.#creatorLabel || this.#word(words.buy)}</slot>`;
    }
  }

  static override styles = css`
    :host {
      --drop-button-background: #111111;
      --drop-button-color: #ffffff;
      --drop-button-hover-background: var(--drop-button-background);
      --drop-button-disabled-background: #e5e5e5;
      --drop-button-disabled-color: #404040;
      --drop-button-radius: 0.5rem;
      --drop-button-padding: 0.75em 1.25em;
      --drop-button-font: inherit;
      --drop-button-focus-ring: #2563eb;
      --drop-button-stock-color: #b91c1c;
      display: inline-flex;
      flex-direction: column;
      align-items: stretch;
      gap: 0.25em;
      /* Hostile page CSS may set these on every element; the button keeps its own. */
      font: inherit;
      font-family: var(--drop-button-font);
      line-height: 1.2;
      text-align: center;
      letter-spacing: normal;
      text-transform: none;
      max-width: 100%;
    }
    /* On a page that declares itself dark (color-scheme: dark, or light dark on a dark-mode phone)
       the near-black default button would melt into the page: a light hairline keeps its shape, and
       the stock note turns light red (the default red is 2.9:1 on #121212). The button's own colours
       do not flip: a creator who set only the background relies on the white text. Browsers
       without light-dark() keep the light-page look. */
    @supports (color: light-dark(#000, #fff)) {
      :host {
        --drop-button-stock-color: light-dark(#b91c1c, #fca5a5);
      }
      [part='button'] {
        box-shadow: inset 0 0 0 1px light-dark(#0000, #fff6);
      }
    }
    /* The label is creator text: a very long word wraps inside the button instead of widening it
       (and the page) past its container. */
    [part='label'] {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    [part='button'] {
      max-width: 100%;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.5em;
      box-sizing: border-box;
      min-height: 44px;
      padding: var(--drop-button-padding);
      border-radius: var(--drop-button-radius);
      background: var(--drop-button-background);
      color: var(--drop-button-color);
      font-weight: 600;
      text-decoration: none;
      cursor: pointer;
      transition: background-color 150ms ease, transform 150ms ease;
      -webkit-tap-highlight-color: transparent;
    }
    [part='button']:hover {
      background: var(--drop-button-hover-background);
    }
    [part='button']:active {
      transform: scale(0.98);
    }
    [part='button']:focus-visible {
      outline: 3px solid var(--drop-button-focus-ring);
      outline-offset: 2px;
    }
    [part='button'][aria-disabled='true'] {
      background: var(--drop-button-disabled-background);
      color: var(--drop-button-disabled-color);
      cursor: not-allowed;
      transform: none;
    }
    [part='mark'][hidden] {
      display: none;
    }
    [part='mark'] {
      display: inline-flex;
      align-items: center;
    }
    [part='time'] {
      font-variant-numeric: tabular-nums;
    }
    /* Read, not shown: the time in words for screen readers (see render). Its text sits in a child,
       so the 1 px box is what cuts it, as for any visually hidden text. */
    .said {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    [part='price']::before {
      /* Drawn, not read: the empty alternative keeps "Buy the tee, €24" from being read "dot". */
      content: '·' / '';
      margin-inline-end: 0.5em;
    }
    [part='stock'] {
      color: var(--drop-button-stock-color);
      font-size: 0.875em;
    }
    [part='stock']:empty {
      display: none;
    }
    @media (prefers-reduced-motion: reduce) {
      [part='button'] {
        transition: none;
      }
      [part='button']:active {
        transform: none;
      }
    }
    @media (forced-colors: active) {
      [part='button'] {
        border: 1px solid ButtonText;
      }
      [part='button'][aria-disabled='true'] {
        color: GrayText;
      }
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'drop-button': DropButton;
  }
}
