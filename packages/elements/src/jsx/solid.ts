/**
 * `import type {} from '@dropkit/elements/jsx/solid'`: Solid's JSX knows the raw `drop-*` tags.
 * Solid sets properties with `prop:name` and listens with `on:drop-state`; both are typed here.
 */
import type { JSX as SolidJSX } from 'solid-js';
import type { DropEventMap, DropEventName } from '../tag-names.ts';
import type { DropElementProps, DropElements, OwnProperties } from './props.ts';

type SolidProperties<E> = { [K in keyof OwnProperties<E> as `prop:${K & string}`]?: OwnProperties<E>[K] };
type SolidEvents = { [K in DropEventName as `on:${K}`]?: (event: DropEventMap[K]) => void };

type SolidDropElements = {
  [Tag in keyof DropElements]: SolidJSX.HTMLAttributes<DropElements[Tag]> &
    DropElementProps<DropElements[Tag]> &
    SolidProperties<DropElements[Tag]> &
    SolidEvents;
};

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements extends SolidDropElements {}
  }
}
