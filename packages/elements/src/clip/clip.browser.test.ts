import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { cleanup, fixture, nextFrame } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { waitFor as waitUntil } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';
import { seek } from '../test-support/clip.ts';

/**
 * <drop-clip> in Chromium with a real WebM (test/media/clip/clip.webm, 4 s, one colour per second)
 * served by the test server's /__test/clip endpoints, which also count requests per clip. Runs
 * against the sources and both built bundles; talks to the element through the DOM only.
 */

type Clip = HTMLElement & { playback: string; state: string | null; updateComplete: Promise<boolean>; play(): Promise<void>; pause(): void };

let nextId = 0;
const uniqueId = () => `${Date.now().toString(36)}-${nextId++}`;
const videoUrl = (id: string, extra = '') => `/__test/clip/video.webm?id=${id}${extra}`;

const shadow = (clip: Element) => clip.shadowRoot!;
const videoOf = (clip: Element) => shadow(clip).querySelector('video')!;
const part = (clip: Element, name: string) => shadow(clip).querySelector<HTMLElement>(`[part~="${name}"]`);
/** The name aria-labelledby gives (the clip names its groups by an element carrying its words' lang). */
const nameOf = (el: Element) => (el.getRootNode() as ShadowRoot).getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? null;
const cardNames = (clip: Element) =>
  [...shadow(clip).querySelectorAll('[part~="cards"] [part~="card"]')].map((card) => card.textContent!.replace(/\s+/g, ' ').trim());

// Video start-up is the slowest thing these tests wait for, so they allow it 8 s, not the usual 5.
const waitFor = (check: () => boolean, what: string, ms = 8000) => waitUntil(check, what, ms);

/** Every link's href in the clip's shadow root. */
const deepLinks = (clip: Element) => [...shadow(clip).querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');

async function videoRequests(id: string): Promise<number> {
  const response = await fetch(`/__test/clip/requests?id=${id}&fresh=${Math.random()}`, { cache: 'no-store' });
  return ((await response.json()) as { count: number }).count;
}

const products = `
  <drop-product at="0.5" until="1.5" price="24" currency="EUR" sku="tee-l"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
  <drop-product at="1" until="3" x="62%" y="40%" href="https://buy.stripe.com/test_hoodie">Glow hoodie</drop-product>
  <drop-product at="0:03"><a href="https://shop.example/cart/123:1">Glow socks</a></drop-product>
  <drop-product><a href="https://buy.stripe.com/test_sticker">Sticker pack</a></drop-product>`;

const clipHtml = (id: string, attributes = '', children = products) =>
  `<drop-clip style="width: 180px" src="${videoUrl(id)}" poster="/test/media/clip/poster.png" ratio="9/16" ${attributes}>
    <track kind="captions" src="/test/media/clip/captions.vtt" srclang="en" label="English">
    ${children}
  </drop-clip>`;

/** A product as React 19 or Vue create one: `properties` set on it before it joins a clip. */
function productWith(content: string, properties: Record<string, unknown>): HTMLElement {
  const product = document.createElement('drop-product');
  product.innerHTML = content;
  return Object.assign(product, properties);
}

/**
 * Mounts a clip with the `products` markup, appends the `added` ones, and waits until every one is in
 * its list; `listed()` reads the list as a visitor does, each product's name and price.
 */
async function listedProducts(products: string, ...added: HTMLElement[]): Promise<{ clip: Clip; listed: () => string[] }> {
  const clip = await fixture<Clip>(clipHtml(uniqueId(), '', products));
  clip.append(...added);
  const count = clip.querySelectorAll('drop-product').length;
  const listed = () => [...(part(clip, 'list')?.querySelectorAll('a') ?? [])].map((a) => a.textContent!.replace(/\s+/g, ' ').trim());
  await waitFor(() => listed().length === count, `${count} products in the list`);
  return { clip, listed };
}

/**
 * Until the clip has judged its products: the frame after they were read and the task after it
 * (clip.ts judges them then, on what a framework has set by that time). Call it once what was set
 * shows, so that they have been read.
 */
const productsJudged = async () => {
  await nextFrame();
  await new Promise((resolve) => setTimeout(resolve));
};

/** The one warning for a product's price the clip refuses, as `written`. */
const priceRefused = (name: string, written: string) =>
  `[dropkit] <drop-clip>: "${name}": expected price as an amount such as 24.90 or 24,90 (no currency sign, no thousands separator) but received "${written}"`;

describe('<drop-clip>', () => {
  afterEach(async () => {
    cleanup();
    window.scrollTo(0, 0);
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('without JavaScript the creator markup is a plain list of working product links', async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.srcdoc = clipHtml('nojs');
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const links = [...frame.contentDocument!.querySelectorAll('a')];
      expect(links.map((a) => a.textContent)).to.deep.equal(['Glow tee', 'Glow socks', 'Sticker pack']);
      for (const link of links) expect(link.getBoundingClientRect().width).to.be.greaterThan(0);
    } finally {
      frame.remove();
    }
  });

  it('requests no video until it nears the viewport, keeping its box the whole time', async () => {
    const id = uniqueId();
    const page = await fixture(`<div><div style="height: 3000px"></div>${clipHtml(id)}</div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    await nextFrame();
    await nextFrame();
    const video = videoOf(clip);
    expect(video.hasAttribute('src')).to.equal(false);
    expect(video.getAttribute('preload')).to.equal('none');
    expect(clip.playback).to.equal('idle');
    const before = clip.getBoundingClientRect();
    expect(before.height).to.be.closeTo((before.width * 16) / 9, 1);
    // Requests the page made so far: only the kit, never the clip.
    expect(await videoRequests(id)).to.equal(0);
    await expectNoAxeViolations(clip);

    clip.scrollIntoView();
    await waitFor(() => video.hasAttribute('src'), 'the video to be attached');
    await waitFor(() => clip.playback === 'playing', 'autoplay once in view');
    // The media fetch runs in the network process and may reach the server a moment after the
    // element starts playing; on a loaded machine that moment is long, so poll for it.
    let requested = 0;
    for (const start = performance.now(); requested === 0 && performance.now() - start < 8000; ) {
      requested = await videoRequests(id);
      if (requested === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(requested).to.be.greaterThan(0);
    expect(clip.getBoundingClientRect().height).to.be.closeTo(before.height, 1);
  });

  it('autoplays muted and inline when in view, pauses when scrolled away and resumes on return', async () => {
    const page = await fixture(`<div>${clipHtml(uniqueId())}<div style="height: 3000px"></div></div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    const video = videoOf(clip);
    await waitFor(() => clip.playback === 'playing' && !video.paused, 'autoplay');
    expect(video.muted).to.equal(true);
    expect(video.playsInline).to.equal(true);
    expect(part(clip, 'mute')!.getAttribute('aria-pressed')).to.equal('true');
    await expectNoAxeViolations(clip);

    window.scrollTo(0, 2000);
    await waitFor(() => video.paused, 'pause when out of view');
    window.scrollTo(0, 0);
    await waitFor(() => !video.paused, 'resume when back in view');
  });

  it('plays a new src set while it is in view (a framework reusing the clip for the next product)', async () => {
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    const video = videoOf(clip);
    await waitFor(() => clip.playback === 'playing' && !video.paused, 'autoplay');
    const next = uniqueId();
    clip.setAttribute('src', videoUrl(next));
    await waitFor(() => videoOf(clip).currentSrc.includes(next) && !videoOf(clip).paused && videoOf(clip).currentTime > 0, 'the new clip playing');
    expect(clip.playback).to.equal('playing');
    expect(await videoRequests(next)).to.be.at.least(1);
  });

  it('pauses while the tab is hidden and resumes when it is visible again', async () => {
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    const video = videoOf(clip);
    await waitFor(() => !video.paused, 'autoplay');
    // Headless tabs are always "visible"; the page-visibility API is what a hidden tab changes.
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      await waitFor(() => video.paused, 'pause when hidden');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    await waitFor(() => !video.paused, 'resume when visible');
  });

  it('never autoplays under prefers-reduced-motion: it offers a play button instead', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    const video = videoOf(clip);
    await waitFor(() => video.readyState >= HTMLMediaElement.HAVE_METADATA, 'metadata');
    await nextFrame();
    await nextFrame();
    expect(video.paused).to.equal(true);
    expect(clip.playback).to.equal('ready');
    const overlay = part(clip, 'play-overlay')!;
    expect(overlay.getAttribute('aria-label')).to.equal('Play clip');
    await expectNoAxeViolations(clip);
    overlay.click();
    await waitFor(() => clip.playback === 'playing', 'playing after the visitor asks');
  });

  it('shows the play button when the browser refuses to start playback', async () => {
    const originalPlay = HTMLMediaElement.prototype.play;
    // What an autoplay policy does to play(): reject with NotAllowedError.
    HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('autoplay is not allowed', 'NotAllowedError'));
    let clip: Clip;
    try {
      clip = await fixture<Clip>(clipHtml(uniqueId()));
      await waitFor(() => clip.playback === 'blocked', 'the blocked state');
    } finally {
      HTMLMediaElement.prototype.play = originalPlay;
    }
    expect(part(clip, 'play-overlay')).to.not.equal(null);
    await expectNoAxeViolations(clip);
    part(clip, 'play-overlay')!.click();
    await waitFor(() => clip.playback === 'playing' && !videoOf(clip).paused, 'playing after the click');
    expect(part(clip, 'play-overlay')).to.equal(null);
  });

  it('a video that fails (404) leaves the poster and a visible list of product links', async () => {
    const id = uniqueId();
    const warnings = captureWarnings();
    let clip: Clip;
    try {
      clip = await fixture<Clip>(clipHtml(id).replace(videoUrl(id), videoUrl(id, '&status=404')));
      await waitFor(() => clip.playback === 'error', 'the error state');
    } finally {
      warnings.restore();
    }
    expect(await videoRequests(id)).to.be.greaterThan(0);
    expect(warnings.messages.some((m) => /could not be played/.test(m))).to.equal(true);
    expect(videoOf(clip).hidden).to.equal(true);
    expect(part(clip, 'poster')!.getAttribute('src')).to.match(/poster\.png$/);
    const list = part(clip, 'list')!;
    expect(list.getBoundingClientRect().height).to.be.greaterThan(20);
    const links = [...list.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Glow tee €24.00',
      'Glow hoodie',
      'Glow socks',
      'Sticker pack',
    ]);
    expect(links[0]!.href).to.equal('https://buy.stripe.com/test_tee?sku=tee-l');
    await expectNoAxeViolations(clip);
  });

  it('a new src after a failed one is tried, and its own failure is named in a warning of its own', async () => {
    const [first, second] = [uniqueId(), uniqueId()];
    const warnings = captureWarnings();
    try {
      const clip = await fixture<Clip>(clipHtml(first).replace(videoUrl(first), videoUrl(first, '&status=404')));
      await waitFor(() => clip.playback === 'error', 'the first error');
      clip.setAttribute('src', videoUrl(second, '&status=404'));
      const failures = () => warnings.messages.filter((m) => /could not be played/.test(m));
      await waitFor(() => failures().length >= 2, 'a warning naming the second video');
      expect(failures()).to.have.length(2);
      expect(failures()[0]).to.contain(`id=${first}`);
      expect(failures()[1]).to.contain(`id=${second}`);
      expect(clip.playback).to.equal('error');
      expect(await videoRequests(second)).to.be.greaterThan(0);
    } finally {
      warnings.restore();
    }
  });

  it('a file the browser cannot decode ends the same way: poster and products', async () => {
    const warnings = captureWarnings();
    let clip: Clip;
    try {
      clip = await fixture<Clip>(clipHtml(uniqueId()).replace(/src="\/__test[^"]*"/, 'src="/test/media/clip/captions.vtt"'));
      await waitFor(() => clip.playback === 'error', 'the error state');
    } finally {
      warnings.restore();
    }
    expect(part(clip, 'poster')).to.not.equal(null);
    expect(part(clip, 'list')!.querySelectorAll('a')).to.have.length(4);
    expect(part(clip, 'controls')).to.equal(null);
    await expectNoAxeViolations(clip);
  });

  it('shows the cards of the current time through seeks and rate changes, with hotspots', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    clip.scrollIntoView();
    const expectations: [number, string[]][] = [
      [2, ['Glow hoodie']],
      [0.7, ['Glow tee €24.00']],
      [1.2, ['Glow tee €24.00', 'Glow hoodie']],
      [3.5, ['Glow socks']],
      [0.1, []],
      [1.6, ['Glow hoodie']],
    ];
    for (const [time, names] of expectations) {
      if (time === 1.6) videoOf(clip).playbackRate = 2;
      await seek(clip, time);
      expect(cardNames(clip), `cards at ${time}s`).to.deep.equal(names);
    }
    const hotspot = part(clip, 'hotspot')!;
    expect(hotspot.style.left).to.equal('62%');
    expect(hotspot.style.top).to.equal('40%');
    expect(hotspot.getAttribute('href')).to.equal('https://buy.stripe.com/test_hoodie');
    await expectNoAxeViolations(clip);
  });

  it('plays through: progress at 25/50/75/100 %, then a carousel of every product', async () => {
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    const video = videoOf(clip);
    video.defaultPlaybackRate = 4;
    video.playbackRate = 4;
    const progress: number[] = [];
    clip.addEventListener('drop-clip-progress', (event) => progress.push(event.percent));
    await waitFor(() => clip.playback === 'ended', 'the end', 10_000);
    await clip.updateComplete;
    expect(progress).to.deep.equal([25, 50, 75, 100]);
    const carousel = part(clip, 'carousel')!;
    expect([...carousel.querySelectorAll('[part~="card"]')].map((card) => card.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Glow tee €24.00',
      'Glow hoodie',
      'Glow socks',
      'Sticker pack',
    ]);
    expect(cardNames(clip)).to.deep.equal([]);
    await expectNoAxeViolations(clip);
    part(clip, 'replay')!.click();
    await waitFor(() => clip.playback === 'playing', 'playing again');
    expect(part(clip, 'carousel')).to.equal(null);
  });

  it('reports a product view after its card was on screen for a second, once', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    const views: { name: string; index: number; at: number }[] = [];
    const listener = (event: Event) => {
      const view = event as HTMLElementEventMap['drop-product-view'];
      views.push({ name: view.name, index: view.index, at: performance.now() });
    };
    document.addEventListener('drop-product-view', listener);
    try {
      const shownAt = performance.now();
      await seek(clip, 2);
      await waitFor(() => views.length === 1, 'a view event');
      expect(views[0]).to.include({ name: 'Glow hoodie', index: 1 });
      expect(views[0]!.at - shownAt).to.be.at.least(990);
      // A card that leaves before a second is not a view.
      await seek(clip, 0.6);
      await seek(clip, 3.2);
      await waitFor(() => views.length === 2, 'a second view event');
      expect(views.map((view) => view.name)).to.deep.equal(['Glow hoodie', 'Glow socks']);
      // Coming back to a product already seen is not a second view.
      await seek(clip, 2);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(views).to.have.length(2);
    } finally {
      document.removeEventListener('drop-product-view', listener);
    }
  });

  it('reports each product view once when a framework adds or reorders products around it', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    const views: string[] = [];
    const listener = (event: Event) => void views.push((event as HTMLElementEventMap['drop-product-view']).name);
    document.addEventListener('drop-product-view', listener);
    try {
      await seek(clip, 2);
      await waitFor(() => views.length === 1, 'the hoodie viewed');
      // A new product above the others: every product after it moves one place down the list.
      const added = document.createElement('drop-product');
      added.setAttribute('at', '1.8');
      added.innerHTML = '<a href="https://buy.stripe.com/test_scarf">Glow scarf</a>';
      clip.prepend(added);
      await waitFor(() => cardNames(clip).includes('Glow scarf'), 'the added product');
      await waitFor(() => views.length >= 2, 'the scarf viewed');
      // The list reversed while both cards stay up: neither is a new view.
      clip.append(...[...clip.querySelectorAll('drop-product')].reverse());
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(views).to.deep.equal(['Glow hoodie', 'Glow scarf']);
      // A framework without keys patches in place: the scarf's element now holds another product.
      added.innerHTML = '<a href="https://buy.stripe.com/test_beanie">Glow beanie</a>';
      await waitFor(() => views.length >= 3, 'the beanie viewed');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(views).to.deep.equal(['Glow hoodie', 'Glow scarf', 'Glow beanie']);
    } finally {
      document.removeEventListener('drop-product-view', listener);
    }
  });

  it('a card click fires drop-product-click and a cancelable drop-checkout with sku and referral', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId(), 'referral="utm_source=clip"'));
    await seek(clip, 0.7);
    const events: Event[] = [];
    const record = (event: Event) => {
      events.push(event);
      if (event.type === 'drop-checkout') event.preventDefault();
    };
    document.addEventListener('drop-product-click', record);
    document.addEventListener('drop-checkout', record);
    try {
      shadow(clip).querySelector<HTMLAnchorElement>('[part~="cards"] a')!.click();
    } finally {
      document.removeEventListener('drop-product-click', record);
      document.removeEventListener('drop-checkout', record);
    }
    expect(events.map((event) => event.type)).to.deep.equal(['drop-product-click', 'drop-checkout']);
    const [click, checkout] = events as [HTMLElementEventMap['drop-product-click'], HTMLElementEventMap['drop-checkout']];
    expect(click).to.include({ name: 'Glow tee', index: 0, sku: 'tee-l', bubbles: true, composed: true });
    expect(checkout).to.include({ provider: 'stripe', sku: 'tee-l', bubbles: true, composed: true, cancelable: true });
    expect(checkout.href).to.equal('https://buy.stripe.com/test_tee?sku=tee-l&utm_source=clip');
    // Still on the test page: the marketplace's preventDefault() stopped the navigation.
    expect(location.pathname).to.not.match(/test_tee/);
  });

  it('starts one checkout for a double click on a card, as the buy button does', async () => {
    // A marketplace that runs its own checkout on drop-checkout opened it twice (two carts, two
    // payment sheets) for an impatient double tap; the buy button has ignored the second for long.
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    await seek(clip, 0.7);
    let checkouts = 0;
    let navigations = 0;
    const onCheckout = (event: Event) => {
      checkouts++;
      event.preventDefault();
    };
    // Any click the page still lets through would navigate; count those, then stop them.
    const onClick = (event: Event) => {
      if (!event.defaultPrevented) navigations++;
      event.preventDefault();
    };
    document.addEventListener('drop-checkout', onCheckout);
    window.addEventListener('click', onClick);
    try {
      const link = shadow(clip).querySelector<HTMLAnchorElement>('[part~="cards"] a')!;
      link.click();
      link.click();
      expect(checkouts).to.equal(1);
      expect(navigations).to.equal(0);
      // Another product is another checkout.
      shadow(clip).querySelector<HTMLAnchorElement>('[part~="list"] li:last-child a')!.click();
      expect(checkouts).to.equal(2);
    } finally {
      document.removeEventListener('drop-checkout', onCheckout);
      window.removeEventListener('click', onClick);
    }
  });

  it('keeps a keyboard user\'s place when what had focus goes: the play button once playing; a card keeps it while its time is over', async () => {
    // Enter on "Play clip" started the clip and removed the button under the focus: focus fell to
    // the page, and the next Tab started again from the top of the page.
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    const video = videoOf(clip);
    await waitFor(() => video.readyState >= HTMLMediaElement.HAVE_METADATA, 'metadata');
    await clip.updateComplete;
    part(clip, 'play-overlay')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => clip.playback === 'playing', 'playing after Enter');
    await clip.updateComplete;
    expect(part(clip, 'play-overlay') === null).to.equal(true);
    expect(document.activeElement === clip).to.equal(true);
    expect(shadow(clip).activeElement?.getAttribute('part')).to.equal('control play-pause');

    clip.pause();
    await waitFor(() => clip.playback === 'paused', 'paused');
    await seek(clip, 0.7);
    shadow(clip).querySelector<HTMLAnchorElement>('[part~="cards"] a')!.focus();
    // The card's time is over under the focus: it stays, focused, until focus leaves the cards.
    await seek(clip, 0.2);
    expect(cardNames(clip)).to.deep.equal(['Glow tee €24.00']);
    expect(shadow(clip).activeElement?.textContent?.trim()).to.equal('Glow tee €24.00');
    part(clip, 'play-pause')!.focus();
    await waitFor(() => part(clip, 'cards') === null, 'the card gone once focus left it');
  });

  it('never gives a focused card another product: the cards stay as they are while one has focus', async () => {
    // Tee (0.5-1.5 s) and hoodie (1-3 s) shown together, focus on the tee: at 1.5 s the tee's card
    // went and the same link was given the hoodie, so Enter on what was read as "Glow tee €24.00"
    // bought the hoodie.
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    await seek(clip, 1.2);
    expect(cardNames(clip)).to.deep.equal(['Glow tee €24.00', 'Glow hoodie']);
    const tee = shadow(clip).querySelector<HTMLAnchorElement>('[part~="cards"] a')!;
    tee.focus();
    await seek(clip, 2);
    const focused = shadow(clip).activeElement as HTMLAnchorElement | null;
    expect(focused?.textContent?.trim()).to.equal('Glow tee €24.00');
    expect(focused?.getAttribute('href')).to.equal('https://buy.stripe.com/test_tee?sku=tee-l');
    expect(cardNames(clip)).to.deep.equal(['Glow tee €24.00', 'Glow hoodie']);
    // Focus on the hoodie's card, still in the cards: they stay. Out of them, they follow the video.
    await sendKeys({ press: 'Tab' });
    expect(shadow(clip).activeElement?.textContent?.trim()).to.equal('Glow hoodie');
    expect(cardNames(clip)).to.deep.equal(['Glow tee €24.00', 'Glow hoodie']);
    part(clip, 'play-pause')!.focus();
    await waitFor(() => cardNames(clip).join() === 'Glow hoodie', 'the moment\'s cards once focus left them');
    await expectNoAxeViolations(clip);
  });

  it('keeps a keyboard user\'s place when the video fails under it: the product list shown instead of the controls takes focus', async () => {
    // A marketplace swapping in another product's video that does not play took the controls away
    // with the focus on Mute: focus fell to the page.
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    await waitFor(() => part(clip, 'mute') !== null, 'the controls');
    part(clip, 'mute')!.focus();
    clip.setAttribute('src', videoUrl(uniqueId(), '&status=404'));
    await waitFor(() => clip.playback === 'error', 'the new video failing');
    await clip.updateComplete;
    expect(part(clip, 'mute') === null).to.equal(true);
    expect(document.activeElement === clip).to.equal(true);
    expect(shadow(clip).activeElement?.id).to.equal('list-title');
    expect(shadow(clip).activeElement?.matches(':focus-visible')).to.equal(true);
    // The next Tab is the first product in the list.
    await sendKeys({ press: 'Tab' });
    expect(shadow(clip).activeElement?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Glow tee €24.00');
    await expectNoAxeViolations(clip);
  });

  it('never gives a focused card button another product either (a clip following a drop)', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const page = await fixture(`<div><div id="clip-focus-owner" state="live"></div>${clipHtml(uniqueId(), 'drop="clip-focus-owner"')}</div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    await seek(clip, 1.2);
    const buttons = () => [...shadow(clip).querySelectorAll('[part~="cards"] drop-button')];
    await waitFor(() => buttons().length === 2 && buttons()[0]!.shadowRoot?.querySelector('[part="button"]') != null, 'the card buttons');
    buttons()[0]!.shadowRoot!.querySelector<HTMLElement>('[part="button"]')!.focus();
    await seek(clip, 2);
    // The focused button is still the tee's (its sku), in the card named for the tee.
    const focused = shadow(clip).activeElement!;
    expect(focused.getAttribute('sku')).to.equal('tee-l');
    expect(focused.closest('li')!.querySelector('[part~="card-name"]')!.textContent).to.equal('Glow tee');
  });

  it('keyboard: k plays/pauses, m mutes, c toggles captions, Tab reaches the shown cards', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const page = await fixture(`<div><button id="before">before</button>${clipHtml(uniqueId())}</div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    await seek(clip, 1.2);
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    // Tab goes the way the eye reads: the controls on top, the play button, then the cards.
    const stops: string[] = [];
    for (let i = 0; i < 6; i++) {
      await sendKeys({ press: 'Tab' });
      const focused = shadow(clip).activeElement!;
      stops.push(focused.getAttribute('aria-label') ?? focused.textContent!.replace(/\s+/g, ' ').trim());
    }
    expect(stops).to.deep.equal(['Play', 'Mute', 'Captions', 'Play clip', 'Glow tee €24.00', 'Glow hoodie']);

    await sendKeys({ press: 'k' });
    await waitFor(() => clip.playback === 'playing', 'k to play');
    await sendKeys({ press: 'k' });
    await waitFor(() => clip.playback === 'paused', 'k to pause');
    await expectNoAxeViolations(clip);

    const mute = part(clip, 'mute')!;
    expect(mute.getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ press: 'm' });
    await clip.updateComplete;
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    expect(videoOf(clip).muted).to.equal(false);

    const captions = part(clip, 'captions')!;
    await sendKeys({ press: 'c' });
    await clip.updateComplete;
    expect(captions.getAttribute('aria-pressed')).to.equal('true');
    expect([...videoOf(clip).textTracks].find((track) => track.kind === 'captions')!.mode).to.equal('showing');

    // Focus is visible on the controls (keyboard focus, so :focus-visible applies).
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    const focused = shadow(clip).activeElement as HTMLElement;
    expect(focused.getAttribute('part')).to.equal('control play-pause');
    expect(getComputedStyle(focused).outlineStyle).to.not.equal('none');
    expect(parseFloat(getComputedStyle(focused).outlineWidth)).to.be.at.least(2);

    // Space on the focused play button activates it (and only once).
    part(clip, 'play-pause')!.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => clip.playback === 'playing', 'Space to play');
    await expectNoAxeViolations(clip);
  });

  it('gives screen readers every product without watching, and shows the list when a keyboard reaches it', async () => {
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    await waitFor(() => clip.playback === 'playing', 'autoplay');
    const list = part(clip, 'list')!;
    expect([...list.querySelectorAll('a')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Glow tee €24.00',
      'Glow hoodie',
      'Glow socks',
      'Sticker pack',
    ]);
    expect(list.getBoundingClientRect().height).to.be.at.most(1);
    list.querySelector('a')!.focus();
    expect(list.getBoundingClientRect().height).to.be.greaterThan(20);
  });

  it('shows at most its first 100 products, with one warning, however many a seller gives it', async () => {
    // A marketplace page froze for 11 s under a clip of 10 000 products with a drop (a card button
    // each, and their listeners on the one countdown cost the square of their number).
    const many = Array.from({ length: 150 }, (_, i) => `<drop-product><a href="https://buy.stripe.com/test_${i + 1}">Product ${i + 1}</a></drop-product>`).join('');
    const warnings = captureWarnings();
    let clip: Clip;
    const listed = () => [...(part(clip, 'list')?.querySelectorAll('a') ?? [])].map((a) => a.textContent!.trim());
    try {
      clip = await fixture<Clip>(clipHtml(uniqueId(), '', many));
      await waitFor(() => listed().length > 0, 'the product list');
      await productsJudged();
    } finally {
      warnings.restore();
    }
    expect(listed().length).to.equal(100);
    expect(listed()[99]).to.equal('Product 100');
    expect(warnings.messages.filter((m) => m.includes('first 100'))).to.deep.equal(['[dropkit] <drop-clip> shows its first 100 of 150 products']);
  });

  it('falls back from bad attributes with one warning each, never an exception', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const warnings = captureWarnings();
    let clip: Clip;
    try {
      clip = await fixture<Clip>(
        clipHtml(uniqueId(), '', `<drop-product at="soon" until="later" x="50%" image="http://cdn.example/tee.jpg"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>`).replace(
          'ratio="9/16"',
          'ratio="wide"',
        ),
      );
      clip.setAttribute('label', 'Glow tee preview');
      // A re-render (here: a new label) does not repeat the warnings.
      await clip.updateComplete;
      await productsJudged();
    } finally {
      warnings.restore();
    }
    expect(warnings.messages.filter((m) => /ratio/.test(m))).to.have.length(1);
    expect(warnings.messages.filter((m) => /expected "at"/.test(m))).to.have.length(1);
    expect(warnings.messages.filter((m) => /hotspot/.test(m))).to.have.length(1);
    // A plain-http thumbnail from another site is refused, and the warning says what would be taken.
    const image = warnings.messages.filter((m) => m.includes('http://cdn.example/tee.jpg'));
    expect(image).to.have.length(1);
    expect(image[0]).to.contain('expected "image" to be an https (or same-site) URL');
    const box = clip.getBoundingClientRect();
    expect(box.height).to.be.closeTo((box.width * 16) / 9, 1);
    expect(nameOf(part(clip, 'base')!)).to.equal('Glow tee preview');
    clip.setAttribute('ratio', '16:9');
    await clip.updateComplete;
    expect(clip.getBoundingClientRect().height).to.be.closeTo((box.width * 9) / 16, 1);
    // The untimed product is still in the list.
    expect(part(clip, 'list')!.textContent).to.contain('Glow tee');
  });

  it('follows products added, changed or removed after it rendered', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml(uniqueId()));
    await seek(clip, 2);
    expect(cardNames(clip)).to.deep.equal(['Glow hoodie']);
    const added = document.createElement('drop-product');
    added.setAttribute('at', '1.8');
    added.innerHTML = '<a href="https://buy.stripe.com/test_scarf">Glow scarf</a>';
    clip.append(added);
    await waitFor(() => cardNames(clip).includes('Glow scarf'), 'the added product');
    clip.querySelector('drop-product[x]')!.setAttribute('until', '1.9');
    await waitFor(() => !cardNames(clip).includes('Glow hoodie'), 'the shortened product to leave');
    added.remove();
    await waitFor(() => cardNames(clip).length === 0, 'the removed product to leave');
    expect(part(clip, 'list')!.textContent).to.not.contain('Glow scarf');
  });

  it('reads products whose fields a framework set as properties, before or after the kit upgraded them, with no false warning', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const warnings = captureWarnings();
    try {
      // Before: elements made where no custom element is defined (a framework's template document),
      // their properties set, then put in the page, where the clip upgrades before its products.
      const inert = document.implementation.createHTMLDocument('');
      const page = inert.createElement('div');
      page.innerHTML = clipHtml(uniqueId(), '', '');
      const early = inert.createElement('drop-product') as HTMLElement;
      Object.assign(early, { at: '0.5', href: 'https://buy.stripe.com/test_early', price: 24, currency: 'EUR' });
      early.textContent = 'Early tee';
      page.firstElementChild!.append(early);
      const mounted = await fixture(`<div></div>`);
      mounted.append(document.adoptNode(page));
      const clip = mounted.querySelector<Clip>('drop-clip')!;
      await clip.updateComplete;
      // After: an upgraded product, properties set before it is connected (its update comes later).
      const late = document.createElement('drop-product') as HTMLElement;
      Object.assign(late, { at: '1', href: 'https://buy.stripe.com/test_late' });
      late.textContent = 'Late cap';
      clip.append(late);
      await waitFor(() => (part(clip, 'list')?.querySelectorAll('a[href]').length ?? 0) === 2, 'both products linked in the list');
      const links = [...part(clip, 'list')!.querySelectorAll('a')].map((a) => [a.textContent!.replace(/\s+/g, ' ').trim(), new URL(a.href).pathname]);
      expect(links).to.deep.equal([
        ['Early tee €24.00', '/test_early'],
        ['Late cap', '/test_late'],
      ]);
      await productsJudged();
      expect(warnings.messages).to.deep.equal([]);
    } finally {
      warnings.restore();
    }
  });

  it('reads the link and image inside a product whose href and image a template left blank', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const warnings = captureWarnings();
    try {
      const clip = await fixture<Clip>(
        clipHtml(
          uniqueId(),
          '',
          `<drop-product at="0.5" href="" image=" "><img src="/test/media/clip/poster.png" alt=""><a href="https://buy.stripe.com/test_blank">Glow tee</a></drop-product>`,
        ),
      );
      await waitFor(() => part(clip, 'list')?.querySelector('a[href]') != null, 'the product linked in the list');
      expect(new URL(part(clip, 'list')!.querySelector('a')!.href).pathname).to.equal('/test_blank');
      await seek(clip, 0.6);
      await waitFor(() => part(clip, 'card-image') !== null, 'the card with its image');
      expect(new URL((part(clip, 'card-image') as HTMLImageElement).src).pathname).to.equal('/test/media/clip/poster.png');
      await productsJudged();
      expect(warnings.messages).to.deep.equal([]);
    } finally {
      warnings.restore();
    }
  });

  it('reads a price written with a decimal comma, as an attribute or a property, and names both forms for one that reads two ways', async () => {
    const warnings = captureWarnings();
    try {
      const { listed } = await listedProducts(
        `<drop-product price="24,90" currency="EUR"><a href="https://buy.stripe.com/test_comma">Glow tee</a></drop-product>
        <drop-product price="1.000" currency="EUR"><a href="https://buy.stripe.com/test_dots">Glow hoodie</a></drop-product>`,
        // A framework (React 19, Vue) sets the property, with the shop's text as it is.
        productWith('<a href="https://buy.stripe.com/test_cap">Glow cap</a>', { price: '18,5', currency: 'EUR' }),
      );
      // "1.000" was read as 1 (a thousand in Germany): the hoodie's link said €1.00.
      expect(listed()).to.deep.equal(['Glow tee €24.90', 'Glow hoodie', 'Glow cap €18.50']);
      await productsJudged();
      expect(warnings.messages).to.deep.equal([priceRefused('Glow hoodie', '1.000')]);
    } finally {
      warnings.restore();
    }
  });

  it('reads a price with the three decimals of its currency (12.500 dinars), whichever of price and currency comes first, and still refuses 3,000 yen', async () => {
    const warnings = captureWarnings();
    try {
      // A framework setting the price first and the currency only after the clip has judged it.
      const late = productWith('<a href="https://buy.stripe.com/test_omr">Glow hoodie</a>', { price: '3,125' });
      const { listed } = await listedProducts(
        `<drop-product price="12.500" currency="KWD"><a href="https://buy.stripe.com/test_kwd">Glow tee</a></drop-product>
        <drop-product currency="BHD" price="7,250"><a href="https://buy.stripe.com/test_bhd">Glow cap</a></drop-product>
        <drop-product price="3,000" currency="JPY"><a href="https://buy.stripe.com/test_jpy">Glow socks</a></drop-product>`,
        late,
      );
      await productsJudged();
      Object.assign(late, { currency: 'OMR' });
      await waitFor(() => listed()[3] === 'Glow hoodie OMR 3.125', 'the hoodie priced once its currency comes');
      expect(listed()).to.deep.equal(['Glow tee KWD 12.500', 'Glow cap BHD 7.250', 'Glow socks', 'Glow hoodie OMR 3.125']);
      // The hoodie's price alone reads two ways (the rule without a currency), and its currency came
      // too late to spare the warning (a frame later is in time: below).
      await productsJudged();
      expect(warnings.messages).to.deep.equal([priceRefused('Glow socks', '3,000'), priceRefused('Glow hoodie', '3,125')]);
    } finally {
      warnings.restore();
    }
  });

  it('refuses a fraction the currency does not have (3000.50 yen), naming the currency\'s form, rather than list it rounded', async () => {
    // Intl rounds to the currency's digits: the list said ¥3,001 for a price nobody wrote.
    const warnings = captureWarnings();
    try {
      const { listed } = await listedProducts(
        `<drop-product price="3000.50" currency="JPY"><a href="https://buy.stripe.com/test_jpy">Glow tee</a></drop-product>
        <drop-product price="3000.00" currency="JPY"><a href="https://buy.stripe.com/test_whole">Glow cap</a></drop-product>`,
        // A framework's number, in euros.
        productWith('<a href="https://buy.stripe.com/test_eur">Glow socks</a>', { price: 24.505, currency: 'EUR' }),
      );
      expect(listed()).to.deep.equal(['Glow tee', 'Glow cap ¥3,000', 'Glow socks']);
      await productsJudged();
      expect(warnings.messages).to.deep.equal([
        '[dropkit] <drop-clip>: "Glow tee": expected price as a whole amount such as 3000 (JPY has no minor unit) but received "3000.50"',
        '[dropkit] <drop-clip>: "Glow socks": expected price as an amount such as 24.50 (EUR has 2 decimals) but received "24.505"',
      ]);
    } finally {
      warnings.restore();
    }
  });

  it('judges a product on what a framework has set once the frame is over: no warning when its currency comes a microtask or a frame after its price', async () => {
    // Vue and Svelte flush properties in ticks of their own, and a store may answer a frame later:
    // a product's "3,125" warned as reading two ways although its currency (OMR) was on its way.
    for (const [when, wait] of [['in the same task', null], ['a microtask later', () => Promise.resolve()], ['a frame later', () => nextFrame()]] as const) {
      const warnings = captureWarnings();
      try {
        const hoodie = productWith('<a href="https://buy.stripe.com/test_late">Glow hoodie</a>', {});
        const { clip, listed } = await listedProducts('', hoodie);
        // One already in the clip, one a framework creates (properties first, then it joins the clip).
        const socks = productWith('<a href="https://buy.stripe.com/test_socks">Glow socks</a>', { price: '7,250' });
        Object.assign(hoodie, { price: '3,125' });
        if (wait) await wait();
        Object.assign(hoodie, { currency: 'OMR' });
        clip.append(socks);
        if (wait) await wait();
        Object.assign(socks, { currency: 'BHD' });
        await waitFor(() => listed().join() === 'Glow hoodie OMR 3.125,Glow socks BHD 7.250', `both priced (${when})`);
        await productsJudged();
        expect(warnings.messages, when).to.deep.equal([]);
      } finally {
        warnings.restore();
      }
    }
  });

  it('takes a blank at, until, x or y (a template printing an empty field) as not set: no warning, as without them', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const warnings = captureWarnings();
    try {
      const clip = await fixture<Clip>(
        clipHtml(
          uniqueId(),
          '',
          `<drop-product at="" until="" x="" y=" "><a href="https://buy.stripe.com/test_blank">Glow tee</a></drop-product>
          <drop-product><a href="https://buy.stripe.com/test_none">Glow socks</a></drop-product>
          <drop-product at="0.5" until=""><a href="https://buy.stripe.com/test_cap">Glow cap</a></drop-product>`,
        ),
      );
      await seek(clip, 0.6);
      // No timed card and no hotspot for the blank one, exactly as for the one without them; a blank
      // until is a card to the end.
      expect(cardNames(clip)).to.deep.equal(['Glow cap']);
      expect(part(clip, 'hotspot')).to.equal(null);
      await seek(clip, 3.5);
      expect(cardNames(clip)).to.deep.equal(['Glow cap']);
      expect([...part(clip, 'list')!.querySelectorAll('a')].map((a) => new URL(a.href).pathname)).to.deep.equal(['/test_blank', '/test_none', '/test_cap']);
      await productsJudged();
      expect(warnings.messages).to.deep.equal([]);
    } finally {
      warnings.restore();
    }
  });

  it('reads products from a metadata track of JSON cues', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(
      clipHtml(uniqueId(), '', `${products}<track kind="metadata" src="/test/media/clip/products.vtt">`),
    );
    await waitFor(() => (part(clip, 'list')?.textContent ?? '').includes('Glow cap'), 'the cue product in the list');
    await seek(clip, 3);
    expect(cardNames(clip)).to.deep.equal(['Glow socks', 'Glow cap €18.00']);
  });

  it('shows only the products it read and checked, whatever a framework sets as clip.products, before or after the upgrade', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const unchecked = [{ name: 'Injected', href: 'javascript:alert(1)', at: 0, until: 99 }];
    const inert = document.implementation.createHTMLDocument('');
    const page = inert.createElement('div');
    page.innerHTML = clipHtml(uniqueId());
    Object.assign(page.firstElementChild!, { products: unchecked });
    const mounted = await fixture(`<div></div>`);
    mounted.append(document.adoptNode(page));
    const clip = mounted.querySelector<Clip>('drop-clip')!;
    await clip.updateComplete;
    const listed = () => [...part(clip, 'list')!.querySelectorAll('li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
    const expected = ['Glow tee €24.00', 'Glow hoodie', 'Glow socks', 'Sticker pack'];
    await waitFor(() => listed().length === 4, 'the creator\'s products');
    expect(listed()).to.deep.equal(expected);
    Object.assign(clip, { products: unchecked });
    await clip.updateComplete;
    await seek(clip, 2);
    expect(listed()).to.deep.equal(expected);
    expect(cardNames(clip)).to.deep.equal(['Glow hoodie']);
    expect(deepLinks(clip).filter((href) => !href.startsWith('https:'))).to.deep.equal([]);
  });

  it('reads every metadata track, one saved with a byte order mark and CRLF, and says once which cue is not JSON', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const warnings = captureWarnings();
    try {
      const clip = await fixture<Clip>(
        clipHtml(
          uniqueId(),
          '',
          `${products}<track kind="metadata" src="/test/media/clip/products.vtt"><track kind="metadata" src="/test/media/clip/more-products.vtt">`,
        ),
      );
      const listed = () => [...part(clip, 'list')!.querySelectorAll('li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
      await waitFor(() => listed().length === 6, 'both tracks in the list');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Light products first, then the tracks' in markup order, whichever track arrived first.
      expect(listed().slice(4)).to.deep.equal(['Glow cap €18.00', 'Glow beanie €15.00']);
      await seek(clip, 1.2);
      expect(cardNames(clip)).to.deep.equal(['Glow tee €24.00', 'Glow hoodie', 'Glow beanie €15.00']);
      const notJson = warnings.messages.filter((message) => message.includes('metadata cue'));
      expect(notJson).to.have.length(1);
      expect(notJson[0]).to.contain('Broken');
    } finally {
      warnings.restore();
    }
  });

  it('refuses hostile product links (never an href), with one warning each', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const warnings = captureWarnings();
    let clip: Clip;
    try {
      clip = await fixture<Clip>(
        clipHtml(
          uniqueId(),
          '',
          `<drop-product at="0" until="2" href="javascript:alert(1)">Bad one</drop-product>
           <drop-product at="0" until="2"><a href="java&#9;script:alert(2)">Bad two</a></drop-product>
           <drop-product at="0" until="2" href="http://buy.example/tee">Plain http</drop-product>`,
        ),
      );
      await seek(clip, 1);
      await productsJudged();
    } finally {
      warnings.restore();
    }
    expect(cardNames(clip)).to.deep.equal(['Bad one', 'Bad two', 'Plain http']);
    const hrefs = [...shadow(clip).querySelectorAll('[href]')].map((el) => el.getAttribute('href'));
    expect(hrefs.filter((href) => !href!.startsWith('https://'))).to.deep.equal([]);
    expect(warnings.messages.filter((m) => /https/.test(m))).to.have.length(3);
    await expectNoAxeViolations(clip);
  });

  it('offers no way to buy while the drop it names has not said its state (a countdown that upgrades later)', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const page = await fixture(`<div><div id="clip-silent-owner"></div>${clipHtml(uniqueId(), 'drop="clip-silent-owner"')}</div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    await seek(clip, 1.2);
    const button = shadow(clip).querySelector('[part~="cards"] drop-button') as HTMLElement & { updateComplete: Promise<unknown> };
    await customElements.whenDefined('drop-button');
    await button.updateComplete;
    expect(clip.state).to.equal(null);
    expect(part(clip, 'hotspot')!.localName, 'the dot only points').to.equal('span');
    expect(button.shadowRoot!.querySelector('[part="button"]')!.hasAttribute('href'), 'the card button is disabled').to.equal(false);
    page.querySelector('#clip-silent-owner')!.setAttribute('state', 'live');
    await waitFor(() => part(clip, 'hotspot')?.localName === 'a', 'the hotspot to link once the drop is live');
    await expectNoAxeViolations(clip);
  });

  it('a drop that names nothing is one warning for the clip and all its cards', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const missing = `clip-missing-${uniqueId()}`;
    const warnings = captureWarnings();
    try {
      const clip = await fixture<Clip>(clipHtml(uniqueId(), `drop="${missing}"`));
      await seek(clip, 1.2);
      const cardButtons = shadow(clip).querySelectorAll('[part~="cards"] drop-button');
      await customElements.whenDefined('drop-button');
      await Promise.all([...cardButtons].map((button) => (button as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
      expect(cardButtons.length >= 2, 'several card buttons name the same drop').to.equal(true);
      const said = warnings.messages.filter((text) => text.includes(`drop="${missing}"`));
      expect(said.length).to.equal(1);
      expect(said[0]!.includes('<drop-clip>')).to.equal(true);
    } finally {
      warnings.restore();
    }
  });

  it('cards are drop-buttons that follow the drop state when the clip names a drop', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const page = await fixture(`<div><div id="clip-drop-owner" state="sold-out"></div>${clipHtml(uniqueId(), 'drop="clip-drop-owner" referral="creator42"')}</div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    await seek(clip, 0.7);
    const button = shadow(clip).querySelector('[part~="cards"] drop-button') as HTMLElement & { updateComplete: Promise<unknown> };
    await customElements.whenDefined('drop-button');
    await button.updateComplete;
    expect(button.getAttribute('state')).to.equal('sold-out');
    expect(clip.state).to.equal('sold-out');
    // No way around the drop's state: the list holds buttons too, and no hotspot links while sold out.
    expect(part(clip, 'list')!.querySelectorAll('drop-button')).to.have.length(4);
    await seek(clip, 1.2);
    expect(part(clip, 'hotspot')!.localName).to.equal('span');
    expect(shadow(clip).querySelectorAll('a[part~="hotspot"], [part~="list"] a[part~="card-link"]')).to.have.length(0);
    page.querySelector('#clip-drop-owner')!.setAttribute('state', 'live');
    await waitFor(() => button.getAttribute('state') === 'live', 'the button to go live');
    await clip.updateComplete;
    expect(part(clip, 'hotspot')!.localName).to.equal('a');
    await expectNoAxeViolations(clip);

    // The checkout event comes from the button itself, once; the clip adds only the product click.
    const events: Event[] = [];
    const record = (event: Event) => {
      events.push(event);
      if (event.type === 'drop-checkout') event.preventDefault();
    };
    document.addEventListener('drop-product-click', record);
    document.addEventListener('drop-checkout', record);
    try {
      await button.updateComplete;
      button.shadowRoot!.querySelector<HTMLElement>('[part~="button"]')!.click();
    } finally {
      document.removeEventListener('drop-product-click', record);
      document.removeEventListener('drop-checkout', record);
    }
    expect(events.map((event) => event.type).sort()).to.deep.equal(['drop-checkout', 'drop-product-click']);
    // The clip's referral reaches the button, which applies it (Stripe: client_reference_id).
    expect(events.find((event) => event.type === 'drop-checkout')).to.include({
      href: 'https://buy.stripe.com/test_tee?sku=tee-l&client_reference_id=creator42',
      sku: 'tee-l',
    });
  });

  it('keeps its drop\'s state when a page or framework sets state, never a hotspot link before T0', async () => {
    // A marketplace passing the same props to every drop widget (state drives the buy button) set
    // the clip's read-only state to live: its hotspots became checkout links before the drop opened.
    await emulateMedia({ reducedMotion: 'reduce' });
    const page = await fixture(`<div><div id="clip-drop-early" state="scheduled"></div>${clipHtml(uniqueId(), 'drop="clip-drop-early"')}</div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    await seek(clip, 1.2);
    expect(part(clip, 'hotspot')!.localName).to.equal('span');
    clip.state = 'live';
    await clip.updateComplete;
    expect(clip.state).to.equal('scheduled');
    expect(part(clip, 'hotspot')!.localName).to.equal('span');
    clip.setAttribute('state', 'live');
    await clip.updateComplete;
    expect(clip.getAttribute('state')).to.equal('scheduled');
    expect(shadow(clip).querySelectorAll('a[part~="hotspot"]').length).to.equal(0);
    // The drop itself opening still opens the hotspot.
    page.querySelector('#clip-drop-early')!.setAttribute('state', 'live');
    await waitFor(() => clip.state === 'live', 'the clip to follow its drop');
    await clip.updateComplete;
    expect(part(clip, 'hotspot')!.localName).to.equal('a');
  });

  it('adds its referral to every product link, reflects it, and ignores the old ref attribute', async () => {
    type ClipWithReferral = Clip & { referral: string | null };
    const page = await fixture(`<div>${clipHtml(uniqueId(), 'referral="creator42"')}${clipHtml(uniqueId(), 'ref="creator42"')}</div>`);
    const [clip, old] = [...page.querySelectorAll<ClipWithReferral>('drop-clip')] as [ClipWithReferral, ClipWithReferral];
    const listHrefs = (of: Clip) => [...(part(of, 'list')?.querySelectorAll('a') ?? [])].map((a) => a.href);
    await waitFor(() => listHrefs(clip).length === 4 && listHrefs(old).length === 4, 'both product lists');
    expect(clip.referral).to.equal('creator42');
    expect(listHrefs(clip)).to.deep.equal([
      'https://buy.stripe.com/test_tee?sku=tee-l&client_reference_id=creator42',
      'https://buy.stripe.com/test_hoodie?client_reference_id=creator42',
      'https://shop.example/cart/123:1?ref=creator42',
      'https://buy.stripe.com/test_sticker?client_reference_id=creator42',
    ]);
    expect(listHrefs(old)).to.deep.equal([
      'https://buy.stripe.com/test_tee?sku=tee-l',
      'https://buy.stripe.com/test_hoodie',
      'https://shop.example/cart/123:1',
      'https://buy.stripe.com/test_sticker',
    ]);
    clip.referral = 'utm_source=clip';
    await clip.updateComplete;
    expect(clip.getAttribute('referral')).to.equal('utm_source=clip');
    expect(listHrefs(clip)[2]).to.equal('https://shop.example/cart/123:1?utm_source=clip');
  });

  it('refuses a script or third-party http video source: poster and products instead', async () => {
    const warnings = captureWarnings();
    let clip: Clip;
    try {
      clip = await fixture<Clip>(clipHtml(uniqueId()).replace(/src="\/__test[^"]*"/, 'src="javascript:alert(1)"'));
      await waitFor(() => clip.playback === 'error', 'the error state');
      const other = await fixture<Clip>(clipHtml(uniqueId()).replace(/src="\/__test[^"]*"/, 'src="http://media.example/clip.webm"'));
      await waitFor(() => other.playback === 'error', 'the error state for plain http');
    } finally {
      warnings.restore();
    }
    expect(videoOf(clip).hasAttribute('src')).to.equal(false);
    expect(warnings.messages.filter((m) => /expected src/.test(m))).to.have.length(2);
    expect(part(clip, 'list')!.querySelectorAll('a[href^="https://"]')).to.have.length(4);
  });

  it('says once why it refuses a poster or a caption track, as it does for src', async () => {
    const warnings = captureWarnings();
    let clip: Clip;
    try {
      clip = await fixture<Clip>(
        clipHtml(uniqueId())
          .replace('poster="/test/media/clip/poster.png"', 'poster="http://media.example/poster.png"')
          .replace('</drop-clip>', '<track kind="captions" src="javascript:alert(1)" srclang="en" label="English"></drop-clip>'),
      );
      await clip.updateComplete;
      // One more render: the track warning is said once, not once per render.
      clip.setAttribute('label', 'Spring drop clip');
      await clip.updateComplete;
    } finally {
      warnings.restore();
    }
    expect(videoOf(clip).getAttribute('poster')).to.equal(null);
    expect(videoOf(clip).querySelector('track[src^="javascript"]')).to.equal(null);
    expect(warnings.messages.filter((m) => /expected poster to be an https \(or same-site\) URL but received "http:\/\/media\.example\/poster\.png"/.test(m))).to.have.length(1);
    expect(warnings.messages.filter((m) => /expected <track> src to be an https \(or same-site\) URL but received "javascript:alert\(1\)"/.test(m))).to.have.length(1);
  });
});
