/**
 * Runs `judge` once the page has settled: the document parsed, then the next frame and the task
 * after it. A framework sets an element's properties in one task (React), in ticks of its own (Vue,
 * Svelte) or a frame later (a store answering), and renders a sibling (the countdown a button
 * follows) in a later commit, so what an element sees on one update is not yet the page the creator
 * made: a warning judged then (a price before its currency, a drop before its countdown) would be
 * said for a page that works. Callers count their requests and act on the last one only. A tab in
 * the background gets no frames: it judges once shown.
 */
export function afterSettle(judge: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => afterSettle(judge), { once: true });
  else requestAnimationFrame(() => setTimeout(judge));
}
