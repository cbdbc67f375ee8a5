import { composeIcon } from '../svg/compose.ts';
import { buildIco } from '../ico/ico.ts';
import type { ForgeInput, ForgeStage, HexColor, PlannedAsset, SanitizedSvg, StageContribution } from '../plan/types.ts';

/** Padding on each side of small favicons: enough that a wide mark never touches the tab's edge. */
export const FAVICON_INSET = 1 / 16;
/** iOS shows the touch icon edge to edge on an opaque tile; the mark needs air around it. */
export const TOUCH_ICON_INSET = 0.125;
/** Maskable icons may be cropped to any shape containing the centred 80 % circle. */
export const MASKABLE_SAFE_CIRCLE = 0.8;
/** A little inside the safe circle, so antialiased edges survive the crop too. */
export const MASKABLE_CONTENT_CIRCLE = 0.76;
export const ICO_SIZES = [16, 32, 48] as const;

function raster(mark: SanitizedSvg, size: number, brand: HexColor, extra: { inset?: number; background?: HexColor; safeCircle?: number } = {}): string {
  return composeIcon(mark, {
    size,
    inset: extra.inset ?? FAVICON_INSET,
    background: extra.background,
    safeCircle: extra.safeCircle,
    defaultFill: brand,
  });
}

/** The palette's light → dark colour pairs that change in dark mode (none without a dark palette). */
function darkPairs(input: ForgeInput): (readonly [HexColor, HexColor])[] {
  const { colors } = input.config;
  if (!colors.dark) return [];
  const pairs = [
    [colors.brand, colors.dark.brand],
    [colors.background, colors.dark.background],
  ] as const;
  return pairs.filter(([light, dark]) => light !== dark);
}

/** Dark variant: paints equal to the light palette switch to the dark palette under prefers-color-scheme. */
export function darkModeStyle(input: ForgeInput): string {
  const rules: string[] = [];
  for (const [light, dark] of darkPairs(input)) {
    for (const property of ['fill', 'stroke', 'stop-color', 'flood-color']) rules.push(`[${property}="${light}"]{${property}:${dark}}`);
  }
  return rules.length > 0 ? `<style>@media (prefers-color-scheme:dark){${rules.join('')}}</style>` : '';
}

const HEX_COLOR = /#(?:[0-9a-f]{6}|[0-9a-f]{3})(?![0-9a-f])/giu;
const sixDigits = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((digit) => digit + digit).join('')}` : hex).toLowerCase();

/**
 * The dark variant of colours a mark gives through its own stylesheet (Illustrator and Figma export
 * `.cls-1{fill:#ff3366}`), which the attribute rules of {@link darkModeStyle} cannot see: each of the
 * mark's `<style>` sheets again, light palette swapped for dark, under prefers-color-scheme. Placed
 * after the mark, so at equal specificity the copy wins over the rule it copies.
 */
export function darkStylesheets(input: ForgeInput): string {
  const swaps = new Map(darkPairs(input).map(([light, dark]) => [sixDigits(light), dark]));
  if (swaps.size === 0) return '';
  const swapped: string[] = [];
  for (const [, css = ''] of input.glyph.svg.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gu)) {
    const dark = css.replace(HEX_COLOR, (hex) => swaps.get(sixDigits(hex)) ?? hex);
    if (dark !== css) swapped.push(dark);
  }
  return swapped.length > 0 ? `<style>@media (prefers-color-scheme:dark){${swapped.join('')}}</style>` : '';
}

export function faviconSvg(input: ForgeInput): string {
  return composeIcon(input.glyph, {
    size: 64,
    inset: FAVICON_INSET,
    defaultFill: input.config.colors.brand,
    prelude: darkModeStyle(input),
    epilogue: darkStylesheets(input),
    pixelSized: false,
  });
}

const text = (value: string) => new TextEncoder().encode(value);

export const faviconStage: ForgeStage = {
  name: 'favicon',
  plan(input): StageContribution {
    const { mark, glyph } = input;
    const { brand, background } = input.config.colors;
    const png = (name: string, purpose: PlannedAsset['purpose'], size: number, svg: () => string, tint?: HexColor): PlannedAsset => ({
      name,
      format: 'png',
      purpose,
      width: size,
      height: size,
      render: (context) => context.rasterize({ svg: svg(), width: size, height: size, output: 'png', tint }),
    });
    const assets: PlannedAsset[] = [
      {
        name: 'favicon.ico',
        format: 'ico',
        purpose: 'favicon',
        width: 48,
        height: 48,
        sizes: ICO_SIZES,
        async render(context) {
          const pngs = await context.rasterizeAll(
            ICO_SIZES.map((size) => ({ svg: raster(glyph, size, brand), width: size, height: size, output: 'png' as const })),
          );
          return buildIco(ICO_SIZES.map((size, index) => ({ size, png: pngs[index]! })));
        },
      },
      { name: 'favicon.svg', format: 'svg', purpose: 'favicon', width: 64, height: 64, render: () => text(faviconSvg(input)) },
      png('favicon-96x96.png', 'favicon', 96, () => raster(mark, 96, brand)),
      png('apple-touch-icon.png', 'apple-touch-icon', 180, () => raster(mark, 180, brand, { inset: TOUCH_ICON_INSET, background })),
      png('web-app-manifest-192x192.png', 'manifest-any', 192, () => raster(mark, 192, brand)),
      png('web-app-manifest-512x512.png', 'manifest-any', 512, () => raster(mark, 512, brand)),
      png('web-app-manifest-maskable-512x512.png', 'manifest-maskable', 512, () =>
        raster(mark, 512, brand, { background, safeCircle: MASKABLE_CONTENT_CIRCLE }),
      ),
      png('web-app-manifest-monochrome-512x512.png', 'manifest-monochrome', 512, () => raster(mark, 512, brand, { safeCircle: MASKABLE_CONTENT_CIRCLE }), '#000000'),
    ];
    return {
      assets,
      headTags: [
        { tag: 'link', attributes: { rel: 'icon', type: 'image/png', href: 'favicon-96x96.png', sizes: '96x96' } },
        { tag: 'link', attributes: { rel: 'icon', type: 'image/svg+xml', href: 'favicon.svg' } },
        { tag: 'link', attributes: { rel: 'shortcut icon', href: 'favicon.ico' } },
        { tag: 'link', attributes: { rel: 'apple-touch-icon', sizes: '180x180', href: 'apple-touch-icon.png' } },
        { tag: 'meta', attributes: { name: 'apple-mobile-web-app-title', content: input.config.shortName } },
      ],
      manifestIcons: [
        { src: 'web-app-manifest-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'web-app-manifest-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'web-app-manifest-maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'web-app-manifest-monochrome-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'monochrome' },
      ],
    };
  },
};
