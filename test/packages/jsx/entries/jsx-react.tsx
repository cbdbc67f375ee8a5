// The docs' React 19 raw-tag example, with nothing but its two imports.
import '@dropkit/elements/define';
import type {} from '@dropkit/elements/jsx/react';

export const Raw = () => (
  <drop-countdown at={new Date()} time-zone="Europe/Paris" ondrop-state={(event) => console.log(event.state)}>
    <drop-clip ondrop-product-click={(event) => console.log(event.detail.name)} />
  </drop-countdown>
);
