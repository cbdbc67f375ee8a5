/**
 * `import type {} from '@dropkit/elements/jsx/react'` (or list it in tsconfig `types`): React 19 JSX
 * knows the raw `drop-*` tags, their properties and `ondrop-*` events.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { DropElementProps, DropElements } from './props.ts';

type ReactDropElements = {
  [Tag in keyof DropElements]: DetailedHTMLProps<HTMLAttributes<DropElements[Tag]>, DropElements[Tag]> &
    DropElementProps<DropElements[Tag]>;
};

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements extends ReactDropElements {}
  }
}
