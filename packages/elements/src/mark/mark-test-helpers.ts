/**
 * Helpers shared by the mark's browser test files. They only talk to the DOM, so they work against
 * the sources and both built bundles.
 */
import { nextFrame } from '../test-support/fixture.ts';

export type MarkLike = HTMLElement & { variant: string | null; updateComplete: Promise<boolean> };

/** Real files served by the test server: a 4:1 wordmark, a 48:40 monogram and a square glyph. */
export const media = '/test/media/mark';
// At 40 px high: wordmark 160 px, monogram 48 px, glyph 40 px wide.
export const height = 'style="--drop-mark-height: 40px"';

// A resize reaches the element's choice one frame after layout (it never resizes itself inside the
// ResizeObserver callback), so three frames cover: layout, the refit, and the layout that follows.
export async function settle(el: MarkLike): Promise<void> {
  for (let frame = 0; frame < 3; frame++) {
    await nextFrame();
    await el.updateComplete;
  }
}
