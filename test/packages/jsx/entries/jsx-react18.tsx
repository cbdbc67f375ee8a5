// An app on React 18's types (tsconfig-jsx-react18.json) with the raw-tag JSX types: they still
// accept a Date and an ondrop-* prop, which React 18 writes as text and never calls (the docs say
// so and tell React 18 to use the wrappers; test/frameworks/react18 shows what React 18 does).
import '@dropkit/elements/define';
import type {} from '@dropkit/elements/jsx/react';

// In @types/react 18 only (19 removed it): compiled against 19's types, this file fails here.
export type OnlyIn18 = import('react').VoidFunctionComponent<{}>;

export const Raw = () => (
  <drop-countdown at={new Date()} time-zone="Europe/Paris" ondrop-state={(event) => console.log(event.state)}>
    {/* @ts-expect-error `format` only takes the documented formats */}
    <drop-countdown format="fancy" />
  </drop-countdown>
);
