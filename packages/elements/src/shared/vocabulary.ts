/**
 * The words every dropkit widget and the forge share. Kept tiny and free of DOM or Node imports so
 * both rooms (the browser elements and the Node build tool) may import it.
 */

/** The life of a drop, in the order it normally moves through. */
export const DROP_STATES = ['scheduled', 'live', 'sold-out', 'ended'] as const;
export type DropState = (typeof DROP_STATES)[number];

export function isDropState(value: unknown): value is DropState {
  return typeof value === 'string' && (DROP_STATES as readonly string[]).includes(value);
}

/** Version of the kit; a unit test keeps it equal to packages/elements/package.json. */
export const VERSION = '0.1.0';
