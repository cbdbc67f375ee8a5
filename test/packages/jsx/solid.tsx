/** @jsxImportSource solid-js */
import type {} from '@dropkit/elements/jsx/solid';

export const Page = () => (
  <drop-countdown at={new Date("2026-12-05T18:00:00Z")} on:drop-state={(event) => event.previous} prop:now={new Date()}>
    Drops Friday
  </drop-countdown>
);
export const Attributed = () => <drop-button referral="tiktok" ref={(button) => void button.checkoutHref} />;
export const EpochNow = () => <drop-countdown prop:now={1796580000000} />;
// @ts-expect-error `prop:now` takes a Date, ISO text or epoch ms
export const Wrong = () => <drop-countdown prop:now={true} />;
// @ts-expect-error `provider` is read-only (a getter), so there is no `prop:provider`
export const SetProvider = () => <drop-button prop:provider="stripe" />;
