import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { DROP_STATES, isDropState, type DropState } from '../shared/vocabulary.ts';
import { DropStateEvent } from '../shared/drop-state-event.ts';
import { toHttpsUrl } from '../shared/safe-url.ts';
import { warnOnce } from '../shared/warn.ts';
import { onPageVisibility } from '../shared/visibility.ts';
import { documentAnnouncer } from '../shared/announcer.ts';
import { ElementWords } from '../shared/words.ts';
import { clockKey, clocks, holdClock, now as trueNow, onClockChange, subscribe, syncing, wakeAt } from './clock.ts';
import { parseInstant, parseInstantOrNull } from './instant.ts';
import {
  FORMATS,
  crossedMilestone,
  formatMoment,
  formatRemaining,
  isTimeZone,
  localeOf,
  milestoneText,
  nextMilestoneMoment,
  remainingSeconds,
  countdownEnglish,
  type CountdownFormat,
  type CountdownWords,
} from './format.ts';
import { googleCalendarUrl, type CalendarEvent } from './calendar.ts';
import { countdownStyles } from './countdown.styles.ts';

const instantConverter = {
  fromAttribute: parseInstantOrNull,
  toAttribute: (value: Date | null) => value?.toISOString() ?? null,
};

const HOUR = 3_600_000;

const validDate = (value: unknown): value is Date => value instanceof Date && Number.isFinite(value.getTime());

/**
 * Countdowns on one page mostly count to the same moment, so the same text is formatted once per
 * second, not once per countdown.
 */
const formattedRemaining = new Map<string, string>();
function remainingText(remainingMs: number, format: CountdownFormat, locale: string): string {
  const key = `${remainingSeconds(remainingMs)}|${format}|${locale}`;
  let text = formattedRemaining.get(key);
  if (text === undefined) {
    if (formattedRemaining.size > 64) formattedRemaining.clear();
    // A number keeps its unit on a narrow phone ("3 Stunden"); the units may wrap between them.
    text = formatRemaining(remainingMs, format, locale).replace(/(\d) (?=\D)/g, '$1\u00a0');
    formattedRemaining.set(key, text);
  }
  return text;
}

/**
 * The page title and address, read once per tick rather than once per countdown (the countdowns a
 * tick wakes share its time).
 */
let pageInputsTime = Number.NaN;
let pageInputsText = '';
function pageInputs(time: number): string {
  if (time !== pageInputsTime) {
    pageInputsTime = time;
    pageInputsText = `${document.title}\n${location.href}`;
  }
  return pageInputsText;
}

/** One observer per countdown: a shared one kept removed countdowns alive in Chromium (docs/countdown-runtime.md). */
function watchVisibility(element: Element, callback: (visible: boolean) => void): () => void {
  const observer = new IntersectionObserver((entries) => callback(entries[entries.length - 1]!.isIntersecting));
  observer.observe(element);
  return () => observer.disconnect();
}

/**
 * The drop clock. Counts down to `at` on the true time (the visitor's clock corrected by `time-src`),
 * flips to live at that moment on every viewer's page, and tells the rest of the page when it does.
 * Whatever the creator wrote inside the tag (e.g. "Drops Sat 5 Dec, 18:00 CET") is what shows without
 * JavaScript and whenever `at` is missing or invalid.
 *
 * @summary Counts down to a drop, in sync with the server's clock.
 *
 * @fires {DropStateEvent} drop-state - Once per state change, synchronously at the moment of the flip
 *   (`event.state`, `event.previous`). Bubbles and is composed.
 *
 * @slot - The creator's own text: the no-JavaScript fallback, also shown while `at` is missing or invalid, while the words of the page language load, and while the visitor's clock says T0 has passed but the `time-src` has not confirmed it yet.
 * @slot live - Shown while the drop is live (e.g. a buy button). Default: "Live now" in the page language.
 * @slot ended - Shown after `until`. Default: "This drop has ended" in the page language.
 * @slot sold-out - Shown when `state` is set to `sold-out`. Default: "Sold out" in the page language.
 *
 * @csspart remaining - The ticking remaining time (tabular digits).
 * @csspart moment - The drop moment in the visitor's (and the creator's) time.
 * @csspart actions - The row holding the calendar and notify links.
 * @csspart calendar-button - "Add to calendar" (downloads an .ics file made in the browser).
 * @csspart google-link - The Google Calendar link.
 * @csspart notify-link - The "Notify me" link (only with an https `notify`).
 * @csspart status - The default live / ended / sold-out text.
 *
 * @cssprop [--drop-countdown-color=inherit] - Text colour.
 * @cssprop [--drop-countdown-font=inherit] - Font shorthand for the whole widget.
 * @cssprop [--drop-countdown-digits-size=1.5em] - Size of the remaining time.
 * @cssprop [--drop-countdown-digits-weight=700] - Weight of the remaining time.
 * @cssprop [--drop-countdown-gap=0.5em] - Space between the lines and between the links.
 * @cssprop [--drop-countdown-live-color=#c4161c] - The pulsing dot while live.
 * @cssprop [--drop-countdown-link-color=inherit] - Colour of the calendar and notify links.
 */
export class DropCountdown extends LitElement {
  static override styles = countdownStyles;

  static override properties = {
    at: { converter: instantConverter },
    until: { converter: instantConverter },
    now: { converter: instantConverter },
    state: { reflect: true },
    format: {},
    timeZone: { attribute: 'time-zone' },
    timeSrc: { attribute: 'time-src' },
    notify: {},
    name: {},
    url: {},
    faviconLive: { attribute: 'favicon-live' },
  };

  /** The drop moment (attribute: ISO 8601 with `Z` or an offset). */
  declare at: Date | null;
  /** End of the drop window; after it the state is `ended`. */
  declare until: Date | null;
  /** Pins the clock (previews, Storybook): the countdown shows this moment and does not tick. */
  declare now: Date | null;
  /** `auto` (default), `clock`, `long` or `compact`. */
  declare format: CountdownFormat;
  /** The creator's IANA time zone, shown beside the visitor's, e.g. `America/Los_Angeles`. */
  declare timeZone: string | null;
  /** URL answering with a `Date` header or `{"now": <epoch ms>}`: the true time for every viewer. */
  declare timeSrc: string | null;
  /** An https link for "Notify me" (a Telegram channel, a newsletter form…). */
  declare notify: string | null;
  /**
   * The drop's name: the calendar entry's title (default: the page title, else "Drop" in the page
   * language), said first in announcements and after the words of "Add to calendar", "Google
   * Calendar" and "Notify me" to screen readers.
   */
  declare name: string | null;
  /** The drop's https page, put in the calendar entry. Default: this page, when it is https. */
  declare url: string | null;
  /** Icon shown in the browser tab while live (same-origin or https). */
  declare faviconLive: string | null;

  #state: DropState = 'scheduled';
  #soldOut = false;
  #lastRemaining = Number.NaN;
  #releaseAnnouncer: (() => void) | null = null;
  #intersecting = true;
  #planKind: '' | 'tick' | 'wake' = '';
  /** The clock this countdown reads: its own time-src's, '' for the device's (clock.ts clockKey). */
  #clock = '';
  /** Gives back this countdown's hold on its time-src's clock (clock.ts holdClock) while connected. */
  #releaseClock: (() => void) | null = null;
  #planMoment = Number.NaN;
  #cancelPlan: (() => void) | null = null;
  #stopClockWatch: (() => void) | null = null;
  #stopWatchingVisibility: (() => void) | null = null;
  #stopPageVisibility?: () => void;
  /**
   * The ticking text lives in one text node that ticks write to directly: a second that passes
   * changes this node and nothing else, so it needs no template update.
   */
  #remainingNode = document.createTextNode('');
  /** The time left in words, to the minute, for screen readers (see #renderSchedule), and the minutes it says. */
  #saidNode = document.createTextNode('');
  #saidMinutes = Number.NaN;
  /** What the moment line and links were last rendered from; a tick re-renders them only if it moved. */
  #renderedLocale = '';
  #renderedPage = '';
  #faviconLoaded = false;
  /** The clock says T0 has passed but a `time-src` sync has not confirmed it yet. */
  #unconfirmed = false;
  /** The first rendering has been on screen for a frame (see #setState). */
  #painted = false;
  /** What had focus in this countdown when an update began (see updated()). */
  #focused: Element | null = null;
  #words = new ElementWords(this, countdownEnglish);

  constructor() {
    super();
    this.at = null;
    this.until = null;
    this.now = null;
    this.format = 'auto';
    this.timeZone = null;
    this.timeSrc = null;
    this.notify = null;
    this.name = null;
    this.url = null;
    this.faviconLive = null;
  }

  /**
   * `scheduled`, `live`, `ended` or `sold-out` (reflected). With a valid `at` the clock decides; a
   * marketplace may set `sold-out` at any time, and without `at` it may drive every state itself.
   */
  get state(): DropState {
    return this.#state;
  }

  set state(value: DropState) {
    // No state (the attribute removed, a framework setting undefined) lifts the page's: the default.
    if ((value as DropState | null | undefined) == null) value = 'scheduled';
    if (!isDropState(value)) {
      warnOnce(this, `state:${value}`, `state="${value}" is not one of ${DROP_STATES.join(', ')}; ignored.`);
      return;
    }
    this.#soldOut = value === 'sold-out';
    // With a schedule the clock decides, held like a tick while a time-src is being asked (a page
    // rendering state="scheduled" opened the drop on a fast visitor clock). While the element
    // upgrades, before connectedCallback starts the sync, its first refresh there decides.
    if (!this.#scheduled() || this.#soldOut) this.#setState(value);
    else if (this.#releaseAnnouncer) this.#refresh();
    // Lit does not reflect a value set from an attribute: when the clock overrode it (or it was
    // removed), the attribute is put right, for the page's CSS and the buttons that follow it.
    queueMicrotask(() => this.getAttribute('state') === this.#state || this.setAttribute('state', this.#state));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // In the document before the first milestone, so that screen readers take it as a live region.
    this.#releaseAnnouncer = documentAnnouncer().hold();
    this.#stopClockWatch = onClockChange(() => this.#refresh());
    // The clock's resync listener runs before this element's (shared/visibility.ts).
    this.#startSync();
    this.#stopPageVisibility = onPageVisibility(this.#onVisibility);
    this.#stopWatchingVisibility = watchVisibility(this, (visible) => {
      this.#intersecting = visible;
      this.#refresh();
    });
    this.#refresh();
    // Leaving the page gave the live icon back; coming back live (an app re-rendering its tab panel)
    // changes no state, so nothing else would take it again.
    this.#followFavicon();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#releaseAnnouncer?.();
    this.#releaseAnnouncer = null;
    this.#stopClockWatch?.();
    // Its endpoint is asked again on a return to the tab only while a countdown on the page shows it.
    this.#releaseClock?.();
    this.#releaseClock = null;
    this.#stopPageVisibility?.();
    this.#stopWatchingVisibility?.();
    this.#stopWatchingVisibility = null;
    this.#cancelPlan?.();
    this.#cancelPlan = null;
    this.#planKind = '';
    this.#planMoment = Number.NaN;
    this.#followFavicon();
  }

  /** The calendar entry for this drop as RFC 5545 text (what "Add to calendar" downloads). */
  async toIcs(): Promise<string> {
    const event = this.#calendarEvent();
    return event ? (await import('./ics.ts')).buildIcs(event) : '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // React 19, Vue, Preact and Solid set at="…" as a property, not an attribute: the same ISO text
    // (or epoch milliseconds) is accepted there, under the same rules.
    let pin = this.getAttribute('now');
    for (const key of ['at', 'until', 'now'] as const) {
      const value: unknown = this[key];
      if (typeof value === 'string') {
        if (key === 'now') pin = value;
        this[key] = parseInstantOrNull(value);
      } else if (typeof value === 'number') {
        // Unix seconds (Stripe's, many shop APIs') read as milliseconds are January 1970: the drop
        // opened at once. No drop is before 1973, where 1e11 ms lies; 1e11 s is the year 5138.
        const seconds = Math.abs(value) < 1e11;
        if (seconds) warnOnce(this, key, `${key}=${value} looks like seconds, not milliseconds; ignored.`);
        this[key] = Number.isFinite(value) && !seconds ? new Date(value) : null;
      }
    }
    if (!this.hasUpdated || changed.has('at') || changed.has('until')) this.#checkSchedule();
    // A mistyped pin leaves a preview counting on the real clock: say so, as for `at`.
    if (changed.has('now') && pin && !parseInstantOrNull(pin)) {
      warnOnce(this, `now:${pin}`, `now="${pin}" is not an ISO 8601 date-time with Z or an offset; ignored.`);
    }
    if (changed.has('url') && this.url && !toHttpsUrl(this.url)) {
      warnOnce(this, `url:${this.url}`, `url="${this.url}" is not an https URL; ignored.`);
    }
    if (changed.has('format') && !(FORMATS as readonly string[]).includes(this.format)) {
      warnOnce(this, 'format', `format="${this.format}" is not one of ${FORMATS.join(', ')}; using auto.`);
    }
    if (changed.has('timeZone') && this.timeZone && !isTimeZone(this.timeZone)) {
      warnOnce(this, 'time-zone', `time-zone="${this.timeZone}" is not an IANA time zone; showing visitor time only.`);
    }
    if (changed.has('notify') && this.notify && !toHttpsUrl(this.notify)) {
      warnOnce(this, 'notify', `notify="${this.notify}" is not an https URL; the Notify me link is hidden.`);
    }
    if (changed.has('timeSrc')) {
      this.#startSync();
      this.#refresh();
    }
    if (changed.has('at') || changed.has('until') || changed.has('now')) {
      this.#lastRemaining = Number.NaN;
      this.#refresh();
    }
    if (changed.has('faviconLive')) this.#followFavicon();
    this.#focused = this.shadowRoot?.activeElement ?? (this.contains(document.activeElement) ? document.activeElement : null);
  }

  /**
   * A visitor on "Add to calendar" or "Notify me" at T0 (or on a buy button in the `live` slot when
   * the drop ends) saw it taken away, and focus fell to the page's body: a screen reader lost its
   * place at the moment of the drop. The countdown itself takes focus instead (read with what it now
   * says; Tab goes on to what it holds), focusable only until focus leaves it.
   */
  protected override updated(): void {
    const focused = this.#focused;
    // Gone, or no longer shown (a slotted button in a state that shows another slot).
    if (!focused || focused === this || focused.getClientRects().length) return;
    if (!this.hasAttribute('tabindex')) {
      this.tabIndex = -1;
      this.addEventListener('blur', () => this.removeAttribute('tabindex'), { once: true });
    }
    this.focus();
  }

  protected override render() {
    const state = this.#state;
    const words = this.#words.current;
    // Until the words of the page language are here, the creator's own text shows, never English first.
    if (!words) return html`<slot></slot>`;
    if (state === 'scheduled') {
      // "00:00:00" with "Add to calendar" would look like a stuck clock to a visitor who came for the
      // drop; the creator's text (what showed before the script ran) stays until the server answers.
      if (!this.#scheduled() || this.#unconfirmed) return html`<slot></slot>`;
      return this.#renderSchedule(words);
    }
    const defaults = { live: words.live, ended: words.ended, 'sold-out': words.soldOut };
    return html`<slot name=${state}><span part="status" lang=${this.#words.lang ?? nothing}>${defaults[state]}</span></slot>`;
  }

  #renderSchedule(words: CountdownWords) {
    // The words' locale, not the page's: `en` beside English words on a page dropkit has no words
    // for, so numbers, units and dates are English too, and `lang` tells a screen reader so (only
    // there: on a German page the text inherits German from the page).
    const locale = this.#words.locale;
    const lang = this.#words.lang ?? nothing;
    const at = this.at!;
    const timeZone = this.timeZone && isTimeZone(this.timeZone) ? this.timeZone : undefined;
    const event = this.#calendarEvent()!;
    const notify = toHttpsUrl(this.notify);
    this.#renderedLocale = localeOf(this);
    this.#renderedPage = pageInputs(Number.NaN);
    this.#saidMinutes = Number.NaN;
    this.#showRemaining(this.#time());
    // A screen reader read the clock digit by digit ("0 2 colon 1 4 colon 0 5"), as it did the
    // button's: the timer it reaches is the time in words instead, to the minute (a second is stale
    // by the time it is said), while the ticking clock is hidden from it. The words sit in a child
    // of the 1 px box, as any visually hidden text.
    return html`<span class="said" role="timer" lang=${lang}><span>${this.#saidNode}</span></span
      ><span part="remaining" aria-hidden="true" lang=${lang}>${this.#remainingNode}</span>
      <time part="moment" datetime=${at.toISOString()} lang=${lang}>${formatMoment(at, locale, timeZone, undefined, words)}</time>
      <span part="actions" lang=${lang}>
        <button part="calendar-button" type="button" aria-label=${this.#named(words.addToCalendar)} @click=${this.#downloadIcs}>${words.addToCalendar}</button>
        <a part="google-link" href=${googleCalendarUrl(event)} target="_blank" rel="noopener noreferrer" aria-label=${this.#named(words.googleCalendar)}
          >${words.googleCalendar}</a
        >
        ${notify
          ? html`<a part="notify-link" href=${notify.href} target="_blank" rel="noopener noreferrer" aria-label=${this.#named(words.notifyMe)}>${words.notifyMe}</a>`
          : nothing}
      </span>`;
  }

  /**
   * A link's or button's name for screen readers: its visible words, then the drop's name ("Add to
   * calendar: Winter hoodie"), so two countdowns on a page do not offer two identical "Add to
   * calendar" buttons. The visible words come first (WCAG 2.5.3): a voice-control user says what
   * they see; a right-to-left reader hears them first too, the string being in reading order.
   * Without a name, no label: the visible words are the name. The words are the page language's
   * own, joined by the colon the announcer uses; as an attribute value the name stays text.
   */
  #named(words: string) {
    const name = this.name?.trim();
    return name ? `${words}: ${name}` : nothing;
  }

  #onVisibility = () => this.#refresh();
  readonly #refreshAt = (tickTime: number) => this.#refresh(tickTime);
  // Read `at` at every tick: it may be edited between a tick and the next plan.
  readonly #readAt = () => this.at?.getTime() ?? Number.NaN;

  /**
   * Whether a tick finds everything outside the remaining time as it was rendered: the language, and
   * the page title and address that the calendar link defaults to. Compared piece by piece, so the
   * thousand countdowns of a big page allocate nothing here.
   */
  #tickInputsUnchanged(locale: string, time: number): boolean {
    return locale === this.#renderedLocale && pageInputs(time) === this.#renderedPage;
  }

  #showRemaining(time: number): void {
    const format = (FORMATS as readonly string[]).includes(this.format) ? this.format : 'auto';
    const left = this.at!.getTime() - time;
    const text = remainingText(left, format, this.#words.locale);
    // Writing the same text would still cost the page a layout.
    if (this.#remainingNode.data !== text) this.#remainingNode.data = text;
    // The minutes the clock shows, its seconds dropped ("01:02:59" is 1 hour, 2 minutes), 1 in the last.
    const minutes = Math.max(1, Math.floor(remainingSeconds(left) / 60));
    if (minutes !== this.#saidMinutes) {
      this.#saidMinutes = minutes;
      this.#saidNode.data = remainingText(minutes * 60_000, 'long', this.#words.locale);
    }
  }

  #startSync(): void {
    const clock = clockKey(this.timeSrc);
    // Planned on another clock: planned again on this one at the next refresh.
    if (clock !== this.#clock) this.#planKind = '';
    clocks.set(this, (this.#clock = clock));
    this.#releaseClock?.();
    this.#releaseClock = this.timeSrc && this.isConnected ? holdClock(this.timeSrc) : null;
  }

  #time(): number {
    return validDate(this.now) ? this.now.getTime() : trueNow(this.#clock);
  }

  #scheduled(): boolean {
    return validDate(this.at);
  }

  #validUntil(): Date | null {
    return validDate(this.until) && this.#scheduled() && this.until > this.at! ? this.until : null;
  }

  #checkSchedule(): void {
    // A marketplace that drives `state` itself needs no `at`; anyone else has made a mistake.
    if (!this.#scheduled() && (this.hasAttribute('at') || !this.hasAttribute('state'))) {
      const raw = this.getAttribute('at');
      const parsed = parseInstant(raw);
      // A valid attribute with no schedule means script set `at` to an invalid Date.
      const reason = parsed.ok ? 'invalid' : parsed.reason;
      const why =
        reason === 'no-offset'
          ? `at="${raw}" has no time zone offset, so it would mean each visitor's local time; add Z or e.g. +01:00.`
          : reason === 'missing'
            ? 'at is missing; add at="2026-12-05T18:00:00+01:00".'
            : `at="${raw}" is not an ISO 8601 date-time with Z or an offset.`;
      warnOnce(this, `at:${raw}`, `${why} Showing the text inside <${this.localName}> instead.`);
    } else if (validDate(this.until) && !this.#validUntil()) {
      warnOnce(this, 'until<at', `until is not after at; the drop stays live with no end.`);
    } else if (this.getAttribute('until') !== null && !validDate(this.until)) {
      warnOnce(this, `until:${this.getAttribute('until')}`, `until="${this.getAttribute('until')}" is not an ISO 8601 date-time with Z or an offset; ignored.`);
    }
  }

  #stateAt(time: number): DropState {
    if (this.#soldOut) return 'sold-out';
    if (time < this.at!.getTime()) return 'scheduled';
    const until = this.#validUntil();
    return until && time >= until.getTime() ? 'ended' : 'live';
  }

  override firstUpdated(): void {
    requestAnimationFrame(() => (this.#painted = true));
  }

  #setState(next: DropState): void {
    if (next === this.#state) return;
    const previous = this.#state;
    // Live, the countdown shows one line where it showed three: the buy button below would jump up
    // under the visitor's thumb at the very moment they reach for it. It keeps the box it had (its
    // width too: centred, a narrower box moves), measured while the schedule is still on screen
    // (test/layout-shift.browser.test.ts). Written after the tick: a thousand countdowns flipping
    // together then cost one layout, not a thousand. Only once the schedule has been on screen for a
    // frame: reading a size computes the whole page's style, and a widget inserted in this same frame
    // (a buy button drawn "waiting" before it learns the drop is live) would then fade from that
    // style instead of appearing in its final one.
    if (previous === 'scheduled' && this.#painted && this.isConnected) {
      const { width, height } = getComputedStyle(this);
      queueMicrotask(() => Object.assign(this.style, { minWidth: `min(${width}, 100%)`, minHeight: height }));
    }
    this.#state = next;
    this.requestUpdate('state', previous);
    // Words still loading at the flip (a few milliseconds after load) cost that one announcement.
    const words = this.#words.current;
    // Only a flip seen happening is news; a countdown that arrives already live is read like the page.
    if (next === 'live' && previous === 'scheduled' && this.hasUpdated && words) this.#announce(words.isLive);
    this.#followFavicon();
    this.dispatchEvent(new DropStateEvent(next, previous));
  }

  /**
   * Through the page's one announcer: many countdowns reaching the same moment say it once, and the
   * drop's name tells two different drops apart.
   */
  #announce(text: string): void {
    const name = this.name?.trim();
    // Always with its lang: the announcer sits in the document's body, where no `lang` around the
    // countdown reaches (a German shop section on an English page).
    documentAnnouncer().say(name ? `${name}: ${text}` : text, this.#words.locale);
  }

  /** Recomputes everything from the clock; called by ticks, wake-ups, visibility and clock changes. */
  #refresh(time = this.#time()): void {
    if (this.#scheduled()) {
      const remaining = this.at!.getTime() - time;
      // While the server clock is being asked, a visitor clock that runs fast must not open the drop:
      // the state changes only when every true time the answers so far allow agrees on it, which the
      // first answer often settles (unless T0 falls inside its round trip).
      const [early, late] = (!validDate(this.now) && syncing(this.#clock)) || [0, 0];
      // A milestone too is said only once the answers prove it: a jumped visitor clock, held until
      // its resync answers, said "1 minute" while more were left, then again at the true minute.
      if (early > -Infinity) {
        const milestone = crossedMilestone(this.#lastRemaining, remaining - early);
        this.#lastRemaining = remaining - early;
        const words = this.#words.current;
        if (milestone !== null && remaining > 0 && this.#state === 'scheduled' && words) {
          this.#announce(milestoneText(milestone, this.#words.locale, words));
        }
      }
      const next = this.#stateAt(time + late);
      const held = next !== this.#stateAt(time + early);
      if (!held) this.#setState(next);
      const unconfirmed = held && remaining <= 0;
      if (unconfirmed !== this.#unconfirmed) {
        this.#unconfirmed = unconfirmed;
        this.requestUpdate();
      }
    }
    this.#plan(time);
    if (!this.#rendering()) return;
    if (this.#state === 'scheduled' && this.#scheduled() && this.hasUpdated) {
      if (this.#tickInputsUnchanged(localeOf(this), time)) {
        this.#showRemaining(time);
        return;
      }
    }
    this.requestUpdate();
  }

  #rendering(): boolean {
    return this.#intersecting && document.visibilityState === 'visible';
  }

  /**
   * Chooses what wakes this countdown next: every second boundary while it is on screen, otherwise
   * only the next moment that matters (a milestone, T0, `until`), so an unseen countdown does no
   * rendering work yet still flips on time.
   */
  #plan(time: number): void {
    let kind: '' | 'tick' | 'wake' = '';
    let moment = Number.NaN;
    if (this.isConnected && !validDate(this.now) && this.#scheduled()) {
      const at = this.at!.getTime();
      if (this.#state === 'scheduled' && this.#rendering()) {
        kind = 'tick';
        moment = at;
      } else if (this.#state === 'scheduled') {
        kind = 'wake';
        moment = nextMilestoneMoment(at, time);
      } else if (this.#state === 'live') {
        const until = this.#validUntil()?.getTime();
        if (until !== undefined) {
          kind = 'wake';
          moment = until;
        }
      }
    }
    // Nearly every call is a tick that keeps the plan: decide that without allocating (a page of
    // 1000 countdowns runs this 1000 times in the task that must land on the second).
    if (kind === this.#planKind && Object.is(moment, this.#planMoment)) return;
    this.#cancelPlan?.();
    this.#planKind = kind;
    this.#planMoment = moment;
    this.#cancelPlan =
      kind === 'tick' ? subscribe(this.#refreshAt, this.#readAt, this.#clock) : kind === 'wake' ? wakeAt(moment, this.#refreshAt, this.#clock) : null;
  }

  /** The favicon code is its own chunk, fetched only by pages that use `favicon-live`. */
  #followFavicon(): void {
    if (!this.faviconLive && !this.#faviconLoaded) return;
    void import('./favicon.ts').then(({ holdLiveFavicon, releaseLiveFavicon, toFaviconUrl }) => {
      this.#faviconLoaded = true;
      const href = toFaviconUrl(this.faviconLive);
      if (this.faviconLive && !href) {
        warnOnce(this, 'favicon-live', `favicon-live="${this.faviconLive}" must be same-origin or https; ignored.`);
      }
      // Read the state now, not when asked: the drop may have moved on while the chunk loaded.
      if (href && this.#state === 'live' && this.isConnected) holdLiveFavicon(this, href);
      else releaseLiveFavicon(this);
    });
  }

  #calendarEvent(): CalendarEvent | null {
    if (!this.#scheduled()) return null;
    const start = this.at!;
    return {
      start,
      end: this.#validUntil() ?? new Date(start.getTime() + HOUR),
      // The page language's word, as on the button beside it: an English "Drop" in a Japanese calendar.
      summary: this.name?.trim() || document.title.trim() || (this.#words.current ?? countdownEnglish).drop,
      url: (toHttpsUrl(this.url) ?? toHttpsUrl(location.href))?.href,
      stamp: new Date(trueNow(this.#clock)),
    };
  }

  #downloadIcs = async () => {
    const event = this.#calendarEvent();
    if (!event) return;
    const { buildIcs, icsFileName } = await import('./ics.ts');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([buildIcs(event)], { type: 'text/calendar' }));
    link.download = icsFileName(event.summary);
    link.click();
    // The download has started by the next task; the object URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'drop-countdown': DropCountdown;
  }
}
