import { rgbOf } from './colors.ts';
import { blankRefusal, type SvgRejectedError } from '../errors.ts';
import { askedPictures, drawsNothing, faintIn, picturesVerdict, readIndexedPng } from '../favicon/stage.ts';
import type { FaintPicture, ForgeInput, ForgeStage, HexColor, JudgedPicture, MeasuredImage, Palette, PlannedAsset, RasterJob, RenderContext, SanitizedSvg } from '../plan/types.ts';
import { initialsOf, MONOGRAM_SIZE, monogramSvg } from '../mark-set/mark-set.ts';
import { composeIcon } from '../svg/compose.ts';
import { assertDarkNamesFree, badgeSpecs, type BadgeSpec } from './badge-config.ts';
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
export async function renderGlyphPng(glyph: SanitizedSvg, palette: Palette, context: RenderContext, onTile = true): Promise<Uint8Array> {
  return (await renderGlyphTile(glyph, palette, context, onTile)).bytes;
}

/**
 * renderGlyphPng, and on its tile how well the glyph shows there (`shown`, measured by the renderer
 * while it draws, when it can: rasterizeMeasured with `shownOn`).
 */
async function renderGlyphTile(glyph: SanitizedSvg, palette: Palette, context: RenderContext, onTile: boolean): Promise<MeasuredImage> {
  // On its own background tile: a glyph in the brand colour would vanish on a brand-coloured badge.
  const background = onTile ? palette.background : undefined;
  const svg = composeIcon(glyph, { size: GLYPH_PIXELS, inset: 0.18, background, defaultFill: palette.brand, pixelSized: true });
  const job: RasterJob = { svg, width: GLYPH_PIXELS, height: GLYPH_PIXELS, output: 'png' };
  if (background && context.rasterizeMeasured) return context.rasterizeMeasured({ ...job, shownOn: background });
  return { bytes: await context.rasterize(job) };
}

/**
 * How a glyph tile PNG shows nothing of the glyph, or undefined when it may show something. Read
 * from an indexed PNG of forge's renderer (readIndexedPng: only the colours used) with one palette
 * entry: `background`, opaque (the bare tile: an opaque square filling the canvas), or transparent
 * (the tile hidden with the glyph; a glyph's sheet did that with `rect{clip-path:…}` until the
 * sanitizer applied sheets to the glyph's own shapes only). Any other PNG counts as drawn,
 * one of another single colour included. The bare tile is also what a picture drawn in exactly `background` gives,
 * which draws all the same: the caller tells the two apart.
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

/**
 * The verified badge's picture of the creator: the tile PNG it embeds, and the finding when the
 * picture hardly shows on the tile (advice, not a refusal: it draws).
 */
interface VerifiedGlyph {
  png: Uint8Array;
  faint?: FaintPicture;
}

/**
 * Whether a monogram draws anything, which only this stage draws, so it is judged here in every
 * run: on the tile the badge embeds anyway; only when that is the bare tile (a blank monogram, or
 * one drawn in exactly colors.background) is it drawn again alone on a transparent canvas to tell
 * the two apart, so a white monogram on a white tile is advice, like a glyph, not svg-empty.
 */
async function monogramBlank(input: ForgeInput, svg: SanitizedSvg, png: Uint8Array, context: RenderContext): Promise<string | undefined> {
  const blank = blankTile(png, input.config.colors.background);
  if (!blank || blank.startsWith('every pixel came out transparent')) return blank;
  return drawsNothing(await renderGlyphPng(svg, input.config.colors, context, false)) ? blank : undefined;
}

/** The refusal of a monogram that draws nothing on the tile `png` the verified badge embeds, or undefined. */
async function monogramRefusal(input: ForgeInput, svg: SanitizedSvg, file: string, png: Uint8Array, context: RenderContext): Promise<SvgRejectedError | undefined> {
  const blank = await monogramBlank(input, svg, png, context);
  return blank ? blankRefusal('monogram', file, `${GLYPH_PIXELS}x${GLYPH_PIXELS} tile on the verified badge`, blank) : undefined;
}

/**
 * This stage's verdict on a supplied monogram, for the mark set, which publishes it, in a run
 * without this stage: the refusal a whole run throws when the config has a verified badge that
 * shows the monogram (no glyph), drawn on the same tile; otherwise undefined, as a whole run judges
 * it nowhere else. A badges list this stage would refuse is its to report: not judged here.
 */
export async function monogramVerdict(input: ForgeInput, context: RenderContext): Promise<SvgRejectedError | undefined> {
  if (!hasVerifiedBadge(input)) return undefined;
  const { svg, source } = verifiedGlyph(input);
  if (source?.field !== 'monogram') return undefined;
  const tile = await renderGlyphTile(svg, input.config.colors, context, true);
  return monogramRefusal(input, svg, source.file, tile.bytes, context);
}

/**
 * The picture the verified badge draws of the creator's own files whose verdict is the favicon
 * stage's (the glyph, or the mark for a name without initials), when the config has a verified
 * badge; nothing for a monogram, judged by this stage in every run, or for forge's own initials.
 */
function judgedByBadges(input: ForgeInput): JudgedPicture[] {
  if (!hasVerifiedBadge(input)) return [];
  const field = verifiedGlyph(input).source?.field;
  return field === 'mark' || field === 'glyph' ? [field] : [];
}

/** Whether the config asks for a verified badge; false for a badges list this stage would refuse (its plan reports that). */
function hasVerifiedBadge(input: ForgeInput): boolean {
  try {
    return badgeSpecs(input.config).some((spec) => spec.kind === 'verified');
  } catch {
    return false;
  }
}

async function renderVerifiedGlyph(input: ForgeInput, context: RenderContext, judged: readonly JudgedPicture[] | undefined, asset: string): Promise<VerifiedGlyph> {
  const { svg, tile, source } = verifiedGlyph(input);
  if (tile) {
    // Whether the glyph or mark draws anything is the favicon stage's verdict in every run, asked
    // for here when that stage is not in the run: this tile shows the picture at 36 px on an
    // opaque tile, where a faint hairline vanishes and a white glyph on white is the bare tile.
    const asked = source && source.field !== 'monogram' && judged ? picturesVerdict(input, context, judged) : undefined;
    const [image, refusal] = await Promise.all([renderGlyphTile(svg, input.config.colors, context, true), asked]);
    if (refusal) throw refusal;
    const png = image.bytes;
    if (source?.field === 'monogram') {
      const refusal = await monogramRefusal(input, svg, source.file, png, context);
      if (refusal) throw refusal;
    }
    const faint = source && faintIn(image, source.field, asset);
    return faint ? { png, faint } : { png };
  }
  // Forge's own monogram already is a tile with initials in an ink that reads on it.
  const composed = composeIcon(svg, { size: GLYPH_PIXELS, inset: 0, defaultFill: input.config.colors.brand, pixelSized: true });
  return { png: await context.rasterize({ svg: composed, width: GLYPH_PIXELS, height: GLYPH_PIXELS, output: 'png' }) };
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
 * `judged`: the pictures whose verdict the verified badge asks of the favicon stage (its own and
 * the run's others); undefined when that stage runs too and judges whether the glyph or mark shows.
 * `faint` receives the creator's picture when it hardly shows on the verified badge's tile.
 */
export function planBadge(spec: BadgeSpec, input: ForgeInput, judged?: readonly JudgedPicture[], faint?: (found: FaintPicture) => void): PlannedAsset[] {
  const layout = layoutBadge(spec);
  const { colors } = input.config;
  const base = `badges/${spec.id}`;
  const glyph =
    spec.kind === 'verified'
      ? once(async (context: RenderContext) => {
          const drawn = await renderVerifiedGlyph(input, context, judged, `${base}.*`);
          if (drawn.faint) faint?.(drawn.faint);
          return drawn.png;
        })
      : undefined;
  const art = async (context: RenderContext): Promise<BadgeArt> => ({
    spec,
    layout,
    light: badgeColors(spec.kind, colors),
    ...(colors.dark ? { dark: badgeColors(spec.kind, colors.dark) } : {}),
    ...(glyph ? { glyphPng: await glyph(context) } : {}),
  });
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
      // The -dark GIF is for dark places and the light one, beside it, for light ones: each is
      // matted onto its background. Without a dark palette the one GIF goes everywhere, unmatted.
      const matte = colors.dark ? (scheme === 'dark' ? colors.dark.background : colors.background) : undefined;
      const size = { width: layout.width * scale, height: layout.height * scale };
      const name = `${base}${suffix(scheme, scale)}`;
      assets.push(
        { name: `${name}.png`, format: 'png', purpose: 'badge', ...size, render: withFrames((strip) => encodePng(strip.width, strip.height, strip.frames[0]!)) },
        { name: `${name}.gif`, format: 'gif', purpose: 'badge', ...size, render: withFrames((strip) => encodeGif(strip, matte)) },
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
  judges: judgedByBadges,
  plan(input, options) {
    const judged = options?.stages?.includes('favicon') ? undefined : askedPictures(judgedByBadges(input), options);
    const specs = badgeSpecs(input.config);
    if (input.config.colors.dark) assertDarkNamesFree(specs);
    // By badge, in config order, whichever tile is drawn first.
    const faint = new Map<string, FaintPicture>();
    return {
      assets: specs.flatMap((spec) => planBadge(spec, input, judged, (found) => faint.set(spec.id, found))),
      faint: () => specs.flatMap((spec) => faint.get(spec.id) ?? []),
      advice: () => specs.flatMap((spec) => spec.notes ?? []),
    };
  },
};
