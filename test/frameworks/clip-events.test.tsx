/**
 * The clip's own events, as React receives them through the `@dropkit/elements/react` wrapper's typed
 * props, while a real clip plays (fast) to its end: progress milestones, product views in the end
 * carousel, then a product click and its cancelable checkout.
 */
import { describe, expect, it } from 'vitest';
import { flushSync } from 'react-dom';
import clipUrl from '../media/clip/clip.webm?url';
import { DropClip, DropProduct } from '@dropkit/elements/react';
import type { DropClip as DropClipElement } from '@dropkit/elements';
import { rendered, until } from './harness.ts';
import { reactRootPerTest } from './react-root.ts';

const mounted = reactRootPerTest();

describe('React 19 and <drop-clip> events', () => {
  it('delivers drop-clip-progress, drop-product-view, drop-product-click and drop-checkout', async () => {
    const received: string[] = [];
    const progress: number[] = [];
    const views: string[] = [];
    flushSync(() =>
      mounted.root.render(
        <DropClip
          src={clipUrl}
          label="Glow collection"
          style={{ width: '180px' }}
          onDropClipProgress={(event) => progress.push(event.percent)}
          onDropProductView={(event) => views.push(event.name)}
          onDropProductClick={(event) => received.push(`click ${event.name}`)}
          onDropCheckout={(event) => received.push(`checkout ${event.href}`)}
        >
          <DropProduct at="0.5" until="1.5">
            <a href="https://buy.stripe.com/test_tee">Glow tee</a>
          </DropProduct>
          <DropProduct>
            <a href="https://buy.stripe.com/test_sticker">Sticker pack</a>
          </DropProduct>
        </DropClip>,
      ),
    );
    const clip = await rendered(mounted.container.querySelector<DropClipElement>('drop-clip'));
    const video = await waitForVideo(clip);
    video.defaultPlaybackRate = 4;
    video.playbackRate = 4;
    if (video.paused) await video.play();
    await until(() => clip.playback === 'ended', 'the clip plays to its end', 15_000);
    expect(progress).toEqual([25, 50, 75, 100]);

    // The end carousel shows every product; a second on screen makes each a view.
    await until(() => views.length >= 2, 'product views reach React', 5_000);
    expect([...views].sort()).toEqual(['Glow tee', 'Sticker pack']);

    await clip.updateComplete;
    const card = clip.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="carousel"] a');
    expect(card).not.toBeNull();
    card!.click();
    expect(received[0]).toMatch(/^click /);
    expect(received[1]).toMatch(/^checkout https:\/\/buy\.stripe\.com\//);
  }, 30_000);
});

async function waitForVideo(clip: DropClipElement): Promise<HTMLVideoElement> {
  await until(() => Boolean(clip.shadowRoot?.querySelector('video')), 'the clip renders its video', 5_000);
  const video = clip.shadowRoot!.querySelector('video')!;
  await until(() => video.readyState >= HTMLMediaElement.HAVE_METADATA, 'video metadata', 5_000);
  return video;
}
