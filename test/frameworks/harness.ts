/**
 * Shared by the framework suites: the drop used everywhere, a way to wait for an element to be
 * defined and rendered, a listener ledger, and a console watch. Elements are reached through the DOM
 * and the built package only.
 */
import type { DropButton, DropCountdown } from '@dropkit/elements';

export const AT = '2026-12-05T18:00:00.000Z';
export const BEFORE = '2026-12-05T17:59:00.000Z';
export const AFTER = '2026-12-05T18:01:00.000Z';
export const CHECKOUT = 'https://buy.stripe.com/test_glow_tee';
export const OTHER_CHECKOUT = 'https://buy.stripe.com/test_glow_hoodie';

type Updatable = Element & { updateComplete?: Promise<unknown> };

export async function rendered<T extends Element>(element: T | null | undefined): Promise<T> {
  if (!element) throw new Error('the framework rendered no element');
  // An element inside a marketplace's scoped registry is defined there, not in the global one.
  const registry = (element as Element & { customElementRegistry?: CustomElementRegistry | null }).customElementRegistry;
  await (registry ?? customElements).whenDefined(element.localName);
  await (element as Updatable).updateComplete;
  return element;
}

export async function until(condition: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Clicks the button's own link (its shadow part), the way a visitor does. */
export function clickBuy(button: DropButton): void {
  const link = button.shadowRoot?.querySelector<HTMLElement>('[part~="button"]');
  if (!link) throw new Error('<drop-button> rendered no button part');
  link.click();
}

/**
 * A checkout click would navigate the test page away: this window-level listener (first in line)
 * cancels every `drop-checkout`, which the button honours, while the framework's own listener still
 * receives the event.
 */
export function stayOnPage(): () => void {
  const cancel = (event: Event) => event.preventDefault();
  window.addEventListener('drop-checkout', cancel, { capture: true });
  return () => window.removeEventListener('drop-checkout', cancel, { capture: true });
}

export const countdownState = (countdown: DropCountdown) => countdown.getAttribute('state');

/**
 * Counts listeners added and removed on window, document and every dropkit element, from the moment
 * it is installed. `live()` is what is still attached.
 */
export function listenerLedger() {
  const original = { add: EventTarget.prototype.addEventListener, remove: EventTarget.prototype.removeEventListener };
  const attached = new Map<EventTarget, Set<string>>();
  const key = (type: string, listener: unknown, options?: boolean | EventListenerOptions) =>
    `${type}|${typeof options === 'boolean' ? options : Boolean(options?.capture)}|${listenerId(listener)}`;
  const watched = (target: EventTarget) =>
    target === window || target === document || (target instanceof Element && target.localName.startsWith('drop-'));
  EventTarget.prototype.addEventListener = function (this: EventTarget, type, listener, options) {
    if (listener && watched(this)) {
      const set = attached.get(this) ?? new Set<string>();
      set.add(key(type, listener, options));
      attached.set(this, set);
    }
    return original.add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type, listener, options) {
    if (listener) attached.get(this)?.delete(key(type, listener, options));
    return original.remove.call(this, type, listener, options);
  };
  return {
    /** Listeners still attached to window and document (elements are garbage once detached). */
    onPage(): string[] {
      return [window, document].flatMap((target) => [...(attached.get(target) ?? [])]);
    },
    restore() {
      EventTarget.prototype.addEventListener = original.add;
      EventTarget.prototype.removeEventListener = original.remove;
    },
  };
}

const ids = new WeakMap<object, number>();
let nextId = 0;
function listenerId(listener: unknown): number {
  const object = listener as object;
  if (!ids.has(object)) ids.set(object, nextId++);
  return ids.get(object)!;
}

/** Collects console warnings and errors (React and Lit report misuse there). */
export function consoleWatch() {
  const messages: string[] = [];
  const original = { warn: console.warn, error: console.error };
  console.warn = (...args: unknown[]) => void messages.push(`warn: ${args.map(String).join(' ')}`);
  console.error = (...args: unknown[]) => void messages.push(`error: ${args.map(String).join(' ')}`);
  return {
    messages,
    restore() {
      console.warn = original.warn;
      console.error = original.error;
    },
  };
}
