import { inkOn } from '../badge/colors.ts';
import { missingGlyphs, textBounds, textPath } from '../badge/font.ts';
import { escapeXml } from '../badge/badge-svg.ts';
import { darkRewrite } from '../svg/dark.ts';
import { defaultPaint } from '../svg/compose.ts';
import { picturesVerdict } from '../favicon/stage.ts';
import type { SvgRejectedError } from '../errors.ts';
import type { DarkPalette, ForgeInput, ForgeStage, HexColor, Palette, PlannedAsset, RenderContext, SanitizedSvg } from '../plan/types.ts';

/** The monogram's tile, in SVG user units (it scales: the element sizes it by CSS). */
export const MONOGRAM_SIZE = 64;
const MONOGRAM_RADIUS = 14;
/** Initials fill at most this box, so one wide "W" and a two-letter "MM" both keep a margin. */
const MONOGRAM_INK_BOX = { width: 40, height: 26 } as const;

/**
 * Initials from the creator's name (used unless the config supplies a `monogram` SVG): first letter of the first and of the last word ("Nova Studio"
 * → "NS", "Nova" → "N"). Undefined when the bundled font cannot draw them, so the set falls back to
 * the glyph rather than draw empty boxes.
 */
export function initialsOf(name: string): string | undefined {
  // "É" typed as E + U+0301 is one letter; without NFC the initial would lose its accent.
  const words = name
    .normalize('NFC')
    .split(/[\s\-_.·]+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter((word) => word !== '');
  if (words.length === 0) return undefined;
  const letters = [words[0]!, ...(words.length > 1 ? [words.at(-1)!] : [])].map((word) => [...word][0]!.toLocaleUpperCase('en-US'));
  const initials = letters.join('');
  return missingGlyphs(initials).length === 0 ? initials : undefined;
}

/** The monogram tile: initials as outlines on the brand colour, so it needs no font where it is shown. */
export function monogramSvg(initials: string, palette: Palette): string {
  const probe = textBounds(initials, 100);
  const scale = Math.min(MONOGRAM_INK_BOX.width / (probe.x2 - probe.x1), MONOGRAM_INK_BOX.height / (probe.y2 - probe.y1));
  const size = Math.round(100 * scale * 100) / 100;
  const box = textBounds(initials, size);
  // Centre the ink, not the advance box: side bearings differ per letter.
  const x = Math.round((MONOGRAM_SIZE / 2 - (box.x1 + box.x2) / 2) * 100) / 100;
  const baseline = Math.round((MONOGRAM_SIZE / 2 - (box.y1 + box.y2) / 2) * 100) / 100;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MONOGRAM_SIZE} ${MONOGRAM_SIZE}" role="img" aria-label="${escapeXml(initials)}">` +
    `<rect width="${MONOGRAM_SIZE}" height="${MONOGRAM_SIZE}" rx="${MONOGRAM_RADIUS}" fill="${palette.brand}"/>` +
    `<path d="${textPath(initials, x, baseline, size)}" fill="${inkOn(palette.brand)}"/></svg>`
  );
}

/**
 * Where the root tag's attributes end: at its `>`, or at its `/>` when the mark has no content (the
 * sanitizer serializes an empty element as one self-closing tag). The sanitizer escapes `>` in
 * attribute values, so the first one ends the root tag.
 */
function rootAttributesEnd(svg: string): number {
  const end = svg.indexOf('>');
  return svg[end - 1] === '/' ? end - 1 : end;
}

/**
 * A creator's SVG for dark pages, recoloured by the same rule favicon.svg follows under
 * prefers-color-scheme (svg/dark.ts): the palette swaps to the dark one and colours that would not
 * read on the dark background lift. The file is dark already, so its colours are rewritten where
 * they stand rather than overridden by rules, and a mark's own rules keep their rank (favicon.svg's
 * override rules, ranked below them by `:where()`, would be ignored by resvg, which draws these).
 * A mark that leaves its fill unset draws in the dark brand colour instead of black, which would
 * vanish on a dark page.
 */
export function darkVariant(mark: SanitizedSvg, light: Palette, dark: DarkPalette): string {
  const svg = darkRewrite(mark.svg, light, dark, mark.darkPicks);
  const attributesEnd = rootAttributesEnd(svg);
  return `${svg.slice(0, attributesEnd)}${defaultPaint(mark, dark.brand)}${svg.slice(attributesEnd)}`;
}

/**
 * The creator's SVG for light pages. A mark that leaves its fill unset (every simple-icons mark, many
 * exports) would draw black; it draws in the brand colour instead, as in favicon.svg and the icons.
 */
export function lightVariant(mark: SanitizedSvg, brand: HexColor): string {
  const paint = defaultPaint(mark, brand);
  if (paint === '') return mark.svg;
  const attributesEnd = rootAttributesEnd(mark.svg);
  return `${mark.svg.slice(0, attributesEnd)}${paint}${mark.svg.slice(attributesEnd)}`;
}

/** A `mark.json` entry: the URL (relative to mark.json) and the drawing's own proportions. */
interface MarkEntry {
  url: string;
  width: number;
  height: number;
}

export interface MarkJson {
  name: string;
  wordmark: MarkEntry;
  monogram?: MarkEntry;
  glyph: MarkEntry;
  dark?: Partial<Record<'wordmark' | 'monogram' | 'glyph', string>>;
}

interface Variant {
  name: 'wordmark' | 'monogram' | 'glyph';
  file: string;
  width: number;
  height: number;
  light: () => string;
  dark?: () => string;
}

function variants(input: ForgeInput): Variant[] {
  const { colors, name, glyph: glyphPath } = input.config;
  const darkPalette = colors.dark;
  const sized = (svg: SanitizedSvg) => ({ width: svg.viewBox[2], height: svg.viewBox[3] });
  const list: Variant[] = [
    {
      name: 'wordmark',
      file: 'wordmark.svg',
      ...sized(input.mark),
      light: () => lightVariant(input.mark, colors.brand),
      ...(darkPalette ? { dark: () => darkVariant(input.mark, colors, darkPalette) } : {}),
    },
  ];
  const initials = initialsOf(name);
  const supplied = input.monogram;
  if (supplied) {
    list.push({
      name: 'monogram',
      file: 'monogram.svg',
      ...sized(supplied),
      light: () => lightVariant(supplied, colors.brand),
      ...(darkPalette ? { dark: () => darkVariant(supplied, colors, darkPalette) } : {}),
    });
  } else if (initials) {
    list.push({
      name: 'monogram',
      file: 'monogram.svg',
      width: MONOGRAM_SIZE,
      height: MONOGRAM_SIZE,
      light: () => monogramSvg(initials, colors),
      ...(darkPalette ? { dark: () => monogramSvg(initials, darkPalette) } : {}),
    });
  }
  // Without a glyph of its own the creator's mark is usually too wide for 16 px; the monogram is not.
  if (glyphPath !== undefined || (!initials && !supplied)) {
    list.push({
      name: 'glyph',
      file: 'glyph.svg',
      ...sized(input.glyph),
      light: () => lightVariant(input.glyph, colors.brand),
      ...(darkPalette ? { dark: () => darkVariant(input.glyph, colors, darkPalette) } : {}),
    });
  }
  return list;
}

function entry(variant: Variant): MarkEntry {
  return { url: variant.file, width: variant.width, height: variant.height };
}

export function markJson(input: ForgeInput): MarkJson {
  const list = variants(input);
  const byName = new Map(list.map((variant) => [variant.name, variant]));
  const glyph = byName.get('glyph') ?? byName.get('monogram')!;
  const json: MarkJson = {
    name: input.config.name,
    wordmark: entry(byName.get('wordmark')!),
    ...(byName.has('monogram') ? { monogram: entry(byName.get('monogram')!) } : {}),
    glyph: entry(glyph),
  };
  if (input.config.colors.dark) {
    const dark: NonNullable<MarkJson['dark']> = {};
    for (const variant of list) dark[variant.name] = variant.file.replace(/\.svg$/u, '-dark.svg');
    if (!byName.has('glyph')) dark.glyph = dark.monogram!;
    json.dark = dark;
  }
  return json;
}

const text = (value: string) => new TextEncoder().encode(value);

/**
 * Whether the pictures the set publishes draw anything, as a whole run decides it: the favicon
 * stage's verdict on the mark and glyph (unless `favicon` runs too), then the verified badge's on a
 * supplied monogram (unless `badges` runs too; judged only where a verified badge shows it, as in
 * a whole run). The badge stage's code is loaded only for a config with a monogram and badges.
 */
async function verdictOf(input: ForgeInput, stages: readonly string[] | undefined, context: RenderContext): Promise<SvgRejectedError | undefined> {
  const refusal = stages?.includes('favicon') ? undefined : await picturesVerdict(input, context);
  if (refusal || stages?.includes('badges') || !input.monogram || input.config.badges === undefined) return refusal;
  return (await import('../badge/stage.ts')).monogramVerdict(input, context);
}

/**
 * `mark/`: the variants `<drop-mark>` switches between (wordmark, monogram, glyph), each with a dark
 * twin when the creator has a dark palette, and `mark/mark.json` describing them for
 * `<drop-mark src="…/mark.json">`.
 *
 * The set copies the creator's SVGs and draws no image of them, yet a blank picture here is a
 * blank logo on the creator's site. Whether one draws anything is the verdict of the stage that
 * judges it in a whole run (verdictOf): without that stage in the run (`--only mark-set`) this one
 * asks for it, and no file of the set is made until it is in, so a logo a whole run refuses is
 * refused here with the same message. With those stages in the run it is left to them: nothing
 * is drawn twice.
 */
export const markSetStage: ForgeStage = {
  name: 'mark-set',
  // It publishes both (the glyph's verdict is the mark's without a glyph of its own), and asks
  // about both: no other stage's picture can come before them.
  judges: () => ['mark', 'glyph'],
  plan(input, options) {
    const stages = options?.stages;
    const judge = !(stages?.includes('favicon') && stages.includes('badges'));
    // Asked once per run (a plan is made per run), however many files wait for it.
    let verdict: Promise<SvgRejectedError | undefined> | undefined;
    const made = (make: () => string): PlannedAsset['render'] =>
      judge
        ? async (context: RenderContext) => {
            const refusal = await (verdict ??= verdictOf(input, stages, context));
            if (refusal) throw refusal;
            return text(make());
          }
        : () => text(make());
    const assets: PlannedAsset[] = [];
    for (const variant of variants(input)) {
      const size = { width: variant.width, height: variant.height };
      assets.push({ name: `mark/${variant.file}`, format: 'svg', purpose: 'mark-set', ...size, render: made(variant.light) });
      const dark = variant.dark;
      if (dark) {
        assets.push({ name: `mark/${variant.file.replace(/\.svg$/u, '-dark.svg')}`, format: 'svg', purpose: 'mark-set', ...size, render: made(dark) });
      }
    }
    assets.push({
      name: 'mark/mark.json',
      format: 'json',
      purpose: 'mark-set',
      render: made(() => `${JSON.stringify(markJson(input), null, 2)}\n`),
    });
    return { assets };
  },
};
