import { composeIcon } from '../svg/compose.ts';
import { darkRecolour } from '../svg/dark.ts';
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

const whenDark = (css: string) => (css === '' ? '' : `<style>@media (prefers-color-scheme:dark){${css}}</style>`);

/**
 * The tab icon, scalable, with its dark variant inside: under prefers-color-scheme the palette
 * swaps and colours that would not read on the dark background lift (svg/dark.ts); the attribute
 * rules go before the mark, the copies of its own sheets after it.
 */
export function faviconSvg(input: ForgeInput): string {
  const { colors } = input.config;
  const dark = colors.dark ? darkRecolour(input.glyph.svg, colors, colors.dark) : undefined;
  return composeIcon(input.glyph, {
    size: 64,
    inset: FAVICON_INSET,
    defaultFill: input.config.colors.brand,
    prelude: whenDark(dark?.rules ?? ''),
    epilogue: whenDark(dark?.sheets ?? ''),
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
