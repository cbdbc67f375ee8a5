import { expect } from '@esm-bundle/chai';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { sleep, waitFor } from '../test-support/wait.ts';

/**
 * <drop-clip> through a real network stall: the test clip comes from /__test/clip/stalling.webm
 * (test/support/stalling-video.mjs), whose server holds back the media after 2 s until the test
 * releases it, so Chromium runs dry mid-clip exactly as on a phone losing signal. Runs against the
 * sources and both built bundles, through the DOM only.
 */

type Clip = HTMLElement & { playback: string; buffering: boolean; updateComplete: Promise<boolean> };

const shadow = (clip: Element) => clip.shadowRoot!;
const videoOf = (clip: Element) => shadow(clip).querySelector('video')!;
const cardNames = (clip: Element) =>
  [...shadow(clip).querySelectorAll('[part~="cards"] [part~="card"]')].map((card) => card.textContent!.replace(/\s+/g, ' ').trim());

/** The tee is on screen from 1 s to just before 2.6 s, the hoodie from 2.6 s on. */
const TEE_AT = 1;
const HOODIE_AT = 2.6;
const cardsAt = (t: number) => [...(t >= TEE_AT && t < HOODIE_AT ? ['Glow tee'] : []), ...(t >= HOODIE_AT ? ['Glow hoodie'] : [])];
/** Long enough that a card counted on the wall clock would have moved on: 0.5 s would do. */
const STALL_MS = 1500;

describe('<drop-clip> through a network stall', () => {
  afterEach(cleanup);

  it('keeps the card of the frozen moment, shows it is buffering, and brings the next card at its time once data flows', async () => {
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const clip = await fixture<Clip>(
      `<drop-clip style="width: 180px" src="/__test/clip/stalling.webm?id=${id}&at=2" ratio="9/16">
        <drop-product at="${TEE_AT}" until="${HOODIE_AT}"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
        <drop-product at="${HOODIE_AT}"><a href="https://buy.stripe.com/test_hoodie">Glow hoodie</a></drop-product>
      </drop-clip>`,
    );
    const video = videoOf(clip);

    // At every media event, once the clip has rendered, the cards are those of that event's time
    // (a few ms around a card's edge are left out: the clip and this check read the clock apart).
    const wrong: string[] = [];
    const checkCards = async () => {
      const t = video.currentTime;
      await clip.updateComplete;
      const names = cardNames(clip);
      const nearEdge = [TEE_AT, HOODIE_AT].some((edge) => Math.abs(t - edge) < 0.05);
      if (!nearEdge && names.join() !== cardsAt(t).join()) wrong.push(`${t.toFixed(2)} s showed [${names.join(', ')}]`);
    };
    const events = ['timeupdate', 'waiting', 'playing', 'canplay'];
    for (const type of events) video.addEventListener(type, checkCards);
    let waited = 0;
    const onWaiting = () => (waited += video.currentTime > TEE_AT ? 1 : 0);
    video.addEventListener('waiting', onWaiting);

    try {
      await waitFor(() => clip.playback === 'playing' && waited > 0, 'playback to stall mid-clip (a `waiting` event after 1 s)', 10_000);
      const log = (await (await fetch(`/__test/clip/stalling/log?id=${id}`, { cache: 'no-store' })).json()) as { held: unknown }[];
      expect(log.some((request) => request.held !== null), 'the server held bytes back').to.equal(true);
      const frozenAt = video.currentTime;
      expect(frozenAt, 'the clip stalls between the two cards (has the test video changed?)').to.be.within(TEE_AT + 0.5, HOODIE_AT - 0.2);

      // The stall: the picture stands still, the card stays that of the frozen time, and the clip
      // says it is waiting for data (not a clip that looks as if it plays).
      for (const start = performance.now(); performance.now() - start < STALL_MS; await sleep(50)) {
        expect(video.currentTime, 'currentTime during the stall').to.be.closeTo(frozenAt, 0.02);
        expect(video.readyState, 'readyState during the stall').to.be.below(HTMLMediaElement.HAVE_FUTURE_DATA);
        expect(cardNames(clip), `cards ${Math.round(performance.now() - start)} ms into the stall`).to.deep.equal(['Glow tee']);
        expect(clip.buffering, 'buffering during the stall').to.equal(true);
      }
      expect(clip.hasAttribute('buffering')).to.equal(true);
      expect(clip.playback).to.equal('playing');
      expect(video.getAttribute('aria-busy')).to.equal('true');
      // The pause control still pauses: the visitor's intent is still "playing".
      expect(shadow(clip).querySelector('[part~="play-pause"]')!.getAttribute('aria-label')).to.equal('Pause');
      const spinner = getComputedStyle(shadow(clip).querySelector('.stage')!, '::after');
      expect(spinner.content, 'the spinner').to.not.be.oneOf(['none', 'normal']);
      expect(Number(spinner.opacity), 'the spinner after half a second').to.equal(1);
      expect(spinner.width).to.equal('34px');
      await expectNoAxeViolations(clip);

      await fetch(`/__test/clip/stalling/release?id=${id}`, { cache: 'no-store' });
      await waitFor(() => cardNames(clip).includes('Glow hoodie'), 'the hoodie card once playback goes on', 8000);
      expect(video.currentTime, 'when the hoodie card appears').to.be.at.least(HOODIE_AT);
      expect(cardNames(clip)).to.deep.equal(['Glow hoodie']);
      expect(clip.hasAttribute('buffering'), 'buffering after the release').to.equal(false);
      expect(video.hasAttribute('aria-busy')).to.equal(false);
      expect(getComputedStyle(shadow(clip).querySelector('.stage')!, '::after').content).to.be.oneOf(['none', 'normal']);
      expect(wrong, 'cards that did not match the media time').to.deep.equal([]);
    } finally {
      for (const type of events) video.removeEventListener(type, checkCards);
      video.removeEventListener('waiting', onWaiting);
      // Never leave a held response open, whatever failed.
      await fetch(`/__test/clip/stalling/release?id=${id}`, { cache: 'no-store' });
    }
  });
});
