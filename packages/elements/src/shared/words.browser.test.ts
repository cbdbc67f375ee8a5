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
/** The name aria-labelledby gives (the clip names its groups by an element carrying its words' lang). */
const nameOf = (el: Element) => (el.getRootNode() as ShadowRoot).getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? null;

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
  const seen: { root: ShadowRoot; text: string; labels: string[]; slotOnly: boolean }[] = [];
  const observers: MutationObserver[] = [];
  const original = Element.prototype.attachShadow;
  const snapshot = (root: ShadowRoot) => {
    const clone = document.createDocumentFragment();
    clone.append(...[...root.childNodes].map((node) => node.cloneNode(true)));
    clone.querySelectorAll('style').forEach((style) => style.remove());
    const elements = [...clone.querySelectorAll('*')];
    seen.push({
      root,
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

  it('countdown, button and clip show the creator text, then German, and never an English word', async () => {
    const recorder = recordShadowText();
    try {
      const wrapper = await fixture(`<div lang="de">
        <drop-countdown id="de-drop" at="${AT}" now="2026-12-05T14:58:57Z" format="clock" time-zone="America/Los_Angeles" notify="https://t.me/drop">Drop am Freitag, 18 Uhr</drop-countdown>
        <drop-countdown id="de-plain" at="${AT}" now="2026-12-05T14:58:57Z">Drop am Freitag</drop-countdown>
        <drop-button drop="de-plain"><a href="https://buy.stripe.com/x">Jetzt kaufen</a></drop-button>
        <drop-clip drop="de-plain" style="width: 180px" src="/__test/clip/video.webm?id=words-de" poster="/test/media/clip/poster.png" ratio="9/16">
          <track kind="captions" src="/test/media/clip/captions.vtt" srclang="de" label="Deutsch">
          <drop-product at="0" until="3" price="24" currency="EUR"><a href="https://buy.stripe.com/test_tee">Leuchtshirt</a></drop-product>
        </drop-clip>
      </div>`);
      const countdown = wrapper.querySelector('#de-drop')!;
      const button = wrapper.querySelector('drop-button')!;
      const clip = wrapper.querySelector('drop-clip')!;
      await waitFor(() => text(part(countdown, 'calendar-button')) === 'Zum Kalender hinzufügen', 'German calendar button');
      expect(text(part(countdown, 'moment'))).to.match(/^Sa\., \d\d:00 \(deine Zeit\) · 09:00 Los Angeles \(Ortszeit\)$/);
      expect(text(part(countdown, 'google-link'))).to.equal('Google Kalender');
      expect(text(part(countdown, 'notify-link'))).to.equal('Erinnere mich');
      expect(text(part(countdown, 'remaining'))).to.equal('02:01:03');
      await waitFor(() => text(part(button, 'label')) === 'Noch 02:01:03', 'German time to drop');
      await waitFor(() => part(clip, 'base') !== null, 'the German clip');
      expect(nameOf(part(clip, 'base')!)).to.equal('Produktvideo');
      expect(part(clip, 'play-pause')!.getAttribute('aria-label')).to.match(/^(Abspielen|Pausieren)$/);
      expect(part(clip, 'mute')!.getAttribute('aria-label')).to.equal('Stummschalten');
      expect(part(clip, 'captions')!.getAttribute('aria-label')).to.equal('Untertitel');
      expect(text(clip.shadowRoot!.querySelector('.list-title'))).to.equal('Produkte in diesem Video');
      // Prices follow the clip's own language (its ancestor's lang), not only the document's.
      const prices = [...clip.shadowRoot!.querySelectorAll('[part~="card-price"]')].map((price) => text(price));
      expect(prices.length).to.be.greaterThan(0);
      for (const price of prices) expect(price).to.match(/^24,00\s€$/u);
      const cardButton = clip.shadowRoot!.querySelector('drop-button')!;
      await waitFor(() => text(part(cardButton, 'label')) === 'Noch 02:01:03', 'the card button in German');
      // The card's link gives only the checkout: the button says its own word, in its own language.
      expect(text(cardButton.querySelector('a'))).to.equal('');
      // Every shadow root began with nothing but the creator's own content (its default slot).
      const roots = new Set(recorder.seen.map(({ root }) => root));
      // (A card's button inside the clip is born after the words came, so it starts in German.)
      const widgets = ['drop-countdown', 'drop-button', 'drop-clip'];
      const pageRoots = [...roots].filter((root) => root.host.getRootNode() === document && widgets.includes(root.host.localName));
      expect(pageRoots.map((root) => root.host.localName).sort()).to.deep.equal(['drop-button', 'drop-clip', 'drop-countdown', 'drop-countdown']);
      // The first element to render asks for the German words, so it cannot have them yet; an element
      // whose chunk arrives later (the ES loader fetches lazily) may start straight in German.
      const firsts = pageRoots.map((root) => recorder.seen.find((snap) => snap.root === root)!);
      expect(firsts.some((first) => first.slotOnly)).to.equal(true);
      for (const first of firsts) {
        expect(first.slotOnly || /Noch|Zum Kalender|Ausverkauft|Produktvideo/.test(first.text + first.labels.join(' ')), `first render of a <${first.root.host.localName}>: ${first.text}`).to.equal(true);
      }
      expect(recorder.englishSeen()).to.deep.equal([]);
      await expectNoAxeViolations(wrapper);
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

describe('words: the button and the clip in German', () => {
  afterEach(cleanup);

  it('the button says each state in German, and the creator link, slots and low-stock-text win', async () => {
    const wrapper = await fixture(`<div lang="de">
      <drop-countdown id="de-notify" at="${AT}" now="2026-12-05T14:58:57Z" notify="https://t.me/drop"></drop-countdown>
      <drop-button id="notify" drop="de-notify"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>
      <drop-button id="soon" state="scheduled"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>
      <drop-button id="sold" state="sold-out"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>
      <drop-button id="ended" state="ended"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>
      <drop-button id="broken"><a href="http://buy.example/x">Kaufen</a></drop-button>
      <drop-button id="bare"><a href="https://buy.stripe.com/x"></a></drop-button>
      <drop-button id="own"><a href="https://buy.stripe.com/x">Hol dir das Shirt</a></drop-button>
      <drop-button id="slotted" state="sold-out"><span slot="sold-out">Alles weg</span><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>
      <drop-button id="few" stock-src="/__test/stock?id=words-de-${Date.now()}&available=2" stock-interval="1"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>
      <drop-button id="few-own" low-stock-text="Noch {n} Stück" stock-src="/__test/stock?id=words-de-own-${Date.now()}&available=1" stock-interval="1"><a href="https://buy.stripe.com/x">Kaufen</a></drop-button>
    </div>`);
    const label = (id: string) => text(part(wrapper.querySelector(`#${id}`)!, 'label'));
    const stock = (id: string) => text(part(wrapper.querySelector(`#${id}`)!, 'stock'));
    await waitFor(() => label('soon') === 'Bald erhältlich', 'German coming soon');
    await waitFor(() => label('notify') === 'Erinnere mich', 'German notify');
    expect(label('sold')).to.equal('Ausverkauft');
    expect(label('ended')).to.equal('Drop beendet');
    expect(label('broken')).to.equal('Kasse nicht verfügbar');
    expect(label('bare')).to.equal('Kaufen');
    expect(label('own')).to.equal('Hol dir das Shirt');
    const slot = part(wrapper.querySelector('#slotted')!, 'label')!.querySelector<HTMLSlotElement>('slot[name="sold-out"]')!;
    expect(slot.assignedElements().map(text)).to.deep.equal(['Alles weg']);
    await waitFor(() => stock('few') !== '' && stock('few-own') !== '', 'the stock notes');
    expect(stock('few')).to.equal('Nur noch 2 übrig');
    expect(stock('few-own')).to.equal('Noch 1 Stück');
    await expectNoAxeViolations(wrapper);
  });

  it('a language that puts the time inside its words keeps it there', async () => {
    const wrapper = await fixture(`<div lang="tr">
      <drop-countdown id="tr-drop" at="${AT}" now="2026-12-05T16:58:57Z"></drop-countdown>
      <drop-button drop="tr-drop"><a href="https://buy.stripe.com/x">Satın al</a></drop-button>
      <drop-button drop="tr-drop"><span slot="scheduled">Açılışa</span><a href="https://buy.stripe.com/x">Satın al</a></drop-button>
    </div>`);
    const [words, slotted] = [...wrapper.querySelectorAll('drop-button')];
    await waitFor(() => text(part(words!, 'label')) !== '', 'the Turkish button');
    expect(text(part(words!, 'label'))).to.equal('Başlamasına 01:03 kaldı');
    // The slot replaces the words before the time; the language's words after it stay.
    const slot = part(slotted!, 'label')!.querySelector<HTMLSlotElement>('slot[name="scheduled"]')!;
    expect(slot.assignedElements().map(text)).to.deep.equal(['Açılışa']);
    expect(text(part(slotted!, 'time'))).to.equal('01:03');
  });

  it('counted words take the plural form and digits of the language', async () => {
    const wrapper = await fixture(`<div>
      <drop-button lang="pl" id="pl-2" stock-src="/__test/stock?id=words-pl2-${Date.now()}&available=2" stock-interval="1"><a href="https://buy.stripe.com/x">Kup</a></drop-button>
      <drop-button lang="pl" id="pl-5" stock-src="/__test/stock?id=words-pl5-${Date.now()}&available=5" stock-interval="1"><a href="https://buy.stripe.com/x">Kup</a></drop-button>
      <drop-button lang="es" id="es-1" stock-src="/__test/stock?id=words-es1-${Date.now()}&available=1" stock-interval="1"><a href="https://buy.stripe.com/x">Comprar</a></drop-button>
    </div>`);
    const stock = (id: string) => text(part(wrapper.querySelector(`#${id}`)!, 'stock'));
    await waitFor(() => ['pl-2', 'pl-5', 'es-1'].every((id) => stock(id) !== ''), 'the stock notes');
    expect(stock('pl-2')).to.equal('Zostały tylko 2 sztuki');
    expect(stock('pl-5')).to.equal('Zostało tylko 5 sztuk');
    expect(stock('es-1')).to.equal('Solo queda 1');
  });

  it("the time to drop uses the language's words and digits", async () => {
    const wrapper = await fixture(`<div lang="ar-EG" dir="rtl">
      <drop-countdown id="ar-drop" at="${AT}" now="2026-12-05T16:58:57Z"></drop-countdown>
      <drop-button drop="ar-drop"><a href="https://buy.stripe.com/x">شراء</a></drop-button>
    </div>`);
    const button = wrapper.querySelector('drop-button')!;
    await waitFor(() => part(button, 'time') !== null, 'the time to drop');
    expect(text(part(button, 'time'))).to.equal('٠١:٠٣');
    expect(text(part(button, 'label'))).to.equal('يبدأ بعد ٠١:٠٣');
    await expectNoAxeViolations(wrapper);
  });

  it("the clip's updateComplete and play() wait for its words, so a script can start it at once", async () => {
    const container = document.createElement('div');
    container.lang = 'it';
    container.innerHTML = `<drop-clip src="/__test/clip/video.webm?id=words-play-${Date.now()}" poster="/test/media/clip/poster.png">Video del prodotto</drop-clip>`;
    document.body.append(container);
    try {
      await customElements.whenDefined('drop-clip');
      const clip = container.firstElementChild as HTMLElement & { playback: string; play(): Promise<void>; updateComplete: Promise<boolean> };
      await clip.play();
      expect(clip.shadowRoot!.querySelector('video'), 'the video, right after play()').to.not.equal(null);
      expect(part(clip, 'mute')!.getAttribute('aria-label')).to.equal('Disattiva audio');
      await waitFor(() => clip.playback === 'playing', 'playback');
    } finally {
      container.remove();
    }
  });

  it("the clip's updateComplete settles when its language changes while words are on their way", async () => {
    const container = document.createElement('div');
    container.lang = 'nl';
    container.innerHTML = `<drop-clip src="/__test/clip/video.webm?id=words-switch-${Date.now()}" poster="/test/media/clip/poster.png">Productvideo</drop-clip>`;
    document.body.append(container);
    try {
      await customElements.whenDefined('drop-clip');
      const clip = container.firstElementChild as HTMLElement & { updateComplete: Promise<boolean>; requestUpdate(): void };
      // The Dutch words were asked for by the first update; English is there at once.
      container.lang = 'en';
      clip.requestUpdate();
      const settled = await Promise.race([clip.updateComplete.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 3000))]);
      expect(settled, 'updateComplete resolved').to.equal(true);
      expect(nameOf(part(clip, 'base')!)).to.equal('Product clip');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(nameOf(part(clip, 'base')!), 'the late Dutch words do not take over').to.equal('Product clip');
    } finally {
      container.remove();
    }
  });

  it("the clip's label attribute wins over its default name", async () => {
    const clip = await fixture(`<drop-clip lang="de" label="Unser Winter-Video" src="/__test/clip/video.webm?id=words-label" poster="/test/media/clip/poster.png"></drop-clip>`);
    await waitFor(() => part(clip, 'base') !== null, 'the German clip');
    expect(nameOf(part(clip, 'base')!)).to.equal('Unser Winter-Video');
    expect(part(clip, 'mute')!.getAttribute('aria-label')).to.equal('Stummschalten');
  });
});

describe('words: Arabic, Hebrew and Russian', () => {
  afterEach(cleanup);

  it('Arabic, Hebrew and Russian stock notes take each plural form of their language', async () => {
    // Every form a stock note can show (a count above 0): Arabic one, two, few, many and other,
    // Hebrew one, two and other, Russian one, few and many.
    const notes: [string, number, string][] = [
      ['ar', 1, 'تبقّت 1 قطعة فقط'],
      ['ar', 2, 'تبقّت 2 قطعتان فقط'],
      ['ar', 3, 'تبقّت 3 قطع فقط'],
      ['ar', 11, 'تبقّت 11 قطعة فقط'],
      ['ar', 100, 'تبقّت 100 قطعة فقط'],
      ['he', 1, 'נשאר רק 1 במלאי'],
      ['he', 2, 'נשארו רק 2 במלאי'],
      ['he', 7, 'נשארו רק 7 במלאי'],
      ['ru', 21, 'Осталась всего 21 штука'],
      ['ru', 3, 'Осталось всего 3 штуки'],
      ['ru', 5, 'Осталось всего 5 штук'],
    ];
    const run = Date.now();
    const wrapper = await fixture(`<div>${notes
      .map(([lang, n], i) => `<drop-button id="n${i}" lang="${lang}" dir="${lang === 'ru' ? 'ltr' : 'rtl'}" low-stock="100"
        stock-src="/__test/stock?id=words-plural-${lang}-${n}-${run}&available=${n}" stock-interval="1"><a href="https://buy.stripe.com/x"></a></drop-button>`)
      .join('')}</div>`);
    const stock = (i: number) => text(part(wrapper.querySelector(`#n${i}`)!, 'stock'));
    await waitFor(() => notes.every((_, i) => stock(i) !== ''), 'the stock notes');
    // Arabic digits or Latin ones, whichever the browser's Arabic uses: the words are what is checked.
    const latin = (said: string) => said.replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x660));
    expect(notes.map((_, i) => latin(stock(i)))).to.deep.equal(notes.map(([, , note]) => note));
    expect(text(part(wrapper.querySelector('#n0')!, 'label'))).to.equal('شراء');
    expect(text(part(wrapper.querySelector('#n5')!, 'label'))).to.equal('לקנייה');
    expect(text(part(wrapper.querySelector('#n8')!, 'label'))).to.equal('Купить');
    await expectNoAxeViolations(wrapper);
  });

  it('a right-to-left page gets its own words in the countdown and the clip', async () => {
    const wrapper = await fixture(`<div lang="he" dir="rtl">
      <drop-countdown id="he-live" at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>
      <drop-countdown id="he-soon" at="${AT}" now="2026-12-05T14:58:57Z" time-zone="America/Los_Angeles"></drop-countdown>
      <drop-clip style="width: 260px" src="/__test/clip/video.webm?id=words-he-${Date.now()}" poster="/test/media/clip/poster.png"></drop-clip>
    </div>`);
    const live = wrapper.querySelector('#he-live')!;
    const soon = wrapper.querySelector('#he-soon')!;
    const clip = wrapper.querySelector('drop-clip')!;
    await waitFor(() => text(part(live, 'status')) === 'פעיל עכשיו', 'Hebrew live text');
    expect(text(part(soon, 'calendar-button'))).to.equal('הוספה ליומן');
    // Hebrew Intl names the zone "שעון …" itself (the city in Hebrew or, with a trimmed ICU, in English).
    expect(text(part(soon, 'moment'))).to.match(/\(השעה אצלך\) · 09:00 \(שעון (Los Angeles|לוס אנג׳לס)\)$/);
    await waitFor(() => part(clip, 'base') !== null, 'the Hebrew clip');
    expect(nameOf(part(clip, 'base')!)).to.equal('סרטון מוצר');
    expect(part(clip, 'mute')!.getAttribute('aria-label')).to.equal('השתקה');
    await expectNoAxeViolations(wrapper);
  });
});

describe('words: a lang dropkit cannot use', () => {
  afterEach(cleanup);

  // A language it does not speak, and a lang that is no language tag even once read leniently (a
  // server's de_DE is read as de-DE, countdown-lang.browser.test.ts): the words fall back (English in
  // this English browser), with one warning for the page naming the value (and, for the second, the
  // form expected).
  for (const [lang, expected] of [
    ['xx', null],
    ['de DE', '"de-DE"'],
  ] as const) {
    it(`lang="${lang}" falls back to English here, with one warning for the page`, async () => {
      const warnings = captureWarnings();
      try {
        const wrapper = await fixture(`<div lang="${lang}">
          <drop-countdown at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>
          <drop-countdown at="${AT}" now="2026-12-05T14:58:57Z"></drop-countdown>
        </div>`);
        const [live, scheduled] = [...wrapper.querySelectorAll('drop-countdown')];
        await waitFor(() => text(part(live!, 'status')) !== '', 'the countdown to render');
        expect(text(part(live!, 'status'))).to.equal('Live now');
        expect(text(part(scheduled!, 'calendar-button'))).to.equal('Add to calendar');
        expect(text(part(scheduled!, 'moment'))).to.match(/your time$/);
      } finally {
        warnings.restore();
      }
      const about = warnings.messages.filter((message) => message.includes(`lang="${lang}"`));
      expect(about).to.have.length(1);
      if (expected) expect(about[0]).to.include(expected);
    });
  }
});

describe('words: a page in a language dropkit has no words for', () => {
  afterEach(cleanup);

  // English words with Intl's Finnish beside them read "2 tuntia … your time": a line in no one
  // language, read by a screen reader with the page's voice. The whole line is English instead, and
  // its `lang` says so.
  it('the countdown says everything in English, numbers, units and dates included, marked lang="en"', async () => {
    const warnings = captureWarnings();
    try {
      const wrapper = await fixture(`<div lang="fi">
        <drop-countdown at="${AT}" now="2026-12-05T17:30:00Z"></drop-countdown>
        <drop-countdown at="${AT}" now="2026-12-05T14:58:57Z" format="long" time-zone="Europe/Helsinki"></drop-countdown>
      </div>`);
      const [live, scheduled] = [...wrapper.querySelectorAll('drop-countdown')];
      await waitFor(() => text(part(scheduled!, 'remaining')) !== '', 'the countdown to render');
      expect(text(part(scheduled!, 'remaining'))).to.equal('2 hours, 1 minute, 3 seconds');
      // Weekday, hour and the zone's name in English too ("la 19.00 Helsinki" was Finnish).
      expect(text(part(scheduled!, 'moment'))).to.match(/^Sat .*your time · 7:00\sPM Helsinki$/);
      for (const name of ['remaining', 'moment', 'actions']) expect(part(scheduled!, name)!.lang, name).to.equal('en');
      expect(text(part(live!, 'status'))).to.equal('Live now');
      expect(part(live!, 'status')!.lang).to.equal('en');
      await expectNoAxeViolations(wrapper);
    } finally {
      warnings.restore();
    }
  });

  it('the button says its time and price in English, as its words', async () => {
    const warnings = captureWarnings();
    try {
      // Persian writes its own digits: "Drops in ۰۱:۰۳" mixed two scripts in one label.
      const wrapper = await fixture(`<div lang="fa">
        <drop-countdown id="fa-drop" at="${AT}" now="2026-12-05T16:58:57Z"></drop-countdown>
        <drop-button drop="fa-drop"><a href="https://buy.stripe.com/x">Buy</a></drop-button>
        <drop-button lang="fi" price="24" currency="EUR"><a href="https://buy.stripe.com/x">Buy</a></drop-button>
      </div>`);
      const [scheduled, live] = [...wrapper.querySelectorAll('drop-button')];
      await waitFor(() => part(scheduled!, 'time') !== null && part(live!, 'price') !== null, 'the time to drop and the price');
      expect(text(part(scheduled!, 'time'))).to.equal('01:03');
      expect(text(part(scheduled!, 'label'))).to.equal('Drops in 01:03');
      expect(text(scheduled!.shadowRoot!.querySelector('.said'))).to.equal('1 minute');
      // "24,00 €" is Finnish.
      expect(text(part(live!, 'price'))).to.equal('€24.00');
    } finally {
      warnings.restore();
    }
  });

  it('a regional variant keeps its language\'s words and its own local form', async () => {
    const wrapper = await fixture(`<div>
      <drop-countdown lang="de-AT" at="${AT}" now="2026-12-05T14:58:57Z" format="long"></drop-countdown>
      <drop-countdown lang="pt-BR" at="${AT}" now="2026-12-05T14:58:57Z" format="long"></drop-countdown>
      <drop-countdown lang="en-GB" at="${AT}" now="2026-12-05T14:58:57Z" time-zone="America/New_York"></drop-countdown>
    </div>`);
    const [de, pt, gb] = [...wrapper.querySelectorAll('drop-countdown')];
    await waitFor(() => [de, pt, gb].every((el) => text(part(el!, 'remaining')) !== ''), 'the three countdowns to render');
    expect(text(part(de!, 'remaining'))).to.equal('2 Stunden, 1 Minute und 3 Sekunden');
    // Each has its lang on itself: what it writes inherits it, with no lang of its own.
    expect(part(de!, 'remaining')!.hasAttribute('lang')).to.equal(false);
    expect(text(part(pt!, 'remaining'))).to.equal('2 horas, 1 minuto e 3 segundos');
    expect(part(pt!, 'moment')!.hasAttribute('lang')).to.equal(false);
    // British English: the creator's 12:00 on a 24-hour clock.
    expect(text(part(gb!, 'moment'))).to.match(/ 12:00 New York$/);
    expect(part(gb!, 'moment')!.hasAttribute('lang')).to.equal(false);
  });
});

describe('words: the page switches language', () => {
  afterEach(cleanup);

  it('a live button and a clip follow a changed lang, as the ticking countdown does', async () => {
    const wrapper = await fixture(`<div lang="de">
      <drop-button><a href="https://buy.example/tee"></a></drop-button>
      <drop-clip src="/__test/clip/video.webm?id=words-switch-lang-${Date.now()}" poster="/test/media/clip/poster.png"></drop-clip>
    </div>`);
    const button = wrapper.querySelector('drop-button')!;
    const clip = wrapper.querySelector('drop-clip')!;
    await waitFor(() => text(part(button, 'label')) === 'Kaufen', 'the German button');
    await waitFor(() => part(clip, 'mute')?.getAttribute('aria-label') === 'Stummschalten', 'the German clip');
    // A single-page app's language menu: only the attribute changes, nothing asks the widgets.
    wrapper.lang = 'fr';
    await waitFor(() => text(part(button, 'label')) === 'Acheter', 'the button in French');
    await waitFor(() => part(clip, 'mute')?.getAttribute('aria-label') === 'Couper le son', 'the clip in French');
    wrapper.lang = 'en';
    await waitFor(() => text(part(button, 'label')) === 'Buy', 'the button back in English');
    expect(part(clip, 'mute')!.getAttribute('aria-label')).to.equal('Mute');
    await expectNoAxeViolations(wrapper);
  });
});

describe('words: the calendar entry of a drop without a name', () => {
  afterEach(cleanup);

  it('is called a drop in the page language when the page has no title either', async () => {
    const title = document.title;
    document.title = '';
    try {
      const wrapper = await fixture(`<div lang="ja"><drop-countdown at="${AT}" now="2026-12-05T16:00:00Z"></drop-countdown></div>`);
      const el = wrapper.querySelector('drop-countdown') as HTMLElement & { toIcs(): Promise<string> };
      await waitFor(() => text(part(el, 'calendar-button')) === 'カレンダーに追加', 'the Japanese countdown');
      expect(await el.toIcs()).to.contain('\r\nSUMMARY:ドロップ\r\n');
      const google = new URL((part(el, 'google-link') as HTMLAnchorElement).href);
      expect(google.searchParams.get('text')).to.equal('ドロップ');
    } finally {
      document.title = title;
    }
  });
});

describe("words: a marketplace's shadow root", () => {
  afterEach(cleanup);

  it('the nearest lang across the shadow boundary decides, on first render and when it changes', async () => {
    // A marketplace renders its product panel in a (closed) shadow root; the language lives on the
    // panel's host (the page is English) and on a section inside the shadow tree.
    const host = await fixture('<div lang="de"></div>');
    const root = host.attachShadow({ mode: 'closed' });
    (globalThis as unknown as { dropkit: { observe(root: ShadowRoot): void } }).dropkit.observe(root);
    root.innerHTML = `<drop-countdown at="${AT}" now="2026-12-05T16:00:00Z"></drop-countdown>
      <section lang="fr"><drop-countdown at="${AT}" now="2026-12-05T16:00:00Z"></drop-countdown></section>`;
    const [outer, inner] = [...root.querySelectorAll('drop-countdown')];
    await waitFor(() => text(part(outer!, 'calendar-button')) === 'Zum Kalender hinzufügen', "the host's German");
    await waitFor(() => text(part(inner!, 'calendar-button')) === 'Ajouter à l’agenda', "the section's French");
    // The marketplace's language menu changes lang inside its own shadow tree, then on the host.
    root.querySelector('section')!.lang = 'es';
    await waitFor(() => text(part(inner!, 'calendar-button')) === 'Añadir al calendario', 'Spanish inside the shadow tree');
    host.lang = 'it';
    await waitFor(() => text(part(outer!, 'calendar-button')) === 'Aggiungi al calendario', 'Italian from the host');
    expect(text(part(inner!, 'calendar-button'))).to.equal('Añadir al calendario');
  });
});
