import { DropButton } from './button.ts';
import { defineElement } from '../shared/define.ts';

export { DropButton };
// Types only: brings a consumer's TypeScript the `drop-checkout` entry of HTMLElementEventMap with this
// entry alone (a declaration file keeps only the imports its types use).
export type { DropCheckoutEvent } from '../shared/checkout-event.ts';

export function defineButton(tag = 'drop-button', registry: CustomElementRegistry = customElements): void {
  defineElement(tag, DropButton, registry);
}

defineButton();
