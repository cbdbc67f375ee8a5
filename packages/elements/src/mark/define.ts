import { DropMark } from './mark.ts';
import { defineElement } from '../shared/define.ts';

export { DropMark };

export function defineMark(tag = 'drop-mark', registry: CustomElementRegistry = customElements): void {
  defineElement(tag, DropMark, registry);
}

defineMark();
