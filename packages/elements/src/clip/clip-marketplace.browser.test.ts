/**
 * A marketplace renders a creator's drop inside its own component: the countdown and the clip in
 * one open shadow root. The clip's card buttons sit one shadow root deeper (the clip's), and must
 * follow that same countdown: before T0 a card must not be a way to buy.
 */
import { expect } from '@esm-bundle/chai';
import { emulateMedia } from '@web/test-runner-commands';
import { cleanup, fixture, settled } from '../test-support/fixture.ts';
import { seek, type ClipLike } from '../test-support/clip.ts';
import { waitFor } from '../test-support/wait.ts';
import { captureWarnings } from '../test-support/warnings.ts';

const part = (el: Element | null | undefined, name: string) => el?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
let mounted = 0;
/** The script-tag loader defines tags in a shadow root it is told about, as a marketplace tells it. */
const observe = (root: ShadowRoot) => (globalThis as unknown as { dropkit: { observe(root: ShadowRoot): void } }).dropkit.observe(root);

/** Once the clip in `root` has drawn and is sought into its product's time: the timed card's buy button. */
async function timedCardButton(root: ShadowRoot): Promise<HTMLElement> {
  await settled(root);
  const clip = root.querySelector<ClipLike>('drop-clip')!;
  await waitFor(() => clip.shadowRoot?.querySelector('video') != null, 'the clip to render');
  await seek(clip, 0.6);
  await waitFor(() => part(part(clip, 'card-button'), 'label') !== null, 'the timed card and its button');
  return part(clip, 'card-button')!;
}

describe("<drop-clip> inside a marketplace's shadow root", () => {
  beforeEach(() => emulateMedia({ reducedMotion: 'reduce' }));
  afterEach(async () => {
    cleanup();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('its card buttons follow the countdown beside it: not buyable before the drop', async () => {
    const id = `market-${++mounted}-${Date.now()}`;
    const host = await fixture('<div></div>');
    const root = host.attachShadow({ mode: 'open' });
    observe(root);
    root.innerHTML = `
      <drop-countdown id="${id}" at="2030-01-01T00:00:00Z" now="2029-12-31T23:00:00Z"></drop-countdown>
      <drop-clip drop="${id}" style="width: 240px" src="/__test/clip/video.webm?id=${id}" poster="/test/media/clip/poster.png" ratio="9/16">
        <drop-product at="0.5" until="1.5"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
      </drop-clip>`;
    const warnings = captureWarnings();
    try {
      const button = await timedCardButton(root);
      const link = part(button, 'button') as HTMLAnchorElement;
      expect(text(part(button, 'label')), 'the card says the drop has not started').to.match(/^Drops in/);
      expect(link.hasAttribute('href'), 'no checkout link before the drop').to.equal(false);
      expect(warnings.messages.filter((m) => m.includes('no element has that id'))).to.deep.equal([]);
      // T0: the card becomes the way to buy.
      root.querySelector('drop-countdown')!.setAttribute('now', '2030-01-01T00:00:05Z');
      await waitFor(() => link.hasAttribute('href'), 'the card button live at T0');
      expect(text(part(button, 'label'))).to.equal('Buy');
    } finally {
      warnings.restore();
    }
  });

  it('a countdown the marketplace renders after the clip is followed by the cards already up', async () => {
    const id = `market-late-${++mounted}-${Date.now()}`;
    const host = await fixture('<div></div>');
    const root = host.attachShadow({ mode: 'open' });
    observe(root);
    root.innerHTML = `
      <drop-clip drop="${id}" style="width: 240px" src="/__test/clip/video.webm?id=${id}" poster="/test/media/clip/poster.png" ratio="9/16">
        <drop-product at="0.5" until="1.5"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
      </drop-clip>`;
    const warnings = captureWarnings();
    try {
      const button = await timedCardButton(root);
      const countdown = document.createElement('drop-countdown');
      Object.entries({ id, at: '2030-01-01T00:00:00Z', now: '2029-12-31T23:00:00Z' }).forEach(([name, value]) => countdown.setAttribute(name, value));
      root.prepend(countdown);
      await settled(root);
      await waitFor(() => /^Drops in/.test(text(part(button, 'label'))), 'the card button following the late countdown');
      expect((part(button, 'button') as HTMLAnchorElement).hasAttribute('href')).to.equal(false);
    } finally {
      warnings.restore();
    }
  });
});
