import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { waitFor as waitUntil } from '../test-support/wait.ts';
import { seek } from '../test-support/clip.ts';

/**
 * What the clip takes from the visitor and what it reports about them: keys it does not act on stay
 * the page's, and the analytics count only what a visitor could act on. Real Chromium, the real
 * test clip (test/media/clip/clip.webm) through the test server; the DOM only.
 */

type Clip = HTMLElement & { playback: string; state: string | null; updateComplete: Promise<boolean>; play(): Promise<void> };

let nextId = 0;
const uniqueId = () => `${Date.now().toString(36)}-actions-${nextId++}`;
const shadow = (clip: Element) => clip.shadowRoot!;
const videoOf = (clip: Element) => shadow(clip).querySelector('video')!;
const waitFor = (check: () => boolean, what: string, ms = 8000) => waitUntil(check, what, ms);

const clipHtml = (attributes = '', children = '') =>
  `<drop-clip style="width: 180px" src="/__test/clip/video.webm?id=${uniqueId()}" ratio="9/16" ${attributes}>
    ${children}
    <drop-product at="0.5" until="1.5" sku="tee-l"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
  </drop-clip>`;

/** Every `type` event reaching the document while `act` runs; drop-checkouts are cancelled (no navigation). */
async function eventsDuring(types: string[], act: () => void | Promise<void>): Promise<Event[]> {
  const events: Event[] = [];
  const record = (event: Event) => {
    events.push(event);
    if (event.type === 'drop-checkout' || event.type === 'click') event.preventDefault();
  };
  for (const type of types) document.addEventListener(type, record);
  try {
    await act();
  } finally {
    for (const type of types) document.removeEventListener(type, record);
  }
  return events;
}

/**
 * Presses `keys` one by one and says, for each, whether the clip had cancelled it by the time it
 * reached the document (true: the clip took the key; false: it is still the page's).
 * `cancelAfter` cancels each key once recorded, so it does nothing further on the page.
 */
async function keysTaken(keys: string[], { cancelAfter = false } = {}): Promise<string> {
  const seen: boolean[] = [];
  const onKey = (event: KeyboardEvent) => {
    seen.push(event.defaultPrevented);
    if (cancelAfter) event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  try {
    for (const key of keys) await sendKeys({ press: key });
  } finally {
    document.removeEventListener('keydown', onKey);
  }
  return seen.join();
}

describe('<drop-clip> actions', () => {
  afterEach(async () => {
    cleanup();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('leaves the c key to the page (and a screen reader) when it has no captions', async () => {
    // The page's own "c" shortcut, or a screen reader's, was lost: the clip cancelled the keystroke
    // though it had nothing to switch on.
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml());
    await clip.updateComplete;
    shadow(clip).querySelector<HTMLElement>('[part~="mute"]')!.focus();
    // c: nothing to do, the page's; m: the clip's.
    expect(await keysTaken(['c', 'm'])).to.equal('false,true');
  });

  it('takes the c key when it has captions to switch', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml('', '<track kind="captions" src="/test/media/clip/captions.vtt" srclang="en" label="English">'));
    await clip.updateComplete;
    shadow(clip).querySelector<HTMLElement>('[part~="mute"]')!.focus();
    const taken = await keysTaken(['c']);
    await clip.updateComplete;
    expect(taken).to.equal('true');
    expect(shadow(clip).querySelector('[part~="captions"]')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('counts a product click only when it starts a checkout: not on a disabled card button, once for a double click', async () => {
    // A card button before the drop fired drop-product-click for every click on the disabled button,
    // and a double click on a live one counted twice (only the checkout was de-duplicated).
    await emulateMedia({ reducedMotion: 'reduce' });
    const page = await fixture(`<div><div id="actions-drop" state="scheduled"></div>${clipHtml('drop="actions-drop"')}</div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    await seek(clip, 0.7);
    await customElements.whenDefined('drop-button');
    const button = shadow(clip).querySelector('[part~="cards"] drop-button') as HTMLElement & { updateComplete: Promise<unknown> };
    await button.updateComplete;
    const press = () => button.shadowRoot!.querySelector<HTMLElement>('[part~="button"]')!.click();
    const types = ['drop-product-click', 'drop-checkout'];

    expect((await eventsDuring(types, press)).map((event) => event.type).join()).to.equal('');

    page.querySelector('#actions-drop')!.setAttribute('state', 'live');
    await waitFor(() => button.getAttribute('state') === 'live', 'the card button to go live');
    await button.updateComplete;
    const live = await eventsDuring(types, () => {
      press();
      press();
    });
    // The product click comes first, as for a plain card link.
    expect(live.map((event) => event.type).join()).to.equal('drop-product-click,drop-checkout');
  });

  it('counts one product click for a double click on a plain card link', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml());
    await seek(clip, 0.7);
    const link = shadow(clip).querySelector<HTMLAnchorElement>('[part~="cards"] a')!;
    const events = await eventsDuring(['drop-product-click', 'drop-checkout', 'click'], () => {
      link.click();
      link.click();
    });
    expect(events.map((event) => event.type).join()).to.equal('drop-product-click,drop-checkout,click,click');
  });

  it('reports progress for a recording whose duration is not known at first (a live WebM: Infinity)', async () => {
    // A browser's MediaRecorder writes no Duration: the video says Infinity until it knows, and no
    // 25/50/75 % ever fired, as what had been watched was forgotten meanwhile.
    const clip = await fixture<Clip>(`<drop-clip style="width: 180px" src="/test/media/clip/live.webm?id=${uniqueId()}" ratio="9/16"></drop-clip>`);
    const video = videoOf(clip);
    const durations: number[] = [];
    video.addEventListener('timeupdate', () => durations.push(video.duration));
    video.defaultPlaybackRate = 4;
    video.playbackRate = 4;
    const progress: number[] = [];
    clip.addEventListener('drop-clip-progress', (event) => progress.push(event.percent));
    await waitFor(() => clip.playback === 'ended', 'the end', 10_000);
    await clip.updateComplete;
    // The file really is one whose duration was unknown while it played.
    expect(durations.some((duration) => duration === Infinity)).to.equal(true);
    expect(progress.join()).to.equal('25,50,75,100');
  });

  it('keeps what it found out for itself whatever a framework sets: muted, shown cards, captions, the load', async () => {
    // Lit state has public accessors, and React 19 or Vue set any property an element has: a
    // marketplace spreading {muted: false, shown: [3]} onto every widget made the clip throw in its
    // next update, and loadRequested: true fetched a video far below the fold.
    const page = await fixture(
      `<div><div style="height: 3000px"></div>${clipHtml('', '<track kind="captions" src="/test/media/clip/captions.vtt" srclang="en" label="English">')}</div>`,
    );
    const clip = page.querySelector<Clip>('drop-clip')! as Clip & Record<string, unknown>;
    await clip.updateComplete;
    Object.assign(clip, { muted: false, shown: [3], captionsOn: true, reducedMotion: true, loadRequested: true });
    let failed: unknown = null;
    await clip.updateComplete.catch((error: unknown) => (failed = error));
    expect(String(failed)).to.equal('null');
    const video = videoOf(clip);
    expect(video.hasAttribute('src')).to.equal(false);
    expect(video.muted).to.equal(true);
    expect(shadow(clip).querySelector('[part~="mute"]')!.getAttribute('aria-pressed')).to.equal('true');
    expect(shadow(clip).querySelector('[part~="captions"]')!.getAttribute('aria-pressed')).to.equal('false');
    expect(shadow(clip).querySelectorAll('[part~="cards"], [part~="play-overlay"]').length).to.equal(0);
    expect(clip.playback).to.equal('idle');
  });

  it('leaves k and m to the page when its video failed and it shows only the poster and products', async () => {
    // With no video there is nothing to play or mute, yet k and m were cancelled.
    const clip = await fixture<Clip>(
      `<drop-clip style="width: 180px" src="/__test/clip/video.webm?id=${uniqueId()}&status=404" ratio="9/16">
        <drop-product><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
      </drop-clip>`,
    );
    await waitFor(() => clip.playback === 'error', 'the video to fail');
    await clip.updateComplete;
    shadow(clip).querySelector<HTMLElement>('[part~="list"] a')!.focus();
    expect(await keysTaken(['k', 'm'], { cancelAfter: true })).to.equal('false,false');
  });

  it('keeps the sound a visitor turned on when it resumes after being scrolled away', async () => {
    // Resuming in view muted the video again: a visitor who had turned the sound on, looked at the
    // product list below and scrolled back found the clip playing silently, the choice undone.
    const page = await fixture(`<div>${clipHtml()}<div style="height: 3000px"></div></div>`);
    const clip = page.querySelector<Clip>('drop-clip')!;
    const video = videoOf(clip);
    await waitFor(() => clip.playback === 'playing' && !video.paused, 'autoplay');
    shadow(clip).querySelector<HTMLElement>('[part~="mute"]')!.focus();
    // A real key press: the user activation that lets a page play sound.
    await sendKeys({ press: 'm' });
    await waitFor(() => !video.muted, 'sound on');
    window.scrollTo(0, 2000);
    await waitFor(() => video.paused, 'pause when out of view');
    window.scrollTo(0, 0);
    await waitFor(() => !video.paused, 'resume when back in view');
    await clip.updateComplete;
    expect(video.muted).to.equal(false);
    expect(shadow(clip).querySelector('[part~="mute"]')!.getAttribute('aria-pressed')).to.equal('false');

    // A browser that refuses sound without a fresh press (what an autoplay policy does to play())
    // gets the muted preview, not a play button.
    window.scrollTo(0, 2000);
    await waitFor(() => video.paused, 'pause when out of view again');
    const originalPlay = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      return this.muted ? originalPlay.call(this) : Promise.reject(new DOMException('sound is not allowed', 'NotAllowedError'));
    };
    try {
      window.scrollTo(0, 0);
      await waitFor(() => !video.paused, 'resume muted when sound is refused');
    } finally {
      HTMLMediaElement.prototype.play = originalPlay;
    }
    // Media events arrive a task after play() resolves: wait for the one that says playing.
    await waitFor(() => clip.playback === 'playing', 'playing, not blocked');
    await clip.updateComplete;
    expect(video.muted).to.equal(true);
    expect(shadow(clip).querySelector('[part~="mute"]')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('starts with captions on when its caption track says default, as the docs promise', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const clip = await fixture<Clip>(clipHtml('', '<track kind="captions" src="/test/media/clip/captions.vtt" srclang="en" label="English" default>'));
    const video = videoOf(clip);
    await waitFor(() => video.readyState >= HTMLMediaElement.HAVE_METADATA, 'video metadata');
    await clip.updateComplete;
    const captions = [...video.textTracks].find((track) => track.kind === 'captions')!;
    expect(captions.mode).to.equal('showing');
    expect(shadow(clip).querySelector('[part~="captions"]')!.getAttribute('aria-pressed')).to.equal('true');
    // c still switches them off.
    shadow(clip).querySelector<HTMLElement>('[part~="mute"]')!.focus();
    await sendKeys({ press: 'c' });
    await clip.updateComplete;
    expect(captions.mode).to.equal('disabled');
    expect(shadow(clip).querySelector('[part~="captions"]')!.getAttribute('aria-pressed')).to.equal('false');
  });
});
