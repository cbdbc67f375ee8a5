import type { HexColor, SanitizedSvg } from '../plan/types.ts';

/**
 * Places a sanitized mark on a square canvas: fitted, centred, with padding on every side, so a 4:1
 * wordmark and a tall mark both become honest square icons.
 */
export interface ComposeOptions {
  /** Canvas side in pixels (or user units for a scalable favicon.svg). */
  size: number;
  /** Padding on each side as a fraction of the side. */
  inset: number;
  /** Keep the content inside the centred circle of this diameter (fraction of the side): maskable safe zone. */
  safeCircle?: number;
  /** Opaque background colour; transparent when absent. */
  background?: HexColor;
  /** Colour for marks that leave their fill unset or paint with currentColor (they would otherwise draw black). */
  defaultFill: HexColor;
  /** Extra markup placed before the mark, e.g. a `<style>` for the dark variant. */
  prelude?: string;
  /** Extra markup placed after the mark, e.g. rules that must win over the mark's own `<style>`. */
  epilogue?: string;
  /** Write width/height in pixels (raster jobs) or only a viewBox (favicon.svg). */
  pixelSized?: boolean;
  /**
   * Pixel side of a raster job whose canvas is not in pixels: the live favicon PNG draws
   * favicon.svg's 64-unit canvas at 96 px. Defaults to `size`.
   */
  pixels?: number;
}

export interface Placement {
  x: number;
  y: number;
  width: number;
  height: number;
}

const round = (value: number) => Number(value.toFixed(4));

/** Where the mark lands on the canvas; pure geometry, exported for tests. */
export function placeMark(viewBox: SanitizedSvg['viewBox'], options: Pick<ComposeOptions, 'size' | 'inset' | 'safeCircle'>): Placement {
  const [, , markWidth, markHeight] = viewBox;
  const box = options.size * (1 - 2 * options.inset);
  let scale = Math.min(box / markWidth, box / markHeight);
  if (options.safeCircle !== undefined) {
    scale = Math.min(scale, (options.safeCircle * options.size) / Math.hypot(markWidth, markHeight));
  }
  const width = markWidth * scale;
  const height = markHeight * scale;
  return { x: round((options.size - width) / 2), y: round((options.size - height) / 2), width: round(width), height: round(height) };
}

const ROOT_PREFIX = '<svg xmlns="http://www.w3.org/2000/svg"';

/** What a mark's sheet may not set on the root `<svg>` forge draws it into (see composeIcon). */
const FORGE_ROOT_STYLE = 'opacity:1;filter:none;mask:none;clip-path:none;transform:none;display:inline';

/**
 * Root attributes that colour a mark which leaves its colour to whatever shows it: `fill` when the
 * root sets none (every simple-icons mark, many exports), `color` when it paints with currentColor
 * (icon-set SVGs: Lucide, Heroicons). Shown as an image or drawn by resvg, both would be black.
 * Empty when the mark sets them itself.
 */
export function defaultPaint(mark: SanitizedSvg, colour: HexColor): string {
  const rootTag = mark.svg.slice(0, mark.svg.indexOf('>'));
  const fill = /\sfill="/.test(rootTag) ? '' : ` fill="${colour}"`;
  const color = /currentcolor/i.test(mark.svg) && !/\scolor="/.test(rootTag) ? ` color="${colour}"` : '';
  return fill + color;
}

/**
 * A shape covering the mark's viewBox that paints nothing, last inside the nested `<svg>` of a
 * raster job. resvg 2.6.2 draws the nested `<svg>` as a layer clipped to its viewport and sizes
 * that layer by what it holds, cut to two canvas sides around the canvas; when everything in it
 * lies farther out (artwork left beside the artboard) the cut is empty and resvg panics
 * (`geom.rs:27`, an unwrap), killing the renderer: `render-crashed` instead of the blank icons
 * the favicon stage refuses as `svg-empty`. With this shape the layer always covers the viewport,
 * which the clip keeps anyway. It paints at zero alpha, which leaves every pixel as it was
 * (output byte-identical, measured on the test marks), and its opacity is a `style` attribute
 * because that wins over the mark's own sheets in resvg (measured, `!important` included). So is
 * its display: a sheet's `path{display:none}` removed the anchor, and resvg panicked again.
 * Never in favicon.svg, which browsers draw.
 */
function layerAnchor([x, y, width, height]: SanitizedSvg['viewBox']): string {
  return `<path d="M${x} ${y}h${width}v${height}h${-width}z" style="fill-opacity:0;stroke:none;display:inline"/>`;
}

/** A root's opacity, filter or mask, as the sanitizer writes attributes (` name="value"`). */
const GROUP_EFFECT = / (opacity|filter|mask)="[^"]*"/g;

/** The root's style attribute, and the same effects as declarations in it (the sanitizer's `name:value;`, sheetEffectsOnRoot). */
const ROOT_STYLE = / style="([^"]*)"/;
const STYLE_EFFECT = /(?:^|;)\s*(opacity|filter|mask)\s*:([^;]*)/g;

/**
 * resvg 2.6.2 applies the opacity, filter and mask of a nested `<svg>` twice (a root
 * `opacity="0.5"` drew the icons at a quarter), where browsers and resvg on the mark alone apply
 * them once. In a raster job they move from the mark's root to a group holding its content: the
 * same user space (the viewBox's) and the same bounding box, applied once. `body` is the mark
 * after `<svg xmlns="…"`, without its closing tag; `outer` is a group's style to wrap the placed
 * mark in.
 *
 * With a sheet in the mark they come from the root's style too, where the sanitizer writes what
 * the sheet gives the root, and the root's style then sets them to nothing: the sheet's rule
 * still reaches the nested root (and `svg > svg{…}` newly does), and in resvg a style attribute
 * outranks every sheet. The opacity then goes to a group around the nested root, which needs no
 * user space of the mark's, so a sheet's `svg > path` still matches inside; a filter or a mask
 * goes inside as above. These groups set in their style what a sheet's `g{…}` could change of
 * them. (The values are escaped already: a `;` of an entity is not the end of a declaration.)
 */
function rasterEffects(body: string): { body: string; outer?: string } {
  const end = body.indexOf('>');
  let rootAttributes = body.slice(0, end);
  const sheet = body.includes('<style');
  const effects = new Map<string, string>();
  for (const [, name, value] of rootAttributes.matchAll(/ (opacity|filter|mask)="([^"]*)"/g)) effects.set(name!, value!);
  rootAttributes = rootAttributes.replace(GROUP_EFFECT, '');
  if (!sheet) {
    if (effects.size === 0) return { body };
    return { body: `${rootAttributes}><g${[...effects].map(([name, value]) => ` ${name}="${value}"`).join('')}>${body.slice(end + 1)}</g>` };
  }
  const style = ROOT_STYLE.exec(rootAttributes)?.[1] ?? '';
  const declarations = style.replace(/&(#?\w+);/g, '&$1\u0000');
  for (const [, name, value] of declarations.matchAll(STYLE_EFFECT)) effects.set(name!, value!.replaceAll('\u0000', ';').trim());
  const kept = declarations.replace(STYLE_EFFECT, '').replace(/^;+/, '').replaceAll('\u0000', ';');
  const neutral = `${kept === '' ? '' : kept.replace(/;?\s*$/, ';')}opacity:1;filter:none;mask:none`;
  rootAttributes = ROOT_STYLE.test(rootAttributes) ? rootAttributes.replace(ROOT_STYLE, ` style="${neutral}"`) : `${rootAttributes} style="${neutral}"`;
  const group = 'transform:none;display:inline;visibility:visible';
  const inner = effects.has('filter') || effects.has('mask');
  const content = inner
    ? `<g style="opacity:1;filter:${effects.get('filter') ?? 'none'};mask:${effects.get('mask') ?? 'none'};${group}">${body.slice(end + 1)}</g>`
    : body.slice(end + 1);
  const opacity = effects.get('opacity');
  return { body: `${rootAttributes}>${content}`, ...(opacity === undefined ? {} : { outer: `opacity:${opacity};filter:none;mask:none;${group}` }) };
}

/**
 * The one way forge puts a sanitized mark on a canvas: its own root becomes a nested `<svg>` at
 * `place` (its viewBox and preserveAspectRatio fit the drawing into that box), given the paint it
 * leaves unset (defaultPaint). For a raster job it ends with the layer anchor above, which keeps
 * resvg alive on artwork left beside the artboard. Every stage that draws a creator's SVG goes
 * through here (composeIcon for the icons, badges and live favicon; the social card's mark), so
 * none can forget the anchor; a stage building its own nested `<svg>` did, and crashed.
 */
export function placedMark(mark: SanitizedSvg, place: Placement, options: { defaultFill: HexColor; raster: boolean }): string {
  if (!mark.svg.startsWith(ROOT_PREFIX)) throw new Error('placedMark expects a sanitized SVG');
  let body = mark.svg.slice(ROOT_PREFIX.length);
  let outer: string | undefined;
  // Last, so no shape of the mark gets a sibling before it (a sheet's `rect:first-child` still
  // matches what it matched). A childless root (`<svg …/>`) holds nothing to draw or crash on.
  if (options.raster && body.endsWith('</svg>')) {
    const effects = rasterEffects(body.slice(0, -'</svg>'.length));
    body = effects.body + layerAnchor(mark.viewBox) + '</svg>';
    outer = effects.outer;
  }
  const placed = `<svg x="${place.x}" y="${place.y}" width="${place.width}" height="${place.height}"${defaultPaint(mark, options.defaultFill)}${body}`;
  return outer === undefined ? placed : `<g style="${outer}">${placed}</g>`;
}

export function composeIcon(mark: SanitizedSvg, options: ComposeOptions): string {
  const raster = options.pixelSized !== false;
  const nested = placedMark(mark, placeMark(mark.viewBox, options), { defaultFill: options.defaultFill, raster });
  const size = options.size;
  const pixels = options.pixels ?? size;
  const dimensions = raster ? ` width="${pixels}" height="${pixels}"` : '';
  // Its paint is an inline style, which outranks the mark's own sheet: a `rect{fill:#1d1d1b}` there
  // reaches the whole document and turned the apple-touch and maskable tiles black (`rect{fill:none}`
  // or `rect{opacity:.5}`: transparent; `rect{transform:scale(.5)}`: a quarter tile, the rest transparent; `rect{filter:blur(…)}`: soft edges).
  const tile = `fill:${options.background};fill-opacity:1;stroke:none;opacity:1;visibility:visible;display:inline;transform:none;filter:none`;
  const background = options.background ? `<rect width="${size}" height="${size}" fill="${options.background}" style="${tile}"/>` : '';
  // The sheet's `svg{…}` (or `*{…}`) reaches forge's root too, which holds the tile: svg{opacity:.5}
  // made the whole touch icon half transparent (iOS fills that black) and faded the mark twice;
  // svg{mask:url(#m)} masked the whole canvas with the mark's mask, sized for the mark's viewBox.
  return `${ROOT_PREFIX}${dimensions} viewBox="0 0 ${size} ${size}" style="${FORGE_ROOT_STYLE}">${options.prelude ?? ''}${background}${nested}${options.epilogue ?? ''}</svg>`;
}
