import { defineElement } from '../shared/define.ts';
import { DropCountdown } from './countdown.ts';

export { DropCountdown };

/** Registers `<drop-countdown>` (or a marketplace's own tag) without throwing if it already exists. */
export function defineCountdown(tag = 'drop-countdown', registry: CustomElementRegistry = customElements): void {
  defineElement(tag, DropCountdown, registry);
}

defineCountdown();
