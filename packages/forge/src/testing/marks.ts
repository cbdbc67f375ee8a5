import * as simpleIcons from 'simple-icons';
import { prepareInput } from '../config/load.ts';
import type { CreatorConfig, ForgeInput } from '../plan/types.ts';

/**
 * The marks forge's tests and bench use: shapes that break naive fitting (4:1 wide, 1:3 tall),
 * real brand marks from simple-icons (square, fill left unset), and a complex mark with gradients,
 * a filter, <use> and text in the bundled font.
 */
export const WIDE_MARK = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100">
  <rect x="0" y="0" width="100" height="100" rx="20" fill="#ff3366"/>
  <rect x="120" y="20" width="270" height="24" rx="12" fill="#1b1b3a"/>
  <rect x="120" y="56" width="180" height="24" rx="12" fill="#1b1b3a"/>
</svg>`;

export const TALL_MARK = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="300">
  <rect x="10" y="0" width="80" height="80" rx="40" fill="#0a7cff"/>
  <rect x="35" y="90" width="30" height="210" fill="#0a7cff"/>
</svg>`;

export const COMPLEX_MARK = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 240 240">
  <title>Complex mark</title>
  <metadata><rdf xmlns="urn:x">editor junk</rdf></metadata>
  <defs>
    <linearGradient id="sun" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#ffb347"/><stop offset="1" stop-color="#ff3366"/>
    </linearGradient>
    <radialGradient id="glow" cx="0.5" cy="0.4" r="0.6">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.8"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
    </radialGradient>
    <filter id="soft"><feGaussianBlur stdDeviation="2"/></filter>
    <clipPath id="round"><circle cx="120" cy="120" r="110"/></clipPath>
    <path id="ray" d="M120 20 L128 60 L112 60 Z"/>
  </defs>
  <g clip-path="url(#round)">
    <rect width="240" height="240" fill="url(#sun)"/>
    <circle cx="120" cy="110" r="90" fill="url(#glow)" filter="url(#soft)"/>
  </g>
  <use xlink:href="#ray" fill="#1b1b3a"/>
  <use href="#ray" transform="rotate(90 120 120)" fill="#1b1b3a"/>
  <text x="120" y="160" font-family="Helvetica, Arial, sans-serif" font-size="72" font-weight="bold" text-anchor="middle" style="fill:#1b1b3a">DK</text>
</svg>`;

export const SQUARE_ICON = simpleIcons.siGithub;
export const SIMPLE_ICONS = [simpleIcons.siGithub, simpleIcons.siShopify, simpleIcons.siEtsy, simpleIcons.siInstagram];

export const MARKS: Record<'wide' | 'tall' | 'square' | 'complex', string> = {
  wide: WIDE_MARK,
  tall: TALL_MARK,
  square: SQUARE_ICON.svg,
  complex: COMPLEX_MARK,
};

/**
 * Colours as Illustrator and Figma export them: classes in a <style>, in any hex spelling. Three
 * 10-unit squares: the brand (`#FF3366`), a colour of its own, the background (with a brand stroke).
 */
export const CLASS_COLOURED_MARK =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><defs><style>.cls-1{fill:#FF3366}.cls-2{fill:#123456}.cls-3{fill:#fff7f9;stroke:#f36}</style></defs>' +
  '<rect class="cls-1" width="10" height="10"/><rect class="cls-2" x="10" width="10" height="10"/><rect class="cls-3" x="20" width="10" height="10"/></svg>';

export function testConfig(overrides: Partial<CreatorConfig> = {}): CreatorConfig {
  return {
    name: 'Nova Drop Studio',
    shortName: 'Nova',
    mark: 'mark.svg',
    colors: { brand: '#ff3366', background: '#fff7f9', dark: { brand: '#ff7a9c', background: '#14142b' } },
    ...overrides,
  };
}

/** A ForgeInput from an in-memory mark, as a shell would build it from files. */
export function inputFromMark(svg: string, overrides: Partial<CreatorConfig> = {}): Promise<ForgeInput> {
  return prepareInput(testConfig(overrides), async () => new TextEncoder().encode(svg));
}
