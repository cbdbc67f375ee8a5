import { rgbOf } from './colors.ts';
import { blankRefusal } from '../errors.ts';
import { readIndexedPng } from '../favicon/stage.ts';
import type { ForgeInput, ForgeStage, HexColor, Palette, PlannedAsset, RenderContext, SanitizedSvg } from '../plan/types.ts';
import { initialsOf, MONOGRAM_SIZE, monogramSvg } from '../mark-set/mark-set.ts';
import { composeIcon } from '../svg/compose.ts';
import { parseBadges, type BadgeSpec } from './badge-config.ts';
import { animatedBadgeSvg, badgeColors, badgeFrameSvg, type BadgeArt } from './badge-svg.ts';
import { encodeGif, encodePng, encodeWebp, type FrameStrip } from './encode.ts';
import { layoutBadge } from './layout.ts';
import { BADGE_LOOP, framePhase } from './motion.ts';

export const BADGE_SCALES = [1, 2] as const;
export type BadgeScheme = 'light' | 'dark';

/** The creator's glyph rendered for the verified badge: 4× its 14 px circle, so @2x stays sharp. */
const GLYPH_PIXELS = 56;

/**
 * The creator's glyph as pixels. It is embedded as a PNG, never as SVG markup: a creator's `<style>`
 * would otherwise restyle the badge around it, and the glyph is drawn by the isolated renderer.
 */
export async function renderGlyphPng(glyph: SanitizedSvg, palette: Palette, context: RenderContext): Promise<Uint8Array> {
  // On its own background tile: a glyph in the brand colour would vanish on a brand-coloured badge.
  const svg = composeIcon(glyph, { size: GLYPH_PIXELS, inset: 0.18, background: palette.background, defaultFill: palette.brand, pixelSized: true });
  return context.rasterize({ svg, width: GLYPH_PIXELS, height: GLYPH_PIXELS, output: 'png' });
}

/**
 * How a glyph tile PNG shows nothing of the glyph, or undefined when it may show something. Read
 * from an indexed PNG of forge's renderer (readIndexedPng: only the colours used) with one palette
 * entry: `background`, opaque (the bare tile: an opaque square filling the canvas), or transparent
 * (the glyph's own sheet unpainted the tile too, `rect{fill:none}`). Any other PNG counts as drawn,
 * one of another single colour included (a sheet that paints the tile green shows the creator's
 * colour at least).
 */
function blankTile(png: Uint8Array, background: HexColor): string | undefined {
  const indexed = readIndexedPng(png);
  if (!indexed || indexed.palette.length !== 3) return undefined;
  if (indexed.alpha.length > 0) {
    return indexed.alpha.length === 1 && indexed.alpha[0] === 0 ? 'every pixel came out transparent, the tile included' : undefined;
  }
  return rgbOf(background).every((value, channel) => indexed.palette[channel] === value) ? `every pixel came out the tile's colour, colors.background (${background})` : undefined;
}

/** The creator's file behind the verified badge's glyph, named in a refusal. */
interface GlyphSource {
  field: 'mark' | 'glyph' | 'monogram';
  file: string;
}

/**
 * What the verified badge shows as "the creator": the glyph when the config names one; otherwise a
 * wide mark would be a smudge in a 14 px circle, so the monogram (supplied, or initials) stands in.
 * `source` names the creator's file drawn, absent for the initials forge draws itself.
 */
export function verifiedGlyph(input: ForgeInput): { svg: SanitizedSvg; tile: boolean; source?: GlyphSource } {
  const { config } = input;
  if (config.glyph !== undefined) return { svg: input.glyph, tile: true, source: { field: 'glyph', file: config.glyph } };
  if (input.monogram && config.monogram !== undefined) return { svg: input.monogram, tile: true, source: { field: 'monogram', file: config.monogram } };
  const initials = initialsOf(config.name);
  if (!initials) return { svg: input.glyph, tile: true, source: { field: 'mark', file: config.mark } };
  // The monogram's tile is the brand colour, which is also the badge's: on it the tile vanished and
  // left small loose initials. Drawn on the background colour it stands out as a glyph's tile does.
  const { background } = config.colors;
  const drawn = monogramSvg(initials, { brand: background, background });
  return { svg: { svg: drawn, viewBox: [0, 0, MONOGRAM_SIZE, MONOGRAM_SIZE], hasText: false }, tile: false };
}

async function renderVerifiedGlyph(input: ForgeInput, context: RenderContext, faviconJudges: boolean): Promise<Uint8Array> {
  const { svg, tile, source } = verifiedGlyph(input);
  if (tile) {
    const png = await renderGlyphPng(svg, input.config.colors, context);
    // The image the badge embeds anyway: when it is the bare tile, every verified badge would show
    // an empty tile. The favicon stage judges a glyph or mark on images of it alone (transparent
    // canvas, up to 512 px), so this judges them only without that stage; a monogram, which only
    // this stage draws, always.
    if (source && (source.field === 'monogram' || !faviconJudges)) {
      const blank = blankTile(png, input.config.colors.background);
      if (blank) throw blankRefusal(source.field, source.file, `${GLYPH_PIXELS}x${GLYPH_PIXELS} tile on the verified badge`, blank);
    }
    return png;
  }
  // Forge's own monogram already is a tile with initials in an ink that reads on it.
  const composed = composeIcon(svg, { size: GLYPH_PIXELS, inset: 0, defaultFill: input.config.colors.brand, pixelSized: true });
  return context.rasterize({ svg: composed, width: GLYPH_PIXELS, height: GLYPH_PIXELS, output: 'png' });
}

/** Every frame of one badge at one scale and scheme, rendered in one batch. */
export async function renderBadgeFrames(art: BadgeArt, scheme: BadgeScheme, scale: number, context: RenderContext): Promise<FrameStrip> {
  const width = art.layout.width * scale;
  const height = art.layout.height * scale;
  const drawings = Array.from({ length: BADGE_LOOP.frameCount }, (_, index) => badgeFrameSvg(art, scheme, framePhase(index), scale));
  // Resting stretches of the loop repeat one drawing; render each distinct drawing once.
  const distinct = [...new Set(drawings)];
  const pixels = await context.rasterizeAll(distinct.map((svg) => ({ svg, width, height, output: 'rgba' as const })));
  const bySvg = new Map(distinct.map((svg, index) => [svg, pixels[index]!]));
  return { width, height, frames: drawings.map((svg) => bySvg.get(svg)!) };
}

function suffix(scheme: BadgeScheme, scale: number): string {
  return `${scheme === 'dark' ? '-dark' : ''}${scale === 1 ? '' : `@${scale}x`}`;
}

/** A render-once cache: the GIF, WebP and PNG of one scale share their frames. */
function once<T>(make: (context: RenderContext) => Promise<T>): (context: RenderContext) => Promise<T> {
  let made: Promise<T> | undefined;
  return (context) => (made ??= make(context));
}

/**
 * Plans every file of one badge. Pure: nothing is drawn until a render function runs.
 * `faviconJudges`: the favicon stage runs too and judges whether the glyph or mark shows.
 */
export function planBadge(spec: BadgeSpec, input: ForgeInput, faviconJudges = false): PlannedAsset[] {
  const layout = layoutBadge(spec);
  const { colors } = input.config;
  const glyph =
    spec.kind === 'verified' ? once((context: RenderContext) => renderVerifiedGlyph(input, context, faviconJudges)) : undefined;
  const art = async (context: RenderContext): Promise<BadgeArt> => ({
    spec,
    layout,
    light: badgeColors(spec.kind, colors),
    ...(colors.dark ? { dark: badgeColors(spec.kind, colors.dark) } : {}),
    ...(glyph ? { glyphPng: await glyph(context) } : {}),
  });
  const base = `badges/${spec.id}`;
  const assets: PlannedAsset[] = [
    {
      name: `${base}.svg`,
      format: 'svg',
      purpose: 'badge',
      width: layout.width,
      height: layout.height,
      render: async (context) => new TextEncoder().encode(animatedBadgeSvg(await art(context))),
    },
  ];
  const schemes: BadgeScheme[] = colors.dark ? ['light', 'dark'] : ['light'];
  for (const scheme of schemes) {
    for (const scale of BADGE_SCALES) {
      const frames = once(async (context) => renderBadgeFrames(await art(context), scheme, scale, context));
      const withFrames =
        (encode: (strip: FrameStrip) => Promise<Uint8Array>) =>
        async (context: RenderContext): Promise<Uint8Array> =>
          encode(await frames(context));
      const size = { width: layout.width * scale, height: layout.height * scale };
      const name = `${base}${suffix(scheme, scale)}`;
      assets.push(
        { name: `${name}.png`, format: 'png', purpose: 'badge', ...size, render: withFrames((strip) => encodePng(strip.width, strip.height, strip.frames[0]!)) },
        { name: `${name}.gif`, format: 'gif', purpose: 'badge', ...size, render: withFrames(encodeGif) },
        { name: `${name}.webp`, format: 'webp', purpose: 'badge', ...size, render: withFrames(encodeWebp) },
      );
    }
  }
  return assets;
}

/**
 * Badges from `config.badges`: per badge an animated SVG, and per colour scheme and scale a resting
 * PNG, an animated GIF and an animated WebP, all under `badges/`.
 */
export const badgeStage: ForgeStage = {
  name: 'badges',
  plan(input, options) {
    const faviconJudges = options?.stages?.includes('favicon') ?? false;
    return { assets: parseBadges(input.config.badges).flatMap((spec) => planBadge(spec, input, faviconJudges)) };
  },
};
