import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import creator from '../tools/demo/creator/creator.json';
import { readableOn } from './support/contrast.ts';

/**
 * The demo creator's trust signals and widgets together, themed from the forge's output: colours
 * from the creator config, the mark set and the badges that `npm start` forges into dist/demo/forge
 * (served to Storybook under /forge). Before the creator is forged, the widgets still show in the
 * creator's colours, with a note saying how to get the rest.
 */

interface ForgedFile {
  name: string;
  purpose: string;
  format: string;
}

interface Forged {
  files: ForgedFile[];
}

const BADGE_TEXT: Record<string, string> = {
  live: 'Live now',
  drop: 'Drop date',
  limited: 'Limited edition',
  verified: 'Verified creator',
  'sold-out': 'Sold out',
};

async function loadForged(): Promise<Forged | null> {
  try {
    // Relative to iframe.html, so a built Storybook hosted in a sub-folder (GitHub Pages) finds it too.
    const response = await fetch('./forge/forge.json', { cache: 'no-store' });
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return null;
    return (await response.json()) as Forged;
  } catch {
    return null;
  }
}

/** One badge per kind: the SVG (animated, respects reduced motion) for light, the PNG for dark. */
function badgesOf(forged: Forged, dark: boolean): Array<{ src: string; alt: string }> {
  const pattern = dark ? /^badges\/([a-z0-9-]+)-dark@2x\.png$/ : /^badges\/([a-z0-9-]+)\.svg$/;
  return forged.files.flatMap((file) => {
    const kind = file.name.match(pattern)?.[1];
    if (!kind || (!dark && kind.endsWith('-dark'))) return [];
    return [{ src: `./forge/${file.name}`, alt: BADGE_TEXT[kind] ?? kind.replace(/-/g, ' ') }];
  });
}

interface CreatorThemeArgs {
  dropAt: string;
  /** The countdown's pinned clock: the story looks the same on any day. */
  now: string;
  price: number;
  currency: string;
}

const meta: Meta<CreatorThemeArgs> = {
  title: 'Showcase/Creator theme',
  // A day before the creator's drop; empty follows the real clock.
  args: { dropAt: creator.social.dropAt, now: new Date(Date.parse(creator.social.dropAt) - 86_400_000).toISOString(), price: 24, currency: 'EUR' },
  argTypes: { now: { control: 'text', description: "Pins the countdown's clock (ISO 8601). Empty: the real clock." } },
  loaders: [async () => ({ forged: await loadForged() })],
  parameters: { layout: 'fullscreen' },
};
export default meta;

export const NovaThreads: StoryObj<CreatorThemeArgs> = {
  name: 'Nova Threads (demo creator)',
  render: (args, { loaded, globals }) => {
    const forged = (loaded as { forged: Forged | null }).forged;
    const dark = globals.theme === 'dark';
    const palette = dark ? { ...creator.colors, ...creator.colors.dark } : creator.colors;
    const onBrand = readableOn(palette.brand, ['#ffffff', '#14142b']);
    const text = readableOn(palette.background, ['#14142b', '#ffffff']);
    const style = [
      `background: ${palette.background}`,
      `color: ${text}`,
      `--drop-button-background: ${palette.brand}`,
      `--drop-button-color: ${onBrand}`,
      `--drop-countdown-live-color: ${palette.brand}`,
      'padding: 1.5rem',
      'display: grid',
      'gap: 1rem',
      'max-width: 36rem',
    ].join(';');
    return html`<section style=${style} aria-label="${creator.name} drop">
      ${forged
        ? html`<drop-mark src="./forge/mark/mark.json" name=${creator.name} style="--drop-mark-height: 48px"></drop-mark>`
        : html`<p style="font-size: 1.5rem; font-weight: 700; margin: 0">${creator.name}</p>`}
      <drop-countdown id="creator-drop" at=${args.dropAt} now=${args.now || nothing} time-zone=${creator.social.timeZone} name="${creator.name} drop">
        Drops ${args.dropAt}
      </drop-countdown>
      <drop-button drop="creator-drop" price=${args.price} currency=${args.currency}>
        <a href="https://buy.stripe.com/test_nova_glow_tee">Buy the Glow tee</a>
      </drop-button>
      ${forged
        ? html`<ul style="display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0" aria-label="Trust signals">
            ${badgesOf(forged, dark).map((badge) => html`<li><img src=${badge.src} alt=${badge.alt} height="28"></li>`)}
          </ul>`
        : html`<p role="note" style="margin: 0; font-size: 0.875rem">
            The demo creator's forge output (mark set, badges) is not built yet. Run <code>npm start</code> once, which
            forges it into <code>dist/demo/forge</code>, then restart Storybook.
          </p>`}
      ${nothing}
    </section>`;
  },
};
