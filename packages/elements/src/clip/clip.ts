import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { DropCheckoutEvent } from '../shared/checkout-event.ts';
import { withCheckoutParams } from '../shared/checkout.ts';
import { DropFollower } from '../shared/drop-follow.ts';
import { afterSettle } from '../shared/settle.ts';
import { toResourceUrl } from '../shared/resource-url.ts';
import type { DropState } from '../shared/vocabulary.ts';
import { warnOnce } from '../shared/warn.ts';
import { onPageVisibility } from '../shared/visibility.ts';
import { ElementWords } from '../shared/words.ts';
import { clipStyles } from './clip.styles.ts';
import { DropClipProgressEvent, DropProductClickEvent, DropProductViewEvent, type ClipProductDetail } from './events.ts';
import { productInputOf } from './product.ts';
import { formatPrice, readProduct, readProductCue, type ClipProduct, type ProductReading } from './product-data.ts';
import { milestonesPassed, shownAt, type ProgressMilestone } from './timeline.ts';
import { clipEnglish } from './words.ts';

/**
 * Where the clip is in its life. `idle`: only the poster, nothing requested. `ready`: the video is
 * attached and waits for a reason to play. `blocked`: the browser refused to start it (autoplay
 * policy) and a play button waits for the visitor.
 */
export const CLIP_PLAYBACK = ['idle', 'ready', 'playing', 'paused', 'blocked', 'ended', 'error'] as const;
export type ClipPlayback = (typeof CLIP_PLAYBACK)[number];

/** How far outside the viewport the video starts loading, so it is ready when scrolled to. */
const NEAR_VIEWPORT = '300px 0px';
/** A card counts as seen after this long on screen. */
const VIEW_AFTER_MS = 1000;
const CAPTION_KINDS = ['captions', 'subtitles'];
/** A second click on the same product within this window is the same checkout, as on the buy button. */
const REPEAT_CLICK_WINDOW_MS = 1500;
/** More than a clip's cards, end screen and list can show usefully; see #first. */
const MAX_PRODUCTS = 100;

interface ClipTrack {
  kind: string;
  src: string;
  srclang: string | null;
  label: string | null;
  isDefault: boolean;
}

/**
 * A short shoppable product clip: lazy, muted autoplay while in view, timed product cards and
 * hotspots, an end carousel of every product, and a product list that keeps the buy path whatever
 * happens to the video.
 *
 * Without JavaScript the creator's own markup (product links under a poster image) is what shows.
 *
 * @fires drop-product-view - A product card was on screen for at least 1 s (`DropProductViewEvent`).
 * @fires drop-product-click - A product card, hotspot or list link started a checkout, once per checkout (`DropProductClickEvent`).
 * @fires drop-clip-progress - Playback passed 25, 50, 75 or 100 % (`DropClipProgressEvent`).
 * @fires drop-checkout - A checkout starts from a product card (cancelable `DropCheckoutEvent`); cards that are `<drop-button>`s fire it themselves.
 *
 * @slot - `<drop-product>` elements and `<track>`s (captions, subtitles, and `metadata` tracks whose cues are JSON products); other content is the no-JavaScript fallback, shown until the clip runs in the page language.
 *
 * @csspart base - The wrapper around stage and list.
 * @csspart stage - The box with the video, reserving its aspect ratio before anything loads.
 * @csspart video - The `<video>`.
 * @csspart poster - The poster image shown when the video cannot play.
 * @csspart play-overlay - The large play button shown when the clip waits for the visitor.
 * @csspart controls - The control bar.
 * @csspart control - Each control button (also `play-pause`, `mute`, `captions`).
 * @csspart cards - The list of timed product cards over the video.
 * @csspart card - One product card (timed, carousel or list).
 * @csspart card-link - The link inside a card.
 * @csspart card-name - A card's product name when the card is a button or has no link.
 * @csspart card-button - The `<drop-button>` inside a card when the clip follows a drop.
 * @csspart card-image - A card's thumbnail.
 * @csspart card-price - A card's price.
 * @csspart hotspot - A product hotspot over the video.
 * @csspart carousel - The end-of-clip carousel of every product.
 * @csspart replay - The "watch again" button in the carousel.
 * @csspart list - The list of every product (for screen readers; visible when the video fails).
 *
 * @cssprop [--drop-clip-aspect-ratio=9 / 16] - Box of the video before it loads (overridden by `ratio`).
 * @cssprop [--drop-clip-radius=12px] - Corner radius of the stage and cards.
 * @cssprop [--drop-clip-background=#111] - Stage background behind the video.
 * @cssprop [--drop-clip-accent=#ff3d7f] - Hotspots, focus rings and the play button.
 * @cssprop [--drop-clip-card-background=rgb(255 255 255 / 0.94)] - Card background.
 * @cssprop [--drop-clip-card-color=#111] - Card text colour.
 * @cssprop [--drop-clip-control-background=rgb(0 0 0 / 0.6)] - Control buttons' background.
 * @cssprop [--drop-clip-control-color=#fff] - Control buttons' icon colour.
 * @cssprop [--drop-clip-font=system-ui, sans-serif] - Font of cards and controls.
 */
export class DropClip extends LitElement {
  static override properties = {
    src: { reflect: true },
    poster: { reflect: true },
    drop: { reflect: true },
    ratio: { reflect: true },
    label: { reflect: true },
    referral: { reflect: true },
    playback: { reflect: true },
    state: { reflect: true },
    buffering: { type: Boolean, reflect: true },
  };

  static override styles = clipStyles;

  /** The clip (WebM or MP4) URL. Nothing is requested until the clip nears the viewport. */
  declare src: string | null;
  /** Poster image shown before playback and whenever the video cannot play. */
  declare poster: string | null;
  /** The id of the `<drop-countdown>` whose drop the product buttons follow; without it cards are plain links. */
  declare drop: string | null;
  /** Width / height of the video, e.g. `9/16` or `16:9`, reserved before it loads. */
  declare ratio: string | null;
  /** Accessible name of the clip; defaults to "Product clip" in the page language. */
  declare label: string | null;
  /** Referral code or `utm_*=…` pairs added to every product's checkout link (not `ref`: React and Vue keep that name). */
  declare referral: string | null;
  /** Read-only: where playback is (one of `CLIP_PLAYBACK`), reflected for styling and tests. */
  declare playback: ClipPlayback;
  /** Read-only: the followed drop's state (`null` without a drop), reflected for `:host([state=…])` styling. */
  declare state: DropState | null;
  /**
   * Read-only: the clip should be playing but waits for video data (a slow start, a network stall,
   * a seek). A spinner shows after half a second and the video is `aria-busy`; reflected for styling.
   */
  declare buffering: boolean;

  /*
   * What the clip finds out for itself: private fields, not Lit state, whose public accessors React 19
   * and Vue set like any property (a page spreading {muted: false, shown: [3]} onto every widget
   * unmuted the preview and made the next update throw). Each change asks for an update itself.
   */
  #loadRequested = false;
  /** For willUpdate and updated, which see Lit's `changed` only for properties. */
  #loadChanged = false;
  #muted = true;
  #captionsOn = false;
  #reducedMotion = false;
  /** Counts the products' readings: only the last one's judgement is said (readLightProducts). */
  #productJudgement = 0;
  /** Indexes of the products whose timed card is up now. */
  #shown: readonly number[] = [];

  /**
   * The followed drop's state: `state` is read-only, yet a page or framework may set it (a
   * marketplace passing the buy button's props to every drop widget), and a hotspot then linked
   * to the checkout before T0.
   */
  #followed: DropState | null = null;
  private readonly follower = new DropFollower(this, (state) => (this.state = this.#followed = state));
  /**
   * What the clip shows, read and checked from its `<drop-product>`s and metadata tracks only. Not a
   * reactive property: those have a public accessor, and a framework setting `clip.products = …` (React
   * 19 sets any property the element has) would replace the checked products with unchecked ones, a
   * `javascript:` link among them.
   */
  #products: readonly ClipProduct[] = [];
  private lightProducts: readonly ClipProduct[] = [];
  private cueProducts: readonly ClipProduct[] = [];
  private halfVisible = false;
  private inViewport = false;
  private userPaused = false;
  private autoplayRefused = false;
  private progressFrom = 0;
  private readonly progressFired = new Set<ProgressMilestone>();
  // Views are counted per product (see `productKey`), not per place in the list.
  private readonly viewTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly viewed = new Set<string>();
  /** The product whose checkout a card link last started (its `productKey`), and when. */
  #lastCheckout: [string, number] = ['', -Infinity];
  private observers: { disconnect(): void }[] = [];
  private reducedMotionQuery: MediaQueryList | null = null;
  private readonly words = new ElementWords(this, clipEnglish);
  /** Whether the last render had the words, i.e. drew the video and not only the fallback slot. */
  private renderedWithWords = false;
  /** The language of the clip's words where it differs from the one the clip inherits, else no `lang` (set by render). */
  #own: string | typeof nothing = nothing;

  constructor() {
    super();
    this.src = null;
    this.poster = null;
    this.drop = null;
    this.ratio = null;
    this.label = null;
    this.referral = null;
    this.playback = 'idle';
    this.state = null;
    this.buffering = false;
  }

  /** Starts playback as if the visitor pressed play (loads the video first if needed). */
  async play(): Promise<void> {
    this.userPaused = false;
    this.autoplayRefused = false;
    this.#requestLoad();
    await this.updateComplete;
    const video = this.video;
    if (!video || this.playback === 'error') return;
    if (this.playback === 'ended') video.currentTime = 0;
    try {
      await video.play();
    } catch (error) {
      this.onPlayRefused(error);
    }
  }

  /** Pauses and keeps the clip paused until the visitor (or `play()`) starts it again. */
  pause(): void {
    this.userPaused = true;
    this.video?.pause();
  }

  private get video(): HTMLVideoElement | null {
    return this.renderRoot?.querySelector('video') ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.readLightProducts();
    // A classic script in <head> upgrades the clip before the parser reaches its products' names:
    // read them again, and only then judge them, once the document has been parsed.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.readLightProducts(), { once: true });
    const children = new MutationObserver((records) => {
      // The clip's own reflected attributes (playback, state) change often and say nothing new about products.
      if (records.some((record) => record.type !== 'attributes' || record.target !== this)) this.readLightProducts();
    });
    children.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });

    const near = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        this.#requestLoad();
        near.disconnect();
      }
    }, { rootMargin: NEAR_VIEWPORT });
    near.observe(this);

    const visibility = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1]!;
      this.inViewport = entry.isIntersecting;
      this.halfVisible = entry.isIntersecting && entry.intersectionRatio >= 0.5;
      this.followVisibility();
    }, { threshold: [0, 0.5] });
    visibility.observe(this);

    this.reducedMotionQuery = matchMedia('(prefers-reduced-motion: reduce)');
    this.#setReducedMotion(this.reducedMotionQuery.matches);
    this.reducedMotionQuery.addEventListener('change', this.onReducedMotionChange);
    this.addEventListener('keydown', this.onKeydown);

    this.observers = [children, near, visibility, { disconnect: onPageVisibility(this.onPageVisibility) }];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const observer of this.observers.splice(0)) observer.disconnect();
    this.reducedMotionQuery?.removeEventListener('change', this.onReducedMotionChange);
    this.removeEventListener('keydown', this.onKeydown);
    this.clearViewTimers();
    this.video?.pause();
  }

  /** Resolves once the clip has rendered in its language: its video exists only from then on. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    // Each fetch is awaited once: a language changed mid-way brings a new one, nothing loops forever.
    for (let awaited = null, pending; (pending = this.words.pending) && pending !== awaited; awaited = pending) {
      await pending;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.state = this.#followed;
    if (changed.has('drop') && changed.get('drop') !== undefined) this.follower.refresh();
    if (changed.has('ratio') && this.ratio !== null && parseRatio(this.ratio) === null) {
      warnOnce(this, 'ratio', `<drop-clip>: expected ratio like "9/16" or "16:9" but received ${JSON.stringify(this.ratio)}; using 9/16`);
    }
    if (changed.has('poster') && this.poster && !mediaUrl(this.poster)) this.refusedUrl('poster', this.poster);
    if ((changed.has('src') || this.#loadChanged) && this.#loadRequested && this.mediaSrc === null) {
      this.refusedUrl('src', this.src);
      this.playback = 'error';
    }
    if (changed.has('src') && changed.get('src') !== undefined && this.mediaSrc !== null) {
      // A new clip starts over: its own progress, its own failures.
      this.playback = this.#loadRequested ? 'ready' : 'idle';
      this.autoplayRefused = false;
      this.progressFired.clear();
      this.progressFrom = 0;
    }
    if (this.#loadChanged && this.playback === 'idle') this.playback = 'ready';
    // A caption track marked `default` starts with captions on, and the CC button says so: the
    // browser showed them while the button said off, and the first c did nothing to be seen.
    if (this.#loadChanged && this.tracks.some((track) => track.isDefault && CAPTION_KINDS.includes(track.kind))) this.#captionsOn = true;
  }

  protected override update(changed: PropertyValues): void {
    // The clip's own controls and cards, or the creator's markup shown before the clip's own (a
    // product's link Tabbed to before the kit came, on a slow phone).
    const focused = (this.renderRoot as ShadowRoot).activeElement ?? (this.contains(document.activeElement) ? document.activeElement : null);
    super.update(changed);
    // A keyboard user's place must not vanish with what it was on ("Play clip" once playing, a card
    // whose time is over): focus fell to the page, and the next Tab started from its top. A video
    // that fails takes the controls too: the title of the product list shown in their place takes
    // it then, focusable for that alone (it is no control).
    const target = focused && !focused.getClientRects().length && this.renderRoot.querySelector<HTMLElement>('[part~="play-pause"], #list-title');
    if (target && target.id) target.tabIndex = -1;
    if (target) target.focus();
  }

  protected override updated(changed: PropertyValues): void {
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    const ratio = this.ratio === null ? null : parseRatio(this.ratio);
    // Set through the CSSOM, never as markup: strict page CSPs refuse inline style attributes.
    if (stage) stage.style.aspectRatio = ratio ? `${ratio[0]} / ${ratio[1]}` : '';
    for (const hotspot of this.renderRoot.querySelectorAll<HTMLElement>('[part~="hotspot"]')) {
      const product = this.#products[Number(hotspot.dataset['index'])];
      if (product?.x != null && product.y != null) {
        hotspot.style.setProperty('left', `${product.x}%`);
        hotspot.style.setProperty('top', `${product.y}%`);
      }
    }
    // The video exists only from the first render with words on, which may come after the load request.
    const videoNew = !this.renderedWithWords && this.words.current !== null;
    this.renderedWithWords = this.words.current !== null;
    const loadChanged = this.#loadChanged;
    this.#loadChanged = false;
    if ((loadChanged || videoNew) && this.#loadRequested) {
      this.listenToTracks();
      this.followVisibility();
    } else if (changed.has('src') && this.#loadRequested) {
      // A new src stops the video (the media load algorithm pauses it, with no pause event): a clip
      // in view starts the new one as it would have started the first.
      this.followVisibility();
    }
    if (loadChanged || videoNew) this.applyCaptions();
  }

  // --- products -----------------------------------------------------------------------------

  private readLightProducts(): void {
    this.lightProducts = this.keepProducts(this.#readLight(), false);
    this.#setProducts();
    // Judged on what the products hold once the page has settled with no change, not as each change is
    // read: a price that comes a moment before its currency is no mistake, and while the document is
    // parsed its names are not all there.
    const judgement = ++this.#productJudgement;
    afterSettle(() => judgement === this.#productJudgement && this.isConnected && this.keepProducts(this.#readLight()));
  }

  #readLight(): ProductReading[] {
    return this.#first([...this.querySelectorAll('drop-product')]).map((element) => readProduct(productInputOf(element), document.baseURI, mediaUrl));
  }

  /**
   * A seller's 10 000 products (or cues) froze a marketplace's page for 11 s as the clip drew a card
   * button for each (their listeners on one countdown cost the square of their number): a clip shows
   * its first MAX_PRODUCTS, and says so once.
   */
  #first<T>(items: T[]): T[] {
    if (items.length > MAX_PRODUCTS) warnOnce(this, 'products:max', `<drop-clip> shows its first ${MAX_PRODUCTS} of ${items.length} products`);
    return items.slice(0, MAX_PRODUCTS);
  }

  #setProducts(): void {
    this.#products = this.#first([...this.lightProducts, ...this.cueProducts]);
    this.requestUpdate();
    this.syncToTime();
  }

  private keepProducts(readings: ProductReading[], warn = true): ClipProduct[] {
    const products: ClipProduct[] = [];
    for (const { product, problems } of readings) {
      if (warn) for (const problem of problems) warnOnce(this, `product:${problem}`, `<drop-clip>: ${problem}`);
      if (product) products.push(product);
    }
    return products;
  }

  private listenToTracks(): void {
    const metadata = [...this.renderRoot.querySelectorAll<HTMLTrackElement>('track[kind="metadata"]')];
    for (const element of metadata) {
      // Metadata tracks are disabled by default, and a disabled track never loads its cues.
      element.track.mode = 'hidden';
      const read = () => {
        // Every metadata track's cues, in markup order: one track arriving must not replace another's.
        const cues = this.#first(metadata.flatMap((track) => [...(track.track.cues ?? [])]) as VTTCue[]);
        const readings = cues.map((cue) => readProductCue(cue.text, cue.startTime, cue.endTime, document.baseURI, mediaUrl));
        this.cueProducts = this.keepProducts(readings);
        this.#setProducts();
      };
      if (element.readyState === HTMLTrackElement.LOADED) read();
      element.addEventListener('load', read);
      element.addEventListener('error', () =>
        warnOnce(this, `track:${element.src}`, `<drop-clip>: could not load the metadata track ${element.src}`),
      );
    }
  }

  private get tracks(): ClipTrack[] {
    return [...this.querySelectorAll(':scope > track')].flatMap((element) => {
      const kind = element.getAttribute('kind') ?? 'subtitles';
      const src = mediaUrl(element.getAttribute('src'));
      if (!src) this.refusedUrl('<track> src', element.getAttribute('src'));
      if (!src || ![...CAPTION_KINDS, 'metadata'].includes(kind)) return [];
      return [{ kind, src, srclang: element.getAttribute('srclang'), label: element.getAttribute('label'), isDefault: element.hasAttribute('default') }];
    });
  }

  /** A video, poster or track the clip will not load says so once (it shows the poster and products instead of a refused video). */
  private refusedUrl(what: string, value: string | null): void {
    warnOnce(this, `${what}:${value}`, `<drop-clip>: expected ${what} to be an https (or same-site) URL but received ${JSON.stringify(value)}; ignored`);
  }

  private get mediaSrc(): string | null {
    return mediaUrl(this.src);
  }

  // --- time ---------------------------------------------------------------------------------

  /** Everything that depends on the media clock is recomputed from `currentTime`, never counted. */
  private syncToTime = (): void => {
    const video = this.video;
    const t = video && this.#loadRequested ? video.currentTime : Number.NaN;
    const over = this.playback === 'ended' || this.playback === 'error';
    const next = over ? [] : shownAt(this.#products, t);
    // The cards stay as they are while one has focus (as a carousel stops turning): a card whose
    // time ran out took a keyboard user's focus away as they reached it, and one going while the
    // card after it stayed gave the focused link the next product, so Enter bought the hoodie the
    // visitor had not heard named. Focus leaving them lets them follow the video again.
    const held = !over && this.shadowRoot?.querySelector('.cards:focus-within');
    if (!held && (next.length !== this.#shown.length || next.some((index, i) => this.#shown[i] !== index))) {
      this.#shown = next;
      this.requestUpdate();
    }
    // `playback` keeps saying "playing" through a stall (the visitor's Pause still applies); this
    // says that the picture is frozen, so the frame on screen does not look like a broken clip.
    this.buffering = !!video && !video.paused && this.playback !== 'error' && video.readyState < video.HAVE_FUTURE_DATA;
    this.trackViews();
  };

  private onTimeUpdate = (): void => {
    const video = this.video;
    if (!video) return;
    if (!video.seeking) this.reportProgress(video.currentTime, video.duration);
    this.syncToTime();
  };

  private onSeek = (): void => {
    // Progress counts what was watched: a jump restarts the run from where it landed.
    this.progressFrom = this.video?.currentTime ?? 0;
    this.syncToTime();
  };

  private reportProgress(to: number, duration: number): void {
    // A recording with no Duration in its header (a browser's MediaRecorder) says Infinity until the
    // browser knows: the run so far is kept and judged on the durationchange that tells it.
    if (!Number.isFinite(duration)) return;
    for (const percent of milestonesPassed(this.progressFrom, to, duration)) {
      if (this.progressFired.has(percent)) continue;
      this.progressFired.add(percent);
      this.dispatchEvent(new DropClipProgressEvent(percent));
    }
    if (to > this.progressFrom) this.progressFrom = to;
  }

  // --- views --------------------------------------------------------------------------------

  /** Cards count as seen only while a person could see them: clip in view, tab visible. */
  private trackViews(): void {
    const canSee = this.inViewport && document.visibilityState === 'visible';
    const indexes = !canSee ? [] : this.playback === 'ended' ? this.#products.map((_, index) => index) : this.#shown;
    const onScreen = indexes.map((index) => productKey(this.#products[index]!));
    for (const [key, timer] of this.viewTimers) {
      if (!onScreen.includes(key)) {
        clearTimeout(timer);
        this.viewTimers.delete(key);
      }
    }
    for (const key of onScreen) {
      if (this.viewed.has(key) || this.viewTimers.has(key)) continue;
      this.viewTimers.set(
        key,
        setTimeout(() => {
          this.viewTimers.delete(key);
          // Where the product is now: the list may have changed around it during that second.
          const index = this.#products.findIndex((product) => productKey(product) === key);
          if (index < 0) return;
          this.viewed.add(key);
          this.dispatchEvent(new DropProductViewEvent(this.detailOf(index)));
        }, VIEW_AFTER_MS),
      );
    }
  }

  private clearViewTimers(): void {
    for (const timer of this.viewTimers.values()) clearTimeout(timer);
    this.viewTimers.clear();
  }

  // --- playback -----------------------------------------------------------------------------

  private get mayAutoplay(): boolean {
    return (
      this.halfVisible &&
      document.visibilityState === 'visible' &&
      !this.#reducedMotion &&
      !this.userPaused &&
      !this.autoplayRefused &&
      // Judged on the video, not on \`playback\`: media events arrive a task after pause()/play().
      this.playback !== 'ended' &&
      this.playback !== 'error'
    );
  }

  private followVisibility(): void {
    const video = this.video;
    this.trackViews();
    if (!video || !this.#loadRequested) return;
    if (this.mayAutoplay && video.paused) {
      // Muted unless the visitor turned the sound on (that press lets the page play sound); a browser
      // refusing sound gets the muted preview rather than a play button.
      const start = (): Promise<void> =>
        video.play().catch((error: unknown) => {
          if (video.muted || (error as Error).name !== 'NotAllowedError') return this.onPlayRefused(error);
          this.#setMuted(true);
          return start();
        });
      void start();
    } else if (!video.paused && (!this.inViewport || document.visibilityState !== 'visible')) {
      video.pause();
    }
  }

  private onPlayRefused(error: unknown): void {
    // An AbortError only means a pause or new source interrupted the start; nothing to show.
    if (error instanceof DOMException && error.name === 'AbortError') return;
    if (this.playback === 'error') return;
    this.autoplayRefused = true;
    this.playback = 'blocked';
  }

  private onPageVisibility = (): void => this.followVisibility();

  private onReducedMotionChange = (event: MediaQueryListEvent): void => {
    this.#setReducedMotion(event.matches);
    if (event.matches && !this.video?.paused && this.#muted) this.video?.pause();
  };

  private onVideoEvent = (event: Event): void => {
    const video = event.currentTarget as HTMLVideoElement;
    switch (event.type) {
      case 'playing':
      case 'play':
        this.playback = 'playing';
        break;
      case 'pause':
        if (!video.ended && this.playback !== 'error') this.playback = 'paused';
        break;
      case 'ended':
        this.reportProgress(video.duration, video.duration);
        this.playback = 'ended';
        break;
      case 'error':
        this.playback = 'error';
        // Once per video, not per clip: a new src that fails too is another thing to fix.
        warnOnce(this, `error:${video.currentSrc}`, `<drop-clip>: the video ${video.currentSrc || this.src} could not be played (${video.error?.message || 'media error ' + video.error?.code}); showing the poster and products`);
        break;
      case 'volumechange':
        this.#setMuted(video.muted);
        break;
    }
    this.syncToTime();
  };

  private togglePlay(): void {
    if (this.playback === 'playing') this.pause();
    else void this.play();
  }

  private toggleMute(): void {
    this.#setMuted(!this.#muted);
  }

  /** The video's own `muted` is set at once, not at the next render: autoplay needs it before play(). */
  #setMuted(muted: boolean): void {
    this.#muted = muted;
    if (this.video) this.video.muted = muted;
    this.requestUpdate();
  }

  #setReducedMotion(reduce: boolean): void {
    this.#reducedMotion = reduce;
    this.requestUpdate();
  }

  #requestLoad(): void {
    if (this.#loadRequested) return;
    this.#loadRequested = this.#loadChanged = true;
    this.requestUpdate();
  }

  /** False when there are no captions to switch: the key is then the page's (see onKeydown). */
  private toggleCaptions(): boolean {
    if (!this.tracks.some((track) => CAPTION_KINDS.includes(track.kind))) return false;
    this.#captionsOn = !this.#captionsOn;
    this.applyCaptions();
    this.requestUpdate();
    return true;
  }

  private applyCaptions(): void {
    const video = this.video;
    if (!video) return;
    for (const track of [...video.textTracks]) {
      if (CAPTION_KINDS.includes(track.kind)) track.mode = this.#captionsOn ? 'showing' : 'disabled';
    }
  }

  private onKeydown = (event: KeyboardEvent): void => {
    // Without a video (the page's words still on the way, or it failed) there is nothing to play or mute.
    if (event.ctrlKey || event.metaKey || event.altKey || this.playback === 'error' || !this.video) return;
    const origin = event.composedPath()[0] as Element | undefined;
    const onControl = origin instanceof Element && origin.closest('a, button, input, select, textarea, drop-button') !== null;
    const key = event.key.toLowerCase();
    if (key === 'k' || (key === ' ' && !onControl)) this.togglePlay();
    else if (key === 'm') this.toggleMute();
    // A key the clip does nothing with stays the page's or the screen reader's (a clip without captions and c).
    else if (key !== 'c' || !this.toggleCaptions()) return;
    event.preventDefault();
  };

  // --- products: clicks and details --------------------------------------------------------

  private detailOf(index: number): ClipProductDetail {
    const product = this.#products[index]!;
    return { name: product.name, href: product.href, sku: product.sku, index };
  }

  private checkoutHref(product: ClipProduct): string | null {
    if (product.href === null || product.provider === null) return null;
    return withCheckoutParams(new URL(product.href), product.provider, { sku: product.sku, referral: this.referral }).href;
  }

  /**
   * A product click is counted when it starts a checkout, as the buy button fires `drop-checkout`:
   * a card button calls this on its own `drop-checkout` (none while disabled, none for a repeat), a
   * plain link on its click, after the same repeat check. Analytics then count what a visitor could
   * act on, once per checkout.
   */
  private onProductClick(event: Event, index: number, viaButton: boolean): void {
    const product = this.#products[index];
    const href = product && this.checkoutHref(product);
    if (!href) return;
    if (!viaButton) {
      // A double click (or an impatient second tap) would start a marketplace's own checkout twice.
      const [last, at] = this.#lastCheckout;
      this.#lastCheckout = [productKey(product), performance.now()];
      if (last === this.#lastCheckout[0] && this.#lastCheckout[1] - at < REPEAT_CLICK_WINDOW_MS) {
        event.preventDefault();
        return;
      }
    }
    this.dispatchEvent(new DropProductClickEvent(this.detailOf(index)));
    // A <drop-button> announces its own checkout; plain links get the same cancelable event here so
    // a marketplace can run its own flow whichever card it is.
    if (viaButton) return;
    const checkout = new DropCheckoutEvent({ href, provider: product.provider!, sku: product.sku });
    this.dispatchEvent(checkout);
    if (checkout.defaultPrevented) event.preventDefault();
  }

  // --- rendering ----------------------------------------------------------------------------

  private renderProduct(index: number, where: 'card' | 'list') {
    const product = this.#products[index]!;
    const href = this.checkoutHref(product);
    // The words' locale is the clip's own language (nearest `lang`), so prices and words agree.
    const price = formatPrice(product.price, product.currency, this.words.locale);
    // With a drop, every way to buy (cards, end carousel, the list) is a button that knows whether
    // the drop is open; a plain link there would let visitors buy before T0 or after a sell-out.
    const useButton = this.drop !== null && href !== null;
    const image = product.image && where === 'card' ? html`<img part="card-image" src=${product.image} alt="" loading="lazy" />` : nothing;
    const priceText = price === null ? nothing : html` <span part="card-price" lang=${this.#own}>${price}</span>`;
    let body;
    if (href === null) {
      body = html`<span part="card-name">${product.name}</span>${priceText}`;
    } else if (useButton) {
      // The button applies sku/referral itself and swaps its label with the drop's state ("Drops in 2h",
      // "Sold out"), so the product's name and price stay beside it rather than inside it.
      body = html`<span class="card-text"><span part="card-name">${product.name}</span>${priceText}</span>
        <drop-button
          part="card-button"
          drop=${this.drop!}
          sku=${product.sku ?? nothing}
          referral=${this.referral ?? nothing}
          @drop-checkout=${(event: Event) => this.onProductClick(event, index, true)}
          ><a href=${product.href!}></a></drop-button
        >`;
    } else {
      body = html`<a part="card-link" href=${href} @click=${(event: MouseEvent) => this.onProductClick(event, index, false)}
        >${product.name}${priceText}</a
      >`;
    }
    return html`<li part="card" class="card">${image}${body}</li>`;
  }

  private renderHotspot(index: number) {
    const product = this.#products[index]!;
    const href = this.checkoutHref(product);
    if (product.x === null || product.y === null) return nothing;
    // Before the drop opens (or once it is over) the dot only points; the card's button says why. So it
    // does while the drop's countdown has not said its state yet (its chunk still on the way).
    const buyable = href !== null && (this.drop === null || this.state === 'live' || (this.state === null && !this.follower.waiting));
    if (!buyable) return html`<span part="hotspot" class="hotspot" data-index=${index} aria-hidden="true"></span>`;
    // The card beside it is the accessible way to the same product; the dot is for pointers only.
    return html`<a
      part="hotspot"
      class="hotspot"
      data-index=${index}
      href=${href}
      tabindex="-1"
      aria-hidden="true"
      @click=${(event: MouseEvent) => this.onProductClick(event, index, false)}
    ></a>`;
  }

  private renderControls() {
    const words = this.words.current!;
    const playing = this.playback === 'playing';
    const hasCaptions = this.tracks.some((track) => CAPTION_KINDS.includes(track.kind));
    // The buttons are nothing but the clip's words (the icons are hidden) and the bar holds nothing
    // of the creator's, so the bar's lang marks their names.
    return html`<div part="controls" class="controls" lang=${this.#own}>
      <button part="control play-pause" type="button" aria-label=${playing ? words.pause : words.play} @click=${() => this.togglePlay()}>
        ${playing ? icons.pause : icons.play}
      </button>
      <button part="control mute" type="button" aria-label=${words.mute} aria-pressed=${this.#muted ? 'true' : 'false'} @click=${() => this.toggleMute()}>
        ${this.#muted ? icons.muted : icons.sound}
      </button>
      ${hasCaptions
        ? html`<button part="control captions" type="button" aria-label=${words.captions} aria-pressed=${this.#captionsOn ? 'true' : 'false'} @click=${() => this.toggleCaptions()}>
            ${icons.captions}
          </button>`
        : nothing}
    </div>`;
  }

  override render() {
    const words = this.words.current;
    // Until the words of the page language are here, the creator's own markup shows, never English first.
    if (!words) return html`<slot></slot>`;
    const failed = this.playback === 'error';
    const ended = this.playback === 'ended';
    const posterUrl = mediaUrl(this.poster);
    const src = this.#loadRequested ? this.mediaSrc : null;
    const waitsForVisitor =
      this.playback === 'blocked' || this.playback === 'paused' || (this.#reducedMotion && (this.playback === 'idle' || this.playback === 'ready'));
    const label = this.label?.trim();
    const all = this.#products.map((_, index) => index);
    const lang = (this.#own = this.words.lang ?? nothing);
    // The stage's markup order is its Tab order, so it follows what the eye reads (WCAG 2.4.3): the
    // controls at the top, the play button in the middle, the cards at the bottom, the end screen.
    // Painting order is the styles' business (the controls stay above the end screen's veil).
    // A group's name in the clip's words is the text of an element with their lang, not an
    // aria-label: the group holds the creator's products, so it cannot carry that lang itself.
    return html`<div part="base" class="base" role="group" aria-labelledby="name">
      <span id="name" hidden lang=${label ? nothing : lang}>${label || words.clip}</span>
      <div part="stage" class="stage">
        <video
          part="video"
          aria-busy=${this.buffering ? 'true' : nothing}
          ?hidden=${failed}
          playsinline
          disablepictureinpicture
          .muted=${this.#muted}
          preload=${src ? 'metadata' : 'none'}
          poster=${posterUrl ?? nothing}
          src=${src ?? nothing}
          @play=${this.onVideoEvent}
          @playing=${this.onVideoEvent}
          @pause=${this.onVideoEvent}
          @ended=${this.onVideoEvent}
          @error=${this.onVideoEvent}
          @volumechange=${this.onVideoEvent}
          @timeupdate=${this.onTimeUpdate}
          @durationchange=${this.onTimeUpdate}
          @seeking=${this.onSeek}
          @seeked=${this.onSeek}
          @ratechange=${this.syncToTime}
          @loadedmetadata=${this.syncToTime}
          @waiting=${this.syncToTime}
        >
          ${src
            ? this.tracks.map(
                (track) =>
                  html`<track kind=${track.kind} src=${track.src} srclang=${track.srclang ?? nothing} label=${track.label ?? nothing} ?default=${track.isDefault} />`,
              )
            : nothing}
        </video>
        ${failed && posterUrl ? html`<img part="poster" class="poster" src=${posterUrl} alt="" />` : nothing}
        ${failed ? nothing : this.renderControls()}
        ${waitsForVisitor && !failed
          ? html`<button part="play-overlay" class="play-overlay" type="button" lang=${lang} aria-label=${words.playClip} @click=${() => this.play()}>
              ${icons.play}
            </button>`
          : nothing}
        ${this.#shown.map((index) => this.renderHotspot(index))}
        ${this.#shown.length > 0
          ? html`<span id="now" hidden lang=${lang}>${words.productsNow}</span>
              <ul part="cards" class="cards" aria-labelledby="now" @focusout=${() => setTimeout(this.syncToTime)}>
                ${this.#shown.map((index) => this.renderProduct(index, 'card'))}
              </ul>`
          : nothing}
        ${ended && this.#products.length > 0
          ? html`<div part="carousel" class="carousel" role="group" aria-labelledby="all">
              <span id="all" hidden lang=${lang}>${words.allProducts}</span>
              <ul>
                ${all.map((index) => this.renderProduct(index, 'card'))}
              </ul>
              <button part="replay" class="replay" type="button" lang=${lang} @click=${() => this.play()}>${words.watchAgain}</button>
            </div>`
          : nothing}
      </div>
      ${this.#products.length > 0
        ? html`<div part="list" class=${failed ? 'list' : 'list visually-hidden'}>
            <p id="list-title" class="list-title" lang=${lang}>${words.productList}</p>
            <ul aria-labelledby="list-title">
              ${all.map((index) => this.renderProduct(index, 'list'))}
            </ul>
          </div>`
        : nothing}
    </div>`;
  }
}

/**
 * What a view is counted for. Not the place in the list: a framework adding a product above another
 * or reordering them would report one product twice and another never. Not the <drop-product>
 * element either: frameworks without keys patch elements in place, so one element becomes another
 * product. A product is what a visitor would call one: its name, link and sku.
 */
function productKey(product: ClipProduct): string {
  return JSON.stringify([product.name, product.href, product.sku]);
}

/** Video, poster, tracks and thumbnails: https anywhere, or the page's own origin (shared rule). */
function mediaUrl(value: string | null | undefined): string | null {
  return toResourceUrl(value)?.href ?? null;
}

function parseRatio(value: string): [number, number] | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*[/:x]\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? [width, height] : null;
}

const icon = (path: ReturnType<typeof svg>) =>
  html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">${path}</svg>`;

const icons = {
  play: icon(svg`<path fill="currentColor" d="M8 5v14l11-7z"/>`),
  pause: icon(svg`<path fill="currentColor" d="M7 5h4v14H7zm6 0h4v14h-4z"/>`),
  muted: icon(svg`<path fill="currentColor" d="M4 9v6h4l5 5V4L8 9zm12.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z"/>`),
  sound: icon(svg`<path fill="currentColor" d="M4 9v6h4l5 5V4L8 9zm11.5 3A4.5 4.5 0 0 0 13 8v8a4.5 4.5 0 0 0 2.5-4zM13 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"/>`),
  captions: icon(svg`<path fill="currentColor" d="M19 4H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm-8 7H9.5v-.5h-2v3h2V13H11v1a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1v-4a1 1 0 0 1 1-1h3a1 1 0 0 1 1 1zm7 0h-1.5v-.5h-2v3h2V13H18v1a1 1 0 0 1-1 1h-3a1 1 0 0 1-1-1v-4a1 1 0 0 1 1-1h3a1 1 0 0 1 1 1z"/>`),
};
