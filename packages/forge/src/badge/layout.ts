import { advancePerPixel, fontMetrics, normalizeText, textPath, TextError } from './font.ts';
import { BADGE_MAX_WIDTH_LIMIT, type BadgeSpec } from './badge-config.ts';

/** Badge geometry in CSS pixels at @1x; @2x renders the same drawing at twice the pixels. */
export const BADGE_HEIGHT = 20;
export const BADGE_FONT_SIZE = 11;
/** Below this the text stops being legible at @1x, so a longer label is an error instead. */
export const BADGE_FONT_FLOOR = 8;
const EDGE_PADDING = 8;
/** Leading icons sit in the pill's round end, centred on it. */
const ICON_CENTRE = BADGE_HEIGHT / 2;
export const LIVE_DOT_RADIUS = 3;
export const VERIFIED_ICON_RADIUS = 7;
const ICON_GAP = 5;

export type BadgeIcon = { kind: 'dot'; cx: number; cy: number; r: number } | { kind: 'verified'; cx: number; cy: number; r: number };

export interface BadgeLayout {
  width: number;
  height: number;
  label: string;
  fontSize: number;
  /** Outlines of the label, already positioned. */
  textPath: string;
  textX: number;
  textWidth: number;
  icon: BadgeIcon | undefined;
}

function iconFor(spec: BadgeSpec): BadgeIcon | undefined {
  if (spec.kind === 'live') return { kind: 'dot', cx: ICON_CENTRE, cy: ICON_CENTRE, r: LIVE_DOT_RADIUS };
  if (spec.kind === 'verified') return { kind: 'verified', cx: ICON_CENTRE, cy: ICON_CENTRE, r: VERIFIED_ICON_RADIUS };
  return undefined;
}

/**
 * Fits the label: the badge first grows up to `maxWidth`, then the font shrinks down to
 * {@link BADGE_FONT_FLOOR}; past that the label is refused with the width it would need, because a
 * clipped badge would say something the creator did not write.
 */
export function layoutBadge(spec: BadgeSpec): BadgeLayout {
  const label = normalizeText(spec.label, spec.field);
  const icon = iconFor(spec);
  const textX = icon ? icon.cx + icon.r + ICON_GAP : EDGE_PADDING;
  const advance = advancePerPixel(label);
  const room = spec.maxWidth - textX - EDGE_PADDING;
  let fontSize = BADGE_FONT_SIZE;
  if (advance * fontSize > room) {
    // Quarter-pixel steps keep the chosen size (and so the bytes) stable across float noise.
    fontSize = Math.floor((room / advance) * 4) / 4;
    if (fontSize < BADGE_FONT_FLOOR) {
      const needed = Math.ceil(textX + advance * BADGE_FONT_FLOOR + EDGE_PADDING);
      // Raising maxWidth helps only up to its limit: past it, or already at it, only shorter words fit.
      const advice =
        needed <= BADGE_MAX_WIDTH_LIMIT
          ? `Shorten the text or raise maxWidth to ${needed} (at most ${BADGE_MAX_WIDTH_LIMIT}).`
          : `Shorten the text: no badge is wider than ${BADGE_MAX_WIDTH_LIMIT} px.`;
      throw new TextError(
        'text-too-long',
        `${spec.field} ${JSON.stringify(label)} needs a badge ${needed} px wide even at the smallest legible size ` +
          `(${BADGE_FONT_FLOOR} px), but this badge may be at most ${spec.maxWidth} px wide. ${advice}`,
      );
    }
  }
  const textWidth = advance * fontSize;
  const width = Math.max(BADGE_HEIGHT, Math.ceil(textX + textWidth + EDGE_PADDING));
  // Centre the capitals, not the em box: badge labels are mostly capitals and digits.
  const baseline = BADGE_HEIGHT / 2 + (fontMetrics().capHeight * fontSize) / 2;
  return {
    width,
    height: BADGE_HEIGHT,
    label,
    fontSize,
    textPath: textPath(label, textX, baseline, fontSize),
    textX,
    textWidth,
    icon,
  };
}
