/** Small statistics used by every bench section; pure, so the arithmetic is tested on its own. */

export const earlyTolerance = 100;

/**
 * Nearest-rank percentile (p in 0..100) of the values; NaN for none.
 * @param {number[]} values
 * @param {number} p
 */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** @param {number[]} values */
export const median = (values) => percentile(values, 50);

/**
 * Least-squares slope of ys over their index: the growth per step of a series such as the heap
 * after each mount/unmount cycle, less fooled by one noisy sample than last − first.
 * @param {number[]} ys
 */
export function slopePerStep(ys) {
  const n = ys.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  ys.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  return numerator / denominator;
}

/**
 * How well displayed seconds track the true second. A countdown to `at` shows a new value each
 * time the remaining time crosses a whole second, i.e. at `at − k·1000`. Each observed text change
 * is attributed to the last such boundary before it (or the next one, when it comes at most
 * `earlyTolerance` ms before it); its signed error is how late (positive) or early (negative) it came. A boundary inside the window with no change on an observed element is a
 * skipped second; two changes attributed to one boundary are a double flip.
 *
 * @param {{ at: number, start: number, end: number, elements: number, flips: Array<{ element: number, t: number }> }} run
 *   epoch milliseconds; `elements` is how many elements were observed (0..elements-1)
 */
export function analyseFlips({ at, start, end, elements, flips }) {
  // A display can only lag the boundary it shows (it renders the time of its tick), unless it
  // deliberately flips ahead; changes up to `earlyTolerance` before a boundary count as early.
  const boundaryOf = (t) => at + Math.floor((t - at + earlyTolerance) / 1000) * 1000;
  // Boundaries near the window edges may fall just outside what was observed; leave a second each side.
  const firstExpected = at + Math.ceil((start + 1000 - at) / 1000) * 1000;
  const expected = [];
  for (let boundary = firstExpected; boundary <= end - 1000; boundary += 1000) expected.push(boundary);

  const errors = [];
  let doubleFlips = 0;
  let skipped = 0;
  const seenByElement = Array.from({ length: elements }, () => new Set());
  for (const { element, t } of flips) {
    const boundary = boundaryOf(t);
    const seen = seenByElement[element];
    if (!seen) continue;
    if (seen.has(boundary)) {
      doubleFlips += 1;
      continue;
    }
    seen.add(boundary);
    errors.push(t - boundary);
  }
  for (const seen of seenByElement) {
    for (const boundary of expected) if (!seen.has(boundary)) skipped += 1;
  }
  const absolute = errors.map(Math.abs);
  return {
    flips: errors.length,
    expectedFlips: expected.length * elements,
    skipped,
    doubleFlips,
    early: errors.filter((error) => error < 0).length,
    errorP50: percentile(absolute, 50),
    errorP95: percentile(absolute, 95),
    errorMax: absolute.length ? Math.max(...absolute) : Number.NaN,
  };
}
