import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { NO_WORDS_LOCALE } from '../.storybook/toolbar/locales.ts';
import { FORMATS, type CountdownFormat } from '../packages/elements/src/countdown/format.ts';
import { documentedOnly } from './support/controls.ts';
import { DROP_STATES, type DropState } from '../packages/elements/src/shared/vocabulary.ts';
import { matchLanguage } from '../packages/elements/src/shared/words.ts';

/**
 * `<drop-countdown>`: the drop clock. Every story pins the clock with `now`, so each state shows
 * exactly, without waiting; clear `now` in the controls to watch it tick on the real clock.
 */
interface CountdownArgs {
  at: string;
  until: string;
  now: string;
  state: DropState | '';
  format: CountdownFormat;
  timeZone: string;
  notify: string;
  name: string;
  url: string;
  lang: string;
  fallback: string;
  liveSlot: boolean;
}

const AT = '2026-12-05T18:00:00+01:00';
const UNTIL = '2026-12-05T20:00:00+01:00';

const meta: Meta<CountdownArgs> = {
  title: 'Elements/drop-countdown',
  component: 'drop-countdown',
  args: {
    at: AT,
    until: UNTIL,
    now: '2026-12-03T13:56:55Z',
    state: '',
    format: 'auto',
    timeZone: 'America/Los_Angeles',
    notify: 'https://t.me/yourchannel',
    name: 'Winter drop',
    url: '',
    // Empty: the story follows the toolbar's Locale; a value overrides it for this story.
    lang: '',
    fallback: 'Drops Sat 5 Dec, 18:00 CET',
    liveSlot: true,
  },
  argTypes: {
    // The manifest's type names (Date, CountdownFormat, DropState) are no type Storybook knows: it
    // would offer a JSON editor and drop these args from the URL (`&args=state:sold-out`). In the
    // page they are text.
    at: { control: 'text', type: 'string' },
    until: { control: 'text', type: 'string' },
    format: { control: 'inline-radio', options: [...FORMATS], type: 'string' },
    state: { control: 'select', type: 'string', options: ['', ...DROP_STATES], description: 'Set only to force a state (e.g. sold-out).' },
    now: { control: 'text', type: 'string', description: 'Pins the clock (ISO 8601 with Z or an offset). Empty: the real clock.' },
    url: { control: 'text' },
    // Documented from the manifest; the story's own `timeZone` control sets `time-zone`. A time-src
    // needs a server answering with the time, and favicon-live changes the preview tab's icon only.
    ...documentedOnly(['time-zone', 'time-src', 'favicon-live', 'timeSrc', 'faviconLive']),
    // The slots hold the story's fixed content (the `liveSlot` control toggles the buy link).
    ...documentedOnly(['live', 'ended', 'sold-out']),
    lang: {
      control: 'select',
      description: 'The `lang` around the countdown. Empty: the toolbar Locale.',
      labels: { '': '(toolbar Locale)', [NO_WORDS_LOCALE]: `${NO_WORDS_LOCALE} (no dropkit words: English)` },
      options: ['', 'en', 'en-GB', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt-BR', 'sv', 'tr', 'zh', 'zh-TW', 'ru', 'ar-EG', 'he', NO_WORDS_LOCALE],
    },
    liveSlot: { description: 'Put a buy link in the `live` slot.' },
  },
  render: (args) => html`
    <div lang=${args.lang || nothing}>
      <drop-countdown
        at=${args.at || nothing}
        until=${args.until || nothing}
        now=${args.now || nothing}
        state=${args.state || nothing}
        format=${args.format}
        time-zone=${args.timeZone || nothing}
        notify=${args.notify || nothing}
        name=${args.name || nothing}
        url=${args.url || nothing}
      >
        ${args.fallback}
        ${args.liveSlot ? html`<a slot="live" href="https://buy.stripe.com/test_winter">Buy now</a>` : nothing}
        <span slot="ended">This drop has ended. Thanks for coming!</span>
        <span slot="sold-out">Sold out in record time.</span>
      </drop-countdown>
    </div>
  `,
};
export default meta;

type Story = StoryObj<CountdownArgs>;

/** Two days out: days and hours in words, the visitor's and the creator's time, calendar and notify links. */
export const Scheduled: Story = {};

/** The last seconds before T0, as a clock. */
export const LastSeconds: Story = { args: { now: '2026-12-05T16:59:53Z', format: 'clock' } };

/** Every format at the same moment. */
export const Formats: Story = {
  render: (args) => html`
    <dl lang=${args.lang || nothing}>
      ${FORMATS.map(
        (format) => html`<dt><code>${format}</code></dt>
          <dd><drop-countdown at=${args.at} now=${args.now} format=${format}></drop-countdown></dd>`,
      )}
    </dl>
  `,
};

/** T0 has passed: the `live` slot (a buy link) replaces the countdown. */
export const Live: Story = { args: { now: '2026-12-05T17:01:00Z' } };

/** Live with no slot content: the default "Live now" with its pulsing dot (still under reduced motion). */
export const LiveDefault: Story = { args: { now: '2026-12-05T17:01:00Z', liveSlot: false } };

/** A marketplace set `state="sold-out"`; it wins over the clock. */
export const SoldOut: Story = { args: { now: '2026-12-05T17:30:00Z', state: 'sold-out' } };

/** After `until`. */
export const Ended: Story = { args: { now: '2026-12-05T19:30:00Z' } };

/** `at` without an offset is refused (one console warning): the creator's own text stays. */
export const InvalidAt: Story = { args: { at: '2026-12-05T18:00:00' } };

/** German page: the countdown's own words come from its German chunk; units, list joining and weekday from Intl. */
export const German: Story = { args: { lang: 'de', format: 'long' } };

/** German page, live with no slot content: "Jetzt live". */
export const GermanLive: Story = { args: { lang: 'de', now: '2026-12-05T17:01:00Z', liveSlot: false } };

/**
 * A page in a language dropkit has no words for (Finnish; the toolbar's *Suomi: no dropkit words*):
 * the whole line is English, numbers, units, weekday and zone name included, and marked
 * `lang="en"` so a screen reader reads it with an English voice. The console says once
 * `no words for lang="fi"; showing English.` (Before, the English words stood beside Intl's
 * Finnish: "2 päivää, 3 tuntia … your time".)
 */
export const NoWordsForThisLanguage: Story = {
  globals: { locale: NO_WORDS_LOCALE },
  args: { format: 'long', timeZone: 'Europe/Helsinki' },
  play: async ({ canvasElement, globals, args }) => {
    // The story's own lang control, when a designer sets it, speaks for the page instead.
    const lang = args.lang || (globals.locale as string);
    if (!args.lang) await expect(matchLanguage(lang)).toBe(null);
    if (matchLanguage(lang) !== null) return;
    const countdown = canvasElement.querySelector('drop-countdown')!;
    const part = (name: string) => countdown.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
    const text = (name: string) => part(name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    await waitFor(() => expect(text('remaining')).not.toBe(''));
    if (args.now === meta.args!.now && args.format === 'long') await expect(text('remaining')).toBe('2 days, 3 hours, 3 minutes, 5 seconds');
    await expect(text('moment')).toMatch(/your time/);
    for (const name of ['remaining', 'moment', 'actions']) await expect(`${name}: ${part(name)?.lang}`).toBe(`${name}: en`);
  },
};
