import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { GUESSED_ASPECT, MARK_VARIANTS, chooseVariant, type MarkVariant } from './choose.ts';
import { readMarkManifest, type MarkManifest, type MarkSource } from './manifest.ts';
import { toResourceUrl } from '../shared/resource-url.ts';
import { warnOnce } from '../shared/warn.ts';

/**
 * The creator's mark, responsive: shows the richest of its variants (wordmark, monogram, glyph) that
 * fits the room it is given — the same mark in a header, a buy button and a 24 px avatar, where the
 * glyph goes before the monogram (below 32 px high). Its box asks for the richest
 * variant's width, known from the shapes before any image loads, and takes the width of the variant
 * it shows, so a plainer variant leaves no empty space beside it.
 *
 * ```html
 * <drop-mark name="Nova Studio" src-wordmark="/mark/wordmark.svg" src-glyph="/mark/glyph.svg"></drop-mark>
 * <drop-mark name="Nova Studio" src="https://cdn.example/nova/mark.json"></drop-mark>
 * ```
 *
 * @slot wordmark - The full mark (`<img>`, `<svg>` or `<picture>`); wins over `src-wordmark`.
 * @slot monogram - Initials or a compact lockup.
 * @slot glyph - The smallest, square symbol.
 * @csspart image - Every image the element renders from `src-*`/`src` (one per variant).
 * @csspart wordmark - Wrapper of the wordmark (its image or slot).
 * @csspart monogram - Wrapper of the monogram.
 * @csspart glyph - Wrapper of the glyph.
 * @csspart name - The creator's name as text, shown only when none of the variants' images loaded.
 * @cssprop [--drop-mark-height=1.5em] - Height of the mark; widths follow from each variant's shape.
 * @cssprop [--drop-mark-align=start] - Where the variant sits in a box wider than it (a width you set; start, center, end).
 * @cssprop [--drop-mark-transition=opacity 150ms ease] - Cross-fade between variants (off under reduced motion).
 */
export class DropMark extends LitElement {
  static override properties = {
    name: { type: String, reflect: true },
    src: { type: String },
    srcWordmark: { type: String, attribute: 'src-wordmark' },
    srcMonogram: { type: String, attribute: 'src-monogram' },
    srcGlyph: { type: String, attribute: 'src-glyph' },
    srcWordmarkDark: { type: String, attribute: 'src-wordmark-dark' },
    srcMonogramDark: { type: String, attribute: 'src-monogram-dark' },
    srcGlyphDark: { type: String, attribute: 'src-glyph-dark' },
    variant: { type: String, reflect: true },
  };

  /** The creator's name: the mark's accessible name whatever variant shows. */
  declare name: string | null;
  /** A mark description JSON (as written by forge): `{name, wordmark, monogram, glyph, dark?}`. */
  declare src: string | null;
  /** The wordmark image (https URL or a path on your site): the richest variant, shown when it fits whole. */
  declare srcWordmark: string | null;
  /** The monogram image (square initials), shown when the wordmark does not fit and the mark is 32 px high or more. */
  declare srcMonogram: string | null;
  /** The glyph image (a square symbol drawn for small sizes), shown below 32 px high or when nothing richer fits. */
  declare srcGlyph: string | null;
  /** The wordmark for dark pages (`prefers-color-scheme: dark`); without it the light one shows. */
  declare srcWordmarkDark: string | null;
  /** The monogram for dark pages (`prefers-color-scheme: dark`); without it the light one shows. */
  declare srcMonogramDark: string | null;
  /** The glyph for dark pages (`prefers-color-scheme: dark`); without it the light one shows. */
  declare srcGlyphDark: string | null;
  /** The variant shown now (read-only; reflected for styling). */
  declare variant: MarkVariant | null;

  /*
   * What the mark found out for itself: private fields, not reactive state, for the reason given at
   * #manifest (state properties have public accessors too: a marketplace spreading {slotted: null}
   * onto the element made its next update throw). Each change goes through #sourcesChanged.
   */
  #slotted: Partial<Record<MarkVariant, Element>> = {};
  #aspects: Partial<Record<MarkVariant, number>> = {};
  /** Image URLs (and slotted elements) that did not load: left out for the element's life; a new URL is tried. */
  #failed: ReadonlySet<string | Element> = new Set();

  #resizeObserver: ResizeObserver | null = null;
  #print: MediaQueryList | null = null;
  #fitFrame = 0;
  /** The room the page gave at the last measurement, asking for `widest` (see `#fit`). */
  #room = { width: 0, height: 0, widest: 0, shown: false };
  #choiceWasMeasured = false;
  /** The variant #fit chose: `variant` is read-only, yet a page or framework may set it. */
  #chosen: MarkVariant | null = null;
  /**
   * The checked mark.json, read from `src` only. Not a reactive property: those have a public
   * accessor, and a framework setting `mark.manifest = …` (React 19 sets any property an element
   * has) would put unchecked image URLs in its place.
   */
  #manifest: MarkManifest | null = null;
  #manifestRequest: AbortController | null = null;
  /**
   * Where #size writes the properties the host's width is computed from: a sheet of this mark's
   * own holding one `:host` rule, not the tag's `style` attribute. That attribute is the creator's
   * and their framework's: one writing it whole (Vue `:style="'…'"`, Preact, `el.style.cssText = …`)
   * painted the mark a square for a frame, and Vue's hydration found dropkit's properties in it. A
   * constructed sheet is the CSS object model, which a strict CSP allows, as it allows Lit's.
   */
  #hostSheet: CSSStyleSheet | null = null;
  /** What #size wrote last: an unchanged size restyles nothing. */
  #hostSize = '';
  /** For willUpdate, which sees reactive properties in `changed` but not the private fields above. */
  #changedSources = false;
  #loadedManifestFrom: string | null = null;

  constructor() {
    super();
    this.name = null;
    this.src = null;
    this.srcWordmark = null;
    this.srcMonogram = null;
    this.srcGlyph = null;
    this.srcWordmarkDark = null;
    this.srcMonogramDark = null;
    this.srcGlyphDark = null;
    this.variant = null;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot() as ShadowRoot;
    // Where Lit falls back to <style> elements (no adoptedStyleSheets), which need a nonce a strict
    // page does not give, the mark keeps writing on its tag's style.
    if (root.adoptedStyleSheets?.length) {
      this.#hostSheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#hostSheet];
    }
    return root;
  }

  /**
   * The sheet is replaced whole: WebKit (2.50) does not restyle the host for a change made inside
   * an adopted sheet's rule (`rule.style.setProperty`), so the mark read its old width and chose
   * from it (a mark.json's glyph where its wordmark fits).
   */
  #size(aspect: number, minAspect: number, text: boolean): void {
    // `initial` leaves a custom property unset: var() takes its fallback.
    const size = `--_drop-mark-aspect:${aspect};--_drop-mark-min-aspect:${minAspect};--_drop-mark-text:${text ? 'auto' : 'initial'}`;
    if (size === this.#hostSize) return;
    this.#hostSize = size;
    if (this.#hostSheet) this.#hostSheet.replaceSync(`:host{${size}}`);
    else for (const declaration of size.split(';')) this.style.setProperty(...(declaration.split(':') as [string, string]));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resizeObserver = new ResizeObserver(this.#fitSoon);
    this.#resizeObserver.observe(this);
    // A printed page is laid out at the paper's width with no ResizeObserver and no frame, and only
    // this listener runs inside that layout (beforeprint comes before it, at the screen's width):
    // the phone's monogram would be printed where the wordmark fits. Printed or back on screen, the
    // choice is a first one, with no band: a wordmark held from the print would stay scaled down.
    (this.#print = matchMedia('print')).onchange = () => {
      this.#choiceWasMeasured = false;
      this.#fit(true);
    };
    // A mark showing a plainer variant is narrower than the room it could have: only its container
    // says when that room grows. A container sized by the mark itself (a home link in a flex header,
    // an inline span) grows only with it, so the watch goes on up to the first box that is not.
    for (let container = parentOf(this); container; ) {
      this.#resizeObserver.observe(container);
      const outer = parentOf(container);
      if (!outer || (!/^inline|contents/.test(getComputedStyle(container).display) && !/flex|grid/.test(getComputedStyle(outer).display))) break;
      container = outer;
    }
    // Moved (disconnected and connected again) while its mark.json was on the way: that request was
    // dropped, so ask again. The first connection leaves it to the first update.
    if (this.hasUpdated) void this.#loadManifest();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = null;
    this.#print!.onchange = null;
    cancelAnimationFrame(this.#fitFrame);
    this.#manifestRequest?.abort();
    this.#manifestRequest = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // variant="outline" (a design system's prop, which React 19 sets as the property) showed the
    // wrong variant, or none, in the chosen one's box until the next resize.
    this.variant = this.#chosen;
    if (changed.has('src')) void this.#loadManifest();
    this.#syncAccessibleName();
    // Hysteresis protects a choice against jittering widths, not against new variants or shapes.
    if (this.#changedSources || [...changed.keys()].some((key) => key !== 'variant' && key !== 'name')) {
      this.#changedSources = false;
      this.#choiceWasMeasured = false;
      this.#fit(false);
      this.#fitSoon();
    }
  }

  // Measuring waits for the next frame, never runs inside the observer's callback: a box changed
  // there would make the browser report a "ResizeObserver loop" error to the page (and its error tracker).
  #fitSoon = (): void => {
    cancelAnimationFrame(this.#fitFrame);
    this.#fitFrame = requestAnimationFrame(() => this.#fit(true));
  };

  /** Where each variant comes from: slotted content first, then `src-*`, then the JSON. */
  #sources(): Partial<Record<MarkVariant, MarkSource | Element>> {
    const fromAttributes: Record<MarkVariant, [string | null, string | null]> = {
      wordmark: [this.srcWordmark, this.srcWordmarkDark],
      monogram: [this.srcMonogram, this.srcMonogramDark],
      glyph: [this.srcGlyph, this.srcGlyphDark],
    };
    const sources: Partial<Record<MarkVariant, MarkSource | Element>> = {};
    for (const variant of MARK_VARIANTS) {
      const slotted = this.#slotted[variant];
      if (slotted) {
        if (!this.#failed.has(slotted)) sources[variant] = slotted;
        continue;
      }
      const [light, dark] = fromAttributes[variant];
      const url = light && this.#checkedUrl(light, `src-${variant}`);
      const source = url ? { url, dark: dark && this.#checkedUrl(dark, `src-${variant}-dark`), aspect: null } : this.#manifest?.variants[variant];
      // An image that did not load leaves its variant out; a dark twin that did not load leaves the light image.
      if (source && !this.#failed.has(source.url)) {
        sources[variant] = source.dark && this.#failed.has(source.dark) ? { ...source, dark: null } : source;
      }
    }
    return sources;
  }

  #checkedUrl(value: string, attribute: string): string | null {
    const url = toResourceUrl(value);
    if (!url) {
      warnOnce(this, `${attribute}:${value}`, `<${this.localName}> ${attribute}="${value}" is ignored: expected an https URL or a path on this site.`);
    }
    return url?.href ?? null;
  }

  async #loadManifest(): Promise<void> {
    this.#manifestRequest?.abort();
    const url = this.src ? toResourceUrl(this.src) : null;
    if (!url) {
      if (this.src) warnOnce(this, `src:${this.src}`, `<${this.localName}> src="${this.src}" is ignored: expected an https URL or a path on this site.`);
      this.#forgetManifest();
      return;
    }
    if (this.#loadedManifestFrom === url.href) return;
    const request = new AbortController();
    this.#manifestRequest = request;
    // A mark.json that never answers, or whose body never ends (growing in memory), is given up
    // after 10 s, as one that fails: it held the request open for good.
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      request.abort(Error('no answer within 10 s'));
    }, 1e4);
    try {
      const response = await fetch(url, { credentials: 'omit', signal: request.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { manifest, problems } = readMarkManifest(await response.json(), url.href);
      for (const problem of problems) warnOnce(this, `src:${url.href}:${problem}`, `<${this.localName}> ${url.href}: ${problem}`);
      if (request.signal.aborted) return;
      this.#loadedManifestFrom = url.href;
      this.#setManifest(manifest);
    } catch (error) {
      if (request.signal.aborted && !late) return;
      // The mark.json before this one named another mark (a marketplace reusing the element for the
      // next creator): its images must not stand for this one.
      this.#forgetManifest();
      warnOnce(this, `src:${url.href}`, `<${this.localName}> could not load ${url.href} (${String(error)}); expected JSON {"name", "wordmark", "monogram", "glyph"}.`);
    } finally {
      clearTimeout(timer);
    }
  }

  #setManifest(manifest: MarkManifest | null): void {
    if (manifest === this.#manifest) return;
    this.#manifest = manifest;
    this.#sourcesChanged();
  }

  #sourcesChanged(): void {
    this.#changedSources = true;
    this.requestUpdate();
  }

  /** No mark.json now; the same URL set again later is fetched again. */
  #forgetManifest(): void {
    this.#setManifest(null);
    this.#loadedManifestFrom = null;
  }

  #accessibleName(): string | null {
    const fromSlot = Object.values(this.#slotted)
      .map((el) => el.getAttribute('aria-label') ?? (el instanceof HTMLImageElement ? el.alt : null) ?? el.querySelector('img[alt]')?.getAttribute('alt'))
      .find((text) => text?.trim());
    return this.name?.trim() || this.#manifest?.name || fromSlot?.trim() || null;
  }

  #syncAccessibleName(): void {
    // A creator's own role/label on the element wins; otherwise the mark is one image with one name.
    if (this.hasAttribute('role') && !this.hasAttribute('data-drop-mark-role')) return;
    // A buy button's icon (slot="mark") is decoration: the label beside it has the words, and the
    // button's aria-hidden wrapper does not hide slotted content from Chromium's name computation.
    const name = this.slot === 'mark' ? null : this.#accessibleName();
    this.setAttribute('data-drop-mark-role', '');
    if (name) {
      this.setAttribute('role', 'img');
      this.setAttribute('aria-label', name);
      this.removeAttribute('aria-hidden');
    } else {
      // Without a name the mark can only be decoration; an unnamed image would be announced as noise.
      this.removeAttribute('role');
      this.removeAttribute('aria-label');
      this.setAttribute('aria-hidden', 'true');
      if (Object.keys(this.#sources()).length > 0 && this.slot !== 'mark') {
        warnOnce(this, 'name', `<${this.localName}> has no name; add name="<creator name>" so screen readers can announce it.`);
      }
    }
  }

  #aspect(variant: MarkVariant, source: MarkSource | Element): number {
    return this.#aspects[variant] ?? (source instanceof Element ? aspectOfElement(source) : source.aspect) ?? GUESSED_ASPECT[variant];
  }

  /**
   * Asks for the richest variant's width and reads the room the page gives (a synchronous layout),
   * chooses, then narrows the box to the shown variant. The choice depends only on the room measured
   * at the richest width, never on the box it leads to, so the width → variant → width circle cannot
   * loop. Without `measure` the last room is reused while the richest shape is the same, so a script
   * setting attributes in a loop does not force a layout each time; the next frame measures anyway.
   */
  #fit(measure: boolean): void {
    const sources = this.#sources();
    const aspects: Partial<Record<MarkVariant, number>> = {};
    for (const variant of MARK_VARIANTS) {
      const source = sources[variant];
      if (source) aspects[variant] = this.#aspect(variant, source);
    }
    const shapes = Object.values(aspects);
    // A lone wide wordmark may still shrink into an avatar-sized box (scaled), never below a square.
    const minAspect = Math.min(1, ...shapes);
    const widest = shapes.length ? Math.max(...shapes) : 1;
    // The name shown as text (every image failed) takes its own width.
    const text = !shapes.length && this.#failed.size > 0;
    if (measure || widest !== this.#room.widest) {
      this.#size(widest, minAspect, text);
      const style = getComputedStyle(this);
      // Under a display: none (a closed menu drawer, a hidden tab) the width read is the one asked
      // for, not room the page gave: a choice made there is a placeholder, held to no band. Our own
      // width reads as calc(…), no number, in all three engines; a width the page gives reads as a
      // length (160px), so only this check keeps it a placeholder.
      this.#room = { width: parseFloat(style.width), height: parseFloat(style.height), widest, shown: this.getClientRects().length > 0 };
    }
    const { width, height, shown } = this.#room;
    // A choice made before the first measurement is a placeholder, not something to hold on to.
    const current = this.#choiceWasMeasured ? this.variant : null;
    const next = chooseVariant({ aspects, width, height, current });
    this.#choiceWasMeasured = shown && width > 0 && height > 0;
    this.#size((next && aspects[next]) || 1, minAspect, text);
    this.variant = this.#chosen = next;
  }

  #onSlotChange = (event: Event): void => {
    const slot = event.target as HTMLSlotElement;
    const variant = slot.name as MarkVariant;
    const element = slot.assignedElements()[0];
    const next = { ...this.#slotted };
    if (element) next[variant] = element;
    else delete next[variant];
    this.#slotted = next;
    this.#sourcesChanged();
    const image = element instanceof HTMLImageElement ? element : element?.querySelector('img');
    // decode() also answers for an image that had already loaded or failed before the element was defined.
    image?.decode().then(
      () => this.#measured(variant, image),
      () => image.complete && !image.naturalWidth && this.#failedToLoad(element!, image.currentSrc, `slot="${variant}"`),
    );
  };

  #onImageLoad = (event: Event): void => {
    const image = event.target as HTMLImageElement;
    this.#measured(image.dataset.variant as MarkVariant, image);
  };

  #onImageError = (event: Event): void => {
    const image = event.target as HTMLImageElement;
    const variant = image.dataset.variant as MarkVariant;
    const url = image.currentSrc;
    const dark = url === (this.#sources()[variant] as MarkSource | undefined)?.dark ? '-dark' : '';
    const fromManifest = this.#manifest?.variants[variant]?.url === image.src;
    this.#failedToLoad(url, url, fromManifest ? `${this.src} "${dark && 'dark.'}${variant}"` : `src-${variant}${dark}`);
  };

  #failedToLoad(key: string | Element, url: string, from: string): void {
    if (this.#failed.has(key)) return;
    this.#failed = new Set(this.#failed).add(key);
    this.#sourcesChanged();
    warnOnce(this, `error:${url}`, `<${this.localName}> ${from}: ${url} did not load, so it is left out; expected an image at that URL.`);
  }

  #measured(variant: MarkVariant, image: HTMLImageElement): void {
    if (!image.naturalWidth || !image.naturalHeight) return;
    const aspect = image.naturalWidth / image.naturalHeight;
    if (this.#aspects[variant] === aspect) return;
    this.#aspects = { ...this.#aspects, [variant]: aspect };
    this.#sourcesChanged();
  }

  protected override render() {
    const sources = this.#sources();
    // Every image failed: the creator's name as plain text keeps the brand in its place. Not as a
    // widget's icon (a <drop-button>'s slot="mark"), where the label beside it already has the words.
    const name = Object.keys(sources).length || !this.#failed.size || this.slot === 'mark' ? null : this.#accessibleName();
    return html`${name ? html`<span part="name">${name}</span>` : nothing}${MARK_VARIANTS.map((variant) => {
      const source = sources[variant];
      const shown = variant === this.variant;
      const slot = html`<slot name=${variant} @slotchange=${this.#onSlotChange}></slot>`;
      if (!source || source instanceof Element) {
        return html`<span part=${variant} class="variant" ?hidden=${!shown || !source}>${slot}</span>`;
      }
      return html`<span part=${variant} class="variant" ?hidden=${!shown}
        >${slot}<picture
          >${source.dark ? html`<source media="(prefers-color-scheme: dark)" srcset=${source.dark} />` : nothing}<img
            part="image"
            data-variant=${variant}
            src=${source.url}
            alt=""
            decoding="async"
            @load=${this.#onImageLoad}
            @error=${this.#onImageError}
        /></picture
      ></span>`;
    })}`;
  }

  static override styles = css`
    :host {
      --drop-mark-height: 1.5em;
      --drop-mark-align: start;
      --drop-mark-transition: opacity 150ms ease;
      display: inline-flex;
      justify-content: var(--drop-mark-align);
      align-items: center;
      box-sizing: content-box;
      vertical-align: middle;
      height: var(--drop-mark-height);
      /* The shown variant's width (the richest one's while the room is measured), shrinkable down to a square (or the
         plainest variant): flex and grid items get a real size from this without any explicit width (unlike
         container-type: inline-size). */
      width: var(--_drop-mark-text, calc(var(--_drop-mark-aspect, 1) * var(--drop-mark-height) + 0%));
      max-width: 100%;
      min-width: calc(var(--_drop-mark-min-aspect, 1) * var(--drop-mark-height));
      overflow: hidden;
      line-height: 0;
    }
    :host([hidden]) {
      display: none;
    }
    .variant {
      display: inline-flex;
      height: 100%;
      min-width: 0;
      max-width: 100%;
      transition: var(--drop-mark-transition);
      @starting-style {
        opacity: 0;
      }
    }
    .variant[hidden] {
      display: none;
    }
    picture {
      display: contents;
    }
    [part='name'] {
      font-size: calc(var(--drop-mark-height) * 0.75);
      font-weight: 600;
      line-height: normal;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    img,
    ::slotted(*) {
      display: block;
      height: 100%;
      width: calc(var(--_drop-mark-aspect, 1) * var(--drop-mark-height));
      min-width: 0;
      max-width: 100%;
      object-fit: contain;
    }
    @media (prefers-reduced-motion: reduce) {
      .variant {
        transition: none;
      }
    }
  `;
}

const parentOf = (node: Element): Element | null => node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host ?? null;

/** Width ÷ height of a slotted image or SVG from what it declares, before anything loads. */
function aspectOfElement(element: Element): number | null {
  const image = element instanceof HTMLImageElement ? element : element.querySelector('img');
  if (image?.naturalWidth && image.naturalHeight) return image.naturalWidth / image.naturalHeight;
  const target = image ?? element;
  const width = Number(target.getAttribute('width'));
  const height = Number(target.getAttribute('height'));
  if (width > 0 && height > 0) return width / height;
  const viewBox = element.getAttribute('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (viewBox && viewBox.length === 4 && viewBox[2]! > 0 && viewBox[3]! > 0) return viewBox[2]! / viewBox[3]!;
  return null;
}

declare global {
  interface HTMLElementTagNameMap {
    'drop-mark': DropMark;
  }
}
