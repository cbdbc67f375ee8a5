/**
 * A widget following its countdown by id when a marketplace replaces that countdown (a framework
 * re-rendering the drop section with a fresh element under the same id), against the sources and
 * both built bundles.
 */
import { expect } from '@esm-bundle/chai';
import { cleanup, fixture, settled } from '../test-support/fixture.ts';
import { waitFor } from '../test-support/wait.ts';

const HOUR = 3_600_000;
const iso = (epochMs: number) => new Date(epochMs).toISOString();
type Widget = HTMLElement & { state: string };

describe('drop follow: a countdown replaced under the same id', () => {
  afterEach(cleanup);

  it('the button follows the new countdown at once, before it says anything', async () => {
    const wrapper = await fixture(`<div>
      <drop-countdown id="replaced-drop" at="${iso(Date.now() - HOUR)}">Live</drop-countdown>
      <drop-button drop="replaced-drop"><a href="https://buy.example/tee">Buy</a></drop-button>
    </div>`);
    const button = wrapper.querySelector('drop-button') as Widget;
    await waitFor(() => button.state === 'live', 'the button live with the first countdown');
    // The drop was moved to an hour from now: the section renders again with a new countdown.
    const next = document.createElement('drop-countdown');
    next.id = 'replaced-drop';
    next.setAttribute('at', iso(Date.now() + HOUR));
    wrapper.querySelector('drop-countdown')!.replaceWith(next);
    await settled(wrapper);
    // The new countdown is scheduled and fires no drop-state until T0, an hour away.
    await waitFor(() => button.state === 'scheduled', 'the button scheduled with the new countdown');
    expect(button.getAttribute('state')).to.equal('scheduled');
  });

  it('the clip follows the new countdown too', async () => {
    const wrapper = await fixture(`<div>
      <drop-countdown id="replaced-clip-drop" at="${iso(Date.now() - HOUR)}">Live</drop-countdown>
      <drop-clip drop="replaced-clip-drop" src="/__test/clip/video.webm?id=drop-follow-${Date.now()}" poster="/test/media/clip/poster.png"></drop-clip>
    </div>`);
    const clip = wrapper.querySelector('drop-clip') as Widget;
    await waitFor(() => clip.state === 'live', 'the clip live with the first countdown');
    const next = document.createElement('drop-countdown');
    next.id = 'replaced-clip-drop';
    next.setAttribute('at', iso(Date.now() + HOUR));
    wrapper.querySelector('drop-countdown')!.replaceWith(next);
    await waitFor(() => clip.state === 'scheduled', 'the clip scheduled with the new countdown');
  });

  it('a countdown taken out and put back a moment later (a framework moving it) is still followed', async () => {
    const wrapper = await fixture(`<div>
      <section><drop-countdown id="moved-drop" at="${iso(Date.now() + HOUR)}">Soon</drop-countdown></section>
      <drop-button drop="moved-drop"><a href="https://buy.example/tee">Buy</a></drop-button>
    </div>`);
    const button = wrapper.querySelector('drop-button') as Widget;
    const countdown = wrapper.querySelector('drop-countdown') as Widget;
    await waitFor(() => button.state === 'scheduled', 'the button scheduled');
    countdown.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    wrapper.append(countdown);
    countdown.state = 'sold-out';
    await waitFor(() => button.state === 'sold-out', 'the button sold out with the countdown put back');
  });
});
