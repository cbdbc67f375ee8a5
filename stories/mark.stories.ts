/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { documentedOnly } from './support/controls.ts';
import wordmarkUrl from '../test/media/mark/wordmark.svg?url&no-inline';
import wordmarkDarkUrl from '../test/media/mark/wordmark-dark.svg?url&no-inline';
import monogramUrl from '../test/media/mark/monogram.svg?url&no-inline';
import glyphUrl from '../test/media/mark/glyph.svg?url&no-inline';
import squareMonogramUrl from '../test/media/mark/monogram-square.svg?url&no-inline';

/**
 * `<drop-mark>`: the creator's mark, picking wordmark, monogram or glyph from its own width. Drag
 * the `width` control across ~160 px (at 40 px high) to watch the switch and its hysteresis.
 */
interface MarkArgs {
  name: string;
  width: number;
  height: number;
  variants: 'all' | 'wordmark only' | 'glyph only';
  dark: boolean;
  align: 'start' | 'center' | 'end';
}

const meta: Meta<MarkArgs> = {
  title: 'Elements/drop-mark',
  component: 'drop-mark',
  args: { name: 'Nova Threads', width: 320, height: 40, variants: 'all', dark: true, align: 'start' },
  argTypes: {
    // The story sets the image attributes from `variants` and `dark`; these rows document them.
    ...documentedOnly(['src', 'src-wordmark', 'src-monogram', 'src-glyph', 'src-wordmark-dark', 'src-monogram-dark', 'src-glyph-dark']),
    ...documentedOnly(['srcWordmark', 'srcMonogram', 'srcGlyph', 'srcWordmarkDark', 'srcMonogramDark', 'srcGlyphDark', 'variant']),
    // The slots: the Slotted story fills them with its own markup.
    ...documentedOnly(['wordmark', 'monogram', 'glyph']),
    // The CSS part `name` shares this name and took over its row (a JSON editor that changed nothing).
    name: { control: 'text', type: 'string', description: "The creator's name: the mark's accessible name, and its text when no image loads.", table: { category: 'attributes' } },
    width: { control: { type: 'range', min: 16, max: 480, step: 1 }, description: 'Width of the surrounding box (px).' },
    height: { control: { type: 'range', min: 16, max: 96, step: 1 }, description: '`--drop-mark-height` (px).' },
    variants: { control: 'inline-radio', options: ['all', 'wordmark only', 'glyph only'] },
    dark: { description: 'Provide `src-wordmark-dark` (switch the theme toolbar to dark).' },
    align: { control: 'inline-radio', options: ['start', 'center', 'end'], description: '`--drop-mark-align`' },
  },
  render: (args) => html`
    <div style="width: ${args.width}px; outline: 1px dashed #999">
      <drop-mark
        name=${args.name || nothing}
        src-wordmark=${args.variants !== 'glyph only' ? wordmarkUrl : nothing}
        src-wordmark-dark=${args.dark && args.variants !== 'glyph only' ? wordmarkDarkUrl : nothing}
        src-monogram=${args.variants === 'all' ? monogramUrl : nothing}
        src-glyph=${args.variants !== 'wordmark only' ? glyphUrl : nothing}
        style="--drop-mark-height: ${args.height}px; --drop-mark-align: ${args.align}"
      ></drop-mark>
    </div>
  `,
};
export default meta;

type Story = StoryObj<MarkArgs>;

/**
 * Room for everything: the wordmark. On the toolbar's dark theme, the dark wordmark (the `dark`
 * control): its play step checks which image the browser really drew.
 */
export const Wordmark: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const image = () => canvasElement.querySelector('drop-mark')?.shadowRoot?.querySelector<HTMLImageElement>('img[data-variant="wordmark"]');
    const expected = globals.theme === 'dark' && args.dark ? wordmarkDarkUrl : wordmarkUrl;
    await waitFor(() => expect(image()?.complete && new URL(image()!.currentSrc).pathname).toBe(new URL(expected, location.href).pathname));
  },
};

/** A buy-button-sized box: the monogram. */
export const Monogram: Story = { args: { width: 100 } };

/** An avatar: the glyph. */
export const Glyph: Story = { args: { width: 44 } };

/**
 * Small sizes, with a square monogram and glyph as forge makes them: below 32 px high the glyph is
 * shown where the monogram would fit as well (its letters would be under 10 px tall). At 32 px, too
 * narrow for the wordmark, the monogram, in a box of its own width: no empty space before the text.
 */
export const SmallSizes: Story = {
  render: (args) => html`
    <div style="display: flex; align-items: center; gap: 8px; padding: 8px">
      <span style="display: inline-flex; width: 24px; height: 24px; border-radius: 50%; overflow: hidden">
        <drop-mark name=${args.name} src-wordmark=${wordmarkUrl} src-monogram=${squareMonogramUrl} src-glyph=${glyphUrl} style="--drop-mark-height: 24px"></drop-mark>
      </span>
      <span>24 px avatar: the glyph</span>
    </div>
    <div style="display: flex; align-items: center; gap: 8px; padding: 8px">
      <span style="display: inline-flex; width: 20px">
        <drop-mark name=${args.name} src-wordmark=${wordmarkUrl} src-monogram=${squareMonogramUrl} src-glyph=${glyphUrl} style="--drop-mark-height: 20px"></drop-mark>
      </span>
      <span>20 px buy-button mark: the glyph</span>
    </div>
    <div style="display: flex; align-items: center; gap: 8px; padding: 8px; width: 200px; border-bottom: 1px solid #ddd">
      <drop-mark name=${args.name} src-wordmark=${wordmarkUrl} src-monogram=${squareMonogramUrl} src-glyph=${glyphUrl} style="--drop-mark-height: 32px"></drop-mark>
      <span style="flex: 0 0 100px">32 px header, narrow: the monogram</span>
    </div>
  `,
};

/** Only a wordmark given: it is shown everywhere, scaled into small boxes. */
export const OnlyAWordmark: Story = { args: { variants: 'wordmark only', width: 60 } };

/** The same mark in a header, a flex row and a grid cell that give it no width at all. */
export const InLayouts: Story = {
  render: (args) => html`
    <div style="display: flex; gap: 12px; align-items: center; border-bottom: 1px solid #ddd; padding: 8px">
      <drop-mark name=${args.name} src-wordmark=${wordmarkUrl} src-monogram=${monogramUrl} src-glyph=${glyphUrl} style="--drop-mark-height: 32px"></drop-mark>
      <nav>Shop · Drops · About</nav>
    </div>
    <div style="display: grid; grid-template-columns: auto 1fr; gap: 12px; align-items: center; padding: 8px; width: 220px">
      <drop-mark name=${args.name} src-wordmark=${wordmarkUrl} src-monogram=${monogramUrl} src-glyph=${glyphUrl}></drop-mark>
      <span>Glow tee</span>
    </div>
    <div style="display: flex; align-items: center; gap: 8px; padding: 8px">
      <span style="display: inline-flex; width: 24px; height: 24px; border-radius: 50%; overflow: hidden">
        <drop-mark name=${args.name} src-wordmark=${wordmarkUrl} src-glyph=${glyphUrl} style="--drop-mark-height: 24px"></drop-mark>
      </span>
      <span>@novathreads</span>
    </div>
  `,
};

/** Slotted variants: an `<img>` wordmark and an inline `<svg>` glyph written by the creator. */
export const Slotted: Story = {
  render: (args) => html`
    <div style="width: ${args.width}px">
      <drop-mark name=${args.name} style="--drop-mark-height: ${args.height}px">
        <img slot="wordmark" src=${wordmarkUrl} width="400" height="100" alt="" />
        <svg slot="glyph" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#6d28d9" /></svg>
      </drop-mark>
    </div>
  `,
};


/**
 * Images that did not load (a 404 after a redeploy, a dropped request, a host the page blocks): a
 * missing wordmark gives way to the monogram; with every image missing, the creator's name is shown
 * as text at the mark's height, in the text colour around it. The console says which URL failed.
 */
export const ImageDidNotLoad: Story = {
  render: (args) => html`
    <div style="display: flex; align-items: center; gap: 8px; padding: 8px; width: ${args.width}px">
      <drop-mark name=${args.name} src-wordmark="/no-such-mark/wordmark.svg" src-monogram=${monogramUrl} src-glyph=${glyphUrl} style="--drop-mark-height: ${args.height}px"></drop-mark>
      <span>wordmark missing: the monogram</span>
    </div>
    <div style="display: flex; align-items: center; gap: 8px; padding: 8px; width: ${args.width}px">
      <drop-mark name=${args.name} src-wordmark="/no-such-mark/wordmark.svg" src-glyph="/no-such-mark/glyph.svg" style="--drop-mark-height: ${args.height}px"></drop-mark>
      <span>every image missing: the name</span>
    </div>
  `,
};

type ChoosingMark = HTMLElement & { variant?: string; updateComplete?: Promise<unknown> };

/**
 * What the mark in `box` shows once it has settled: every image loaded (until then it shows what
 * it has, e.g. a monogram for a frame), then three frames for the choice to reach the page (a resize
 * reaches it one frame after layout, and the refit's layout follows), as the mark's browser tests do.
 */
async function settledVariant(box: HTMLElement): Promise<string | undefined> {
  const mark = box.querySelector<ChoosingMark>('drop-mark')!;
  await waitFor(() => {
    const images = [...(mark.shadowRoot?.querySelectorAll('img') ?? [])];
    expect(images.length > 0 && images.every((image) => image.complete && image.naturalWidth > 0)).toBe(true);
  });
  for (let frame = 0; frame < 3; frame++) {
    await new Promise(requestAnimationFrame);
    await mark.updateComplete;
  }
  return mark.variant;
}

/** From this header width on, the story expects the wordmark (room for its 160 px and more), whatever a designer set. */
const WIDE_HEADER = 400;

/**
 * A logo as pages write it: a home link around the mark, in a flex header beside the menu (or a
 * grid one: `layout`).
 * Drag `headerWidth`: the link narrows with the header, the mark shows its monogram (200 px) and then
 * its glyph (150 px), and takes its wordmark back when the header widens. (Before, the link could
 * not get narrower than the wordmark: the header overflowed, and once narrower it kept the glyph.)
 * Its play step walks the header down and back up and checks each choice.
 */
type HomeLinkArgs = MarkArgs & { headerWidth: number; layout: 'flex' | 'grid'; wrapper: 'a' | 'a > span' };

export const InAHomeLink: StoryObj<HomeLinkArgs> = {
  args: { headerWidth: 600, layout: 'flex', wrapper: 'a' },
  argTypes: {
    headerWidth: { control: { type: 'range', min: 100, max: 700, step: 1 }, description: 'Width of the header around the link (px).' },
    layout: { control: 'inline-radio', options: ['flex', 'grid'], description: 'A flex row, or a grid whose first column is `auto`.' },
    wrapper: { control: 'inline-radio', options: ['a', 'a > span'], description: "The page's own boxes around the mark." },
    // The header gives the width here, and the story fixes the images.
    ...documentedOnly(['width', 'variants', 'dark', 'align']),
  },
  render: (args) => {
    const mark = html`<drop-mark
      name=${args.name || nothing}
      src-wordmark=${wordmarkUrl}
      src-monogram=${monogramUrl}
      src-glyph=${glyphUrl}
      style="--drop-mark-height: ${args.height}px"
    ></drop-mark>`;
    const layout = args.layout === 'grid' ? 'display: grid; grid-template-columns: auto 1fr' : 'display: flex';
    // A fragment as the link: a click in the preview would open Storybook inside itself.
    return html`
      <header style="${layout}; gap: 8px; align-items: center; width: ${args.headerWidth}px; outline: 1px dashed #999">
        <a href="#home">${args.wrapper === 'a > span' ? html`<span>${mark}</span>` : mark}</a>
        <nav style="flex: 0 0 100px">Shop · Drops</nav>
      </header>
    `;
  },
  play: async ({ canvasElement, args }) => {
    const header = canvasElement.querySelector('header')!;
    const first = await settledVariant(header);
    if (args.headerWidth >= WIDE_HEADER && args.height === 40) await expect(first).toBe('wordmark');
    // At 40 px high, in the flex row: 200 − 108 leaves 92 px (the 48 px monogram), 150 − 108 leaves
    // 42 (the 40 px glyph). In the grid the menu's column takes only its longest word: 150 px leaves
    // room for the monogram but not the 160 px wordmark.
    const narrowing: Record<HomeLinkArgs['layout'], Array<[number, string]>> = {
      flex: [[200, 'monogram'], [150, 'glyph']],
      grid: [[150, 'monogram']],
    };
    const steps: Array<[number, string | undefined]> = args.height === 40 ? narrowing[args.layout] : [];
    for (const [width, variant] of [...steps, [args.headerWidth, first] as [number, string | undefined]]) {
      header.style.width = `${width}px`;
      await expect(`${width} px: ${await settledVariant(header)}`).toBe(`${width} px: ${variant}`);
      // The header keeps its width: the link shrank instead of pushing the menu out.
      await expect(header.scrollWidth).toBeLessThanOrEqual(width);
    }
  },
};

/** The same home link in a grid header whose first column is `auto`. */
export const InAHomeLinkInAGrid: StoryObj<HomeLinkArgs> = { ...InAHomeLink, args: { ...InAHomeLink.args, layout: 'grid' } };

/**
 * A mark in a menu drawer that starts closed (`display: none`, as a closed drawer or a hidden tab
 * is): opened at 150 px, the mark chooses afresh and shows its monogram whole. (Before, it had
 * "measured" the wordmark as fitting while hidden and kept it, scaled down.) Open and close it with
 * the Menu button or the `drawerOpen` control; the play step opens it and checks.
 */
export const InAMenuDrawer: StoryObj<MarkArgs & { drawerOpen: boolean }> = {
  args: { drawerOpen: false },
  argTypes: {
    drawerOpen: { description: 'Whether the drawer is open when the story renders.' },
    ...documentedOnly(['width', 'variants', 'dark', 'align']),
  },
  render: (args) => {
    const toggle = (event: Event) => {
      const button = event.currentTarget as HTMLButtonElement;
      const drawer = button.nextElementSibling as HTMLElement;
      drawer.hidden = !drawer.hidden;
      button.setAttribute('aria-expanded', String(!drawer.hidden));
    };
    return html`
      <button type="button" aria-expanded=${String(args.drawerOpen)} aria-controls="mark-drawer" @click=${toggle}>Menu</button>
      <div id="mark-drawer" ?hidden=${!args.drawerOpen} style="width: 150px; padding: 8px 0; outline: 1px dashed #999">
        <drop-mark
          name=${args.name || nothing}
          src-wordmark=${wordmarkUrl}
          src-monogram=${monogramUrl}
          src-glyph=${glyphUrl}
          style="--drop-mark-height: ${args.height}px"
        ></drop-mark>
        <p>Shop · Drops · About</p>
      </div>
    `;
  },
  play: async ({ canvasElement, args }) => {
    const drawer = canvasElement.querySelector<HTMLElement>('#mark-drawer')!;
    if (drawer.hidden) {
      // As on a page: the drawer is opened once the mark has loaded and chosen, unseen.
      await settledVariant(drawer);
      await userEvent.click(canvasElement.querySelector('button')!);
    }
    await expect(drawer.hidden).toBe(false);
    const variant = await settledVariant(drawer);
    if (args.height !== 40) return;
    // At 40 px high the wordmark needs 160 px; the 48 px monogram fits the drawer whole.
    await expect(variant).toBe('monogram');
    await expect(drawer.querySelector('drop-mark')!.getBoundingClientRect().width).toBe(48);
  },
};
