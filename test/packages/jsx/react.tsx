import type {} from '@dropkit/elements/jsx/react';
import { DropCountdown, DropButton } from '@dropkit/elements/react';
import type { DropStateEvent } from '@dropkit/elements';

export function RawTags() {
  return (
    <>
      <drop-countdown
        at={new Date("2026-12-05T18:00:00Z")}
        time-src="/api/time"
        format="long"
        ondrop-state={(event) => console.log(event.state satisfies DropStateEvent['state'])}
      >
        Drops Friday
      </drop-countdown>
      <drop-button drop="dec5" href="https://buy.stripe.com/test" ondrop-checkout={(event) => event.preventDefault()} />
      {/* attribution is `referral`, so React's own `ref` still types as a ref to the element */}
      <drop-button referral="tiktok" ref={(button) => void button?.checkoutHref} />
      {/* @ts-expect-error `format` only takes the documented formats */}
      <drop-countdown format="fancy" />
    </>
  );
}

export function Wrappers() {
  return (
    <>
      <DropCountdown at={new Date('2026-12-05T18:00:00Z')} onDropState={(event) => event.previous}>
        Drops Friday
      </DropCountdown>
      <DropButton href="https://buy.stripe.com/test" onDropCheckout={(event) => event.href} />
      <DropButton referral="tiktok" ref={(button) => void button?.checkoutHref} />
      {/* @ts-expect-error the checkout event has no `state` */}
      <DropButton onDropCheckout={(event) => event.state} />
    </>
  );
}

// React 19 sets `at` as a property; the countdown parses ISO text there (what a server render has).
export const StringAt = () => <drop-countdown at="2026-12-05T18:00:00Z" until={1796580000000} />;
// @ts-expect-error a moment is a Date, ISO text or epoch ms, not a boolean
export const BooleanAt = () => <drop-countdown at={true} />;
// Read-only properties are no props: React 19 assigns them, which throws (a getter without a setter).
// @ts-expect-error `stock` is read from `stock-src`, not set
export const SetStock = () => <drop-button stock={3} />;
// @ts-expect-error `checkoutHref` is what a click would open, not an input
export const SetCheckoutHref = () => <drop-button checkoutHref="https://buy.stripe.com/test" />;
// The wrappers set every prop as a property too, so the same keys are refused there.
// @ts-expect-error `stock` is read-only on the wrapper as well
export const WrapperStock = () => <DropButton stock={3} />;
// @ts-expect-error `provider` is read-only on the wrapper as well
export const WrapperProvider = () => <DropButton provider="stripe" />;
