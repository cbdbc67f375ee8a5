import { contrastRatio, rgbOf } from '../badge/colors.ts';
import type { DarkPalette, HexColor, Palette } from '../plan/types.ts';
import { NAMED_COLOURS } from './css-values.ts';

/**
 * What every dark variant of a creator's mark does to its colours (favicon.svg under
 * prefers-color-scheme, the mark set's `-dark` files): the two palette colours swap to the dark
 * palette, and any other colour that would not read on the dark background becomes a lighter colour
 * of the same hue. One module, so the favicon and the mark set cannot disagree.
 */

/** WCAG 2 non-text contrast (1.4.11): the parts of a graphic must reach 3:1 against what is behind them. */
export const MIN_GRAPHICS_CONTRAST = 3;

/** Properties whose colour is seen against the page. lighting-color only lights a filter, so it stays. */
const PAINT_PROPERTIES = ['fill', 'stroke', 'stop-color', 'flood-color', 'color'] as const;
/**
 * The palette swaps name these properties whether the mark uses them or not: the live favicon adds
 * its dot after the fact, outlined in the background colour, and relies on these rules to follow.
 */
const PALETTE_PROPERTIES = ['fill', 'stroke', 'stop-color', 'flood-color'] as const;

export interface ParsedColor {
  /** Lower-case `#rrggbb`. */
  rgb: HexColor;
  /** 0 to 1. */
  alpha: number;
}

const hex2 = (value: number) => Math.round(value).toString(16).padStart(2, '0');
const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));

function parseChannel(part: string, max: number, percentOf: number): number | undefined {
  const match = /^(\d+(?:\.\d*)?|\.\d+)(%?)$/u.exec(part);
  if (!match) return undefined;
  return clamp(match[2] ? (Number(match[1]) / 100) * percentOf : Number(match[1]), max);
}

/** A CSS colour as hex, names and rgb()/rgba() spell it; undefined for anything else (url(), none, currentColor). */
export function parseColor(token: string): ParsedColor | undefined {
  const value = token.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/u.exec(value)?.[1];
  if (hex) {
    const long = hex.length <= 4 ? [...hex].map((digit) => digit + digit).join('') : hex;
    return { rgb: `#${long.slice(0, 6)}`, alpha: long.length === 8 ? Number.parseInt(long.slice(6), 16) / 255 : 1 };
  }
  const named = NAMED_COLOURS.get(value);
  if (named) return { rgb: `#${named}`, alpha: 1 };
  const functional = /^rgba?\(([^)]*)\)$/u.exec(value)?.[1];
  if (functional === undefined) return undefined;
  const parts = functional.split(/[\s,/]+/u).filter((part) => part !== '');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  const channels = parts.slice(0, 3).map((part) => parseChannel(part, 255, 255));
  const alpha = parts[3] === undefined ? 1 : parseChannel(parts[3], 1, 1);
  if (alpha === undefined || channels.some((channel) => channel === undefined)) return undefined;
  return { rgb: `#${channels.map((channel) => hex2(channel!)).join('')}`, alpha };
}

// OKLab (Björn Ottosson, 2020): lightness there is what the eye calls lightness, so raising it keeps
// the hue a designer chose, where raising HSL lightness drifts blues towards purple.
const toLinear = (channel: number) => (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
const fromLinear = (channel: number) => (channel <= 0.0031308 ? channel * 12.92 : 1.055 * channel ** (1 / 2.4) - 0.055);

function oklch(color: HexColor): [lightness: number, chroma: number, hue: number] {
  const [r, g, b] = rgbOf(color).map((channel) => toLinear(channel / 255)) as [number, number, number];
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const lightness = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const a = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const bb = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  return [lightness, Math.hypot(a, bb), Math.atan2(bb, a)];
}

/** Linear sRGB of an OKLCH colour; channels outside 0-1 mean the screen cannot show it. */
function linearRgb(lightness: number, chroma: number, hue: number): [number, number, number] {
  const a = chroma * Math.cos(hue);
  const b = chroma * Math.sin(hue);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

const EPSILON = 1e-6;
const fits = (rgb: readonly number[]) => rgb.every((channel) => channel >= -EPSILON && channel <= 1 + EPSILON);

/**
 * The sRGB colour at this lightness and hue, with the chroma asked for or, where the screen cannot
 * show that much (light colours hold less), the most it can: the hue is kept, the colour fades.
 */
function atLightness(lightness: number, chroma: number, hue: number): HexColor {
  let shown = chroma;
  if (!fits(linearRgb(lightness, shown, hue))) {
    let [low, high] = [0, chroma];
    for (let step = 0; step < 24; step += 1) {
      const middle = (low + high) / 2;
      if (fits(linearRgb(lightness, middle, hue))) low = middle;
      else high = middle;
    }
    shown = low;
  }
  return `#${linearRgb(lightness, shown, hue)
    .map((channel) => hex2(clamp(fromLinear(clamp(channel, 1)), 1) * 255))
    .join('')}`;
}

/**
 * `color` when it reaches {@link MIN_GRAPHICS_CONTRAST} against `background`; otherwise the same hue
 * and chroma at the mirrored lightness (navy ink becomes a light lavender, as dark themes do), or,
 * where mirroring is not enough, at the least lightness that reaches 3:1. Towards white on a dark
 * background, towards black on a light one. Pure arithmetic: the same colour in, the same colour out.
 */
export function readableTwin(color: HexColor, background: HexColor): HexColor {
  if (contrastRatio(color, background) >= MIN_GRAPHICS_CONTRAST) return color;
  const [lightness, chroma, hue] = oklch(color);
  const lighten = contrastRatio('#ffffff', background) >= contrastRatio('#000000', background);
  const reads = (candidate: number) => contrastRatio(atLightness(candidate, chroma, hue), background) >= MIN_GRAPHICS_CONTRAST;
  const mirrored = lighten ? Math.max(1 - lightness, lightness) : Math.min(1 - lightness, lightness);
  if (reads(mirrored)) return atLightness(mirrored, chroma, hue);
  // White (or black) itself reads: any background is at least 4.58:1 from one of them.
  let [short, enough] = [mirrored, lighten ? 1 : 0];
  for (let step = 0; step < 24; step += 1) {
    const middle = (short + enough) / 2;
    if (reads(middle)) enough = middle;
    else short = middle;
  }
  return atLightness(enough, chroma, hue);
}

/** Light → dark colour (lower-case `#rrggbb`) for every colour of a mark that changes in dark mode. */
export type DarkSwaps = ReadonlyMap<HexColor, HexColor>;

// A url() comes first so the #id inside it is never read as a colour. Both parentheses are bounded:
// a stranger's 200 000-character "rgb(rgb(rgb(…" must not be scanned to its end from every "(".
const COLOR_TOKEN = /url\([^)]{0,256}\)|#[0-9a-f]+(?![\w-])|rgba?\([^)]{0,64}\)|(?<![\w#.-])[a-z]+(?![\w(-])/giu;
const PAINT_ATTRIBUTE = new RegExp(`\\s(${PAINT_PROPERTIES.join('|')})="([^"]*)"`, 'gu');
const PAINT_DECLARATION = new RegExp(`(^|[{;\\s])(${PAINT_PROPERTIES.join('|')})(\\s*:\\s*)([^;}]*)`, 'giu');
const STYLESHEET = /(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gu;
/** Values that can go into a CSS string as they are (a sanitized attribute holds `&quot;`, which XML would decode). */
const PLAIN_VALUE = /^[\w\s#(),.%/+-]+$/u;

function colorTokens(value: string): ParsedColor[] {
  return [...value.matchAll(COLOR_TOKEN)].map(([token]) => parseColor(token)).filter((color) => color !== undefined);
}

/** Every paint value a sanitized mark writes: attributes (inline styles became attributes) and its own sheets. */
function paintValues(svg: string): { property: string; value: string; inSheet: boolean }[] {
  const found = [...svg.matchAll(PAINT_ATTRIBUTE)].map(([, property = '', value = '']) => ({ property, value, inSheet: false }));
  for (const [, , css = ''] of svg.matchAll(STYLESHEET)) {
    for (const [, , property = '', , value = ''] of css.matchAll(PAINT_DECLARATION)) found.push({ property: property.toLowerCase(), value, inSheet: true });
  }
  return found;
}

/**
 * The swaps for one mark: the palette pairs, then the dark halves of the mark's light-dark() picks
 * (`picks`, SanitizedSvg.darkPicks: what the creator wrote for dark backgrounds, itself lifted like
 * any colour where it reads below 3:1 there), then each other colour that reads below 3:1 on the
 * dark background, to the dark palette's `ink` when the creator gives one, else to its
 * {@link readableTwin}. The light palette colours never take a twin or a pick: they are the
 * creator's to set, in colors.dark.
 */
export function darkSwaps(svg: string, light: Palette, dark: DarkPalette, picks: ReadonlyMap<HexColor, HexColor> = new Map()): DarkSwaps {
  const swaps = new Map<HexColor, HexColor>();
  for (const [from, to] of [
    [light.brand, dark.brand],
    [light.background, dark.background],
  ] as const) {
    if (from !== to) swaps.set(from, to);
  }
  const palette = new Set([light.brand, light.background]);
  const readable = (rgb: HexColor) => (contrastRatio(rgb, dark.background) >= MIN_GRAPHICS_CONTRAST ? rgb : (dark.ink ?? readableTwin(rgb, dark.background)));
  for (const [from, to] of picks) if (!palette.has(from)) swaps.set(from, readable(to));
  for (const { value } of paintValues(svg)) {
    for (const { rgb, alpha } of colorTokens(value)) {
      if (alpha === 0 || palette.has(rgb) || swaps.has(rgb)) continue;
      if (contrastRatio(rgb, dark.background) >= MIN_GRAPHICS_CONTRAST) continue;
      swaps.set(rgb, dark.ink ?? readableTwin(rgb, dark.background));
    }
  }
  return swaps;
}

/** A paint value with its colours swapped, spelled as short as the alpha allows. */
function swapPaint(value: string, swaps: DarkSwaps): string {
  return value.replace(COLOR_TOKEN, (token) => {
    const color = parseColor(token);
    const dark = color && swaps.get(color.rgb);
    if (!color || !dark) return token;
    return color.alpha >= 1 ? dark : `${dark}${hex2(color.alpha * 255)}`;
  });
}

export interface DarkRecolour {
  /**
   * `:where([fill="#1b1b3a"]){fill:#b0b0e6}`… for the mark's attributes (and inline styles); place
   * before the mark. `:where()` ranks them at nothing, as the attributes they stand for rank below
   * any rule: a mark's own `path{fill:…}` keeps its place over them. resvg ignores `:where()`, so
   * only browsers may be given these (favicon.svg); files resvg draws take {@link darkRewrite}.
   */
  rules: string;
  /**
   * The mark's own `<style>` sheets again with their colours swapped (Illustrator and Figma export
   * `.cls-1{fill:#ff3366}`), which attribute rules cannot reach; place after the mark, so at equal
   * specificity the copy wins over the rule it copies.
   */
  sheets: string;
}

/** The CSS that turns a sanitized mark into its dark variant; both parts empty when nothing changes. */
export function darkRecolour(svg: string, light: Palette, dark: DarkPalette, picks?: ReadonlyMap<HexColor, HexColor>): DarkRecolour {
  const swaps = darkSwaps(svg, light, dark, picks);
  const rules = new Set<string>();
  const rule = (property: string, from: string, to: string) => {
    rules.add(`:where([${property}="${from}"]){${property}:${to}}`);
    // An inline style (`fill:#e30613;`, in an SVG given to compose with a sheet of its own: the
    // sanitizer writes paint as attributes) outranks any rule but an important one; matched by its spelling.
    const declaration = `${property}:${from};`;
    if (svg.includes(declaration)) rules.add(`:where([style^="${declaration}"],[style*=";${declaration}"]){${property}:${to}!important}`);
  };
  // A currentColor mark gets color="<brand>" from compose's defaultPaint; it swaps like a fill.
  const paletteProperties = /currentcolor/i.test(svg) ? [...PALETTE_PROPERTIES, 'color'] : PALETTE_PROPERTIES;
  for (const [from, to] of swaps) if (from === light.brand || from === light.background) for (const property of paletteProperties) rule(property, from, to);
  for (const { property, value, inSheet } of paintValues(svg)) {
    if (inSheet || !PLAIN_VALUE.test(value)) continue;
    const swapped = swapPaint(value, swaps);
    if (swapped !== value) rule(property, value, swapped);
  }
  const sheets: string[] = [];
  for (const [, , css = ''] of svg.matchAll(STYLESHEET)) {
    const swapped = swapDeclarations(css, swaps);
    if (swapped !== css) sheets.push(swapped);
  }
  return { rules: [...rules].join(''), sheets: sheets.join('') };
}

const swapDeclarations = (css: string, swaps: DarkSwaps) =>
  css.replace(PAINT_DECLARATION, (_declaration, before: string, property: string, colon: string, value: string) => `${before}${property}${colon}${swapPaint(value, swaps)}`);

/** A start tag: the sanitizer escapes `<` and `>` in text and attribute values, so none ends early. */
const START_TAG = /<[a-z][^>]*>/giu;
const STYLE_ATTRIBUTE = /(\sstyle=")([^"]*)(")/gu;

/**
 * The mark itself in its dark colours, for files that are dark already (the mark set's `-dark`
 * files): paint attributes, inline styles and the mark's own sheets are rewritten where they stand,
 * so every rule keeps the rank the creator gave it, with no media query and no `:where()` (which
 * resvg ignores). The same swaps as {@link darkRecolour}.
 */
export function darkRewrite(svg: string, light: Palette, dark: DarkPalette, picks?: ReadonlyMap<HexColor, HexColor>): string {
  const swaps = darkSwaps(svg, light, dark, picks);
  if (swaps.size === 0) return svg;
  return svg
    .replace(STYLESHEET, (_sheet, open: string, css: string, close: string) => `${open}${swapDeclarations(css, swaps)}${close}`)
    .replace(START_TAG, (tag) =>
      tag
        .replace(PAINT_ATTRIBUTE, (_attribute, property: string, value: string) => ` ${property}="${swapPaint(value, swaps)}"`)
        .replace(STYLE_ATTRIBUTE, (_attribute, open: string, css: string, close: string) => `${open}${swapDeclarations(css, swaps)}${close}`),
    );
}
