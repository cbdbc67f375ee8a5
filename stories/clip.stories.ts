/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { expect, waitFor } from 'storybook/test';
import { documentedOnly } from './support/controls.ts';
import { recordWarnings, warningsOf } from './support/warnings.ts';
import clipUrl from '../test/media/clip/clip.webm?url&no-inline';
import posterUrl from '../test/media/clip/poster.png?url&no-inline';
import captionsUrl from '../test/media/clip/captions.vtt?url&no-inline';
import productsVttUrl from '../test/media/clip/products.vtt?url&no-inline';

/**
 * `<drop-clip>`: a short shoppable clip with timed product cards. The clip in these stories is the
 * 4-second test video (one colour per second) from `test/media/clip/`, made by
 * `node tools/make-test-video.mjs`.
 */
interface ClipArgs {
  src: string;
  poster: string;
  ratio: string;
  label: string;
  drop: string;
  referral: string;
  width: number;
  products: 'timed' | 'hotspots' | 'metadata-track' | 'hostile' | 'refused-prices';
}

type Clip = HTMLElement & { updateComplete: Promise<unknown>; playback: string; buffering: boolean; pause(): void };

const productSets: Record<ClipArgs['products'], ReturnType<typeof html>> = {
  timed: html`
    <drop-product at="0.5" until="2" price="24" currency="EUR" sku="tee-l"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
    <drop-product at="2" until="3.5" price="39" currency="EUR"><a href="https://buy.stripe.com/test_hoodie">Glow hoodie</a></drop-product>
    <drop-product><a href="https://buy.stripe.com/test_sticker">Sticker pack</a></drop-product>
  `,
  hotspots: html`
    <drop-product at="0.5" until="2.5" x="30%" y="35%" price="24" currency="EUR"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>
    <drop-product at="1.5" until="3.8" x="70%" y="60%" price="18" currency="EUR"><a href="https://buy.stripe.com/test_cap">Glow cap</a></drop-product>
  `,
  'metadata-track': html`<track kind="metadata" src=${productsVttUrl} />
    <drop-product at="0.5" until="2"><a href="https://buy.stripe.com/test_tee">Glow tee</a></drop-product>`,
  hostile: html`
    <drop-product at="0" until="4" href="javascript:alert(1)">Refused: javascript: link</drop-product>
    <drop-product at="0" until="4" href="http://buy.example/tee">Refused: plain http link</drop-product>
    <drop-product at="0" until="4"><a href="https://buy.stripe.com/test_tee">Accepted: https link</a></drop-product>
  `,
  // The second as a framework sets it (React 19, Vue): a number, as a shop computed it.
  'refused-prices': html`
    <drop-product at="0" until="4" price="3000.50" currency="JPY"><a href="https://buy.stripe.com/test_tee">Refused: 3000.50 JPY</a></drop-product>
    <drop-product at="0" until="4" .price=${24.505} currency="EUR"><a href="https://buy.stripe.com/test_hoodie">Refused: 24.505 EUR, a number</a></drop-product>
    <drop-product at="0" until="4" price="3000.00" currency="JPY"><a href="https://buy.stripe.com/test_cap">Shown: 3000.00 JPY</a></drop-product>
  `,
};

/** Runs `tweak` on the clip's <video> before the clip first tries to play (the next frame). */
const withVideo = (tweak: (video: HTMLVideoElement) => void) =>
  ref((element) => {
    if (!element) return;
    void (element as Clip).updateComplete.then(() => {
      const video = element.shadowRoot?.querySelector('video');
      if (video) tweak(video);
    });
  });

/** The clip whose video this is. */
const clipOf = (video: HTMLVideoElement) => (video.getRootNode() as ShadowRoot).host as Clip;

/**
 * A connection that stalls for good: the video gets the first `share` of the file through a
 * MediaSource and then nothing more, so Chromium plays up to there and waits for data, as on a
 * phone losing signal. The clip is untouched; only where its video's bytes come from changes (the
 * clip refuses blob: sources from creators, so the swap happens under it, on its <video>).
 */
const stallAfter = (share: number) => (video: HTMLVideoElement) => {
  const starve = (url: string) => {
    const source = new MediaSource();
    source.addEventListener(
      'sourceopen',
      async () => {
        const bytes = await (await fetch(url)).arrayBuffer();
        source.addSourceBuffer('video/webm; codecs="vp8"').appendBuffer(bytes.slice(0, Math.round(bytes.byteLength * share)));
      },
      { once: true },
    );
    return URL.createObjectURL(source);
  };
  const setAttribute = video.setAttribute.bind(video);
  video.setAttribute = (name: string, value: string) => setAttribute(name, name === 'src' ? starve(value) : value);
  const current = video.getAttribute('src');
  if (current) setAttribute('src', starve(current));
};

/** Waits, in the story's play step, until its clip reaches `playback` (axe then checks that state). */
const reaches =
  (playback: string, also: (clip: Clip) => boolean = () => true) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const clip = canvasElement.querySelector('drop-clip') as Clip;
    // Under the toolbar's reduced motion nothing autoplays: the state is never reached, nor claimed.
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    await waitFor(() => expect(clip.playback === playback && also(clip)).toBe(true), { timeout: 10_000 });
  };

const render = (args: ClipArgs, tweak?: (video: HTMLVideoElement) => void) => html`
  <drop-clip
    style="width: ${args.width}px"
    src=${args.src}
    poster=${args.poster || nothing}
    ratio=${args.ratio || nothing}
    label=${args.label || nothing}
    drop=${args.drop || nothing}
    referral=${args.referral || nothing}
    ${tweak ? withVideo(tweak) : nothing}
  >
    <img src=${args.poster} alt="" width="144" height="256" />
    <track kind="captions" src=${captionsUrl} srclang="en" label="English" />
    ${productSets[args.products]}
  </drop-clip>
`;

const meta: Meta<ClipArgs> = {
  title: 'Elements/drop-clip',
  component: 'drop-clip',
  // The Reference page lists <drop-product>'s attributes too, in a tab of its own.
  subcomponents: { 'drop-product': 'drop-product' },
  args: {
    src: clipUrl,
    poster: posterUrl,
    ratio: '9/16',
    label: 'Glow tee drop preview',
    drop: '',
    referral: '',
    width: 240,
    products: 'timed',
  },
  argTypes: {
    // The CSS part `poster` shares this name and would take over its row (a JSON editor).
    poster: { control: 'text', type: 'string', description: 'Poster image shown before playback and whenever the video cannot play.', table: { category: 'attributes' } },
    // Read-only: the clip reflects them; setting them from outside means nothing.
    ...documentedOnly(['playback', 'state', 'buffering']),
    products: { control: 'select', options: Object.keys(productSets) },
    width: { control: { type: 'range', min: 160, max: 480, step: 10 } },
    ratio: { control: 'select', options: ['9/16', '4/5', '1/1', '16/9'] },
  },
  render: (args) => render(args),
};
export default meta;

type Story = StoryObj<ClipArgs>;

/** Plays muted as soon as half of it is on screen; cards come and go with the video's clock. */
export const Autoplay: Story = {};

/** Under `prefers-reduced-motion` nothing moves until the visitor presses play. */
export const ReducedMotion: Story = { globals: { motion: 'reduced' } };

/** The browser refused to start playback (an autoplay policy): a play button waits for the visitor. */
export const AutoplayBlocked: Story = {
  render: (args) =>
    render(args, (video) => {
      video.play = () => Promise.reject(new DOMException('autoplay is not allowed', 'NotAllowedError'));
    }),
};

/** The video cannot play (404, codec, CSP): the poster stays and the product list is shown. */
export const VideoFailed: Story = { args: { src: '/no-such-clip.webm' } };

/** After the clip ends every product is shown, with "Watch again" (played at 4× here). */
export const EndCarousel: Story = {
  render: (args) =>
    render(args, (video) => {
      video.defaultPlaybackRate = 4;
      video.playbackRate = 4;
    }),
  play: reaches('ended'),
};

/**
 * The end in a 200 px clip following a drop: the products stack in one column under the controls,
 * each button under its name when both do not fit on one line, and the list scrolls if it must.
 */
export const EndCarouselNarrow: Story = {
  args: { width: 200, drop: 'story-clip-narrow-drop' },
  render: (args) => html`
    <drop-countdown id="story-clip-narrow-drop" at="2026-12-05T18:00:00+01:00" now="2026-12-05T16:00:00Z">Drops Sat 5 Dec, 18:00 CET</drop-countdown>
    ${render(args, (video) => {
      video.defaultPlaybackRate = 4;
      video.playbackRate = 4;
    })}
  `,
  play: reaches('ended'),
};

/** The visitor paused: the picture and the card of that moment hold, a play button waits. */
export const Paused: Story = {
  render: (args) =>
    render(args, (video) => {
      const pauseAt = () => {
        if (video.currentTime < 1) return;
        video.removeEventListener('timeupdate', pauseAt);
        clipOf(video).pause();
      };
      video.addEventListener('timeupdate', pauseAt);
    }),
  play: reaches('paused'),
};

/**
 * The connection stalls mid-clip (here: for good, after about 1.5 s of video). The picture and the
 * card of that moment hold, `playback` stays "playing" (so the control still offers Pause), the
 * clip gets the `buffering` attribute and, after half a second, a spinner over the video.
 */
export const Buffering: Story = {
  render: (args) => render(args, stallAfter(0.4)),
  // Stalled mid-clip, not merely starting up (a start is buffering too, for a moment).
  play: reaches('playing', (clip) => clip.buffering && clip.shadowRoot!.querySelector('video')!.currentTime > 1),
};

/** Products may point at the spot in the frame where they appear. */
export const Hotspots: Story = { args: { products: 'hotspots' } };

/** Products can also come from a WebVTT `metadata` track whose cues are JSON (here: the cap at 2.5 s). */
export const MetadataTrack: Story = { args: { products: 'metadata-track' } };

/**
 * With `drop`, cards are `<drop-button>`s following the drop: before T0 they are disabled. The
 * countdown's clock is pinned an hour before T0, so the story looks the same on any day.
 */
export const FollowsTheDrop: Story = {
  args: { drop: 'story-clip-drop' },
  render: (args) => html`
    <drop-countdown id="story-clip-drop" at="2026-12-05T18:00:00+01:00" now="2026-12-05T16:00:00Z">Drops Sat 5 Dec, 18:00 CET</drop-countdown>
    ${render(args)}
  `,
};

/** A German page: the clip's control names, list title and card buttons ("Kaufen") are German. */
export const German: Story = { render: (args) => html`<div lang="de">${render(args)}</div>` };

/** Links that are not https (or are scripts) never become hrefs; the product stays, unlinked. */
export const HostileLinks: Story = { args: { products: 'hostile' } };

/**
 * A price its currency cannot have (3000.50 yen, the number 24.505 in euros) is not shown rounded to
 * one nobody wrote (¥3,001, €24.51): the product stays, linked, without a price; one console warning
 * per product. 3000.00 yen is 3000 and shown.
 */
export const PricesThatCannotBeShown: Story = {
  args: { products: 'refused-prices' },
  beforeEach: recordWarnings,
  play: async (context) => {
    const { canvasElement, args } = context;
    if (args.products !== 'refused-prices') return;
    const clip = canvasElement.querySelector('drop-clip') as Clip;
    // The product list (on screen when the video fails, read by screen readers always) as a visitor
    // reads it: each product's name, its price if one is shown, and whether it is a checkout link.
    const listed = () =>
      [...(clip.shadowRoot?.querySelectorAll('[part~="list"] li') ?? [])].map((item) => {
        const price = item.querySelector('[part~="card-price"]')?.textContent ?? '';
        return {
          name: item.textContent!.replace(price, '').replace(/\s+/g, ' ').trim(),
          price: price !== '',
          buyable: item.querySelector('a[href^="https://buy.stripe.com/"], drop-button') !== null,
        };
      });
    await waitFor(() => expect(listed()).toHaveLength(3));
    await expect(listed()).toEqual([
      { name: 'Refused: 3000.50 JPY', price: false, buyable: true },
      { name: 'Refused: 24.505 EUR, a number', price: false, buyable: true },
      { name: 'Shown: 3000.00 JPY', price: true, buyable: true },
    ]);
    // Judged once the page has settled, a frame and a task after the products were read.
    const priceWarnings = () => warningsOf(context).filter((message) => message.includes('expected price'));
    await waitFor(() => expect(priceWarnings()).toHaveLength(2), { timeout: 5000 });
    await expect(priceWarnings()).toEqual([
      '[dropkit] <drop-clip>: "Refused: 3000.50 JPY": expected price as a whole amount such as 3000 (JPY has no minor unit) but received "3000.50"',
      '[dropkit] <drop-clip>: "Refused: 24.505 EUR, a number": expected price as an amount such as 24.50 (EUR has 2 decimals) but received "24.505"',
    ]);
  },
};

/** Brand colours through custom properties and `::part`. */
export const Themed: Story = {
  render: (args) => html`
    <style>
      .themed-clip {
        --drop-clip-accent: #1b998b;
        --drop-clip-radius: 20px;
        --drop-clip-card-background: #101820;
        --drop-clip-card-color: #f2f2f2;
        --drop-clip-font: Georgia, serif;
      }
      .themed-clip::part(card-price) {
        color: #8ef0d0;
      }
    </style>
    <div class="themed-clip">${render(args)}</div>
  `,
};
