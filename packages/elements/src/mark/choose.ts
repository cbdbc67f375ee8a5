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
 * below the boundary because the element's own width never exceeds its richest variant's.)
 */
export const HYSTERESIS = 0.08;
export const HYSTERESIS_MIN_PX = 4;

export interface MarkChoiceInput {
  /** Available variants, each with its width ÷ height. */
  aspects: Partial<Record<MarkVariant, number>>;
  /** The element's content box. */
  width: number;
  height: number;
  /** What is shown now, if anything. */
  current: MarkVariant | null;
}

/**
 * The richest available variant whose width at the element's height fits its width; the shown
 * variant is kept within the hysteresis band (scaled down a little by CSS). With nothing fitting,
 * the plainest variant is shown (scaled down) rather than nothing.
 */
export function chooseVariant({ aspects, width, height, current }: MarkChoiceInput): MarkVariant | null {
  const available = MARK_VARIANTS.filter((variant) => (aspects[variant] ?? 0) > 0);
  if (available.length === 0) return null;
  if (!(width > 0) || !(height > 0)) return current && available.includes(current) ? current : available[0]!;
  for (const variant of available) {
    const needed = aspects[variant]! * height;
    const slack = variant === current ? Math.max(needed * HYSTERESIS, HYSTERESIS_MIN_PX) : 0;
    if (needed - slack <= width + 0.5) return variant;
  }
  return available[available.length - 1]!;
}
