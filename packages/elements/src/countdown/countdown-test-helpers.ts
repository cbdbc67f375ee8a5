/**
 * Helpers shared by the countdown's browser test files. They only talk to the DOM, so they work
 * against the sources and both built bundles.
 */
import type { DropState } from '../shared/vocabulary.ts';

/** The page's real clock, captured before any test stubs `Date.now`. */
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
export const announcerText = (el: Element) =>
  el.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim() ?? '';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, what: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export function recordStates(el: Element): Array<{ state: DropState; previous: DropState | null; elementState: DropState }> {
  const seen: Array<{ state: DropState; previous: DropState | null; elementState: DropState }> = [];
  el.addEventListener('drop-state', (event) => {
    const { state, previous } = event as Event & { state: DropState; previous: DropState | null };
    seen.push({ state, previous, elementState: (el as CountdownElement).state });
  });
  return seen;
}

export function captureWarnings(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void messages.push(args.join(' '));
  return { messages, restore: () => void (console.warn = original) };
}

/** Makes the page report itself hidden (or visible again) and tells everyone, as a tab switch does. */
export function setPageVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}
