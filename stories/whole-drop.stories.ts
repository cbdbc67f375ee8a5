/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { DROP_CLOCK_MOMENTS, type DropClockMoment } from '../.storybook/toolbar/drop-clock.ts';
import { NO_WORDS_LOCALE } from '../.storybook/toolbar/locales.ts';
import { langOf, textNode } from '../packages/elements/src/test-support/lang.ts';
import wordmarkUrl from '../test/media/mark/wordmark.svg?url&no-inline';
import glyphUrl from '../test/media/mark/glyph.svg?url&no-inline';

/**
 * One drop, every widget: the mark, the countdown and the buy button a creator puts on a page. Use
 * the toolbar's "Drop clock" to move the whole drop (T−1 day, T−10 s, live, sold out, ended); the
 * stories below pin each moment and check that every widget agrees.
 */
/**
 * The Reference page draws every story of this file in one document: with one fixed id, every
 * button followed the first countdown on the page (T−1 day and T−10 s showed "Drops in 7d…", the
 * real clock's). Each render gets its own id.
 */
let renders = 0;

const meta: Meta = {
  title: 'Showcase/A whole drop',
  render: () => {
    const drop = `winter-drop-${++renders}`;
    return html`
    <article style="display: grid; gap: 1rem; max-width: 32rem">
      <drop-mark name="Nova Threads" src-wordmark=${wordmarkUrl} src-glyph=${glyphUrl} style="--drop-mark-height: 40px"></drop-mark>
      <drop-countdown id=${drop} at="2026-12-05T18:00:00+01:00" until="2026-12-05T20:00:00+01:00" time-zone="Europe/Paris">
        Drops Sat 5 Dec, 18:00 CET
      </drop-countdown>
      <drop-button drop=${drop} price="24" currency="EUR" sku="GLOW-TEE">
        <a href="https://buy.stripe.com/test_glow_tee">Buy the Glow tee</a>
      </drop-button>
    </article>
  `;
  },
};
export default meta;

type Story = StoryObj;

export const AsWritten: Story = {
  name: 'As written (follows the real clock)',
  parameters: { realClock: 'shows the drop as a visitor would see it today' },
};

const expectedState: Record<Exclude<DropClockMoment, 'as-written'>, string> = {
  't-minus-1-day': 'scheduled',
  't-minus-10-s': 'scheduled',
  live: 'live',
  'sold-out': 'sold-out',
  ended: 'ended',
};

/** A story per toolbar moment; its play function proves the toolbar moved every widget. */
const atMoment = (moment: Exclude<DropClockMoment, 'as-written'>): Story => ({
  globals: { dropClock: moment },
  play: async ({ canvasElement }) => {
    const countdown = canvasElement.querySelector('drop-countdown')!;
    const button = canvasElement.querySelector('drop-button')!;
    // The button follows this story's countdown, the only one with its id in the document.
    await expect(button.getAttribute('drop')).toBe(countdown.id);
    await expect(document.querySelectorAll(`[id="${countdown.id}"]`).length).toBe(1);
    await waitFor(() => expect(countdown.getAttribute('state')).toBe(expectedState[moment]));
    await waitFor(() => expect(button.getAttribute('state')).toBe(expectedState[moment]));
    // The button renders its new state a frame after the attribute changes: read it once drawn (a
    // direct read failed this step in every built Storybook, where the attribute lands first).
    const buyable = () => {
      const control = button.shadowRoot?.querySelector('[part~="button"]');
      return control ? control.getAttribute('aria-disabled') !== 'true' : null;
    };
    await waitFor(() => expect(buyable()).toBe(moment === 'live'));
  },
});

export const OneDayBefore = atMoment('t-minus-1-day');
export const TenSecondsBefore = atMoment('t-minus-10-s');
export const Live = atMoment('live');
export const SoldOut = atMoment('sold-out');
export const Ended = atMoment('ended');

/**
 * The whole drop on a page dropkit has no words for (Finnish), a day before: every widget's own
 * words, and the numbers and dates beside them, in English, marked `lang="en"`; the creator's text
 * (the link's "Buy the Glow tee") keeps the page's language. One console warning for the page.
 */
export const OneDayBeforeNoWords: Story = {
  name: 'One day before, on a page dropkit has no words for',
  globals: { dropClock: 't-minus-1-day', locale: NO_WORDS_LOCALE },
  play: async (context) => {
    await atMoment('t-minus-1-day').play!(context);
    const { canvasElement } = context;
    const countdown = canvasElement.querySelector('drop-countdown')!;
    const button = canvasElement.querySelector('drop-button')!;
    const remaining = () => countdown.shadowRoot?.querySelector<HTMLElement>('[part~="remaining"]');
    // Intl's English: "1 day", not "1 päivä".
    await waitFor(() => expect(remaining()?.textContent?.replace(/\s+/g, ' ').trim()).toBe('1 day'));
    await expect(remaining()!.lang).toBe('en');
    await waitFor(() => expect(langOf(textNode(button, 'Drops in'))).toBe('en'));
    await expect(langOf(textNode(button, 'Buy the Glow tee'))).toBe(NO_WORDS_LOCALE);
  },
};

const liveDotAnimation = (canvas: HTMLElement) => {
  const status = canvas.querySelector('drop-countdown')?.shadowRoot?.querySelector('[part="status"]');
  return status ? getComputedStyle(status, '::before').animationName : null;
};

/** The Motion toolbar: the live dot pulses, unless reduced motion is chosen. */
export const LiveWithMotion: Story = {
  globals: { dropClock: 'live', motion: 'full' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(liveDotAnimation(canvasElement)).toBe('pulse'));
  },
};

export const LiveReducedMotion: Story = {
  globals: { dropClock: 'live', motion: 'reduced' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(liveDotAnimation(canvasElement)).toBe('none'));
    await expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
  },
};

// Keep the stories above in step with the toolbar's moments.
void (DROP_CLOCK_MOMENTS satisfies readonly DropClockMoment[]);
