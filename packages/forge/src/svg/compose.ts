import type { HexColor, SanitizedSvg } from '../plan/types.ts';
import { withRootColour } from './colours.ts';

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

/** What a sheet in the drawn SVG may not set on the root `<svg>` forge draws it into (see composeIcon; sanitized marks hold none). */
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
 * raster job (and last in the group that takes the root's effects, in favicon.svg too: see
 * withEffectsGroup). resvg 2.6.2 draws the nested `<svg>` as a layer clipped to its viewport and sizes
 * that layer by what it holds, cut to two canvas sides around the canvas; when everything in it
 * lies farther out (artwork left beside the artboard) the cut is empty and resvg panics
 * (`geom.rs:27`, an unwrap), killing the renderer: `render-crashed` instead of the blank icons
 * the favicon stage refuses as `svg-empty`. With this shape the layer always covers the viewport,
 * which the clip keeps anyway. It paints at zero alpha, which leaves every pixel as it was
 * (output byte-identical, measured on the test marks), and its opacity is a `style` attribute
 * because that wins over a sheet in resvg (measured, `!important` included). So is its display: a
 * sheet's `path{display:none}` removed the anchor, and resvg panicked again. (The sanitizer now
 * applies a mark's sheets and keeps none; an SVG given to compose directly may still hold one.)
 */
function layerAnchor([x, y, width, height]: SanitizedSvg['viewBox']): string {
  return `<path d="M${x} ${y}h${width}v${height}h${-width}z" style="fill-opacity:0;stroke:none;display:inline"/>`;
}

/** A root's opacity, filter or mask, as the sanitizer writes attributes (` name="value"`; its sheets are applied as attributes too). */
const GROUP_EFFECT = / (opacity|filter|mask)="[^"]*"/g;

/**
 * The root's opacity, filter and mask apply once, to the mark, over the box of its viewBox, in
 * every output. resvg 2.6.2 applies those of a nested `<svg>` twice (a root `opacity="0.5"` drew
 * the icons at a quarter), so they move from the mark's root to a group holding its content (the
 * viewBox's user space). That group alone would be measured by its content: a filter's or mask's
 * default region (-10 % to 120 % of the bounding box) and objectBoundingBox units then followed
 * the drawing, not the mark, and a drop shadow cast past the content (`svg{filter:drop-shadow(…)}`,
 * a `<filter>` with feOffset) was cut off in the PNGs and favicon.svg, where a browser showing the
 * mark alone measures its root by its viewport, the viewBox. The group therefore ends with the
 * layer anchor, which covers the viewBox and paints nothing, in favicon.svg too. `body` is the mark
 * after `<svg xmlns="…"`, without its closing tag.
 */
function withEffectsGroup(body: string, viewBox: SanitizedSvg['viewBox'], raster: boolean): string {
  const end = body.indexOf('>');
  const rootAttributes = body.slice(0, end);
  const effects = [...rootAttributes.matchAll(GROUP_EFFECT)].map(([attribute]) => attribute).join('');
  if (effects === '') return raster ? body + layerAnchor(viewBox) : body;
  return `${rootAttributes.replace(GROUP_EFFECT, '')}><g${effects}>${body.slice(end + 1)}${layerAnchor(viewBox)}</g>`;
}

/**
 * The one way forge puts a sanitized mark on a canvas: its own root becomes a nested `<svg>` at
 * `place` (its viewBox and preserveAspectRatio fit the drawing into that box), given the paint it
 * leaves unset (defaultPaint). For a raster job it ends with the layer anchor above, which keeps
 * resvg alive on artwork left beside the artboard; its opacity, filter and mask go to a group
 * (withEffectsGroup). Every stage that draws a creator's SVG goes through here (composeIcon for
 * the icons, badges and live favicon; the social card's mark), so none can forget the anchor; a
 * stage building its own nested `<svg>` did, and crashed. The mark carries no `<style>` (the
 * sanitizer applies its sheets), so nothing of the creator's reaches the shapes forge draws around it.
 */
export function placedMark(mark: SanitizedSvg, place: Placement, options: { defaultFill: HexColor; raster: boolean }): string {
  if (!mark.svg.startsWith(ROOT_PREFIX)) throw new Error('placedMark expects a sanitized SVG');
  const paint = defaultPaint(mark, options.defaultFill);
  // resvg reads currentColor only where it stands: a mix of it under the root colour given here was drawn black (colours.ts).
  let body = (options.raster && paint.includes(' color="') ? withRootColour(mark.svg, options.defaultFill) : mark.svg).slice(ROOT_PREFIX.length);
  // Last, so no shape of the mark gets a sibling before it. A childless root (`<svg …/>`) holds
  // nothing to draw or crash on.
  if (body.endsWith('</svg>')) body = withEffectsGroup(body.slice(0, -'</svg>'.length), mark.viewBox, options.raster) + '</svg>';
  return `<svg x="${place.x}" y="${place.y}" width="${place.width}" height="${place.height}"${paint}${body}`;
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
