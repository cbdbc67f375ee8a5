/**
 * One `visibilitychange` listener for the page's countdowns, buttons and clips. Each added its own
 * on `document`, and Chromium looks through a target's listeners for a duplicate on every add: a
 * square of their number, about 15 ms of mounting a thousand drops (docs/countdown-runtime.md).
 *
 * The listener is on `window`, where the event arrives after every `document` listener has run
 * (it bubbles from the document): the clock's resync (countdown/clock.ts) holds a clock that may
 * have moved while the tab was hidden before any element recomputes from it, whichever of them was
 * added first. It stays once added (one idle listener); subscribers are called in the order they
 * subscribed.
 */
const subscribers = new Set<() => void>();
let listening = false;

/** Calls `subscriber` on every change of the page's visibility; returns the unsubscribe. */
export function onPageVisibility(subscriber: () => void): () => void {
  if (!listening) addEventListener('visibilitychange', () => subscribers.forEach((call) => call()));
  listening = true;
  subscribers.add(subscriber);
  return () => subscribers.delete(subscriber);
}
