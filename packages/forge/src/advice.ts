import type { ForgeInput } from './plan/types.ts';
import { OUTLINE_TEXT, substitutedTypefaces } from './svg/sanitize.ts';

/** Wider than this, a mark shrunk into a 16 px square is a thin smudge. */
const WIDE_MARK_RATIO = 2;

/**
 * What a creator should know about a set forge will make from this input although nothing stops
 * it: one sentence each, for a shell to show beside the creator's config (the CLI on stderr, the
 * Vite plugin as a warning, a marketplace in its upload form). Empty when there is nothing to say.
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
          'crop the page to the drawing before you save (Inkscape: Edit → Resize Page to Selection; Illustrator: Object → Artboards → Fit to Artwork Bounds)',
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
