export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `condition` holds, for what only shows up later (a lazy chunk, a server answer, a
 * state change on the real clock); fails naming `what` after `timeout` ms.
 */
export async function waitFor(condition: () => boolean, what: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The document and every open shadow root below `root`: getAnimations() on each sees its own tree. */
function treesBelow(root: Document | ShadowRoot): (Document | ShadowRoot)[] {
  const trees: (Document | ShadowRoot)[] = [root];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) trees.push(...treesBelow(element.shadowRoot));
  return trees;
}

/**
 * Waits for running finite animations and transitions to end (at most 2 s), so what a test measures
 * is what a visitor sees once a card has slid in or a button has changed colour, not a frame in
 * between (a 150 ms background transition failed an axe contrast check now and then, an 8 px
 * slide-in a card-fits-its-list check).
 */
export async function animationsSettled(): Promise<void> {
  const finite = treesBelow(document)
    .flatMap((tree) => tree.getAnimations())
    .filter((animation) => animation.playState === 'running' && Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity));
  await Promise.race([Promise.allSettled(finite.map((animation) => animation.finished)), new Promise((resolve) => setTimeout(resolve, 2000))]);
}
