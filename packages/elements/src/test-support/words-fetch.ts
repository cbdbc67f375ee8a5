/**
 * The loader's early words fetch, as the page's resource timings show it. Each caller has a page of its
 * own (a test file), because the loader asks only once, for the first element it defines.
 */
import { expect } from '@esm-bundle/chai';
import { fixture, kitTarget } from './fixture.ts';
import { waitFor } from './wait.ts';

const AT = '2026-12-05T18:00:00+01:00';
const status = (el: Element) => el.shadowRoot?.querySelector('[part~="status"]')?.textContent ?? '';

/**
 * Mounts the page's first countdown, waits for its German live text, and checks the German words were
 * fetched once (none with the classic script, which carries every language) and, with the loader,
 * asked for before the countdown's chunk had arrived.
 */
export async function expectGermanWordsBesideFirstChunk(): Promise<void> {
  const el = await fixture(`<drop-countdown at="${AT}" now="2026-12-05T17:30:00Z">Drop am Freitag</drop-countdown>`);
  await waitFor(() => status(el) === 'Jetzt live', 'the German live text');
  const loaded = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const words = loaded.filter((entry) => /\/de(-[\w-]+\.js|\.ts)$/.test(new URL(entry.name).pathname));
  expect(words, 'fetches of the German words').to.have.length(kitTarget === 'iife' ? 0 : 1);
  if (kitTarget !== 'es') return; // the sources and the classic script define every element up front, with no loader
  const element = loaded.find((entry) => /\/countdown-[\w-]+\.js$/.test(new URL(entry.name).pathname))!;
  expect(words[0]!.startTime < element.responseEnd, 'German asked for before the countdown chunk had arrived').to.equal(true);
}
