/**
 * Helpers shared by the countdown's browser test files. They only talk to the DOM, so they work
 * against the sources and both built bundles.
 */
import type { DropState } from '../shared/vocabulary.ts';
import { sleep, waitFor } from '../test-support/wait.ts';

export { captureWarnings } from '../test-support/warnings.ts';
export { sleep, waitFor };

/** The page's real clock, captured before any test stubs `Date.now`. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const realNow = Date.now.bind(Date);

export const iso = (epochMs: number) => new Date(epochMs).toISOString();

export type CountdownElement = HTMLElement & {
  state: DropState;
  at: Date | null;
  until: Date | null;
  now: Date | null;
  notify: string | null;
  format: string;
  updateComplete: Promise<boolean>;
  toIcs(): Promise<string>;
  requestUpdate(): void;
};

export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const remainingText = (el: Element) => part(el, 'remaining')?.textContent?.trim() ?? null;
/** The page's one live region (shared/announcer.ts), shared by every countdown. */
export const announcerRegion = () =>
  document.querySelector('dropkit-announcer')?.shadowRoot?.querySelector<HTMLElement>('[role="status"]') ?? null;

/**
 * Every message the page's live region receives from now on, in order. The region outlives each
 * test's countdowns, so a test reads what was said during it rather than what the region holds.
 */
export function recordAnnouncements(): string[] {
  const region = announcerRegion();
  if (!region) throw new Error('no <dropkit-announcer> live region in the document');
  const said: string[] = [];
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) said.push(node.textContent ?? '');
  }).observe(region, { childList: true });
  return said;
}

export function recordStates(el: Element): Array<{ state: DropState; previous: DropState | null; elementState: DropState }> {
  const seen: Array<{ state: DropState; previous: DropState | null; elementState: DropState }> = [];
  el.addEventListener('drop-state', (event) => {
    const { state, previous } = event as Event & { state: DropState; previous: DropState | null };
    seen.push({ state, previous, elementState: (el as CountdownElement).state });
  });
  return seen;
}

/**
 * Waits for `el` to go live and resolves the real time its `drop-state` fired, with every
 * `drop-state` it fired until `settleMs` after (a second flip would show there). Listening starts
 * at the call, before its first await: call it right after mounting, await it when the test is ready.
 */
export async function watchFlip(
  el: CountdownElement,
  what: string,
  timeoutMs: number,
  settleMs = 200,
): Promise<{ flippedAt: number; seen: ReturnType<typeof recordStates> }> {
  const seen = recordStates(el);
  let flippedAt = 0;
  el.addEventListener('drop-state', () => (flippedAt = realNow()));
  await waitFor(() => el.state === 'live', what, timeoutMs);
  await sleep(settleMs);
  return { flippedAt, seen };
}

/** Makes the page report itself hidden (or visible again) and tells everyone, as a tab switch does. */
export function setPageVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}
