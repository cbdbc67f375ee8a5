// DropEventMap (what the JSX types and DropEventName use) is exactly the drop-* part of
// HTMLElementEventMap (what addEventListener uses): an event added to one and not the other fails.
import type { DropEventMap } from '@dropkit/elements';

type DomDropEvents = { [K in Extract<keyof HTMLElementEventMap, `drop-${string}`>]: HTMLElementEventMap[K] };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const same: Same<DropEventMap, DomDropEvents> = true;
