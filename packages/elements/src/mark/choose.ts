/**
 * Which variant of a creator's mark to show in a given width. Pure, so the hysteresis can be tested
 * in Node without layout.
 */
export const MARK_VARIANTS = ['wordmark', 'monogram', 'glyph'] as const;
export type MarkVariant = (typeof MARK_VARIANTS)[number];

export function isMarkVariant(value: unknown): value is MarkVariant {
  return typeof value === 'string' && (MARK_VARIANTS as readonly string[]).includes(value);
}

/** Until an image tells us its real shape, these keep the reserved box close to the usual marks. */
export const GUESSED_ASPECT: Record<MarkVariant, number> = { wordmark: 4, monogram: 1, glyph: 1 };

/**
 * The variant already shown keeps its place until the width falls this fraction (or at least
 * `HYSTERESIS_MIN_PX`) below what it needs, while a richer variant must fit fully before it
 * replaces it, so a width hovering at a boundary never flickers between the two. (The band sits
 * below the boundary because the room measured never exceeds the richest variant's width.) A first
 * choice gets no band: there is nothing shown yet to keep steady, and the box takes the chosen
 * variant's width, so a variant that does not fit leaves no gap. The same band guards the glyph's
 * height boundary.
 */
export const HYSTERESIS = 0.08;
export const HYSTERESIS_MIN_PX = 4;

/**
 * Below this CSS height the glyph goes before the monogram. A monogram is letters: forge draws the
 * initials at most 26/64 of its tile tall, 13 px at 32 px (the capitals of 18 px text); at 24 px
 * they are under 10 px, small print, and two letters start to blur into one shape. The glyph is
 * the drawing made for those sizes (forge: "a square SVG for tiny sizes").
 */
export const GLYPH_BELOW = 32;

export interface MarkChoiceInput {
  /** Available variants, each with its width ÷ height. */
  aspects: Partial<Record<MarkVariant, number>>;
  /** The room the element is given (its content box with the richest variant's width asked for). */
  width: number;
  height: number;
  /** What is shown now, if anything. */
  current: MarkVariant | null;
}

/**
 * The richest available variant whose width at the element's height fits its width; the shown
 * variant is kept within the hysteresis band (scaled down a little by CSS). Below `GLYPH_BELOW` the
 * glyph ranks above the monogram. With nothing fitting, the plainest variant for the size is shown
 * (scaled down) rather than nothing.
 */
export function chooseVariant({ aspects, width, height, current }: MarkChoiceInput): MarkVariant | null {
  const available = MARK_VARIANTS.filter((variant) => (aspects[variant] ?? 0) > 0);
  if (available.length === 0) return null;
  if (!(width > 0) || !(height > 0)) return current && available.includes(current) ? current : available[0]!;
  // A shown monogram holds on until the height falls 8 % below the boundary; a glyph gives way at it.
  const small = aspects.glyph && height < GLYPH_BELOW * (current === 'monogram' ? 1 - HYSTERESIS : 1);
  const ranked: MarkVariant[] = small ? available.filter((variant) => variant !== 'monogram') : available;
  if (small && aspects.monogram) ranked.push('monogram');
  for (const variant of ranked) {
    const needed = aspects[variant]! * height;
    const slack = variant === current ? Math.max(needed * HYSTERESIS, HYSTERESIS_MIN_PX) : 0;
    if (needed - slack <= width + 0.5) return variant;
  }
  return small ? 'glyph' : available[available.length - 1]!;
}
