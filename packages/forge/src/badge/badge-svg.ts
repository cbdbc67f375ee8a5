import { createHash } from 'node:crypto';
import type { HexColor, Palette } from '../plan/types.ts';
import type { BadgeKind, BadgeSpec } from './badge-config.ts';
import { smallInkOn, smallTextOn } from './colors.ts';
import type { BadgeLayout } from './layout.ts';
import { BADGE_LOOP, cssKeyframes, MOTION_KEYFRAMES, round, sampleKeyframes } from './motion.ts';

/** The colours one badge is drawn in, for one colour scheme. */
export interface BadgeColors {
  fill: HexColor;
  ink: HexColor;
  /** Outline, for badges drawn on the page background (sold out). */
  outline?: HexColor;
}

/**
 * Live, drop and the rest stand in the brand colour; sold out steps back onto the background. The
 * label is small text (11 px), held to 4.5:1: sold out took the brand colour for its words at 3:1,
 * the large-text bar, so "#ff3366" on "#fff7f9" (3.4:1) was written in it.
 */
export function badgeColors(kind: BadgeKind, palette: Palette): BadgeColors {
  if (kind === 'sold-out') {
    return { fill: palette.background, ink: smallTextOn(palette.brand, palette.background), outline: palette.brand };
  }
  return { fill: palette.brand, ink: smallInkOn(palette.brand) };
}

export interface BadgeArt {
  spec: BadgeSpec;
  layout: BadgeLayout;
  light: BadgeColors;
  /** Present when the creator has a dark palette. */
  dark?: BadgeColors;
  /** The creator's glyph as a PNG, for the verified badge. */
  glyphPng?: Uint8Array;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => `&#${character.charCodeAt(0)};`);
}

const SHINE_BAND = 14;
const SHINE_SLANT = 10;

/** Where the shine band stands at `progress` (0: waiting left of the badge, 1: gone past its right edge). */
export function shineOffset(layout: BadgeLayout, progress: number): number {
  return round(-(SHINE_SLANT + SHINE_BAND) + progress * (layout.width + SHINE_SLANT + SHINE_BAND));
}

/** Per-scheme colours as CSS classes, so one SVG can follow `prefers-color-scheme`. */
function colorRules(colors: BadgeColors, scope: string): string {
  return (
    `.${scope}-fill{fill:${colors.fill}}.${scope}-ink{fill:${colors.ink}}.${scope}-cut{stroke:${colors.fill}}` +
    (colors.outline ? `.${scope}-outline{stroke:${colors.outline}}` : '')
  );
}

interface Drawing {
  colors: BadgeColors;
  /** Animated: CSS keyframes; a number: the phase this frame freezes. */
  phase: 'animated' | number;
}

function body(art: BadgeArt, drawing: Drawing, scope: string): string {
  const { layout, spec } = art;
  const { colors, phase } = drawing;
  const { width, height } = layout;
  const prefix = scope;
  const radius = height / 2;
  const resting = phase === 'animated' ? 0 : phase;
  const parts: string[] = [];
  const defs: string[] = [`<clipPath id="${prefix}-pill"><rect width="${width}" height="${height}" rx="${radius}"/></clipPath>`];

  parts.push(
    colors.outline
      ? `<rect class="${scope}-fill ${scope}-outline" x=".5" y=".5" width="${width - 1}" height="${height - 1}" rx="${radius - 0.5}" fill="${colors.fill}" stroke="${colors.outline}"/>`
      : `<rect class="${scope}-fill" width="${width}" height="${height}" rx="${radius}" fill="${colors.fill}"/>`,
  );

  const icon = layout.icon;
  if (icon?.kind === 'dot') {
    const pulse = sampleKeyframes(MOTION_KEYFRAMES.pulse, resting);
    const ring =
      phase === 'animated'
        ? `<circle class="${scope}-ink ${scope}-ring" cx="${icon.cx}" cy="${icon.cy}" r="${icon.r}" fill="${colors.ink}" opacity="${round(pulse['opacity']!)}"/>`
        : `<circle class="${scope}-ink" cx="${icon.cx}" cy="${icon.cy}" r="${round(icon.r * pulse['scale']!)}" fill="${colors.ink}" opacity="${round(pulse['opacity']!)}"/>`;
    parts.push(`<g clip-path="url(#${prefix}-pill)">${ring}</g>`);
    parts.push(`<circle class="${scope}-ink" cx="${icon.cx}" cy="${icon.cy}" r="${icon.r}" fill="${colors.ink}"/>`);
  } else if (icon?.kind === 'verified') {
    if (art.glyphPng) {
      defs.push(`<clipPath id="${prefix}-glyph"><circle cx="${icon.cx}" cy="${icon.cy}" r="${icon.r}"/></clipPath>`);
      const href = `data:image/png;base64,${Buffer.from(art.glyphPng).toString('base64')}`;
      const size = icon.r * 2;
      parts.push(
        `<image clip-path="url(#${prefix}-glyph)" x="${icon.cx - icon.r}" y="${icon.cy - icon.r}" width="${size}" height="${size}" href="${href}"/>`,
      );
      // A small check disc on the glyph's lower right, cut out of the glyph by a ring of badge colour.
      parts.push(`<circle class="${scope}-ink ${scope}-cut" cx="15.5" cy="14.5" r="4" fill="${colors.ink}" stroke="${colors.fill}"/>`);
      parts.push(
        `<path class="${scope}-cut" d="M13.7 14.6l1.3 1.3 2.3-2.5" fill="none" stroke="${colors.fill}" stroke-width="1.2" stroke-linecap="round" stroke-linejoin="round"/>`,
      );
    } else {
      parts.push(`<circle class="${scope}-ink" cx="${icon.cx}" cy="${icon.cy}" r="${icon.r}" fill="${colors.ink}"/>`);
      parts.push(
        `<path class="${scope}-cut" d="M6.8 10.2l2.2 2.2 4.2-4.6" fill="none" stroke="${colors.fill}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>`,
      );
    }
  }

  parts.push(`<path class="${scope}-ink" d="${layout.textPath}" fill="${colors.ink}"/>`);

  if (spec.motion === 'shine') {
    const progress = sampleKeyframes(MOTION_KEYFRAMES.shine, resting)['progress']!;
    const strength = spec.kind === 'verified' ? 0.4 : 0.28;
    const band = `M0 ${height}L${SHINE_SLANT} 0h${SHINE_BAND}L${SHINE_BAND} ${height}z`;
    parts.push(
      `<g clip-path="url(#${prefix}-pill)"><path class="${scope}-shine" d="${band}" fill="#ffffff" opacity="${strength}" transform="translate(${shineOffset(layout, progress)} 0)"/></g>`,
    );
  }
  return `<defs>${defs.join('')}</defs>${parts.join('')}`;
}

function open(art: BadgeArt, scale: number): string {
  const { width, height, label } = art.layout;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * scale}" height="${height * scale}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-label="${escapeXml(label)}"><title>${escapeXml(label)}</title>`
  );
}

/**
 * The prefix of every class, id and keyframe name in one badge: `dk-` and a hash of the badge as
 * drawn. Badges inlined into one page share its style sheet, so with one fixed prefix (`.dk-shine`,
 * `@keyframes dk-live-pulse`) the last badge's rules restyled the others: its dark colours, its
 * shine's travel for its own width. The same badge always gets the same prefix (deterministic
 * output), and two copies of one badge share rules that are the same anyway.
 */
export function badgeScope(art: BadgeArt): string {
  return `dk-${createHash('sha256').update(animated(art, 'dk')).digest('hex').slice(0, 8)}`;
}

function animated(art: BadgeArt, scope: string): string {
  const { spec, layout } = art;
  const name = `${scope}-${spec.motion}`;
  const duration = `${BADGE_LOOP.durationMs / 1000}s`;
  let motion: string;
  if (spec.motion === 'pulse' && layout.icon) {
    motion =
      cssKeyframes(name, MOTION_KEYFRAMES.pulse, (v) => `transform:scale(${round(v['scale']!)});opacity:${round(v['opacity']!)}`) +
      `.${scope}-ring{transform-origin:${layout.icon.cx}px ${layout.icon.cy}px;transform-box:view-box;animation:${name} ${duration} linear ${BADGE_LOOP.plays}}`;
  } else {
    motion =
      cssKeyframes(name, MOTION_KEYFRAMES.shine, (v) => `transform:translate(${shineOffset(layout, v['progress']!)}px,0)`) +
      `.${scope}-shine{animation:${name} ${duration} linear ${BADGE_LOOP.plays}}`;
  }
  const reduced = `@media (prefers-reduced-motion:reduce){.${scope}-ring,.${scope}-shine{animation:none}}`;
  const dark = art.dark ? `@media (prefers-color-scheme:dark){${colorRules(art.dark, scope)}}` : '';
  return `${open(art, 1)}<style>${motion}${reduced}${dark}</style>${body(art, { colors: art.light, phase: 'animated' }, scope)}</svg>`;
}

/**
 * The badge as an animated SVG: CSS keyframes only (no script, so it also animates inside `<img>`),
 * paused on its resting frame under `prefers-reduced-motion`, recoloured under
 * `prefers-color-scheme: dark` when the creator has a dark palette. Every name in it is scoped
 * (badgeScope), so several badges can be inlined into one page.
 */
export function animatedBadgeSvg(art: BadgeArt): string {
  return animated(art, badgeScope(art));
}

/** One still frame of the loop, for the rasterizer: no CSS, every animated value written out. */
export function badgeFrameSvg(art: BadgeArt, scheme: 'light' | 'dark', phase: number, scale: number): string {
  const colors = scheme === 'dark' && art.dark ? art.dark : art.light;
  // Drawn alone, never inlined beside another badge: the ids need no scope of their own.
  return `${open(art, scale)}${body(art, { colors, phase }, `dk-${art.spec.id}`)}</svg>`;
}
