// An app on React 18 (tsconfig-react18.json maps `react` to @types/react 18): the wrappers, which
// docs/packages.md tells it to use, with nothing but their own import.
import { createRef } from 'react';
import { DropButton, DropClip, DropCountdown } from '@dropkit/elements/react';
import type { DropButton as DropButtonElement } from '@dropkit/elements';

// In @types/react 18 only (19 removed it): compiled against 19's types, this file fails here.
export type OnlyIn18 = import('react').VoidFunctionComponent<{}>;

const button = createRef<DropButtonElement>();

export const Wrappers = () => (
  <>
    <DropCountdown id="winter" at={new Date('2026-12-05T17:00:00Z')} timeZone="Europe/Paris" onDropState={(event) => event.state}>
      Drops Saturday
    </DropCountdown>
    <DropButton ref={button} drop="winter" referral="tiktok" hidden={false} onDropCheckout={(event) => event.preventDefault()}>
      <a href="https://buy.stripe.com/test">Buy</a>
    </DropButton>
    <DropClip src="/clip.webm" onDropClipProgress={(event) => event.percent} onDropProductClick={(event) => event.name} />
    {/* @ts-expect-error the checkout event has no `state` */}
    <DropButton onDropCheckout={(event) => event.state} />
    {/* @ts-expect-error `stock` is read-only: the wrapper would assign it, which throws */}
    <DropButton stock={3} />
    {/* @ts-expect-error a time is a Date, ISO text or epoch ms */}
    <DropCountdown at={true} />
  </>
);
