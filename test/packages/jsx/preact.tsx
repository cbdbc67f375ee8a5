/** @jsxImportSource preact */
import type {} from '@dropkit/elements/jsx/preact';

export const Page = () => (
  <drop-countdown at={new Date("2026-12-05T18:00:00Z")} ondrop-state={(event) => event.state}>
    Drops Friday
  </drop-countdown>
);
export const Attributed = () => <drop-button referral="tiktok" ref={(button) => void button?.checkoutHref} />;
// @ts-expect-error `format` only takes the documented formats
export const Wrong = () => <drop-countdown format="fancy" />;
