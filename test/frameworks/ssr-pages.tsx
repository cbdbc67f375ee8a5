/**
 * A marketplace's server-rendered React page, written as docs/packages.md tells an app to write it
 * (React 19 or 18): rendered on the server by ssr-entry.tsx (Node, through server-render.ts) and
 * hydrated in Chromium by hydration.test.tsx and react18/hydration.test.tsx, so both halves render
 * this same module.
 */
import type {} from '@dropkit/elements/jsx/react';
import { DropButton, DropClip, DropCountdown, DropMark, DropProduct } from '@dropkit/elements/react';

export const AT = '2026-12-05T18:00:00.000Z';
export const CHECKOUT = 'https://buy.stripe.com/test_glow_tee';
const CLIP = '/test/media/clip/clip.webm';

/** The wrappers, a `Date` for the time: on the server they write it as ISO text. */
function Wrappers() {
  return (
    <main>
      <DropCountdown id="ssr-drop" at={new Date(AT)} timeZone="Europe/Paris">
        Drops Sat 5 Dec
      </DropCountdown>
      {/* A page that hides a sold-out product's button: this one is not. */}
      <DropButton drop="ssr-drop" referral="tiktok" hidden={false}>
        <a href={CHECKOUT}>Buy the tee</a>
      </DropButton>
      <DropMark name="Nova Threads">Nova Threads</DropMark>
      <DropClip src={CLIP} drop="ssr-drop" label="Glow tee">
        <DropProduct at="3" until="11" price="24" currency="EUR">
          <a href={CHECKOUT}>Glow tee</a>
        </DropProduct>
      </DropClip>
    </main>
  );
}

/** The raw tags, times as ISO text (React 18 writes every prop as an attribute; React 19 a string one too). */
function RawTags() {
  return (
    <main>
      <drop-countdown id="ssr-drop" at={AT} time-zone="Europe/Paris" suppressHydrationWarning>
        Drops Sat 5 Dec
      </drop-countdown>
      <drop-button drop="ssr-drop" referral="tiktok" suppressHydrationWarning>
        <a href={CHECKOUT}>Buy the tee</a>
      </drop-button>
      <drop-mark name="Nova Threads" suppressHydrationWarning>
        Nova Threads
      </drop-mark>
      <drop-clip src={CLIP} drop="ssr-drop" label="Glow tee" suppressHydrationWarning>
        <drop-product at="3" until="11" price="24" currency="EUR" suppressHydrationWarning>
          <a href={CHECKOUT}>Glow tee</a>
        </drop-product>
      </drop-clip>
    </main>
  );
}

export const pages = { Wrappers, RawTags };
