import type { DropState } from './vocabulary.ts';

/**
 * Fired by whatever owns a drop's state (a `<drop-countdown>`, or a marketplace setting `state`)
 * exactly once per transition. Bubbles and crosses shadow roots so a page can listen on `document`.
 */
export class DropStateEvent extends Event {
  static readonly type = 'drop-state';
  constructor(
    readonly state: DropState,
    readonly previous: DropState | null,
  ) {
    super(DropStateEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'drop-state': DropStateEvent;
  }
}
