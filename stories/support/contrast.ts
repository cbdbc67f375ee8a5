/**
 * WCAG contrast, so stories themed from a creator's colours pick the readable text colour (axe checks
 * every story, and a creator's brand pink may not carry white text).
 */
function luminance(hex: string): number {
  const value = hex.replace('#', '');
  const full = value.length === 3 ? [...value].map((c) => c + c).join('') : value;
  const channels = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The candidate with the highest contrast against `background`. */
export function readableOn(background: string, candidates: string[]): string {
  return candidates.reduce((best, candidate) => (contrast(background, candidate) > contrast(background, best) ? candidate : best));
}
