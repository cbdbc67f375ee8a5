import { createHash } from 'node:crypto';
import { loadSharp } from '../load-sharp.ts';
import { describeValue } from '../config/characters.ts';
import { assertDrawableDate, assertLocale, assertTimeZone, formatInZone, parseInstant, writtenZone, type DropZone } from '../badge/badge-config.ts';
import { inkOn, readableOn } from '../badge/colors.ts';
import { advancePerPixel, normalizeText, textPath, TextError } from '../badge/font.ts';
import { CHARACTER_UNIT, characterCount } from '../config/characters.ts';
import { ForgeConfigError } from '../errors.ts';
import { askedPictures, faintIn, picturesVerdict } from '../favicon/stage.ts';
import { placedMark } from '../svg/compose.ts';
import type { FaintPicture, ForgeInput, ForgeStage, HeadTag, HexColor, JudgedPicture, RasterJob, RenderContext, SanitizedSvg } from '../plan/types.ts';

/** The Open Graph size every network crops from. */
export const CARD = { width: 1200, height: 630 } as const;
export const CARD_FILE = 'social-card.png';

const MARK_BOX = { width: 900, height: 250, centreY: 205 } as const;
const TITLE = { size: 64, floor: 36, maxWidth: 1040, baseline: 440 } as const;
const DATE = { size: 34, baseline: 510 } as const;
const BAND_HEIGHT = 16;

export interface SocialOptions {
  /** Large text under the mark; the creator's name unless given. */
  title: string;
  description?: string;
  /** The next drop, shown in the creator's time zone. */
  dropAt?: Date;
  /** `social.timeZone`, else the offset written in `dropAt`. */
  timeZone: DropZone;
  locale: string;
  /** Whether the title is the creator's name (no social.title), for what a refusal asks them to do. */
  titleFromName?: boolean;
}

const SOCIAL_FIELDS = ['title', 'description', 'dropAt', 'timeZone', 'locale'];

function expected(field: string, what: string, value: unknown): ForgeConfigError {
  return new ForgeConfigError(`Expected ${what} for ${field} but received ${describeValue(value)}`);
}

export function parseSocial(input: ForgeInput): SocialOptions {
  const raw = input.config.social ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw expected('social', 'an object', raw);
  const social = raw as Record<string, unknown>;
  for (const key of Object.keys(social)) {
    if (!SOCIAL_FIELDS.includes(key)) throw new ForgeConfigError(`Unexpected field social.${key}; expected one of: ${SOCIAL_FIELDS.join(', ')}`);
  }
  const text = (key: string, max: number): string | undefined => {
    const value = social[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '' || characterCount(value) > max) throw expected(`social.${key}`, `text of 1 to ${max} ${CHARACTER_UNIT}`, value);
    return value;
  };
  const locale = assertLocale(social['locale'] ?? 'en-US', 'social.locale');
  const description = text('description', 300);
  const options: SocialOptions = {
    title: text('title', 100) ?? input.config.name,
    ...(social['title'] === undefined ? { titleFromName: true } : {}),
    ...(description ? { description } : {}),
    ...(social['dropAt'] !== undefined ? { dropAt: parseInstant(social['dropAt'], 'social.dropAt') } : {}),
    timeZone:
      social['timeZone'] !== undefined
        ? assertTimeZone(social['timeZone'], 'social.timeZone')
        : social['dropAt'] !== undefined
          ? writtenZone(social['dropAt'] as string)
          : 'UTC',
    locale,
  };
  if (options.dropAt) {
    assertDrawableDate(formatDropLine(options.dropAt, options.timeZone, locale), locale, 'social.locale', 'leave social.dropAt out (the card then shows no date)');
  }
  return options;
}

/** "Drop · Sat, Dec 5 · 6:00 PM EST", in the creator's time zone and locale. */
export function formatDropLine(at: Date, zone: DropZone, locale: string): string {
  const day = formatInZone(at, zone, locale, { weekday: 'short', month: 'short', day: 'numeric' });
  const time = formatInZone(at, zone, locale, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  // ICU puts narrow no-break spaces before AM/PM; the card is one line, a plain space reads the same.
  return `Drop · ${day} · ${time}`.replace(/[\u00a0\u202f]/gu, ' ');
}

/**
 * The title's words and size. A refusal names the field the words came from: `name` when there is
 * no social.title (once "social.title (defaults to name)" either way, naming a field the creator had
 * not written, or calling the one they had written a default).
 */
function fitTitle(title: string, fromName = false): { text: string; size: number } {
  const field = fromName ? 'name' : 'social.title';
  // A name in another script, or a long one, is no mistake to correct: the card needs a title of its own.
  const keepName = 'your name stays as it is in the manifest and the head tags.';
  const advice = fromName ? `Add social.title, the title for the card in Latin, Greek or Cyrillic letters; ${keepName}` : undefined;
  const text = normalizeText(title, field, advice);
  const advance = advancePerPixel(text);
  const size = Math.min(TITLE.size, Math.floor((TITLE.maxWidth / advance) * 4) / 4);
  if (size < TITLE.floor) {
    throw new TextError(
      'text-too-long',
      `${field} ${JSON.stringify(text)} needs ${Math.ceil(advance * TITLE.floor)} px at the smallest size (${TITLE.floor} px) ` +
        `but the card has ${TITLE.maxWidth} px for its title. ` +
        (fromName ? `Add social.title, a shorter title for the card; ${keepName}` : 'Set a shorter social.title.'),
    );
  }
  return { text, size };
}

function centredLine(text: string, size: number, baseline: number, fill: HexColor): string {
  const x = Math.round((CARD.width - advancePerPixel(text) * size) / 2 * 100) / 100;
  return `<path d="${textPath(text, x, baseline, size)}" fill="${fill}"/>`;
}

/** The mark fitted into its box on the card, in whole pixels so it lands crisply. */
export function markPlacement(mark: SanitizedSvg): { x: number; y: number; width: number; height: number } {
  const [, , width, height] = mark.viewBox;
  const scale = Math.min(MARK_BOX.width / width, MARK_BOX.height / height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  return { x: Math.round((CARD.width - w) / 2), y: Math.round(MARK_BOX.centreY - h / 2), width: w, height: h };
}

/** The creator's mark alone at its placed size, for the isolated renderer. */
export function markRasterSvg(mark: SanitizedSvg, width: number, height: number, defaultFill: HexColor): string {
  const nested = placedMark(mark, { x: 0, y: 0, width, height }, { defaultFill, raster: true });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${nested}</svg>`;
}

/**
 * The card as forge draws it around the mark. The mark arrives as a PNG so nothing of the creator's
 * SVG (its styles in particular) can reach the text around it.
 */
export function socialCardSvg(input: ForgeInput, options: SocialOptions, markPng: Uint8Array): string {
  const { brand, background } = input.config.colors;
  const title = fitTitle(options.title, options.titleFromName);
  const place = markPlacement(input.mark);
  const parts = [
    `<rect width="${CARD.width}" height="${CARD.height}" fill="${background}"/>`,
    `<rect y="${CARD.height - BAND_HEIGHT}" width="${CARD.width}" height="${BAND_HEIGHT}" fill="${brand}"/>`,
    `<image x="${place.x}" y="${place.y}" width="${place.width}" height="${place.height}" href="data:image/png;base64,${Buffer.from(markPng).toString('base64')}"/>`,
    centredLine(title.text, title.size, TITLE.baseline, inkOn(background)),
  ];
  if (options.dropAt) {
    const line = normalizeText(formatDropLine(options.dropAt, options.timeZone, options.locale), 'social.dropAt');
    parts.push(centredLine(line, DATE.size, DATE.baseline, readableOn(brand, background)));
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD.width}" height="${CARD.height}" viewBox="0 0 ${CARD.width} ${CARD.height}">${parts.join('')}</svg>`;
}

/**
 * The card, and the finding when the mark hardly shows on it. `judged`: the favicon stage is not
 * in the run, so this stage asks for its verdict on whether these pictures draw anything, the mark
 * and any other the run judges (one input, one verdict: the mark's image here is up to 900x250 px,
 * where a faint hairline may show or vanish otherwise than on the 512 px icon).
 */
export async function renderSocialCard(
  input: ForgeInput,
  options: SocialOptions,
  context: RenderContext,
  judged?: readonly JudgedPicture[],
): Promise<{ png: Uint8Array; faint?: FaintPicture }> {
  const place = markPlacement(input.mark);
  const job: RasterJob = { svg: markRasterSvg(input.mark, place.width, place.height, input.config.colors.brand), width: place.width, height: place.height, output: 'rgba' };
  // How well the mark shows laid on the card's background is measured by the renderer while it
  // draws the mark's pixels (shownOn), by the same rule as the home-screen tiles.
  const background = input.config.colors.background;
  const [image, refusal] = await Promise.all([
    context.rasterizeMeasured ? context.rasterizeMeasured({ ...job, shownOn: background }) : context.rasterize(job),
    judged ? picturesVerdict(input, context, judged) : undefined,
  ]);
  if (refusal) throw refusal;
  const markPixels = image instanceof Uint8Array ? image : image.bytes;
  const faint = faintIn(image, 'mark', CARD_FILE);
  // This PNG only carries pixels into the card and is never written: fast beats small here.
  const sharp = await loadSharp();
  const markPng = await sharp(Buffer.from(markPixels.buffer, markPixels.byteOffset, markPixels.byteLength), {
    raw: { width: place.width, height: place.height, channels: 4 },
  })
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
  const png = await context.rasterize({ svg: socialCardSvg(input, options, markPng), ...CARD, output: 'png' });
  return faint ? { png, faint } : { png };
}

/**
 * The card's full address, or undefined when none can be made: link previews (Facebook, Slack,
 * iMessage) ignore a relative og:image, so `/social-card.png` or Vite's `./social-card.png` showed
 * no picture. A base path that is a full address (a CDN, also `//cdn.example/`) is one; else the creator's `url` resolves it.
 */
export function socialCardUrl(input: ForgeInput, basePath = '/'): string | undefined {
  const path = `${basePath}${CARD_FILE}`;
  // A protocol-relative base (//cdn.example/icons/) is a full address on an https page.
  if (/^(https?:)?\/\//i.test(path)) return new URL(path, 'https://base.invalid/').href;
  return input.config.url ? new URL(path, input.config.url).href : undefined;
}

/**
 * A short hash of everything the card is drawn from (the mark's raster job and the card around
 * it), written into the image address as `?v=`. Facebook, X, Slack, iMessage and Discord keep a
 * preview picture by its address for days or weeks: after the creator moved `dropAt` to the next
 * drop, links kept showing the old date. A new card is a new address; the same card keeps its own.
 */
export function cardVersion(input: ForgeInput, options: SocialOptions): string {
  const place = markPlacement(input.mark);
  return createHash('sha256')
    .update(markRasterSvg(input.mark, place.width, place.height, input.config.colors.brand))
    .update('\0')
    .update(socialCardSvg(input, options, new Uint8Array()))
    .digest('hex')
    .slice(0, 10);
}

/** Said when the card is written but its address cannot be: the one field that fixes it is `url`. */
export const NO_CARD_URL_ADVICE =
  `the head tags name no og:image, so links to your page are shared without ${CARD_FILE}: link previews (Facebook, Slack, iMessage) ` +
  'load only a picture with a full address, which forge makes from url; add "url": "https://…", the address of your page';

/** og: and twitter: tags, the image ones only with a full address for the card (socialCardUrl), versioned (cardVersion). */
export function socialHeadTags(input: ForgeInput, options: SocialOptions, basePath = '/'): HeadTag[] {
  const address = socialCardUrl(input, basePath);
  const image = address && `${address}?v=${cardVersion(input, options)}`;
  const alt = options.dropAt ? `${options.title} — ${formatDropLine(options.dropAt, options.timeZone, options.locale)}` : options.title;
  const og = (property: string, content: string): HeadTag => ({ tag: 'meta', attributes: { property, content } });
  const twitter = (name: string, content: string): HeadTag => ({ tag: 'meta', attributes: { name, content } });
  return [
    og('og:type', 'website'),
    og('og:site_name', input.config.name),
    og('og:title', options.title),
    ...(options.description ? [og('og:description', options.description)] : []),
    ...(input.config.url ? [og('og:url', input.config.url)] : []),
    ...(image
      ? [
          og('og:image', image),
          og('og:image:type', 'image/png'),
          og('og:image:width', String(CARD.width)),
          og('og:image:height', String(CARD.height)),
          og('og:image:alt', alt),
        ]
      : []),
    // A large-image card without an image is a broken one; the plain card shows title and text.
    twitter('twitter:card', image ? 'summary_large_image' : 'summary'),
    twitter('twitter:title', options.title),
    ...(options.description ? [twitter('twitter:description', options.description)] : []),
    ...(image ? [twitter('twitter:image', image), twitter('twitter:image:alt', alt)] : []),
  ];
}

/** `social-card.png` (1200×630) and its og:/twitter: tags in head.html. */
export const socialStage: ForgeStage = {
  name: 'social',
  judges: () => ['mark'],
  plan(input, planOptions) {
    const options = parseSocial(input);
    // Fail at plan time, before anything is drawn, when the title cannot be drawn or fitted.
    fitTitle(options.title, options.titleFromName);
    const judged = planOptions?.stages?.includes('favicon') ? undefined : askedPictures(['mark'], planOptions);
    let faint: FaintPicture | undefined;
    return {
      assets: [
        {
          name: CARD_FILE,
          format: 'png',
          purpose: 'social',
          ...CARD,
          render: async (context) => {
            const card = await renderSocialCard(input, options, context, judged);
            faint = card.faint;
            return card.png;
          },
        },
      ],
      headTags: socialHeadTags(input, options, planOptions?.basePath ?? '/'),
      advice: () => (socialCardUrl(input, planOptions?.basePath ?? '/') ? [] : [NO_CARD_URL_ADVICE]),
      faint: () => (faint ? [faint] : []),
    };
  },
};
