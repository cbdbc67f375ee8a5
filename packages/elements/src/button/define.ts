import { DropButton } from './button.ts';
import { defineElement } from '../shared/define.ts';

export { DropButton };

export function defineButton(tag = 'drop-button', registry: CustomElementRegistry = customElements): void {
  defineElement(tag, DropButton, registry);
}

defineButton();
