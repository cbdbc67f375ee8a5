import Color from 'colorjs.io';
import { SvgRejectedError } from '../errors.ts';
import { evaluateMath, type Typed } from './css-math.ts';
import { commaGroups, HEX, HUE_METHODS, MIX_SPACES, mixShare, NAMED_COLOURS, partsOf, SYSTEM_COLOURS, type Part } from './css-values.ts';

/**
 * Colours resvg 2.6.2 cannot read, resolved to the sRGB hex Chromium paints. resvg reads hex
 * (#rgb, #rgba, #rrggbb, #rrggbbaa), the named colours, `transparent`, `currentColor` and the comma
 * forms of rgb()/hsl(); it drew everything else black: hwb(), lab(), lch(), oklab(), oklch(),
 * color(), light-dark(), color-mix(), contrast-color(), the space-separated `rgb(1 2 3 / 50%)`,
 * `hsl(120deg …)`, the system colours and context-fill/context-stroke (probed, attribute and style
 * alike), and `currentColor` and `none` in any spelling but these. Chromium 156 paints an
 * out-of-gamut colour clipped channel by channel to sRGB (probed: oklch(62% 0.4 25) paints
 * #ff0000, CSS gamut mapping would give #ff001c), and so does this.
 *
 * The conversions are colorjs.io's (written by the CSS Color specification's editors; its parser
 * reads CSS Color 4 and its matrices are the specification's): a colour's channels, `none`, the
 * angle units and the reference ranges of percentages are read as the specification reads them.
 * It reads neither relative colours (`rgb(from red r g b)`) nor math in the channels, which are
 * written out first (plainArguments, css-math.ts). A mix or pick holding `currentColor` where the
 * mark sets no `color` is left as written here: forge decides that colour when it composes the
 * icon (withRootColour). Context paints are written as the paint they stand for first
 * (resolveContextPaints). Colours nested past eight deep are refused (`svg-too-deep`).
 */

/** Functions colorjs.io reads as CSS writes them. */
const COLOUR_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color']);

/** color-mix()'s interpolation spaces (css-values MIX_SPACES) whose colorjs.io name is not CSS's. */
const COLORJS_SPACE_NAMES: ReadonlyMap<string, string> = new Map([
  ['display-p3', 'p3'],
  ['display-p3-linear', 'p3-linear'],
  ['a98-rgb', 'a98rgb'],
  ['prophoto-rgb', 'prophoto'],
  ['rec2020', '--rec2020-oetf'],
  ['xyz', 'xyz-d65'],
]);

/** Mixes and picks read to this depth of nesting, as css-values reads them. */
const MAX_NESTING = 8;

/**
 * What reading one mark's colours may cost: each colour value read, by its length, every time it is
 * read (cached or not, so the verdict is the mark's alone). A value is read where it is written,
 * and again wherever it lands on another colour: a group's fill holding currentColor on each child
 * that sets `color` (resolveColours writes it there), a shape's paint for each marker it draws, what
 * a `<use>` draws with the `<use>`'s colour. Multiplied, a stranger's 235 KB mark (a 40 KB fill over
 * 3 000 children) took 16 s and wrote a 120 MB document; at 1 MiB it would not fit in a string.
 * Real marks read their colours two or three times, a small part of the file.
 */
export class ColourBudget {
  private left: number;
  private functionsLeft = MAX_COLOUR_FUNCTIONS;
  constructor(readonly limit: number) {
    this.left = limit;
    // Found in these, a colour costs nothing; each mark starts them empty, so whether it is refused
    // does not depend on the marks read before it.
    RESOLVED.clear();
    DARK_PICKS.clear();
  }

  /**
   * A colour worked out, not found in a cache: its functions (each bracket) are what costs, some
   * 0.05 ms each in colorjs.io (a 172-character mix of currentColor, read anew for each of 9 000
   * children in colours of their own, took 6 s, within the characters counted above).
   */
  functions(value: string): void {
    for (let at = value.indexOf('('); at !== -1; at = value.indexOf('(', at + 1)) this.functionsLeft -= 1;
    if (this.functionsLeft < 0) {
      throw new SvgRejectedError(
        'svg-too-large',
        `Expected colours forge can work out with at most ${MAX_COLOUR_FUNCTIONS} colour and math functions (a function of currentColor once for each colour it is read in) but this mark's take more; write the colours themselves`,
      );
    }
  }

  charge(value: string | undefined): void {
    if (value === undefined) return;
    this.left -= value.length;
    if (this.left < 0) {
      throw new SvgRejectedError(
        'svg-too-large',
        `Expected colours forge can read in at most ${this.limit} characters, each read wherever it is drawn (a mix of currentColor again on each child setting color), but this mark's take more; write the colours themselves`,
      );
    }
  }
}

/** Colour and math functions one mark may have worked out (a real mark's: a few dozen, ten thousand shapes in colours of their own ten thousand). */
const MAX_COLOUR_FUNCTIONS = 25_000;

/** A colour's value, with `currentColor` as `current` (undefined: not known here); `dark` takes light-dark()'s dark half. */
function colourOf(parts: readonly Part[], current: Color | undefined, depth = 0, dark = false): Color | undefined {
  const [part] = parts;
  if (parts.length !== 1 || part === undefined) return undefined;
  if (part.name === undefined) {
    if (part.text === 'currentcolor') return current?.clone();
    const system = SYSTEM_COLOURS.get(part.text);
    if (system !== undefined) return new Color(`#${system}`);
    if (HEX.test(part.text) || NAMED_COLOURS.has(part.text) || part.text === 'transparent') return new Color(part.text);
    return undefined;
  }
  if (depth >= MAX_NESTING) throw new TooDeep();
  const groups = commaGroups(part.args!);
  if (part.name === 'light-dark') return groups.length === 2 ? colourOf(groups[dark ? 1 : 0]!, current, depth + 1, dark) : undefined;
  if (part.name === 'contrast-color') return groups.length === 1 ? contrastColour(colourOf(groups[0]!, current, depth + 1, dark)) : undefined;
  if (part.name === 'color-mix') return mix(groups, current, depth, dark);
  if (!COLOUR_FUNCTIONS.has(part.name)) return undefined;
  const args = plainArguments(part.name, part.args!, current, depth, dark);
  if (args === undefined) return undefined;
  try {
    // Chromium 156 reads rec2020 with BT.2020's transfer function (probed: color(rec2020 0.5 0.2 0.1)
    // paints #a93121), which colorjs.io calls --rec2020-oetf; its rec2020 is the pure 2.4 gamma.
    const colour = new Color(`${part.name}(${args.toLowerCase().replace(/^(\s*)rec2020\b/, '$1--rec2020-oetf')})`);
    // colorjs.io keeps a channel it cannot read as its text and shifts the rest: rgb(calc(255) 0 0)
    // came back as ["calc", 1, 0] and was written fill="#NaNff0000".
    return [...colour.coords, colour.alpha].every((value) => value === null || typeof value === 'number') ? colour : undefined;
  } catch {
    return undefined;
  }
}

/** Where each colour function keeps its hue, and the colorjs.io space its relative form reads channels in. */
const FUNCTION_SPACES: ReadonlyMap<string, { space: string; hue?: number }> = new Map([
  ['rgb', { space: 'srgb' }],
  ['rgba', { space: 'srgb' }],
  ['hsl', { space: 'hsl', hue: 0 }],
  ['hsla', { space: 'hsl', hue: 0 }],
  ['hwb', { space: 'hwb', hue: 0 }],
  ['lab', { space: 'lab' }],
  ['oklab', { space: 'oklab' }],
  ['lch', { space: 'lch', hue: 2 }],
  ['oklch', { space: 'oklch', hue: 2 }],
]);

/** A hue written as a number or an angle, and its unit's degrees. */
const HUE_ANGLE = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)(deg|grad|rad|turn)?$/i;
const HUE_UNITS: ReadonlyMap<string, number> = new Map([
  ['deg', 1],
  ['grad', 0.9],
  ['rad', 180 / Math.PI],
  ['turn', 360],
]);

/** A channel's value as a plain CSS token colorjs.io reads. */
function literalOf({ value, type }: Typed, hue: boolean): string {
  // Chromium paints an infinite or NaN hue as 0 (hsl(calc(infinity) 100% 50%) is red), a NaN channel
  // as 0 and an infinite one at its end (rgb(calc(infinity) 0 0) is red: probed).
  let finite = Number.isNaN(value) || (hue && !Number.isFinite(value)) ? 0 : value;
  if (!Number.isFinite(finite)) finite = Math.sign(finite) * 1e9;
  // Chromium takes a hue modulo 360 as it reads it; colorjs.io keeps 1e21 and its trigonometry loses
  // the angle (oklch(60% 0.2 1e21) came out #009692, Chromium paints #6e69f3: probed).
  if (hue) finite = ((finite % 360) + 360) % 360;
  return `${finite}${type === '%' ? '%' : type === 'a' ? 'deg' : ''}`;
}

/**
 * A colour function's arguments with nothing left for colorjs.io to compute: each math function is
 * its value (css-math.ts), and a relative colour (`rgb(from #f36 r g b / 50%)`, `oklch(from red
 * calc(l + 0.1) c h)`) becomes the plain colour it names, its origin converted to the function's
 * space and its channel keywords read as CSS Color 5 reads them (numbers: r g b 0 to 255 in rgb(),
 * 0 to 1 in color(srgb …), s and l 0 to 100 in hsl(), `alpha` 0 to 1; a missing channel of the
 * origin is 0). Undefined where the value names no colour here (a math function with no value in a
 * mark drawn alone is refused: see resolveUncached).
 */
function plainArguments(name: string, args: string, current: Color | undefined, depth: number, dark: boolean): string | undefined {
  let parts = partsOf(args);
  let keywords: ReadonlyMap<string, number> = new Map();
  let head = '';
  const hue = FUNCTION_SPACES.get(name)?.hue;
  if (parts[0]?.text === 'from' && parts[0].name === undefined) {
    if (depth >= MAX_NESTING) throw new TooDeep();
    const origin = colourOf(parts.slice(1, 2), current, depth + 1, dark);
    parts = parts.slice(2);
    let space = FUNCTION_SPACES.get(name)?.space;
    if (name === 'color') {
      head = parts[0]?.name === undefined ? (parts[0]?.text ?? '') : '';
      space = MIX_SPACES.has(head) ? (COLORJS_SPACE_NAMES.get(head) ?? head) : undefined;
      parts = parts.slice(1);
    }
    if (origin === undefined || space === undefined) return undefined;
    const converted = origin.to(space);
    const names = name === 'color' ? (head.startsWith('xyz') ? ['x', 'y', 'z'] : ['r', 'g', 'b']) : [...(name.startsWith('rgb') ? 'rgb' : name.replace(/a$/, '').replace(/^ok/, ''))];
    const scale = name.startsWith('rgb') ? 255 : 1;
    keywords = new Map([
      ...names.map((channel, index) => [channel, missing(converted.coords[index]) ? 0 : converted.coords[index]! * scale] as const),
      ['alpha', missing(converted.alpha) ? 0 : Number(converted.alpha)],
    ]);
  } else if (name === 'color') {
    head = parts[0]?.text ?? '';
    parts = parts.slice(1);
  }
  const channels: string[] = [];
  let channel = 0;
  for (const part of parts) {
    if (part.text === '/' || part.text === ',') {
      channels.push(part.text);
      continue;
    }
    const isHue = channel++ === hue;
    if (part.name !== undefined) {
      const result = evaluateMath(`${part.name}(${part.args})`, keywords);
      if (result === 'invalid') return undefined;
      if (result.unknown !== undefined) throw new UnknownChannel(result.unknown);
      channels.push(literalOf(result, isHue));
    } else {
      const known = keywords.get(part.text);
      const angle = isHue && known === undefined ? HUE_ANGLE.exec(part.text) : null;
      if (angle !== null) channels.push(literalOf({ value: Number(angle[1]) * HUE_UNITS.get(angle[2]?.toLowerCase() ?? 'deg')!, type: 'n' }, true));
      else channels.push(known === undefined ? part.text : literalOf({ value: known, type: 'n' }, isHue));
    }
  }
  return `${head} ${channels.join(' ')}`.trim();
}

/** Colours nested past {@link MAX_NESTING}, which are not read (a stranger's 9 000 overflowed the stack). */
class TooDeep extends Error {}

/** A channel holding a function that has a value only on a page (random(), sibling-index()). */
class UnknownChannel extends Error {
  constructor(name: string) {
    super(`${name}()`);
  }
}

/** contrast-color(): white or black, whichever has the greater WCAG 2 contrast with the colour. */
function contrastColour(colour: Color | undefined): Color | undefined {
  if (colour === undefined) return undefined;
  const white = new Color('white');
  const black = new Color('black');
  return colour.contrast(white, 'WCAG21') >= colour.contrast(black, 'WCAG21') ? white : black;
}

/**
 * color-mix([in <space> [<hue> hue]], <colour> [<p>], <colour> [<p>]) as CSS Color 5 mixes: the
 * shares made to add up to 100% (a sum below it lowers the result's alpha), premultiplied by alpha,
 * `none` taking the other colour's channel, the hue by the shorter arc unless said otherwise.
 * Without `in` Chromium mixes in oklab (probed).
 */
function mix(groups: readonly Part[][], current: Color | undefined, depth: number, dark: boolean): Color | undefined {
  let space = 'oklab';
  let hue = 'shorter';
  let rest = groups;
  const [first] = groups;
  if (first?.[0]?.text === 'in') {
    const words = first.map((item) => (item.name === undefined ? item.text : '()'));
    const named = words[1] ?? '';
    if (!MIX_SPACES.has(named)) return undefined;
    space = COLORJS_SPACE_NAMES.get(named) ?? named;
    if (words.length === 4 && HUE_METHODS.has(words[2]!) && words[3] === 'hue') hue = words[2]!;
    else if (words.length !== 2) return undefined;
    rest = groups.slice(1);
  }
  if (rest.length !== 2) return undefined;
  const items = rest.map((group) => {
    const shares = group.filter((item) => mixShare(item) !== undefined);
    const share = shares.length === 1 ? mixShare(shares[0]!) : undefined;
    if (typeof share === 'string') throw new UnknownChannel(share);
    const colour = colourOf(
      group.filter((item) => !shares.includes(item)),
      current,
      depth + 1,
      dark,
    );
    return { colour, share };
  });
  const [a, b] = items as [(typeof items)[0], (typeof items)[0]];
  if (a.colour === undefined || b.colour === undefined) return undefined;
  const shareA = a.share ?? (b.share === undefined ? 50 : 100 - b.share);
  const shareB = b.share ?? 100 - shareA;
  const sum = shareA + shareB;
  if (sum <= 0) return new Color('transparent');
  const mixed = interpolate(a.colour, b.colour, shareB / sum, space, hue);
  if (sum < 100) mixed.alpha = (Number.isNaN(mixed.alpha) ? 0 : mixed.alpha) * (sum / 100);
  return mixed;
}

/** Where a polar space keeps its hue. */
const HUE_INDEX: ReadonlyMap<string, number> = new Map([
  ['hsl', 0],
  ['hwb', 0],
  ['lch', 2],
  ['oklch', 2],
]);

const missing = (value: number | null | undefined) => value === null || value === undefined || Number.isNaN(value);

/**
 * CSS Color 4's interpolation, written out because colorjs.io's mix() maps both colours into the
 * space's gamut first (to avoid flat areas in gradients), which color-mix() does not: mixing
 * lch(40% 60 250) (red -0.35 in sRGB) 40% with #ffcc00 in srgb, Chromium paints #75a54b, colorjs.io
 * gave #99a53b (found by the differential test). A missing channel takes the other colour's, the
 * hue goes by the method asked, the other channels are premultiplied by alpha.
 */
function interpolate(from: Color, to: Color, progress: number, space: string, method: string): Color {
  const [a, b] = [from.to(space), to.to(space)];
  const hueIndex = HUE_INDEX.get(space);
  // colorjs.io spells a missing channel null (`none`, an achromatic colour's hue).
  const alphas = [a.alpha, b.alpha] as [number, number];
  if (missing(alphas[0]) && !missing(alphas[1])) alphas[0] = alphas[1];
  if (missing(alphas[1]) && !missing(alphas[0])) alphas[1] = alphas[0];
  const [alphaA, alphaB] = alphas.map((alpha) => (missing(alpha) ? 1 : alpha)) as [number, number];
  const alpha = alphaA + (alphaB - alphaA) * progress;
  const coords = a.coords.map((start, index) => {
    let [x, y] = [start, b.coords[index]] as [number, number];
    if (missing(x) && missing(y)) return Number.NaN;
    if (missing(x)) x = y;
    if (missing(y)) y = x;
    if (index === hueIndex) {
      [x, y] = [((x % 360) + 360) % 360, ((y % 360) + 360) % 360];
      const delta = y - x;
      if (method === 'shorter') {
        if (delta > 180) x += 360;
        else if (delta < -180) y += 360;
      } else if (method === 'longer') {
        if (delta > 0 && delta < 180) x += 360;
        else if (delta > -180 && delta <= 0) y += 360;
      } else if (method === 'increasing') {
        if (y < x) y += 360;
      } else if (x < y) x += 360;
      return x + (y - x) * progress;
    }
    const mixedValue = x * alphaA + (y * alphaB - x * alphaA) * progress;
    return alpha === 0 ? mixedValue : mixedValue / alpha;
  }) as [number, number, number];
  return new Color(space, coords, alpha);
}

const byte = (channel: number) => Math.round(Math.min(1, Math.max(0, Number.isNaN(channel) ? 0 : channel)) * 255);

/** `#rrggbb`, or `#rrggbbaa` where it is not opaque (resvg reads both; probed): clipped to sRGB as Chromium paints. */
function hexOf(colour: Color): string {
  const channels = colour.to('srgb').coords.map((channel) => byte(channel ?? 0));
  const alpha = byte(colour.alpha ?? 0);
  return `#${[...channels, ...(alpha === 255 ? [] : [alpha])].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

const RESVG_SPELLING: ReadonlyMap<string, string> = new Map([
  ['currentcolor', 'currentColor'],
  ['none', 'none'],
]);

const textOf = (part: Part) => (part.name === undefined ? part.text : `${part.name}(${part.args})`);

/** Values resvg draws as Chromium does: left as written. */
function readByResvg(parts: readonly Part[]): boolean {
  const [part] = parts;
  if (parts.length !== 1 || part === undefined || part.name !== undefined) return false;
  return HEX.test(part.text) || NAMED_COLOURS.has(part.text) || ['transparent', 'currentcolor', 'none'].includes(part.text);
}

/**
 * A paint or colour value as resvg reads it: a colour it cannot read becomes the hex Chromium paints,
 * a paint server's fallback too; `context-fill` and `context-stroke` paint nothing outside a marker
 * (probed in Chromium), and resvg drew them black. Anything not resolved is returned as it was.
 */
export function resolvePaint(value: string, current: Color | undefined, inMarker = false, budget?: ColourBudget): string {
  budget?.charge(value);
  // A mark repeats its few colours on every shape; colorjs.io takes some 40 µs a colour (10 000
  // shapes in oklch() took 0.45 s more than in hex here; with this, no more).
  // The inherited colour by its exact channels: toString() rounds to 5 digits, and two colours it
  // spelled alike gave the first one's mix to the second (#3f0000 for #400000), whichever came first.
  // A value without currentColor is one colour whatever the colour around it.
  const inherited = current === undefined || !/currentcolor/i.test(value) ? '' : [current.space.id, ...current.coords, current.alpha].join(' ');
  const key = value.length <= 256 ? `${value}\n${inherited}\n${inMarker}` : undefined;
  const known = key === undefined ? undefined : RESOLVED.get(key);
  if (known !== undefined) return known;
  budget?.functions(value);
  const resolved = resolveUncached(value, current, inMarker);
  if (key !== undefined) {
    if (RESOLVED.size >= 4096) RESOLVED.clear();
    RESOLVED.set(key, resolved);
  }
  return resolved;
}

const RESOLVED = new Map<string, string>();

/** Colours read whole (not found in the cache), counted so the tests can see repeated work without timing it. */
export const colourReads = { uncached: 0 };

function resolveUncached(value: string, current: Color | undefined, inMarker: boolean, depth = 0): string {
  colourReads.uncached += 1;
  const parts = partsOf(value.trim());
  // resvg reads these two keywords in this spelling only (probed: fill="currentcolor", "CurrentColor"
  // and "None" drew black); CSS reads any case, and serialises the first as `currentcolor`.
  const keyword = parts.length === 1 ? RESVG_SPELLING.get(parts[0]!.text) : undefined;
  if (keyword !== undefined && parts[0]!.name === undefined) return keyword;
  if (readByResvg(parts)) return value;
  const [first, ...rest] = parts;
  if (first?.name === 'url') return rest.length === 1 ? `url(${first.args}) ${resolvePaint(textOf(rest[0]!), current)}` : value;
  if (parts.length === 1 && first?.name === undefined && (first?.text === 'context-fill' || first?.text === 'context-stroke')) return inMarker ? value : 'none';
  // A pick is its light colour, whatever that is: light-dark(currentColor, red) is currentColor.
  const light = first?.name === 'light-dark' && parts.length === 1 ? commaGroups(first.args!) : undefined;
  // Read to the depth colourOf reads: a stranger's light-dark( 9 000 deep overflowed the stack after 3 s.
  if (light?.length === 2 && light[0]!.length === 1 && depth < MAX_NESTING) return resolveUncached(textOf(light[0]![0]!), current, inMarker, depth + 1);
  let colour: Color | undefined;
  try {
    colour = colourOf(parts, current);
  } catch (error) {
    const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    // Drawn black by resvg, where Chromium reads them to a depth no mark needs.
    if (error instanceof TooDeep) throw new SvgRejectedError('svg-too-deep', `Expected colours nested at most ${MAX_NESTING} deep (light-dark(), color-mix(), relative colours inside one another) but received ${shown}: write the colour itself`);
    if (!(error instanceof UnknownChannel)) throw error;
    // Drawn black by resvg, and in a browser a colour that changes with where the mark is shown.
    throw new SvgRejectedError(
      'svg-forbidden-attribute',
      `Expected a colour forge can draw but received ${shown}: ${error.message} has a value only on a web page, not in an icon; write the colour itself`,
    );
  }
  return colour === undefined ? value : hexOf(colour);
}

/** colourOf, with a channel that has no value outside a page read as no colour. */
function colourOrUndefined(parts: readonly Part[], current: Color | undefined, dark = false): Color | undefined {
  try {
    return colourOf(parts, current, 0, dark);
  } catch (error) {
    if (error instanceof UnknownChannel || error instanceof TooDeep) return undefined;
    throw error;
  }
}

/**
 * The `#rrggbb` a paint holding light-dark() has in a dark colour scheme: its dark halves, wherever
 * they stand (a pick, a mix of one, a relative colour's origin, a paint server's fallback).
 * Undefined for any other value, or where this reads no colour. Chromium paints the light half in
 * a mark without `color-scheme`, in a dark page too (probed), so the icons take the light one; the
 * dark half says what the creator wants on dark backgrounds, which forge's dark files then use
 * (dark.ts) rather than a colour of their own making.
 */
export function darkPick(value: string, current: Color | undefined, budget?: ColourBudget): string | undefined {
  if (!/light-dark\(/i.test(value)) return undefined;
  budget?.charge(value);
  const inherited = current === undefined || !/currentcolor/i.test(value) ? '' : [current.space.id, ...current.coords, current.alpha].join(' ');
  const key = value.length <= 256 ? `${value}\n${inherited}` : undefined;
  if (key !== undefined && DARK_PICKS.has(key)) return DARK_PICKS.get(key);
  budget?.functions(value);
  const parts = partsOf(value.trim());
  const [first, ...rest] = parts;
  const colour = colourOrUndefined(first?.name === 'url' && rest.length === 1 ? rest : parts, current, true);
  const pick = colour === undefined ? undefined : hexOf(colour).slice(0, 7);
  if (key !== undefined) {
    if (DARK_PICKS.size >= 4096) DARK_PICKS.clear();
    DARK_PICKS.set(key, pick);
  }
  return pick;
}

const DARK_PICKS = new Map<string, string | undefined>();

/** The colour `currentColor` is for an element whose `color` is this value, inside one whose colour is `inherited`. */
export function currentColourOf(value: string | undefined, inherited: Color | undefined): Color | undefined {
  if (value === undefined) return inherited;
  return colourOrUndefined(partsOf(value.trim()), inherited);
}

/**
 * A colour value standing alone (no `currentColor` known) as the hex Chromium paints: `#rrggbb`, or
 * `#rrggbbaa` where it is not opaque; undefined where this reads no colour. The sanitizer's reading,
 * shared so that creator.json's colours are read exactly as a mark's are.
 */
export function hexOfColour(value: string, budget?: ColourBudget): string | undefined {
  budget?.charge(value);
  budget?.functions(value);
  const colour = colourOrUndefined(partsOf(value.trim()), undefined);
  return colour === undefined ? undefined : hexOf(colour);
}

/** A start or end tag of a sanitized mark, which escapes `<`, `>` and `"` in its values (sanitize.ts), so none ends early. */
const TAG = /<(\/?)([a-zA-Z][\w:.-]*)([^>]*?)(\/?)>/g;
const PAINT_ATTRIBUTE = /(\s)(fill|stroke|stop-color|flood-color|lighting-color|color)="([^"&]*)"/g;
/**
 * A function holding currentColor, which the sanitizer leaves as written where no `color` above it
 * says what that is. Two plain searches: a pattern from each `(` to a later currentColor read a
 * stranger's 150 KB `light-dark(` chain once per bracket (4.8 s).
 */
const CURRENT_IN_FUNCTION = { test: (value: string) => value.includes('(') && /currentcolor/i.test(value) };

/**
 * A sanitized mark whose root sets no `color`, given `colour` as that colour (compose's defaultPaint
 * gives a currentColor mark colors.brand), with each paint that still holds currentColor inside a
 * function (`color-mix(in srgb, currentColor 50%, blue)`, `rgb(from currentColor r g calc(b / 2))`)
 * resolved with it, each element's own `color` taken on the way down as the sanitizer takes it. For
 * the files resvg draws: it read such a paint as black, where favicon.svg (the mark under a root
 * `color`) shows the mix in a browser. favicon.svg keeps the function, which its dark rules recolour
 * through that root `color`.
 */
export function withRootColour(svg: string, colour: string): string {
  if (!CURRENT_IN_FUNCTION.test(svg)) return svg;
  if (lastWithRoot?.svg === svg && lastWithRoot.colour === colour) return lastWithRoot.result;
  const result = resolvedWithRoot(svg, colour);
  lastWithRoot = { svg, colour, result };
  return result;
}

/**
 * The last mark withRootColour read, and what it became. forge places one mark in a dozen raster
 * jobs (each favicon size, the touch and maskable icons, the badges, the social card) with one
 * brand colour, and each read every such paint again: a colour over 256 characters is not cached,
 * and a stranger's mark holding 0.9 MB of them (within the sanitizer's colour budget) took a second
 * a job.
 */
let lastWithRoot: { svg: string; colour: string; result: string } | undefined;

function resolvedWithRoot(svg: string, colour: string): string {
  const stack: Array<{ current: Color | undefined; marker: boolean }> = [{ current: new Color(colour), marker: false }];
  return svg.replace(TAG, (tag, closing: string, name: string, attributes: string, selfClosing: string) => {
    if (closing) {
      if (stack.length > 1) stack.pop();
      return tag;
    }
    const parent = stack.at(-1)!;
    const own = /\scolor="([^"&]*)"/.exec(attributes)?.[1];
    const colourValue = own === undefined ? undefined : resolvePaint(own, parent.current, parent.marker);
    const current = currentColourOf(colourValue, parent.current);
    const marker = parent.marker || name === 'marker';
    const resolved = attributes.replace(PAINT_ATTRIBUTE, (attribute, space: string, key: string, value: string) =>
      CURRENT_IN_FUNCTION.test(value) ? `${space}${key}="${resolvePaint(value, key === 'color' ? parent.current : current, marker)}"` : attribute,
    );
    if (!selfClosing) stack.push({ current, marker });
    return `<${name}${resolved}${selfClosing}>`;
  });
}

/** What resolveContextPaints needs of the sanitizer's tree. */
/** Each id's element, the first in document order where an id repeats (as `#id` links resolve). */
export function elementsById<T extends { attributes: Map<string, string>; children: Array<T | string> }>(root: T): Map<string, T> {
  const byId = new Map<string, T>();
  const collect = (node: T) => {
    const id = node.attributes.get('id');
    if (id !== undefined && !byId.has(id)) byId.set(id, node);
    for (const child of node.children) if (typeof child !== 'string') collect(child);
  };
  collect(root);
  return byId;
}

interface PaintNode {
  name: string;
  attributes: Map<string, string>;
  children: Array<PaintNode | string>;
}

/** Shapes that draw markers (SVG 2's markable elements, as Chromium draws them). */
const MARKABLE = new Set(['path', 'line', 'polyline', 'polygon']);
const MARKER_PROPERTIES = ['marker-start', 'marker-mid', 'marker-end'];
/** Containers whose content is drawn only where something uses it. */
const NOT_DRAWN_ITSELF = new Set(['defs', 'symbol', 'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'filter']);
const CONTEXT_PAINT = /^\s*context-(fill|stroke)\s*$/i;

/**
 * `context-fill` and `context-stroke` where they mean something: in a `<marker>`, the fill and
 * stroke of the shape it marks; in what a `<use>` draws, the `<use>`'s own (Chromium paints both,
 * probed). resvg 2.6.2 reads neither (it drew both black), so each is written as that paint, as
 * the shape or `<use>` writes it (its `currentColor` is read where it lands). One place, one paint: a marker or a used element whose
 * users paint it in different colours, or that is drawn itself as well (there context paints are
 * none), is refused with a message saying what to write, rather than drawn in one of them. Before
 * resolveColours, which reads what is left (outside both) as `none`.
 */
export function resolveContextPaints(root: PaintNode, budget?: ColourBudget): void {
  const byId = new Map<string, PaintNode>();
  let any = false;
  const collect = (node: PaintNode) => {
    const id = node.attributes.get('id');
    if (id !== undefined && !byId.has(id)) byId.set(id, node);
    for (const key of ['fill', 'stroke']) if (CONTEXT_PAINT.test(node.attributes.get(key) ?? '')) any = true;
    for (const child of node.children) if (typeof child !== 'string') collect(child);
  };
  collect(root);
  if (!any) return;
  const holdsContext = new Map<PaintNode, boolean>();
  const holds = (node: PaintNode): boolean => {
    let known = holdsContext.get(node);
    if (known === undefined) {
      // Marked before the children are read: a stranger's cycle of ids ends here (checkUseExpansion refuses it anyway).
      holdsContext.set(node, false);
      known = ['fill', 'stroke'].some((key) => CONTEXT_PAINT.test(node.attributes.get(key) ?? '')) || node.children.some((child) => typeof child !== 'string' && holds(child));
      holdsContext.set(node, known);
    }
    return known;
  };
  const target = (reference: string | undefined, kind: 'url' | 'href') => {
    const id = kind === 'url' ? /^\s*url\(\s*['"]?#([^'")\s]+)['"]?\s*\)\s*$/.exec(reference ?? '')?.[1] : reference?.startsWith('#') ? reference.slice(1) : undefined;
    const found = id === undefined ? undefined : byId.get(id);
    return found !== undefined && holds(found) ? found : undefined;
  };
  /** Each target's users' paints: fill and stroke as the user has them, by their text. */
  const users = new Map<PaintNode, Map<string, { fill: string; stroke: string }>>();
  /** Elements drawn where they stand that hold a context paint themselves (it paints nothing there). */
  const drawnItself = new Set<PaintNode>();
  type Inherited = { fill: string; stroke: string; current: Color | undefined; markers: string[]; hidden: boolean };
  // Each marked shape's paint, most often one inherited value: read once, not for each of 5 000 paths.
  const hexes = new Map<string, string>();
  const hexOrPaint = (paint: string) => {
    let hex = hexes.get(paint);
    if (hex === undefined) hexes.set(paint, (hex = hexOfColour(paint, budget) ?? paint));
    return hex;
  };
  const walk = (node: PaintNode, parent: Inherited) => {
    const current = currentColourOf(node.attributes.get('color'), parent.current);
    const paint = (key: 'fill' | 'stroke') => {
      const own = node.attributes.get(key);
      // As written: currentColor, alone or in a mix, is read where the paint lands, with the colour
      // there (probed: Chromium paints context-fill black for a path whose fill is currentColor and
      // color blue, and grey for color-mix(in srgb, currentColor, white)); resolveColours reads it after.
      return own === undefined || CONTEXT_PAINT.test(own) ? parent[key] : own;
    };
    const state: Inherited = {
      fill: paint('fill'),
      stroke: paint('stroke'),
      current,
      markers: MARKER_PROPERTIES.map((key, index) => node.attributes.get(key) ?? parent.markers[index]!),
      hidden: parent.hidden || NOT_DRAWN_ITSELF.has(node.name),
    };
    if (!state.hidden && ['fill', 'stroke'].some((key) => CONTEXT_PAINT.test(node.attributes.get(key) ?? ''))) drawnItself.add(node);
    const used = [
      ...(MARKABLE.has(node.name) ? state.markers.map((reference) => target(reference, 'url')) : []),
      ...(node.name === 'use' ? [target(node.attributes.get('href'), 'href')] : []),
    ];
    for (const found of used) {
      if (found === undefined) continue;
      const seen = users.get(found) ?? new Map<string, { fill: string; stroke: string }>();
      // One colour however it is spelled: red and #ff0000 are one paint.
      const key = [state.fill, state.stroke].map(hexOrPaint).join('\n');
      seen.set(key, { fill: state.fill, stroke: state.stroke });
      users.set(found, seen);
    }
    for (const child of node.children) if (typeof child !== 'string') walk(child, state);
  };
  walk(root, { fill: '#000000', stroke: 'none', current: undefined, markers: ['none', 'none', 'none'], hidden: false });
  for (const [found, paints] of users) {
    const name = `<${found.name}${found.attributes.has('id') ? ` id="${found.attributes.get('id')}"` : ''}>`;
    const seen = [...paints.values()];
    if (seen.length > 1 || holdsAny(found, drawnItself)) {
      const painted = seen.length > 1 ? `is used by shapes painted ${seen.map(({ fill, stroke }) => `fill ${fill}, stroke ${stroke}`).join('; ')}` : 'is also drawn where it stands, where they paint nothing';
      throw new SvgRejectedError(
        'svg-forbidden-attribute',
        `Expected one paint for context-fill and context-stroke in ${name}, but it ${painted}: forge cannot draw them; write the colour itself, in a copy of ${name} for each colour`,
      );
    }
    const [{ fill, stroke }] = seen as [{ fill: string; stroke: string }];
    const substitute = (node: PaintNode) => {
      for (const key of ['fill', 'stroke']) {
        const context = CONTEXT_PAINT.exec(node.attributes.get(key) ?? '')?.[1]?.toLowerCase();
        if (context !== undefined) node.attributes.set(key, context === 'fill' ? fill : stroke);
      }
      for (const child of node.children) if (typeof child !== 'string') substitute(child);
    };
    substitute(found);
  }
}

function holdsAny(node: PaintNode, nodes: ReadonlySet<PaintNode>): boolean {
  return nodes.size > 0 && (nodes.has(node) || node.children.some((child) => typeof child !== 'string' && holdsAny(child, nodes)));
}

const PAINTS = ['fill', 'stroke', 'stop-color', 'flood-color', 'lighting-color', 'color'];

/**
 * What a `<use>` draws takes its colour from the `<use>`: Chromium mixes `color-mix(in srgb,
 * currentColor 50%, blue)` in a `<defs>` rect with the colour of each `<use>` of it (probed), where
 * the sanitizer read it with the colour around the `<defs>` (another colour, or none: black in the
 * PNGs). So an element drawn only through `<use>`, whose every `<use>` has one colour, gets each
 * such paint resolved with that colour, each element's own `color` taken on the way down. One
 * element, one paint: where its `<use>`s differ in colour it is refused, saying to write a copy for
 * each. Where no `<use>` sets a colour, forge's compose decides it (withRootColour). Plain
 * `currentColor`, which resvg reads in the `<use>`'s place, is left to it. Before resolveColours.
 */
export function resolveUsedColours(root: PaintNode, budget?: ColourBudget): void {
  if (![...allPaints(root)].some((value) => CURRENT_IN_FUNCTION.test(value))) return;
  const byId = elementsById(root);
  const holdsMix = new Map<PaintNode, boolean>();
  const holds = (node: PaintNode): boolean => {
    let known = holdsMix.get(node);
    if (known === undefined) {
      holdsMix.set(node, false);
      known = PAINTS.some((key) => CURRENT_IN_FUNCTION.test(node.attributes.get(key) ?? '')) || node.children.some((child) => typeof child !== 'string' && holds(child));
      holdsMix.set(node, known);
    }
    return known;
  };
  const colours = new Map<PaintNode, Map<string, Color | undefined>>();
  const drawnItself = new Set<PaintNode>();
  const walk = (node: PaintNode, inherited: Color | undefined, hidden: boolean) => {
    const current = currentColourOf(node.attributes.get('color'), inherited);
    const within = hidden || NOT_DRAWN_ITSELF.has(node.name);
    if (!within) drawnItself.add(node);
    const href = node.name === 'use' ? node.attributes.get('href') : undefined;
    const found = href?.startsWith('#') ? byId.get(href.slice(1)) : undefined;
    if (found !== undefined && holds(found)) {
      const seen = colours.get(found) ?? new Map<string, Color | undefined>();
      seen.set(current === undefined ? '' : hexOf(current), current);
      colours.set(found, seen);
    }
    for (const child of node.children) if (typeof child !== 'string') walk(child, current, within);
  };
  walk(root, undefined, false);
  for (const [found, seen] of colours) {
    if (drawnItself.has(found)) continue;
    const name = `<${found.name}${found.attributes.has('id') ? ` id="${found.attributes.get('id')}"` : ''}>`;
    if (seen.size > 1) {
      const named = [...seen.keys()].map((key) => key || 'none (forge gives the mark colors.brand)').join(', ');
      throw new SvgRejectedError(
        'svg-forbidden-attribute',
        `Expected one colour for the <use>s of ${name}, which paints with currentColor in a colour function, but they set ${named}: forge cannot draw them; write the colour itself, in a copy of ${name} for each colour`,
      );
    }
    const [colour] = [...seen.values()];
    if (colour === undefined) continue;
    const resolve = (node: PaintNode, inherited: Color, written: ReadonlyMap<string, string>) => {
      // Read again for each <use>d element around it (ids nest).
      budget?.charge(node.attributes.get('color'));
      const current = currentColourOf(node.attributes.get('color'), inherited) ?? inherited;
      // As resolveColours: a fill or stroke holding currentColor inherits as written, each element reading it with its own colour.
      const paints = new Map(written);
      for (const key of ['fill', 'stroke']) {
        const own = node.attributes.get(key);
        if (own !== undefined) paints.set(key, own);
        else if (node.attributes.has('color') && CURRENT_IN_FUNCTION.test(written.get(key) ?? '')) node.attributes.set(key, written.get(key)!);
      }
      for (const key of PAINTS) {
        const value = node.attributes.get(key);
        if (value !== undefined && CURRENT_IN_FUNCTION.test(value)) node.attributes.set(key, resolvePaint(value, key === 'color' ? inherited : current, false, budget));
      }
      for (const child of node.children) if (typeof child !== 'string') resolve(child, current, paints);
    };
    resolve(found, colour, new Map());
  }
}

function* allPaints(node: PaintNode): Generator<string> {
  for (const key of PAINTS) {
    const value = node.attributes.get(key);
    if (value !== undefined) yield value;
  }
  for (const child of node.children) if (typeof child !== 'string') yield* allPaints(child);
}
