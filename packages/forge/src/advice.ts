import type { FaintPicture, ForgeInput, SanitizedSvg } from './plan/types.ts';
import { OUTLINE_TEXT, substitutedTypefaces } from './svg/sanitize.ts';

/** Wider than this, a mark shrunk into a 16 px square is a thin smudge. */
const WIDE_MARK_RATIO = 2;

/**
 * A drawing that spans less than this share of its canvas both across and down sits in margins of
 * its own, over a fifth of the side on every side. Measured (2026-11-27, on the 96 px icon): all
 * 3,470 simple-icons marks span 0.95-1 of theirs, forge's bench marks 0.93-1, the demo creator's
 * mark 0.89 and glyph 0.91 (48 px); Lucide's icons, padded by design on a 24-unit grid, have a
 * median of 0.93, and 23 of 1,951 fall below 0.6 (a dot, the faintest signal bars, diagonal arrows
 * at 0.5).
 */
export const SMALL_DRAWING_SHARE = 0.6;

const CROP_TO_DRAWING = '(Inkscape: Edit → Resize Page to Selection; Illustrator: Object → Artboards → Fit to Artwork Bounds)';

/**
 * The advice for a drawing that fills little of its canvas, from the share of the canvas's width and
 * height its visible pixels span (measured on an icon forge draws anyway), or undefined when it
 * fills enough in either direction: a thin line across the whole canvas is a full-width drawing.
 * A whole paper page already has its own advice saying the same, so it gets none here.
 */
export function smallDrawingAdvice(field: 'mark' | 'glyph', svg: SanitizedSvg, share: { width: number; height: number }): string | undefined {
  if (svg.paper || Math.max(share.width, share.height) >= SMALL_DRAWING_SHARE) return undefined;
  const percent = (value: number) => `${Math.round(Math.min(1, value) * 100)} %`;
  return (
    `the drawing fills only ${percent(share.width)} of the ${field}'s width and ${percent(share.height)} of its height, and forge fits the whole canvas (the viewBox), ` +
    `not the drawing on it, so the icons show it small in wide margins; unless the space is meant, crop the canvas to the drawing before you save ${CROP_TO_DRAWING}`
  );
}

/**
 * At or above this share of its safe area (the box forge fits the picture into inside the
 * monochrome icon's safe circle) covered, the monochrome icon is one solid silhouette: Android
 * paints it in one theme colour, so a logo on an opaque backdrop (Figma's rounded square, a
 * squircle) shows as an empty tile. Measured (2026-11-28, 512 px monochrome icon): a square with
 * corners rounded by a fifth of its side covers 0.96 of it; the same tile with a letter knocked
 * out 0.82; simple-icons' GitHub, Instagram, Shopify, Etsy, YouTube, Twitch, Spotify and X marks
 * 0.24-0.64; forge's test marks and the demo creator's at most 0.66. A plain disc (0.79) stays
 * below: the line is for a backdrop that fills its box, which is what design tools put behind a
 * logo.
 */
export const SOLID_MONOCHROME_SHARE = 0.9;

/**
 * The advice for a home-screen picture whose monochrome icon is one solid silhouette (see
 * SOLID_MONOCHROME_SHARE), from the share of its safe area the icon's visible pixels cover, or
 * undefined below that. Never knocked out automatically: which colour is the backdrop is the
 * creator's call.
 */
export function solidMonochromeAdvice(field: 'mark' | 'glyph', covered: number, hasGlyph: boolean): string | undefined {
  if (covered < SOLID_MONOCHROME_SHARE) return undefined;
  const fix = hasGlyph
    ? field === 'mark'
      ? 'to draw your glyph there instead, add "homeScreen": "glyph" (and give the glyph no backdrop)'
      : 'remove the backdrop from the glyph, so its drawing is the only thing it paints'
    : 'add "glyph": the logo without its backdrop (transparent around it), and "homeScreen": "glyph"';
  return (
    `the ${field} covers ${Math.round(Math.min(1, covered) * 100)} % of its safe area in the monochrome icon (web-app-manifest-monochrome-512x512.png), ` +
    'which keeps only its shape: an opaque backdrop behind the logo makes it one solid tile, and Android\'s themed icons show an empty tile; ' +
    `${fix}`
  );
}

/**
 * Below this contrast ratio (WCAG's, 1 to 21) against the tile behind it, a picture's most visible
 * colour hardly shows: white on white is 1:1, gold (#ffd700) on white 1.4:1 (its hue still shows,
 * its shape hardly), #ff3366 on #fff7f9 3.4:1. WCAG asks 3:1 of a graphic's parts (1.4.11); this is
 * the line under which the picture as a whole, not a detail of it, goes missing on the tile.
 */
export const FAINT_CONTRAST = 1.5;

const listed = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * One sentence per picture (mark, glyph, monogram) that some image of the run draws on
 * `colors.background` in colours too close to it (below FAINT_CONTRAST), naming the colours and
 * every file where it is so. Such a picture draws pixels, so it is not refused as `svg-empty`
 * (white on a transparent favicon shows on a dark tab); it just vanishes on the opaque tiles. The
 * findings come from the stages' images in plan order; the colour named is the most visible one
 * any of them showed.
 */
export function faintAdvice(input: ForgeInput, findings: readonly FaintPicture[]): string[] {
  const { brand, background } = input.config.colors;
  return (['mark', 'glyph', 'monogram'] as const).flatMap((field) => {
    const own = findings.filter((finding) => finding.field === field);
    if (own.length === 0) return [];
    const best = own.reduce((most, finding) => (finding.ratio > most.ratio ? finding : most));
    const assets = [...new Set(own.map((finding) => finding.asset))];
    const fix =
      best.colour === brand
        ? `that is colors.brand, which forge paints the ${field} in where it sets no colour of its own: choose a colors.brand or a colors.background that differ more`
        : `give the ${field} a colour that stands out from ${background}, or choose another colors.background`;
    return [
      `the ${field} hardly shows on colors.background (${background}) in ${listed(assets)}: its most visible colour there, ${best.colour}, ` +
        `has a contrast of ${best.ratio.toFixed(2)}:1 against it, below the ${FAINT_CONTRAST}:1 under which a shape hardly stands out; ${fix}`,
    ];
  });
}

/**
 * What a creator should know about a set forge will make from this input although nothing stops
 * it: one sentence each, for a shell to show beside the creator's config (the CLI on stderr, the
 * Vite plugin as a warning, a marketplace in its upload form). Empty when there is nothing to say.
 * Read from the input alone, before anything is drawn; `forge()` returns these in its `advice`
 * followed by what only the drawn images show (smallDrawingAdvice).
 */
export function adviceFor(input: ForgeInput): string[] {
  const advice: string[] = [];
  const [, , width, height] = input.mark.viewBox;
  const ratio = width / height;
  if (ratio > WIDE_MARK_RATIO) {
    if (input.config.glyph === undefined) {
      advice.push(
        `the mark is ${ratio.toFixed(1)}:1 and the config names no glyph, so the 16-48 px favicons ` +
          'shrink the whole mark into the square; add "glyph": a square SVG drawn for small sizes (your symbol or initials)',
      );
    } else if (input.config.homeScreen !== 'glyph') {
      // The glyph is there, but the big square tiles still show the wide mark as a thin strip.
      advice.push(
        `the mark is ${ratio.toFixed(1)}:1, so the home-screen icons (apple-touch-icon, the manifest's 192, 512, maskable and monochrome) ` +
          'show the whole mark as a thin strip in a square tile; to draw your glyph there instead, add "homeScreen": "glyph"',
      );
    }
  }
  for (const [field, svg] of [['mark', input.mark], ['glyph', input.config.glyph === undefined ? undefined : input.glyph]] as const) {
    if (svg?.paper) {
      advice.push(
        `the ${field} is a whole ${svg.paper} page, and forge fits the page, not the drawing on it, so the icons show it small in wide margins; ` +
          `crop the page to the drawing before you save ${CROP_TO_DRAWING}`,
      );
    }
  }
  const withOwnDarkStyles = (['mark', 'glyph'] as const).filter((field) => (field === 'mark' || input.config.glyph !== undefined) && input[field]?.ownDarkStyles);
  if (withOwnDarkStyles.length > 0) {
    advice.push(
      `the ${withOwnDarkStyles.join(' and the ')}'s own dark-mode styles (@media (prefers-color-scheme: dark)) are left out: forge makes the dark versions from colors.dark` +
        (input.config.colors.dark ? '' : ', which this config does not set, so there are none; to have them, add "dark": {"brand": …, "background": …} to "colors"'),
    );
  }
  const typefaces = new Set([input.mark, input.glyph, input.monogram].flatMap((svg) => (svg?.hasText ? substitutedTypefaces(svg.svg) : [])));
  if (typefaces.size > 0) {
    advice.push(
      `text set in ${[...typefaces].join(', ')} is drawn in DejaVu Sans, forge's one font (it never uses this machine's fonts, ` +
        `so every machine makes the same icons); to keep your letters, convert the text to outlines ${OUTLINE_TEXT}`,
    );
  }
  return advice;
}
