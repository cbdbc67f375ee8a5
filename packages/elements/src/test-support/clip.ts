import { settled } from './fixture.ts';
import { waitFor } from './wait.ts';

/** A `<drop-clip>` as tests reach it through the DOM (whichever build defined it). */
export type ClipLike = HTMLElement & { updateComplete: Promise<unknown>; playback?: string; play(): Promise<void> };

/**
 * Waits until the clip under `root` reaches `playback` and has rendered; with `play`, starts it at
 * 4× speed first. Tests run with reduced motion, so a clip otherwise waits for its visitor.
 */
export const clipReady = (playback: string, play = false) => async (root: HTMLElement) => {
  const clip = root.querySelector<ClipLike>('drop-clip')!;
  if (play) {
    const video = clip.shadowRoot!.querySelector('video')!;
    video.defaultPlaybackRate = video.playbackRate = 4;
    await clip.play();
  }
  await waitFor(() => clip.playback === playback, `the clip ${playback}`, 12_000);
  await settled(clip.shadowRoot!);
};

/** Seeks the clip's video to `seconds` once its metadata is in, and waits for the clip to render there. */
export async function seek(clip: Pick<ClipLike, 'shadowRoot' | 'updateComplete'>, seconds: number): Promise<void> {
  const video = clip.shadowRoot!.querySelector('video')!;
  await waitFor(() => video.readyState >= HTMLMediaElement.HAVE_METADATA, 'video metadata', 8000);
  const seeked = new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
  video.currentTime = seconds;
  await seeked;
  await clip.updateComplete;
}
