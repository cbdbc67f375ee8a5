import { askedPictures, faviconSvg, picturesVerdict } from '../favicon/stage.ts';
import type { ForgeInput, ForgeStage, HexColor } from '../plan/types.ts';

/** The universal "on air" red, the same in light and dark tabs. */
export const LIVE_DOT_COLOR: HexColor = '#ef4444';

/** On favicon.svg's 64-unit canvas: bottom right, large enough to read at 16 px. */
export const LIVE_DOT = { cx: 50, cy: 50, r: 12, outline: 4 } as const;
export const LIVE_FAVICON_PNG_SIZE = 96;

/** What the dot's style sets besides its paint, so a mark's sheet cannot fade or hide it. */
const DOT_SHOWN = ['fill-opacity:1', 'stroke-opacity:1', 'opacity:1', 'visibility:visible', 'display:inline', 'transform:none', 'filter:none', 'stroke-dasharray:none'];

/**
 * favicon.svg with a live dot. The dot's outline is painted in the page background colour so it
 * stands off the mark, and the dark background in dark mode.
 * With `pixels`, the raster job for the PNG of that size (see faviconSvg).
 */
export function liveFaviconSvg(input: ForgeInput, pixels?: number): string {
  const favicon = faviconSvg(input, pixels);
  const { cx, cy, r, outline } = LIVE_DOT;
  const { background, dark } = input.config.colors;
  // The mark's own sheet reaches the whole file: its `circle{fill:#1d1d1b}` painted the dot too. An
  // inline style outranks a sheet's rules (in resvg even important ones), so the dot's paint is one.
  // In browsers a sheet's important rule (`circle{fill:#000!important}`) outranks a normal inline
  // style, so favicon-live.svg's is important too; its outline then follows the colour scheme
  // through a custom property, which a media rule can still set (matched on that exact style).
  // The PNG's job keeps the plain style: resvg needs no more, and reads no var().
  // Like the tiles' (svg/compose.ts), the style also sets what a sheet could fade or hide the dot
  // by: a duotone icon's circle{opacity:.4} left a pale pink dot, circle{display:none} none at all.
  const darkBackground = dark && dark.background !== background ? dark.background : undefined;
  const declarations = [
    `fill:${LIVE_DOT_COLOR}`,
    `stroke:${pixels === undefined && darkBackground ? `var(--dk-live-outline,${background})` : background}`,
    `stroke-width:${outline}`,
    ...DOT_SHOWN,
  ];
  const paint = declarations.map((declaration) => (pixels === undefined ? `${declaration}!important` : declaration)).join(';');
  const darkOutline =
    darkBackground && pixels === undefined ? `<style>@media (prefers-color-scheme:dark){[style="${paint}"]{--dk-live-outline:${darkBackground}}}</style>` : '';
  const dot = `${darkOutline}<circle cx="${cx}" cy="${cy}" r="${r}" fill="${LIVE_DOT_COLOR}" stroke="${background}" stroke-width="${outline}" style="${paint}"/>`;
  return `${favicon.slice(0, favicon.lastIndexOf('</svg>'))}${dot}</svg>`;
}

/**
 * `favicon-live.svg` and `favicon-live.png`: what `<drop-countdown favicon-live>` swaps in while a
 * drop is live. Not in head.html: the page's normal icon stays the default.
 */
export const liveFaviconStage: ForgeStage = {
  name: 'live-favicon',
  judges: () => ['glyph'],
  plan(input, options) {
    const size = LIVE_FAVICON_PNG_SIZE;
    // Whether the glyph draws anything is the favicon stage's verdict in every run; without that
    // stage in the run, this one asks for it (one input, one verdict). Not judged on this image:
    // a hairline that shows at 512 px may vanish at 96, and a glyph that shows only under the dot
    // still shows in favicon.ico, which a whole run accepts.
    const judge = !options?.stages?.includes('favicon');
    const asked = askedPictures(['glyph'], options);
    return {
      assets: [
        {
          name: 'favicon-live.svg',
          format: 'svg',
          purpose: 'live-favicon',
          width: 64,
          height: 64,
          render: () => new TextEncoder().encode(liveFaviconSvg(input)),
        },
        {
          name: 'favicon-live.png',
          format: 'png',
          purpose: 'live-favicon',
          width: size,
          height: size,
          async render(context) {
            const [png, refusal] = await Promise.all([
              context.rasterize({ svg: liveFaviconSvg(input, size), width: size, height: size, output: 'png' }),
              judge ? picturesVerdict(input, context, asked) : undefined,
            ]);
            if (refusal) throw refusal;
            return png;
          },
        },
      ],
    };
  },
};
