/** `import type {} from '@dropkit/elements/jsx/preact'`: Preact's JSX knows the raw `drop-*` tags. */
import type { JSX as PreactJSX } from 'preact';
import type { DropElementProps, DropElements } from './props.ts';

type PreactDropElements = {
  [Tag in keyof DropElements]: PreactJSX.HTMLAttributes<DropElements[Tag]> & DropElementProps<DropElements[Tag]>;
};

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements extends PreactDropElements {}
  }
}
