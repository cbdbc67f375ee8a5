import { evaluateMath } from './css-math.ts';

/**
 * CSS values read as Chromium reads them when it parses a sheet, an inline style or a presentation
 * attribute (it parses all three alike: probed with getComputedStyle, see sheet-fidelity.chromium.test).
 * A declaration whose value is invalid for its property is dropped there, so the cascade falls to
 * the next one; an invalid presentation attribute is ignored, so the property inherits. Written as
 * an attribute instead, resvg drew `fill="banana"`, `fill="rgb(1,2)"` or `#zz` black and
 * `stroke-width="3deg"` one unit wide.
 *
 * What is read: paints and colours (every named, system and hex colour, the colour functions with
 * their arguments' number, kinds and separators), opacities, stroke widths, offsets and miter
 * limits (numbers and CSS length units; math functions unless they hold what no math can), keyword
 * properties, and the names of transform functions. Where a value cannot be judged when the sheet is
 * parsed (var(), env(), attr(), if(), a relative colour `rgb(from …)`) it is kept, so a valid
 * declaration is never lost.
 */

// CSS named colours (CSS Color 4), as a mark written by hand uses them: fill="black", stroke="navy".
export const NAMED_COLOURS: ReadonlyMap<string, string> = new Map(
  (
    'aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc ' +
    'bisque:ffe4c4 black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a ' +
    'burlywood:deb887 cadetblue:5f9ea0 chartreuse:7fff00 chocolate:d2691e coral:ff7f50 ' +
    'cornflowerblue:6495ed cornsilk:fff8dc crimson:dc143c cyan:00ffff darkblue:00008b darkcyan:008b8b ' +
    'darkgoldenrod:b8860b darkgray:a9a9a9 darkgreen:006400 darkgrey:a9a9a9 darkkhaki:bdb76b ' +
    'darkmagenta:8b008b darkolivegreen:556b2f darkorange:ff8c00 darkorchid:9932cc darkred:8b0000 ' +
    'darksalmon:e9967a darkseagreen:8fbc8f darkslateblue:483d8b darkslategray:2f4f4f ' +
    'darkslategrey:2f4f4f darkturquoise:00ced1 darkviolet:9400d3 deeppink:ff1493 deepskyblue:00bfff ' +
    'dimgray:696969 dimgrey:696969 dodgerblue:1e90ff firebrick:b22222 floralwhite:fffaf0 ' +
    'forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc ghostwhite:f8f8ff gold:ffd700 ' +
    'goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f grey:808080 honeydew:f0fff0 ' +
    'hotpink:ff69b4 indianred:cd5c5c indigo:4b0082 ivory:fffff0 khaki:f0e68c lavender:e6e6fa ' +
    'lavenderblush:fff0f5 lawngreen:7cfc00 lemonchiffon:fffacd lightblue:add8e6 lightcoral:f08080 ' +
    'lightcyan:e0ffff lightgoldenrodyellow:fafad2 lightgray:d3d3d3 lightgreen:90ee90 lightgrey:d3d3d3 ' +
    'lightpink:ffb6c1 lightsalmon:ffa07a lightseagreen:20b2aa lightskyblue:87cefa ' +
    'lightslategray:778899 lightslategrey:778899 lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00 ' +
    'limegreen:32cd32 linen:faf0e6 magenta:ff00ff maroon:800000 mediumaquamarine:66cdaa ' +
    'mediumblue:0000cd mediumorchid:ba55d3 mediumpurple:9370db mediumseagreen:3cb371 ' +
    'mediumslateblue:7b68ee mediumspringgreen:00fa9a mediumturquoise:48d1cc mediumvioletred:c71585 ' +
    'midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5 navajowhite:ffdead ' +
    'navy:000080 oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500 orangered:ff4500 ' +
    'orchid:da70d6 palegoldenrod:eee8aa palegreen:98fb98 paleturquoise:afeeee palevioletred:db7093 ' +
    'papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f pink:ffc0cb plum:dda0dd powderblue:b0e0e6 ' +
    'purple:800080 rebeccapurple:663399 red:ff0000 rosybrown:bc8f8f royalblue:4169e1 ' +
    'saddlebrown:8b4513 salmon:fa8072 sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee sienna:a0522d ' +
    'silver:c0c0c0 skyblue:87ceeb slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa ' +
    'springgreen:00ff7f steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347 ' +
    'turquoise:40e0d0 violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00 ' +
    'yellowgreen:9acd32'
  )
    .split(' ')
    .map((entry) => entry.split(':') as [string, string]),
);

/**
 * CSS Color 4's system colours, its deprecated ones and two of Chromium's own, each taken by Chromium
 * and painted in a light scheme as given (probed). They draw the viewer's theme colours.
 */
export const SYSTEM_COLOURS: ReadonlyMap<string, string> = new Map(
  (
    'accentcolor:0075ff accentcolortext:ffffff activetext:ff0000 buttonborder:000000 buttonface:efefef buttontext:000000 ' +
    'canvas:ffffff canvastext:000000 field:ffffff fieldtext:000000 graytext:808080 highlight:0041c6cc highlighttext:ffffff ' +
    'linktext:0000ee mark:ffff00 marktext:000000 selecteditem:1967d2 selecteditemtext:ffffff visitedtext:551a8b ' +
    'activeborder:000000 activecaption:ffffff appworkspace:ffffff background:ffffff buttonhighlight:efefef ' +
    'buttonshadow:efefef captiontext:000000 inactiveborder:000000 inactivecaption:ffffff inactivecaptiontext:808080 ' +
    'infobackground:ffffff infotext:000000 menu:ffffff menutext:000000 scrollbar:ffffff threeddarkshadow:000000 ' +
    'threedface:efefef threedhighlight:000000 threedlightshadow:000000 threedshadow:000000 window:ffffff ' +
    'windowframe:000000 windowtext:000000 -webkit-link:0000ee -webkit-activelink:ff0000'
  )
    .split(' ')
    .map((entry) => entry.split(':') as [string, string]),
);

/** Colour keywords besides the named colours. */
const OTHER_COLOUR_WORDS = new Set(['transparent', 'currentcolor', ...SYSTEM_COLOURS.keys()]);

/** CSS's keywords for "the value from elsewhere", valid for every property. */
export const CSS_WIDE_KEYWORD = /^\s*(inherit|initial|unset|revert|revert-layer)\s*$/i;

/** Functions whose result is known only at computed-value time: a value holding one is kept (var() is resolved later). */
const SUBSTITUTION = /(?:^|[^\w-])(?:var|env|attr|if)\(/i;

const viewport = ['', 's', 'l', 'd'].flatMap((size) => ['vw', 'vh', 'vi', 'vb', 'vmin', 'vmax'].map((unit) => size + unit));
/** Units by kind of value: each a unit Chromium takes on stroke-width (probed), or in a hue. */
const UNIT_KIND: ReadonlyMap<string, 'l' | 'a'> = new Map([
  ...[...'px em rem ex rex cap rcap ch rch ic ric lh rlh cqw cqh cqi cqb cqmin cqmax cm mm q in pt pc'.split(' '), ...viewport].map((unit) => [unit, 'l'] as const),
  ...['deg', 'rad', 'grad', 'turn'].map((unit) => [unit, 'a'] as const),
]);

/** CSS math functions, and the words they may hold besides numbers, operators and dashed names. */
const MATH = new Set(
  'calc -webkit-calc min max clamp round mod rem abs sign sin cos tan asin acos atan atan2 pow sqrt hypot log exp progress random sibling-index sibling-count e pi infinity -infinity nan nearest up down to-zero from to by per-element'.split(
    ' ',
  ),
);

const TRANSFORM_FUNCTIONS = new Set(
  'matrix matrix3d translate translatex translatey translatez translate3d scale scalex scaley scalez scale3d rotate rotatex rotatey rotatez rotate3d skew skewx skewy perspective'.split(' '),
);

/** A CSS number (digits after a point, if any) and its unit or `%`. Digits are one run before the point: linear on a stranger's digits. */
const NUMERIC = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)(%|[a-z]+)?$/i;
export const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** A top-level part of a value: a word, a `,` or `/`, or a function (lower-cased name) with its arguments unread. */
export interface Part {
  text: string;
  name?: string;
  args?: string;
}

/** A value's parts at the top level; quotes and brackets inside a function are its own, and a bracket left open closes at the end, as in CSS. */
export function partsOf(value: string): Part[] {
  const parts: Part[] = [];
  let word = '';
  let depth = 0;
  let quote = '';
  let opened = 0;
  const endWord = () => {
    if (word !== '') parts.push({ text: word.toLowerCase() });
    word = '';
  };
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    if (depth > 0) {
      if (quote) {
        if (char === quote) quote = '';
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '(') depth += 1;
      else if (char === ')' && --depth === 0) {
        parts.push({ text: '()', name: word.toLowerCase(), args: value.slice(opened, index) });
        word = '';
      }
    } else if (char === '(') {
      depth = 1;
      opened = index + 1;
    } else if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f') endWord();
    else if (char === ',' || char === '/') {
      endWord();
      parts.push({ text: char });
    } else word += char;
  }
  if (depth > 0) parts.push({ text: '()', name: word.toLowerCase(), args: value.slice(opened) });
  else endWord();
  return parts;
}

/**
 * Kinds of value a part may be: n a number, % a percentage, l a length, a an angle, x the keyword
 * `none`. A math function fits unless it holds a word no math knows, a unit of another kind or
 * nothing; its types are not added up (`calc(1px + 2)` is kept, where Chromium drops it).
 */
function fits(part: Part | undefined, kinds: string, nonNegative = false): boolean {
  if (part === undefined) return false;
  if (part.name !== undefined) {
    if (!MATH.has(part.name)) return false;
    const inner = part.args!.trim();
    if (inner === '') return part.name.startsWith('sibling-');
    // Numbers multiply any kind; an angle is a length's or a number's only through a trigonometric function.
    const inside = `n${kinds}${/(?:sin|cos|tan)\(/i.test(inner) ? 'a' : ''}`;
    return inner.split(/[\s,()*/]+/).every((token) => {
      if (token === '' || token === '+' || token === '-' || token.startsWith('--') || MATH.has(token.toLowerCase())) return true;
      const unit = NUMERIC.exec(token)?.[2]?.toLowerCase();
      return unit !== undefined ? inside.includes(UNIT_KIND.get(unit) ?? (unit === '%' ? '%' : '?')) : NUMERIC.test(token);
    });
  }
  if (part.text === 'none') return kinds.includes('x');
  const numeric = NUMERIC.exec(part.text);
  if (!numeric || (nonNegative && Number(numeric[1]) < 0)) return false;
  const unit = numeric[2]?.toLowerCase();
  return kinds.includes(unit === undefined ? 'n' : unit === '%' ? '%' : (UNIT_KIND.get(unit) ?? '?'));
}

/**
 * Colour functions by the kinds of their three channels, in the space-separated syntax; the older
 * comma syntax where one exists. Maps, not objects, here and below: `fill:constructor(1)` finds nothing.
 */
const CHANNELS: ReadonlyMap<string, { modern: readonly string[]; legacy?: ReadonlyArray<readonly string[]> }> = new Map([
  ['rgb', { modern: ['n%x', 'n%x', 'n%x'], legacy: [['n', 'n', 'n'], ['%', '%', '%']] }],
  ['hsl', { modern: ['nax', 'n%x', 'n%x'], legacy: [['na', '%', '%']] }],
  ['hwb', { modern: ['nax', 'n%x', 'n%x'] }],
  ['lab', { modern: ['n%x', 'n%x', 'n%x'] }],
  ['oklab', { modern: ['n%x', 'n%x', 'n%x'] }],
  ['lch', { modern: ['n%x', 'n%x', 'nax'] }],
  ['oklch', { modern: ['n%x', 'n%x', 'nax'] }],
  // color(<space> c1 c2 c3): the space is read first.
  ['color', { modern: ['n%x', 'n%x', 'n%x'] }],
]);
/** The older names, which take the same arguments. */
const LEGACY_NAMES: ReadonlyMap<string, string> = new Map([
  ['rgba', 'rgb'],
  ['hsla', 'hsl'],
]);
const COLOR_SPACES = new Set(['srgb', 'srgb-linear', 'display-p3', 'display-p3-linear', 'a98-rgb', 'prophoto-rgb', 'rec2020', 'xyz', 'xyz-d50', 'xyz-d65']);

/** A relative colour's channel keywords, by function; color()'s by its space. */
function channelKeywords(name: string, space: string): readonly string[] {
  if (name === 'color') return space.startsWith('xyz') ? ['x', 'y', 'z', 'alpha'] : ['r', 'g', 'b', 'alpha'];
  const base = LEGACY_NAMES.get(name) ?? name;
  return [...(base === 'rgb' ? 'rgb' : base.replace(/^ok/, '')), 'alpha'];
}

/**
 * A channel as the token of the type it gives: a math function (css-math.ts) or a relative colour's
 * keyword (a number) becomes `0`, `0%` or `0deg`; undefined where Chromium drops the colour for it
 * (`calc(50% + 10)`, `calc(1+2)`, `calc(h + 30deg)`).
 */
function typedChannel(part: Part, keywords: ReadonlyMap<string, number>): Part | undefined {
  if (part.name === undefined) return keywords.has(part.text) ? { text: '0' } : part;
  if (!MATH.has(part.name)) return part;
  const result = evaluateMath(`${part.name}(${part.args})`, keywords);
  if (result === 'invalid') return undefined;
  return { text: `0${result.type === 'n' ? '' : result.type === '%' ? '%' : 'deg'}` };
}

/** The arguments of a colour function, by their number, kinds and separators (`rgb(1,2)`, `hsl(1,2,3)`, `hwb(1,2%,3%)` are not colours). */
function channelsFit(name: string, args: string, depth: number): boolean {
  let parts = partsOf(args);
  // A relative colour (`rgb(from red r g b)`): an origin colour, then channels that may name its own.
  const relative = parts[0]?.text === 'from' && parts[0].name === undefined;
  if (relative) {
    if (parts[1] === undefined || !(depth >= MAX_COLOUR_NESTING || isColour(parts.slice(1, 2), depth + 1))) return false;
    parts = parts.slice(2);
  }
  const space = parts[0]?.name === undefined ? (parts[0]?.text ?? '') : '';
  if (name === 'color') {
    if (!COLOR_SPACES.has(space)) return false;
    parts = parts.slice(1);
  }
  const keywords = new Map(relative ? channelKeywords(name, space).map((keyword) => [keyword, 0] as const) : []);
  const typed = parts.map((part) => typedChannel(part, keywords));
  if (typed.some((part) => part === undefined)) return false;
  parts = typed as Part[];
  const shape = CHANNELS.get(LEGACY_NAMES.get(name) ?? name)!;
  const modern = shape.modern;
  if (parts.length === 3 || (parts.length === 5 && parts[3]!.text === '/' && fits(parts[4], 'n%x'))) {
    return modern.every((kinds, index) => fits(parts[index], kinds));
  }
  // The comma syntax has no relative form (probed: rgb(from red r, g, b) is dropped).
  if (relative) return false;
  const values = parts.filter((_part, index) => index % 2 === 0);
  const commas = parts.every((part, index) => (index % 2 === 1) === (part.text === ','));
  if (!shape.legacy || !commas || parts.length % 2 === 0 || (values.length !== 3 && values.length !== 4)) return false;
  if (values.length === 4 && !fits(values[3], 'n%')) return false;
  return shape.legacy.some((kinds) => kinds.every((kind, index) => fits(values[index], kind)));
}

/** The parts between commas. */
export function commaGroups(args: string): Part[][] {
  const groups: Part[][] = [[]];
  for (const part of partsOf(args)) {
    if (part.text === ',') groups.push([]);
    else groups.at(-1)!.push(part);
  }
  return groups;
}

/** Functions that mix or pick colours given as their arguments, read to this depth of nesting (a stranger's 100 000 would overflow the stack). */
const MAX_COLOUR_NESTING = 8;

/** Spaces color-mix() interpolates in; the polar ones take a hue method. */
export const MIX_SPACES: ReadonlySet<string> = new Set([...COLOR_SPACES, 'lab', 'oklab', 'hsl', 'hwb', 'lch', 'oklch']);
const POLAR_SPACES = new Set(['hsl', 'hwb', 'lch', 'oklch']);
export const HUE_METHODS: ReadonlySet<string> = new Set(['shorter', 'longer', 'increasing', 'decreasing']);

/** `in <space>`, or `in <polar space> <shorter|longer|increasing|decreasing> hue`. */
function mixSpaceFits(group: readonly Part[]): boolean {
  const words = group.map((item) => (item.name === undefined ? item.text : '()'));
  if (words.length === 2) return MIX_SPACES.has(words[1]!);
  return words.length === 4 && POLAR_SPACES.has(words[1]!) && HUE_METHODS.has(words[2]!) && words[3] === 'hue';
}

function isColour(parts: readonly Part[], depth = 0): boolean {
  const [part] = parts;
  if (parts.length !== 1 || part === undefined) return false;
  if (part.name === undefined) return HEX.test(part.text) || NAMED_COLOURS.has(part.text) || OTHER_COLOUR_WORDS.has(part.text);
  if (CHANNELS.has(LEGACY_NAMES.get(part.name) ?? part.name)) return channelsFit(part.name, part.args!, depth);
  const nested = (group: readonly Part[]) => depth >= MAX_COLOUR_NESTING || isColour(group, depth + 1);
  const groups = commaGroups(part.args!);
  if (part.name === 'light-dark') return groups.length === 2 && groups.every(nested);
  if (part.name === 'contrast-color') return groups.length === 1 && nested(groups[0]!);
  // color-mix([in <space> [<hue method> hue],] <colour> [<share>], <colour> [<share>]): two colours, each
  // with at most one share from 0% to 100%, in a space Chromium mixes in (probed: one colour, three,
  // 150%, -10%, `in foo`, a hue method on a rectangular space are dropped, so resvg drew them black).
  if (part.name === 'color-mix') {
    const [first, ...rest] = groups;
    const colours = first?.[0]?.text === 'in' ? rest : groups;
    if (colours !== groups && !mixSpaceFits(first!)) return false;
    return (
      colours.length === 2 &&
      colours.every((group) => {
        const shares = group.filter((item) => item.name !== undefined ? mixShare(item) !== undefined : item.text.endsWith('%'));
        const share = shares[0] === undefined || shares[0].name !== undefined ? 0 : Number(NUMERIC.exec(shares[0].text)?.[1]);
        return shares.length <= 1 && share >= 0 && share <= 100 && nested(group.filter((item) => !shares.includes(item)));
      })
    );
  }
  return false;
}

/**
 * A color-mix() share: a percentage (undefined for anything else), a math function's clamped to 0%
 * to 100% as Chromium clamps it (probed: `red calc(150%)` is all red, where a written 150% drops the
 * mix); for one with no value outside a page, the name of the function that has none (random).
 */
export function mixShare(part: Part): number | string | undefined {
  if (part.name === undefined) {
    const numeric = NUMERIC.exec(part.text);
    return numeric?.[2] === '%' ? Number(numeric[1]) : undefined;
  }
  if (!MATH.has(part.name)) return undefined;
  const result = evaluateMath(`${part.name}(${part.args})`);
  if (result === 'invalid' || result.type !== '%') return undefined;
  if (result.unknown !== undefined) return result.unknown;
  return Number.isNaN(result.value) ? 0 : Math.min(100, Math.max(0, result.value));
}

/** `none`, a colour, `context-fill`/`context-stroke`, or `url(#id)` with an optional fallback of `none` or a colour. */
function isPaint(parts: readonly Part[]): boolean {
  const [first, ...rest] = parts;
  if (first?.name === 'url') return rest.length === 0 || (rest.length === 1 && (rest[0]!.text === 'none' || isColour(rest)));
  if (parts.length === 1 && first?.name === undefined && ['none', 'context-fill', 'context-stroke'].includes(first?.text ?? '')) return true;
  return isColour(parts);
}

const one =
  (kinds: string, nonNegative = false) =>
  (parts: readonly Part[]) =>
    parts.length === 1 && fits(parts[0], kinds, nonNegative);
const keyword =
  (...words: string[]) =>
  (parts: readonly Part[]) =>
    parts.length === 1 && parts[0]!.name === undefined && words.includes(parts[0]!.text);

type Check = (parts: readonly Part[]) => boolean;
/** What each property the sanitizer checks takes; the others are not checked. */
const VALID: ReadonlyMap<string, Check> = new Map<string, Check>([
  ['fill', isPaint],
  ['stroke', isPaint],
  ...['color', 'stop-color', 'flood-color', 'lighting-color'].map((property) => [property, (parts: readonly Part[]) => isColour(parts)] as const),
  ...['opacity', 'fill-opacity', 'stroke-opacity', 'stop-opacity', 'flood-opacity'].map((property) => [property, one('n%')] as const),
  // SVG takes a plain number as a length too.
  ['stroke-width', one('nl%', true)],
  ['stroke-dashoffset', one('nl%')],
  ['stroke-miterlimit', one('n', true)],
  ['display', (parts) => parts.length > 0 && parts.every((part) => part.name === undefined && /^[a-z-]+$/.test(part.text))],
  ['visibility', keyword('visible', 'hidden', 'collapse')],
  ['fill-rule', keyword('nonzero', 'evenodd')],
  ['clip-rule', keyword('nonzero', 'evenodd')],
  // The functions' arguments are read where the transform is spelled as an attribute (cssTransform).
  ['transform', (parts) => (parts.length === 1 && parts[0]!.text === 'none') || (parts.length > 0 && parts.every((part) => part.name !== undefined && TRANSFORM_FUNCTIONS.has(part.name)))],
]);

/** Properties that take an opacity, a number or a percentage. */
export const OPACITY_PROPERTIES: ReadonlySet<string> = new Set(['opacity', 'fill-opacity', 'stroke-opacity', 'stop-opacity', 'flood-opacity']);

/**
 * An opacity written as a math function (`calc(0.5)`, `min(50%, 1)`) as the plain number Chromium
 * computes, clamped to 0 to 1 (NaN is 0); undefined for anything else. resvg 2.6.2 reads no math
 * function: it drew `opacity="calc(0.5)"` opaque (probed), where Chromium draws it at half.
 */
export function plainOpacity(value: string): string | undefined {
  const parts = partsOf(value.trim());
  const [part] = parts;
  if (parts.length !== 1 || part?.name === undefined || !MATH.has(part.name)) return undefined;
  const result = evaluateMath(`${part.name}(${part.args})`);
  if (result === 'invalid' || result.unknown !== undefined || result.type === 'a') return undefined;
  const number = result.type === '%' ? result.value / 100 : result.value;
  return String(Number.isNaN(number) ? 0 : Math.min(1, Math.max(0, number)));
}

/**
 * Whether a declaration's value is valid for its property, read as Chromium parses it: an invalid
 * one (`fill:banana`, `fill:rgb(1,2)`, `stroke-width:3deg`, `opacity:abc`) is dropped at parse time
 * and the cascade falls to the next declaration or to the element's presentation attribute.
 */
export function validForProperty(property: string, value: string): boolean {
  const trimmed = value.trim();
  if (CSS_WIDE_KEYWORD.test(trimmed) || SUBSTITUTION.test(trimmed)) return true;
  const valid = VALID.get(property);
  return valid === undefined || valid(partsOf(trimmed));
}
