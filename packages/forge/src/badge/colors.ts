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

function relativeLuminance(hex: HexColor): number {
  const [r, g, b] = rgbOf(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: HexColor, b: HexColor): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
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
