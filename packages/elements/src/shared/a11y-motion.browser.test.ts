import { expect } from '@esm-bundle/chai';
import { emulateMedia } from '@web/test-runner-commands';
import { cleanup, fixture } from '../test-support/fixture.ts';
import { waitFor } from '../test-support/wait.ts';
import { seek, type ClipLike } from '../test-support/clip.ts';

/**
 * WCAG 2.2.2 (Pause, Stop, Hide): what blinks or moves by itself for more than 5 s beside other
 * content needs a way to stop it, and a visitor who has not asked their system for reduced motion
 * has none here but the widget's own. Read from the animations Chromium runs (pseudo-elements
 * included), without waiting for them: their timing says how long each lasts.
 */

/** Every animation running in the element's shadow root that lasts longer than 5 s, as text. */
const longerThanFiveSeconds = (host: Element) =>
  host
    .shadowRoot!.getAnimations()
    .filter((animation) => animation.playState === 'running' && Number(animation.effect?.getComputedTiming().endTime ?? 0) > 5000)
    .map((animation) => `${(animation as CSSAnimation).animationName} ${String(animation.effect?.getComputedTiming().endTime)} ms`);

describe('nothing blinks on its own for more than 5 s (WCAG 2.2.2)', () => {
  before(() => emulateMedia({ reducedMotion: 'no-preference' }));
  afterEach(cleanup);
  after(() => emulateMedia({ reducedMotion: 'reduce' }));

  it('the countdown\'s live dot pulses when the drop goes live, then stands still', async () => {
    const countdown = await fixture(`<drop-countdown state="live">Live now</drop-countdown>`);
    await waitFor(() => countdown.shadowRoot!.querySelector('[part="status"]') !== null, 'the live text');
    const dot = countdown.shadowRoot!.getAnimations().filter((animation) => (animation as CSSAnimation).animationName === 'pulse');
    // It still draws the eye to the drop going live.
    expect(dot.length).to.equal(1);
    expect(longerThanFiveSeconds(countdown)).to.deep.equal([]);
  });

  it('the clip\'s hotspots pulse only while the video plays: paused, they stand still', async () => {
    const clip = await fixture<ClipLike & { pause(): void }>(
      `<drop-clip style="width: 300px" src="/__test/clip/video.webm?id=motion-${Date.now().toString(36)}" ratio="9/16">
        <drop-product at="0" x="50%" y="50%" price="24" currency="EUR"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product></drop-clip>`,
    );
    await waitFor(() => clip.playback === 'playing', 'autoplay', 8000);
    await waitFor(() => clip.shadowRoot!.querySelector('.hotspot') !== null, 'the hotspot', 8000);
    // Playing, the dot moves with the video, which Pause stops.
    expect(clip.shadowRoot!.querySelector('.hotspot')!.getAnimations().length).to.equal(1);
    clip.pause();
    await waitFor(() => clip.playback === 'paused', 'paused');
    await seek(clip, 0.5);
    expect(clip.shadowRoot!.querySelector('.hotspot') !== null).to.equal(true);
    expect(longerThanFiveSeconds(clip)).to.deep.equal([]);
  });
});
