import type { HexColor } from '../plan/types.ts';

/** `#rgb` or `#rrggbb` to lower-case `#rrggbb`; undefined when it is not a hex colour. */
export function normalizeHex(value: unknown): HexColor | undefined {
  if (typeof value !== 'string') return undefined;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/iu.exec(value);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase() as HexColor;
  return /^#[0-9a-f]{6}$/iu.test(value) ? (value.toLowerCase() as HexColor) : undefined;
}

export function rgbOf(hex: HexColor): [number, number, number] {
  const value = Number.parseInt(normalizeHex(hex)!.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** WCAG relative luminance of 8-bit sRGB channels, 0 to 1. */
export function luminanceOf(red: number, green: number, blue: number): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** WCAG contrast ratio of two relative luminances, 1 to 21. */
export function luminanceContrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: HexColor, b: HexColor): number {
  return luminanceContrast(luminanceOf(...rgbOf(a)), luminanceOf(...rgbOf(b)));
}

export const INK_LIGHT: HexColor = '#ffffff';
export const INK_DARK: HexColor = '#111111';

/** White or near-black, whichever reads better on `background`. */
export function inkOn(background: HexColor): HexColor {
  return contrastRatio(INK_LIGHT, background) >= contrastRatio(INK_DARK, background) ? INK_LIGHT : INK_DARK;
}

/** `preferred` when it reads on `background` (WCAG AA for large text), else the better ink. */
export function readableOn(preferred: HexColor, background: HexColor): HexColor {
  return contrastRatio(preferred, background) >= 3 ? preferred : inkOn(background);
}

/**
 * WCAG AA for text under 18.66 px bold (14 pt): every badge label, 11 px at @1x (images of text
 * count as text). The card's 34 and 64 px lines are large text, for which 3:1 is enough.
 */
export const SMALL_TEXT_CONTRAST = 4.5;

/**
 * inkOn for small text: where neither white nor INK_DARK reaches 4.5:1 (mid-tones: #777777 has
 * 4.48:1 with white, #8e7464 4.35:1), black, which reaches at least 4.58:1 on any colour.
 */
export function smallInkOn(background: HexColor): HexColor {
  const ink = inkOn(background);
  return contrastRatio(ink, background) >= SMALL_TEXT_CONTRAST ? ink : '#000000';
}

function hexOf(red: number, green: number, blue: number): HexColor {
  return `#${[red, green, blue].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}` as HexColor;
}

/**
 * The nearest shade of `colour` that small text reads in on `background` (4.5:1): darkened on a light
 * background (its channels scaled down, so its hue stays), lightened towards white on a dark one;
 * undefined when not even black or white would do (a mid-tone background).
 */
export function smallTextShade(colour: HexColor, background: HexColor): HexColor | undefined {
  const [red, green, blue] = rgbOf(colour);
  const towardsBlack = inkOn(background) === INK_DARK;
  for (let step = 0; step <= 255; step += 1) {
    const t = step / 255;
    const shade = towardsBlack
      ? hexOf(red * (1 - t), green * (1 - t), blue * (1 - t))
      : hexOf(red + (255 - red) * t, green + (255 - green) * t, blue + (255 - blue) * t);
    if (contrastRatio(shade, background) >= SMALL_TEXT_CONTRAST) return shade;
  }
  return undefined;
}

/** Below this chroma (the channels' spread, 0 to 1) a colour is a grey: it has no hue to keep. */
const GREY_CHROMA = 0.1;

/**
 * `preferred` when small text in it reads on `background` (4.5:1), else its nearest shade that
 * does, so words in the brand colour stay in the brand's hue (#ff3366 on #fff7f9 is written in
 * #d82b56; near-black took the brand out of the words), else smallInkOn. A grey has no hue to
 * keep: its shade at 4.5:1 (#767676 for a white brand on white) reads as a disabled control, where
 * the ink reads at 18:1.
 */
export function smallTextOn(preferred: HexColor, background: HexColor): HexColor {
  if (contrastRatio(preferred, background) >= SMALL_TEXT_CONTRAST) return preferred;
  const channels = rgbOf(preferred);
  const grey = (Math.max(...channels) - Math.min(...channels)) / 255 < GREY_CHROMA;
  return (grey ? undefined : smallTextShade(preferred, background)) ?? smallInkOn(background);
}
