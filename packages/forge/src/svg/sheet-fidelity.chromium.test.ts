import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForThisFile } from '../../../../test/support/launch-chromium.ts';
import { SvgRejectedError } from '../errors.ts';
import { NAMED_COLOURS, validForProperty } from './css-values.ts';
import { sanitizeSvg } from './sanitize.ts';

/**
 * A differential test of the sanitizer's fidelity: a generated mark with a `<style>` sheet, inline
 * styles and presentation attributes, drawn by Chromium as an image, must look like the sanitizer's
 * output (sheet applied as attributes and dropped) drawn by the same Chromium. Both are the mark
 * alone, before composing, so any difference is the sanitizer's. The generator draws on what real
 * marks' sheets use (Illustrator's `.st0`, Inkscape's ids, hand-written `:root{--ink}` icons) and on
 * the cascade's corners: importance in sheets and inline, specificity, CSS-wide keywords, var(),
 * values invalid for their property.
 */
const browser = chromiumForThisFile();
let page: Page;
beforeAll(async () => {
  page = await browser().newPage();
});
afterAll(() => page?.close());

const SIZE = 64;
const COLOURS = ['#e30613', '#0057b8', '#00a651', '#ffcc00', '#000000', '#ffffff', 'red', 'currentColor', 'none', 'currentcolor', 'NONE'];
/**
 * Colours in syntaxes resvg 2.6.2 drew black (the sanitizer writes them as the hex Chromium paints):
 * CSS Color 4 and 5 functions, out of gamut too, alpha after a slash, picks and mixes (with the
 * element's currentColor), system colours, a context paint outside a marker.
 */
const MODERN_COLOURS = [
  ...['oklch(62% 0.2 25)', 'oklch(0.9 0.3 140)', 'lab(50% 40 30)', 'lch(40% 60 250deg)', 'oklab(0.6 -0.1 0.1)', 'hwb(200 20% 10%)', 'hsl(210deg 100% 36%)', 'rgb(0 87 184 / 50%)'],
  ...['color(display-p3 0.2 0.6 0.4)', 'color(srgb-linear 0.5 0.2 0.1 / 70%)', 'color(rec2020 0.5 0.2 0.1)', 'light-dark(#e30613, #0057b8)', 'color-mix(in oklch, #e30613, #0057b8 30%)'],
  ...['color-mix(in srgb, currentColor 40%, #ffcc00)', 'color-mix(in lab, #00a651 20%, transparent 20%)', 'contrast-color(#0057b8)', 'Canvas', 'ButtonFace', 'context-stroke'],
  // Relative colours and math in the channels (drawn black until 28 November 2026).
  ...['rgb(from #0057b8 calc(r + 100) g calc(b / 2))', 'hsl(calc(120deg + 30deg) 50% 50%)', 'oklch(from currentColor calc(l * 0.8) c h)'],
];
const KEYWORDS = ['inherit', 'initial', 'unset', 'revert'];
const CLASSES = ['a', 'b', 'c'];

interface Shape {
  kind: 'rect' | 'circle' | 'path';
  geometry: string;
}

const shape: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({ x: fc.integer({ min: 0, max: 40 }), y: fc.integer({ min: 0, max: 40 }), w: fc.integer({ min: 8, max: 40 }), h: fc.integer({ min: 8, max: 40 }) }).map(({ x, y, w, h }) => ({
    kind: 'rect' as const,
    geometry: `x="${x}" y="${y}" width="${w}" height="${h}"`,
  })),
  fc.record({ x: fc.integer({ min: 10, max: 54 }), y: fc.integer({ min: 10, max: 54 }), r: fc.integer({ min: 5, max: 20 }) }).map(({ x, y, r }) => ({
    kind: 'circle' as const,
    geometry: `cx="${x}" cy="${y}" r="${r}"`,
  })),
  fc.record({ x: fc.integer({ min: 0, max: 30 }), y: fc.integer({ min: 0, max: 30 }), s: fc.integer({ min: 10, max: 34 }) }).map(({ x, y, s }) => ({
    kind: 'path' as const,
    geometry: `d="M${x} ${y}h${s}l${-s / 2} ${s}z"`,
  })),
);

/** A declaration as sheets and inline styles write them. */
const declaration: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...COLOURS).map((colour) => `fill:${colour}`) },
  { weight: 2, arbitrary: fc.constantFrom(...COLOURS).map((colour) => `stroke:${colour}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('fill', 'stroke', 'color'), fc.constantFrom(...MODERN_COLOURS)).map(([property, colour]) => `${property}:${colour}`) },
  { weight: 2, arbitrary: fc.constantFrom('2', '4', '6px', '0').map((width) => `stroke-width:${width}`) },
  { weight: 1, arbitrary: fc.constantFrom('0.5', '.3', '1', '0').map((value) => `opacity:${value}`) },
  { weight: 1, arbitrary: fc.constantFrom('0.5', '1', '0').map((value) => `fill-opacity:${value}`) },
  { weight: 1, arbitrary: fc.constantFrom('none', 'inline', 'block').map((value) => `display:${value}`) },
  { weight: 1, arbitrary: fc.constantFrom('hidden', 'visible').map((value) => `visibility:${value}`) },
  { weight: 1, arbitrary: fc.constantFrom('translate(4px, 6px)', 'rotate(10deg)', 'scale(0.5)', 'none', 'translateX(8px)').map((value) => `transform:${value}`) },
  { weight: 1, arbitrary: fc.constantFrom('#0057b8', '#00a651').map((value) => `color:${value}`) },
  { weight: 2, arbitrary: fc.constantFrom('transform-origin:center', 'transform-origin:10px 20px', 'transform-origin:50% 50%', 'transform-origin:left top', 'opacity:50%', 'FILL:#00a651', 'fill:RED', 'stroke-width:10%', 'fill:rgb(0 87 184)', 'fill:transparent', 'stroke:none') },
  { weight: 1, arbitrary: fc.constantFrom('stroke-dasharray:4 2', 'stroke-linejoin:round', 'stroke-opacity:0.5', 'fill-rule:evenodd', 'paint-order:stroke') },
  // Invalid for the property: a browser drops the declaration, so the cascade falls to the next one.
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...['fill:#zz', 'fill:12px', 'stroke:#12345', 'stroke:2', 'stroke-width:red', 'opacity:abc', 'fill-opacity:2px', 'visibility:none', 'display:4', 'transform:red'],
      // Names that are no colour, functions of the wrong shape or unknown, units of another kind.
      ...['fill:banana', 'stroke:text', 'fill:rgb(1,2)', 'fill:rgb(1%,2,3)', 'stroke:hsl(1,2,3)', 'fill:hwb(1,2%,3%)', 'fill:color(srgb 1 0)', 'fill:foo(1)', 'stroke:url(#s1) banana', 'stroke-width:3deg'],
      ...['stroke-width:-2', 'stroke-width:calc(red)', 'stroke-width:foo(2)', 'opacity:calc(1px)', 'fill-opacity:0.5px', 'transform:foo(1)', 'transform:rotate(10deg) foo(1)', 'fill:currentColor red'],
    ),
  },
  // Valid, though forge's earlier checks never saw them: they must win as in the browser.
  { weight: 1, arbitrary: fc.constantFrom('fill:hsl(210 100% 36%)', 'fill:rgb(0 87 184 / 50%)', 'stroke:rgba(0,166,81,.5)', 'fill:DarkSlateGrey', 'fill:Canvas', 'stroke-width:calc(1px + 2px)', 'stroke-width:+3', 'opacity:calc(50%)') },
  // A quoted "!important" or ";" is the value's, not the declaration's.
  { weight: 1, arbitrary: fc.constantFrom("font-family:'a!important'", "font-family:'x;fill:#e30613!important;y'", 'font-family:"b;stroke:red"') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('--ink', '--edge'), fc.constantFrom('#e30613', '#0057b8', 'var(--ink)', 'var(--ink, #00a651)', 'oklch(70% 0.15 150)', 'color-mix(in srgb, var(--ink, red), #0057b8)')).map(([name, value]) => `${name}:${value}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('fill', 'stroke'), fc.constantFrom('var(--ink)', 'var(--ink, #ffcc00)', 'var(--edge, #00a651)', 'var(--none, var(--ink, #0057b8))'))
      .map(([property, value]) => `${property}:${value}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('fill', 'stroke', 'stroke-width', 'opacity', 'visibility', 'display', 'transform', 'fill-opacity'), fc.constantFrom(...KEYWORDS))
      .map(([property, keyword]) => `${property}:${keyword}`),
  },
);

const important = (text: fc.Arbitrary<string>) => fc.tuple(text, fc.constantFrom('', '', '', '!important', ' ! important')).map(([value, mark]) => value + mark);

const compound = fc.constantFrom('rect', 'circle', 'path', 'g', '*', '.a', '.b', '.c', '#s1', '#s2', '#g0', 'rect.a', '.a.b', '[class~="b"]', '[id^="s"]', '[fill]', '[style]', '[stroke="red"]', '[data-part]', 'svg');
const pseudo = fc.constantFrom('', '', '', ':first-child', ':last-child', ':nth-child(2)', ':not(.a)', ':is(rect, circle)', ':nth-of-type(1)', ':where(.b)', ':only-child', ':nth-child(odd)', ':not(:first-child)', ':nth-last-child(1)', ':empty', ':only-of-type');
const selector: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(compound, pseudo).map(([a, b]) => a + b) },
  { weight: 3, arbitrary: fc.tuple(compound, fc.constantFrom(' ', ' > ', ' + ', ' ~ '), compound, pseudo).map(([a, combinator, b, p]) => a + combinator + b + p) },
  { weight: 1, arbitrary: fc.constantFrom(':root', 'svg > g', 'g > *', ':root > :first-child') },
  { weight: 1, arbitrary: fc.tuple(compound, compound).map(([a, b]) => `${a}, ${b}`) },
);
const rule = fc.tuple(selector, fc.array(important(declaration), { minLength: 1, maxLength: 3 })).map(([chosen, body]) => `${chosen}{${body.join(';')}}`);

/** Presentation attributes (which every sheet rule beats) and an inline style (which beats normal rules). */
const presentation = fc.array(
  fc.oneof(
    fc.constantFrom(...COLOURS).map((colour) => `fill="${colour}"`),
    fc.constantFrom(...COLOURS).map((colour) => `stroke="${colour}"`),
    fc.tuple(fc.constantFrom('fill', 'stroke'), fc.constantFrom(...MODERN_COLOURS)).map(([property, colour]) => `${property}="${colour}"`),
    fc.constantFrom('3', '5').map((width) => `stroke-width="${width}"`),
    fc.constantFrom('0.6', '1').map((value) => `opacity="${value}"`),
    fc.constantFrom('translate(3 3)', 'rotate(-8)').map((value) => `transform="${value}"`),
    fc.constantFrom('data-part="x"', 'display="none"', 'visibility="hidden"'),
    // Invalid as attributes: Chromium ignores them, and so must the rebuild.
    fc.constantFrom('fill="banana"', 'fill="rgb(1,2)"', 'stroke="#12345"', 'stroke-width="3deg"', 'opacity="abc"'),
  ),
  { maxLength: 2 },
);
const inlineStyle = fc.option(fc.array(important(declaration), { minLength: 1, maxLength: 2 }).map((list) => list.join(';')), { freq: 3 });
const classes = fc.subarray(CLASSES, { maxLength: 2 });

function attributes(id: string | undefined, classList: string[], presented: string[], style: string | null): string {
  const unique = new Map(presented.map((attribute) => [attribute.slice(0, attribute.indexOf('=')), attribute]));
  return [id === undefined ? '' : ` id="${id}"`, classList.length > 0 ? ` class="${classList.join(' ')}"` : '', ...[...unique.values()].map((attribute) => ` ${attribute}`), style === null ? '' : ` style="${style}"`].join('');
}

const element = fc.record({ shape, withId: fc.boolean(), classList: classes, presented: presentation, style: inlineStyle });
const group = fc.record({
  withId: fc.boolean(),
  classList: classes,
  presented: presentation,
  style: inlineStyle,
  // Editor leftovers the sanitizer drops, but which a browser still counts as siblings.
  leading: fc.constantFrom('', '', '', '<title>t</title>', '<desc>d</desc>'),
  children: fc.array(element, { minLength: 1, maxLength: 3 }),
  // A group in the group, around its last shape.
  nested: fc.option(fc.record({ classList: classes, style: inlineStyle }), { freq: 3 }),
});

const mark: fc.Arbitrary<string> = fc
  .record({
    rootPresented: presentation,
    rootStyle: inlineStyle,
    leading: fc.constantFrom('', '', '<title>logo</title>', '<metadata/>'),
    sheetFirst: fc.boolean(),
    sheet: fc.array(rule, { minLength: 1, maxLength: 5 }),
    groups: fc.array(fc.oneof(group, element), { minLength: 1, maxLength: 3 }),
  })
  .map(({ rootPresented, rootStyle, leading, sheetFirst, sheet, groups }) => {
    let shapes = 0;
    const body = groups
      .map((item, index) => {
        if ('shape' in item) {
          shapes += 1;
          return `<${item.shape.kind} ${item.shape.geometry}${attributes(item.withId ? `s${shapes}` : undefined, item.classList, item.presented, item.style)}/>`;
        }
        const inner = item.children.map((child) => {
          shapes += 1;
          return `<${child.shape.kind} ${child.shape.geometry}${attributes(child.withId ? `s${shapes}` : undefined, child.classList, child.presented, child.style)}/>`;
        });
        if (item.nested) inner.push(`<g${attributes(undefined, item.nested.classList, [], item.nested.style)}>${inner.pop()}</g>`);
        return `<g${attributes(item.withId ? `g${index}` : undefined, item.classList, item.presented, item.style)}>${item.leading}${inner.join('')}</g>`;
      })
      .join('');
    const style = `<style>${sheet.join('\n')}</style>`;
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}"${attributes(undefined, [], rootPresented, rootStyle)}>${leading}${sheetFirst ? style + body : body + style}</svg>`;
  });

/**
 * Each pair drawn as an image at SIZE × SIZE on a transparent canvas, in one page: per pair, the
 * number of pixels whose channels differ by more than a small tolerance (antialiasing).
 */
async function differingPixels(pairs: ReadonlyArray<readonly [string, string]>): Promise<number[]> {
  return page.evaluate(
    async ({ pairs, size }) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const draw = async (svg: string) => {
        const image = new Image(size, size);
        image.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
        await image.decode();
        context.clearRect(0, 0, size, size);
        context.drawImage(image, 0, 0, size, size);
        return context.getImageData(0, 0, size, size).data;
      };
      const counts: number[] = [];
      for (const [original, sanitized] of pairs) {
        const [a, b] = [await draw(original), await draw(sanitized)];
        let differing = 0;
        for (let index = 0; index < a.length; index += 4) {
          // Compared premultiplied: the straight channels of a faint edge pixel (a 20% colour's antialiasing) are rounding noise.
          const [alphaA, alphaB] = [a[index + 3]!, b[index + 3]!];
          for (let channel = 0; channel < 4; channel += 1) {
            const [valueA, valueB] = channel === 3 ? [alphaA, alphaB] : [(a[index + channel]! * alphaA) / 255, (b[index + channel]! * alphaB) / 255];
            if (Math.abs(valueA - valueB) > 24) {
              differing += 1;
              break;
            }
          }
        }
        counts.push(differing);
      }
      return counts;
    },
    { pairs: pairs as Array<readonly [string, string]>, size: SIZE },
  );
}

/**
 * The paints of a sanitized mark that resvg 2.6.2 does not read (it drew them black): every colour
 * must be hex, a named colour, transparent, currentColor or none, alone or as a url()'s fallback. A
 * mix holding currentColor where the mark sets no colour is left for forge's compose to colour
 * (docs/forge.md), and stays.
 */
function unreadByResvg(svg: string): string[] {
  // resvg reads currentColor and none in this spelling only (probed: currentcolor, None drew black).
  const readable = new RegExp(`^(?:url\\([^)]*\\)\\s*)?(?:#[0-9a-f]{3,8}|transparent|${[...NAMED_COLOURS.keys()].join('|')})?$`, 'i');
  const keyword = /^(?:url\([^)]*\)\s*)?(?:currentColor|none)$/;
  return [...svg.matchAll(/\s(fill|stroke|stop-color|flood-color|lighting-color|color)="([^"]*)"/g)].flatMap(([written, , value]) =>
    // A function of currentColor where the mark sets no color is resolved when forge composes it (withRootColour).
    readable.test(value!.trim()) || keyword.test(value!.trim()) || (value!.includes('(') && /currentcolor/i.test(value!)) ? [] : [written.trim()],
  );
}

/** A few pixels of antialiasing at the edge of a shape are allowed; a fill, a stroke or a shape that moved is not. */
const TOLERATED_PIXELS = 3;

describe('a sanitized mark looks like the original in Chromium (the sheet applied as attributes)', () => {
  it('draws generated marks with sheets, inline styles and presentation attributes alike', async () => {
    let marks = 0;
    let refused = 0;
    let rootOrigins = 0;
    // A run is a batch of marks drawn in one evaluate; a failing batch shrinks (fewer marks, each
    // simpler) to the smallest mark that still differs, which the failure names with its output.
    await fc.assert(
      fc.asyncProperty(fc.array(mark, { minLength: 1, maxLength: 250, size: 'max' }), async (batch) => {
        const pairs: Array<readonly [string, string]> = [];
        for (const original of batch) {
          marks += 1;
          try {
            const sanitized = sanitizeSvg(original).svg;
            // A documented difference (docs/forge.md): the root's transform-origin is of its CSS box in a browser, which forge does not place.
            const unread = unreadByResvg(sanitized);
            if (unread.length > 0) throw new Error(`resvg cannot read ${unread.join(' ')}; sanitized as ${sanitized}`);
            if (/^<svg[^>]*\stransform="/.test(sanitized) && original.includes('transform-origin')) rootOrigins += 1;
            else pairs.push([original, sanitized]);
          } catch (error) {
            // Refused by design (every shape hidden by its attributes): nothing to compare.
            if (!(error instanceof SvgRejectedError)) throw error;
            refused += 1;
          }
        }
        const counts = await differingPixels(pairs);
        const index = counts.findIndex((count) => count > TOLERATED_PIXELS);
        if (index >= 0) throw new Error(`${counts[index]} pixels differ; sanitized as ${pairs[index]![1]}`);
      }),
      { seed: 20261128, numRuns: 4 },
    );
    // The generator must mostly make marks forge takes, or the comparison proves little.
    expect((refused + rootOrigins) / marks).toBeLessThan(0.25);
    // Alone it takes 2.5 to 20 s here, by the machine's load; beside the other forge files on two busy cores Chromium's
    // drawing alone passed the default 30 s (the work is fixed by the seed: no timing is asserted).
  }, 120_000);
});

const COLOUR_VALUES = [
  ...NAMED_COLOURS.keys(),
  ...'Transparent currentColor banana text grey Canvas ButtonFace Highlight -webkit-link -webkit-text -webkit-banana'.split(' '),
  ...['#fff', '#ffff', '#ffffff', '#ffffffff', '#FFF', '#1e3', '#ff', '#fffff', '#fffffff', '#zz', '# fff', '12', '12px', 'red red', 'red,blue'],
  ...['rgb(1,2,3)', 'rgba(1,2,3,.5)', 'rgb(1,2,3,50%)', 'rgb(1%,2%,3%)', 'rgb(1 2 3)', 'rgba(1 2 3)', 'rgb(1 2% 3)', 'rgb(1 2 3 / .5)', 'rgb(1 2 3 / none)', 'RGB( 1 2 3 )', 'rgb(none 2 3)', 'rgb(calc(255) calc(50%) 0)', 'rgb(min(1, 2) 0 0)'],
  ...['rgb(1,2)', 'rgb(1,2,3,4,5)', 'rgb(1%,2,3)', 'rgb(1, 2 3)', 'rgb(1 2 3 4)', 'rgb(1 2 3 /)', 'rgb(1 2 / 3)', 'rgb(1,2,3,)', 'rgb(1,2,none)', 'rgb(1deg 2 3)', 'rgb(1px 2 3)', 'rgb()', 'rgb(red)', 'rgb (1 2 3)', 'rgb(calc(1px) 0 0)', 'rgb(1 2 3) x'],
  ...['hsl(1,2%,3%)', 'hsl(1deg,2%,3%)', 'hsla(1, 2%, 3%, .5)', 'hsl(1turn 2% 3%)', 'hsl(1 2 3)', 'hsl(none 2% 3%)', 'hsl(calc(1deg) 2% 3%)', 'hsl(sin(1) 2% 3%)'],
  ...['hsl(1,2,3)', 'hsl(1,2%,3)', 'hsl(1% 2% 3%)', 'hsl(1px 2% 3%)', 'hwb(1 2% 3%)', 'hwb(1 2 3 / 1)', 'hwb(none none none)', 'hwb(1,2%,3%)', 'hwb(1 2% 3% 4%)'],
  ...['lab(1% 2 3)', 'lab(1 2 3 / .5)', 'lab(1deg 2 3)', 'lab(1,2,3)', 'lch(1 2 3deg)', 'lch(1 2deg 3)', 'oklab(0.5 0.1 0.1)', 'oklch(50% 0.2 260deg)', 'oklch(0.5,0.2,260)', 'laba(1 2 3)'],
  ...['color(srgb 1 0 0)', 'color(display-p3 1 0 0 / .5)', 'color(xyz-d50 1 0 0)', 'color(SRGB 1% none 0)', 'color(foo 1 0 0)', 'color(srgb 1 0)', 'color(srgb 1, 0, 0)', 'color(srgb 1deg 0 0)', 'color(--x 1 0 0)'],
  ...['rgb(from red r g b)', 'light-dark(red, blue)', 'light-dark(red)', 'light-dark(red, banana)', 'color-mix(in srgb, red, blue 20%)', 'color-mix(red, banana)', 'contrast-color(red)', 'device-cmyk(0 0 0 1)', 'foo(1)', 'calc(red)', 'constructor(1)'],
  ...['color-mix(in srgb, red)', 'color-mix(in srgb, red, blue, lime)', 'color-mix(in srgb, red 150%, blue)', 'color-mix(in srgb, red -10%, blue)', 'color-mix(in foo, red, blue)', 'color-mix(in srgb longer hue, red, blue)'],
  ...['color-mix(in oklch longer hue, red, blue)', 'color-mix(in oklch longer, red, blue)', 'color-mix(red, blue)', 'color-mix(in srgb, red 10% 20%, blue)', 'color-mix(in srgb, 30% red, blue)', 'color-mix(in display-p3-linear, red, blue)'],
  // Relative colours and math in the channels: types that add up or not, whitespace around + and -, channel keywords of the space.
  ...['rgb(from #f36 r g b / 50%)', 'hsl(from red h s calc(l * 0.5))', 'color(from red srgb calc(r / 2) g b)', 'hsl(from red calc(h + 30) s l)', 'hsl(from red calc(h + 30deg) s l)', 'hsl(from red h calc(s + 10%) l)'],
  ...['rgb(from red calc(r + 10%) g b)', 'rgb(from red r, g, b)', 'rgb(from red r g)', 'rgb(from red x g b)', 'rgb(from banana r g b)', 'rgb(from red r g b alpha)', 'rgb(from red)', 'color(from red srgb x y z)', 'color(from red xyz r g b)'],
  ...['rgb(from currentColor r g b)', 'rgb(from rgb(from red g r b) r g b)', 'oklch(from red l c calc(h + 30deg))', 'hsl(from red calc(h * 1deg) s l)', 'rgb(from red r g b / none)', 'lab(from red l calc(a * -1) b)'],
  ...['rgb(calc(255 / 2) 0 0)', 'hsl(calc(120deg + 30deg) 50% 50%)', 'rgb(calc(50% + 10) 0 0)', 'rgb(calc(50% + 10%) 0 0)', 'rgb(calc(1+2) 0 0)', 'rgb(calc(1 +2) 0 0)', 'rgb(calc(1 + 2) 0 0)', 'rgb(calc(pi * 20) 0 0)'],
  ...['rgb(calc(-e) 0 0)', 'rgb(calc(r) 0 0)', 'rgb(calc(50% * 2%) 0 0)', 'rgb(calc(100 / 2%) 0 0)', 'hsl(calc(10deg / 2deg) 50% 50%)', 'hsl(calc(120 + 30deg) 50% 50%)', 'rgb(max() 0 0)', 'rgb(clamp(1, 2) 0 0)'],
  ...['rgb(round(1.5deg) 0 0)', 'rgb(clamp(none, 300, 255) 0 0)', 'rgb(calc(100%), 0, 0)', 'rgb(calc(100%), 0%, 0%)', 'rgb(255 0 0 / calc(0.5 + 10%))', 'rgb(calc(1 + 2)0 0)', 'rgb(calc(var) 0 0)'],
  ...['color-mix(in srgb, red calc(30%), blue)', 'color-mix(in srgb, red calc(150%), blue)', 'color-mix(in srgb, red calc(30), blue)', 'color-mix(in srgb, red calc(1+2%), blue)', 'rgb(random(0, 255) 0 0)'],
];
const LENGTH_VALUES = [
  ...'0 3 +3 .5 1e2 3. -3 3e 3% 3px 3PX 3Q 3em 3rlh 3vw 3svmin 3dvb 3cqmax 3cap 3ric 3mm 3in 3pc 3deg 3s 3x 3fr 3banana -3px 3.px'.split(' '),
  ...['3 px', '3px 4px', 'none', 'red', 'auto', 'calc(1px + 2px)', 'calc(2)', 'calc(10% - 1px)', 'min(1px, 2px)', 'clamp(1px, 2px, 3px)', 'calc(e * 1px)', 'round(up, 1.5px, 1px)', 'calc(sin(45deg) * 1px)', '-webkit-calc(1px + 2px)'],
  ...['calc(red)', 'calc(#fff)', 'calc()', 'calc(1px+2px)', 'calc(1deg)', 'sign(-1) * 1px', 'foo(1)', 'rgb(1 2 3)', 'sibling-index()', 'random(1px, 2px)'],
];
const NUMBER_VALUES = ['0.5', '.3', '+.5', '1e-1', '-0.5', '150%', '50%', '0.5px', 'abc', 'none', 'calc(0.5)', 'calc(50% * 0.5)', 'min(1, 0.5)', 'calc(1px)', 'calc(red)', 'foo(1)', '0.5 0.5', '-1'];
/**
 * Declarations forge keeps and Chromium drops, knowingly: the types inside a math function are not
 * added up (a length plus a number).
 */
const KEPT_THOUGH_INVALID = new Set(['stroke-width:calc(1px + 2)', 'stroke-width:max(1px, 3)']);

describe('a value is valid for its property where Chromium parses it as valid', () => {
  it('keeps what Chromium keeps and drops what it drops: colours, paints, lengths, numbers, transforms, in a sheet and as an attribute', async () => {
    const cases: Array<[string, string]> = [
      ...['fill', 'stop-color'].flatMap((property) => COLOUR_VALUES.map((value) => [property, value] as [string, string])),
      ...['none', 'context-fill', 'context-stroke', 'url(#a)', 'url("#a") none', 'url(#a) red', 'url(#a) rgb(1 2 3)', 'url(#a) banana', 'url(#a) rgb(1,2)', 'url(#a) context-fill', 'red url(#a)', 'url(#a),red', 'none red'].flatMap(
        (value) => ['fill', 'stroke', 'flood-color'].map((property) => [property, value] as [string, string]),
      ),
      ...['stroke-width', 'stroke-dashoffset'].flatMap((property) => LENGTH_VALUES.map((value) => [property, value] as [string, string])),
      ...['opacity', 'fill-opacity', 'stroke-miterlimit'].flatMap((property) => NUMBER_VALUES.map((value) => [property, value] as [string, string])),
      ...['stroke-width:calc(1px + 2)', 'stroke-width:max(1px, 3)', 'visibility:none', 'fill-rule:odd', 'display:4', 'display:inline flex'].map((text) => text.split(':') as [string, string]),
      ...['none', 'rotate(5deg)', 'translateX(2px) scale3d(1,1,1)', 'perspective(10px)', 'foo(1)', 'rotate(5deg) foo(1)', 'red', 'none none'].map((value) => ['transform', value] as [string, string]),
    ];
    // Chromium's verdict on each: the sheet's (CSS.supports) and whether the same value as a presentation attribute is read alike.
    const verdicts = await page.evaluate((cases) => {
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      svg.append(rect);
      document.body.append(svg);
      return cases.map(([property, value]) => {
        const valid = CSS.supports(property, value);
        if (property === 'transform') return { valid, attributeAlike: true };
        // A value Chromium takes changes the computed style from its initial one, in a sheet (style) and as an attribute alike; an invalid one changes neither.
        rect.removeAttribute('style');
        rect.removeAttribute(property);
        const initial = getComputedStyle(rect).getPropertyValue(property);
        rect.style.setProperty(property, value);
        const styled = getComputedStyle(rect).getPropertyValue(property);
        rect.removeAttribute('style');
        rect.setAttribute(property, value);
        const attributed = getComputedStyle(rect).getPropertyValue(property);
        return { valid, attributeAlike: attributed === styled || (!valid && attributed === initial) };
      });
    }, cases);
    const wrong = cases.flatMap(([property, value], index) => {
      const { valid, attributeAlike } = verdicts[index]!;
      const forge = validForProperty(property, value);
      if (!attributeAlike) return [`${property}="${value}" is read otherwise as an attribute`];
      if (valid && !forge) return [`${property}:${value} is dropped by forge, kept by Chromium`];
      if (!valid && forge && !KEPT_THOUGH_INVALID.has(`${property}:${value}`)) return [`${property}:${value} is kept by forge, dropped by Chromium`];
      return [];
    });
    expect(wrong).toEqual([]);
    // The known exceptions are still exceptions: kept by forge, dropped by Chromium.
    expect(cases.flatMap(([property, value], index) => (KEPT_THOUGH_INVALID.has(`${property}:${value}`) ? [validForProperty(property, value) && !verdicts[index]!.valid] : []))).toEqual([true, true]);
  });
});
