import { defineElement } from '../shared/define.ts';
import { DropCountdown } from './countdown.ts';

export { DropCountdown };
// Types only: brings a consumer's TypeScript the `drop-state` entry of HTMLElementEventMap with this
// entry alone (a declaration file keeps only the imports its types use).
export type { DropStateEvent } from '../shared/drop-state-event.ts';

/** Registers `<drop-countdown>` (or a marketplace's own tag) without throwing if it already exists. */
export function defineCountdown(tag = 'drop-countdown', registry: CustomElementRegistry = customElements): void {
  defineElement(tag, DropCountdown, registry);
}

defineCountdown();
