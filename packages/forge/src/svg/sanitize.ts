import { createRequire } from 'node:module';
import type { SaxesTagNS } from 'saxes';
import { SvgRejectedError, type SvgErrorCode } from '../errors.ts';
import type { HexColor, SanitizedSvg } from '../plan/types.ts';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, DROPPED_ELEMENTS, STYLE_ONLY_PROPERTIES, TEXT_ELEMENTS, URL_ATTRIBUTES } from './allowlist.ts';
import { ColourBudget, currentColourOf, darkPick, elementsById, resolveContextPaints, resolvePaint, resolveUsedColours } from './colours.ts';
import { CSS_WIDE_KEYWORD, OPACITY_PROPERTIES, plainOpacity, validForProperty } from './css-values.ts';
import { declarations, MAX_SHEET_TESTS, sheetValues, type SheetValue } from './root-sheet.ts';

const require = createRequire(import.meta.url);
// saxes is CommonJS: an ES import of it makes Node scan its 74 KB source for export names
// (cjs-module-lexer, ~10 ms of CPU in every `dropkit forge`, measured with --cpu-prof); require
// skips that scan.
const { SaxesParser } = require('saxes') as typeof import('saxes');

interface TextCoverage {
  charactersWithoutGlyph(text: string): string[];
}
/** Required only for a mark with text (see text-coverage.cjs for why it is CommonJS). */
let textCoverage: TextCoverage | undefined;

/**
 * A mark uploaded by a stranger is rebuilt from allow-listed parts only: anything resvg, sharp or a
 * browser could turn into a file read, a network fetch, script, or an unbounded amount of work is
 * refused with a typed error before a renderer ever sees the document.
 */
export interface SvgLimits {
  maxBytes: number;
  maxElements: number;
  maxDepth: number;
  /** Elements after expanding every `<use>`: bounds the "use bomb" amplification. */
  maxExpandedElements: number;
  /**
   * Largest viewBox number or width/height, in user units. Forge sizes every canvas itself, so this
   * bounds only the arithmetic: resvg computes in 32-bit floats, exact for whole numbers up to 2^24.
   */
  maxDimension: number;
  /** Widest allowed aspect ratio (either way); beyond it a fitted mark is an invisible line. */
  maxAspectRatio: number;
  /** Pixels of one embedded data: image (a small PNG can claim a huge canvas). */
  maxEmbeddedImagePixels: number;
}

export const DEFAULT_SVG_LIMITS: SvgLimits = {
  maxBytes: 1024 * 1024,
  maxElements: 10_000,
  maxDepth: 48,
  maxExpandedElements: 30_000,
  // CorelDRAW writes micrometres: an A4 page is a viewBox 297 000 units tall.
  maxDimension: 10_000_000,
  maxAspectRatio: 16,
  maxEmbeddedImagePixels: 4096 * 4096,
};

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

interface Node {
  name: string;
  attributes: Map<string, string>;
  children: Array<Node | string>;
  /** The attributes as the file wrote them, which selectors read (see SheetNode); gone once the sheets are applied. */
  written?: Map<string, string>;
  /** The attributes that came from the element's inline style, which outrank a sheet's normal rules (see applySheets). */
  inline?: Set<string>;
  /** Those of them the inline style marked `!important`, which outrank even a sheet's important rule. */
  inlineImportant?: Set<string>;
  /**
   * The inline declarations that read a custom property or set one, resolved with the sheet's
   * custom properties where the element inherits them (applySheets).
   */
  inlineVars?: Map<string, SheetValue>;
  /**
   * An element the rebuild drops (`<title>`, `<metadata>`, a foreign-namespace one), held empty in
   * its place until the sheets are matched: to `:first-child`, `:nth-child` and `+` it is a sibling,
   * as in the browser showing the file (see applySheets).
   */
  dropped?: true;
}

function reject(code: SvgErrorCode, message: string): never {
  throw new SvgRejectedError(code, message);
}

function sniffBinary(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'a WebP image';
  if (starts(0x1f, 0x8b)) return 'gzip data (SVGZ is not accepted; upload the plain SVG)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x00, 0x00, 0x01, 0x00)) return 'an ICO image';
  return undefined;
}

/**
 * What an SVG may be written in besides UTF-8 and UTF-16 (each told by its byte order mark): the
 * single-byte encodings of the WHATWG Encoding Standard that keep ASCII as it is, so the XML
 * declaration and every tag read the same before and after decoding. Named as TextDecoder names
 * them: `ISO-8859-1`, `latin1` and `US-ASCII` are windows-1252 there, as in every browser.
 * Older exporters (Illustrator 8-10, CorelDRAW, some plotter and cutter software) write Latin-1.
 */
const SINGLE_BYTE_ENCODINGS: ReadonlySet<string> = new Set([
  ...['1250', '1251', '1252', '1253', '1254', '1255', '1256', '1257', '1258'].map((page) => `windows-${page}`),
  ...['2', '3', '4', '5', '6', '7', '8', '10', '13', '14', '15', '16'].map((part) => `iso-8859-${part}`),
]);

/** What windows-1252 has at 0x80-0x9f (the Encoding Standard's table; its five unassigned bytes stay C1 controls). */
const WINDOWS_1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/**
 * windows-1252 (and so ISO-8859-1, which browsers read as it): Node 20's TextDecoder decodes it as
 * ISO-8859-1 proper, turning € and ’ into C1 controls that the font check then refused.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...chunk);
  }
  return text.replace(/[\x80-\x9f]/gu, (control) => WINDOWS_1252_HIGH[control.charCodeAt(0) - 0x80]!);
}

/** `<?xml version="1.0" encoding="ISO-8859-1"?>`: the declared encoding, read as ASCII from the first bytes. */
const DECLARED_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]{0,39})\1/;

const SAVE_AS_UTF8 = 'save it as UTF-8 (Inkscape and Illustrator write UTF-8 by default)';

/**
 * The file's text, decoded as it says it is written: a byte order mark (UTF-8, UTF-16), else the
 * encoding its XML declaration names, else UTF-8. What comes out is a string; the rebuilt document
 * is written without a declaration, so it is UTF-8 like every file forge writes. Strict: a byte that
 * is not text in that encoding is a refusal, not a replacement character.
 */
function decodeSvg(bytes: Uint8Array): string {
  let encoding: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else {
    const declared = DECLARED_ENCODING.exec(Buffer.from(bytes.subarray(0, 256)).toString('latin1'))?.[2];
    let known: string | undefined;
    try {
      known = declared === undefined ? 'utf-8' : new TextDecoder(declared).encoding;
    } catch {
      known = undefined;
    }
    if (known === 'utf-16le' || known === 'utf-16be') {
      return reject('svg-not-svg', `Expected a UTF-16 document to start with a byte order mark but it declares encoding="${declared}" without one; ${SAVE_AS_UTF8}`);
    }
    if (known !== 'utf-8' && (known === undefined || !SINGLE_BYTE_ENCODINGS.has(known))) {
      return reject('svg-not-svg', `Expected an SVG document in UTF-8 (or a single-byte encoding such as ISO-8859-1) but it declares encoding="${declared}", which forge does not read; ${SAVE_AS_UTF8}`);
    }
    encoding = known;
  }
  try {
    return encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    const named = encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase();
    const undeclared = encoding === 'utf-8' && !DECLARED_ENCODING.test(Buffer.from(bytes.subarray(0, 256)).toString('latin1'));
    return reject(
      'svg-not-svg',
      `Expected an SVG document in UTF-8 but the bytes are not ${named} text` +
        (undeclared ? ' and it declares no other encoding' : '') +
        `; ${SAVE_AS_UTF8}${undeclared ? ', or name its encoding in the XML declaration (<?xml version="1.0" encoding="windows-1252"?>)' : ''}`,
    );
  }
}

// Digits before a point are one run (`\d+(?:\.\d*)?`, not `\d+\.?\d*`): with the point optional
// the two runs split a stranger's 20 000 digits every way before failing at the end, 0.5 s for a
// viewBox and 0.9 s for a transform-origin (quadratic; a 1 MiB file's worth, many minutes).
const NUMBER = /^[+-]?(\d+(?:\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * CSS's absolute units in pixels. Design tools write them on the root <svg>: Inkscape uses mm by
 * default, potrace and Ghostscript pt, print-minded exports in or cm.
 */
const PIXELS_PER_UNIT: Readonly<Record<string, number>> = { '': 1, px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, q: 96 / 101.6, pt: 96 / 72, pc: 16 };

/**
 * `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` and its 1.0, Tiny and Basic kin, before the root;
 * group 2 is an internal subset in brackets, if any (Illustrator's namespace entities, read by {@link namespaceEntities}).
 */
const STANDARD_SVG_DOCTYPE =
  /^(\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*)<!DOCTYPE\s+svg\s+PUBLIC\s+"-\/\/W3C\/\/DTD SVG 1\.[01](?: Tiny| Basic)?\/\/EN"\s+"http:\/\/www\.w3\.org\/(?:Graphics\/SVG\/1\.1\/DTD\/svg11(?:-tiny|-basic)?\.dtd|TR\/2001\/REC-SVG-20010904\/DTD\/svg10\.dtd)"\s*(?:\[([^\]]*)\]\s*)?>/;

/** `<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">`: a name for a namespace URI, the one kind of entity Illustrator's SVG export declares. */
const NAMESPACE_ENTITY = /<!ENTITY\s+([A-Za-z][\w.-]*)\s+"(https?:\/\/[^"&%<>\s]{1,200})"\s*>/g;
const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const DOCTYPE_EXPECTED = 'Expected no DOCTYPE, or only the standard SVG 1.1 one (with at most namespace entities, as Illustrator writes; DTDs of its own and other entities are not accepted)';

/**
 * The entities of an internal subset that declares nothing but namespace URIs (Illustrator's
 * `&ns_ai;` in `xmlns:i="&ns_ai;"`), or a refusal. Safe to expand: a value is a plain URI, with no
 * reference, markup or parameter entity in it, and the parser puts it in as text without reading
 * it again, so nothing nests; the references times the value lengths must fit the file limit.
 */
function namespaceEntities(subset: string, text: string, limits: SvgLimits): Map<string, string> {
  const entities = new Map<string, string>();
  const rest = subset.replace(NAMESPACE_ENTITY, (_declaration, name: string, value: string) => {
    if (PREDEFINED_ENTITIES.has(name) || entities.has(name)) reject('svg-doctype', DOCTYPE_EXPECTED);
    entities.set(name, value);
    return '';
  });
  if (rest.trim() !== '') reject('svg-doctype', DOCTYPE_EXPECTED);
  let expanded = 0;
  for (const [, name = ''] of text.matchAll(/&([A-Za-z][\w.-]*);/g)) expanded += entities.get(name)?.length ?? 0;
  if (expanded > limits.maxBytes) reject('svg-too-large', `Expected at most ${limits.maxBytes} bytes once entities are expanded but received ${expanded}`);
  return entities;
}

/** Paper sizes in mm, portrait. A root sized as one is a whole page saved, not a logo cropped to its drawing. */
const PAPER_MM: Readonly<Record<string, readonly [number, number]>> = {
  A3: [297, 420],
  A4: [210, 297],
  A5: [148, 210],
  Letter: [215.9, 279.4],
  Legal: [215.9, 355.6],
};

/** The paper size the root's width and height name (either orientation, within 1 mm), if any. */
function paperOf(width: string | undefined, height: string | undefined): string | undefined {
  const millimetres = (value: string | undefined) => ((value === undefined ? undefined : pixelsOf(value)) ?? Number.NaN) * (25.4 / 96);
  const [w, h] = [millimetres(width), millimetres(height)];
  const near = (a: number, b: number) => Math.abs(a - b) < 1;
  return Object.keys(PAPER_MM).find((name) => {
    const [short, long] = PAPER_MM[name]!;
    return (near(w, short) && near(h, long)) || (near(w, long) && near(h, short));
  });
}

/** A length in an absolute unit (or none) in pixels; undefined for a relative one (%, em) or no length at all. */
function pixelsOf(value: string): number | undefined {
  const match = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const perUnit = match ? PIXELS_PER_UNIT[match[2]!.toLowerCase()] : undefined;
  return perUnit === undefined ? undefined : Number(match![1]) * perUnit;
}

function parseLength(value: string | undefined, field: string, limits: SvgLimits): number | undefined {
  if (value === undefined) return undefined;
  const length = pixelsOf(value);
  if (length === undefined) {
    reject(
      'svg-bad-size',
      `Expected width and height of the root <svg> in px, mm, cm, in, pt or pc, or a viewBox, but ${field} is ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  if (!(length > 0) || length > limits.maxDimension) {
    reject('svg-bad-size', `Expected ${field} of the root <svg> between 0 and ${limits.maxDimension} px but received ${value.trim().slice(0, 40)}`);
  }
  return length;
}

function parseViewBox(value: string, limits: SvgLimits): [number, number, number, number] {
  const parts = value.trim().split(/[\s,]+/);
  if (parts.length !== 4 || !parts.every((part) => NUMBER.test(part))) {
    reject('svg-bad-size', `Expected viewBox as four numbers but received ${JSON.stringify(value.slice(0, 60))}`);
  }
  const [x, y, width, height] = parts.map(Number) as [number, number, number, number];
  if (!(width > 0) || !(height > 0)) reject('svg-bad-size', `Expected a viewBox with positive width and height but received ${value.trim()}`);
  if ([x, y, width, height].some((n) => Math.abs(n) > limits.maxDimension)) {
    reject('svg-bad-size', `Expected viewBox numbers within ±${limits.maxDimension} but received ${value.trim().slice(0, 60)}`);
  }
  return [x, y, width, height];
}

/** Reads the pixel size a PNG or GIF header claims, so a tiny file cannot demand a gigantic canvas. */
function embeddedImagePixels(mime: string, base64: string): number | undefined {
  const head = Buffer.from(base64.slice(0, 64), 'base64');
  if (mime === 'png' && head.length >= 24) return head.readUInt32BE(16) * head.readUInt32BE(20);
  if (mime === 'gif' && head.length >= 10) return head.readUInt16LE(6) * head.readUInt16LE(8);
  return undefined;
}

// Any name characters, a leading digit too: flag and icon exports use ids like "2stars", which
// resvg and browsers resolve. It stays a fragment: no scheme, no path, nothing outside the document.
const FRAGMENT = /^#[\w.:-]+$/;
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/\s]+={0,2})$/;

function checkHref(value: string, limits: SvgLimits): string {
  const trimmed = value.trim();
  if (FRAGMENT.test(trimmed)) return trimmed;
  const data = DATA_IMAGE.exec(trimmed);
  if (data) {
    const pixels = embeddedImagePixels(data[1]!, data[2]!.replace(/\s/g, ''));
    if (pixels !== undefined && pixels > limits.maxEmbeddedImagePixels) {
      reject('svg-bad-size', `Expected an embedded image of at most ${limits.maxEmbeddedImagePixels} pixels but it claims ${pixels}`);
    }
    return trimmed.replace(/\s/g, '');
  }
  return reject('svg-forbidden-href', `Expected a link to be "#id" or a data:image/(png|jpeg|gif|webp) URI but received ${JSON.stringify(trimmed.slice(0, 60))}`);
}

/** Every url(...) inside a value must point inside the document. */
function checkUrls(value: string, where: string): void {
  for (const [url, inside = ''] of value.matchAll(/url\s*\(([^)]*)\)?/gi)) {
    // Unquoted with string operations: a second, unanchored pattern over each match backtracked from
    // every "url(" of a value that never closes one (20 s for 160 KB of "url(", measured).
    let target = url.endsWith(')') ? inside.trim() : '';
    if (/^(['"]).*\1$/s.test(target)) target = target.slice(1, -1).trim();
    if (!FRAGMENT.test(target)) {
      reject('svg-forbidden-href', `Expected url(#id) in ${where} but received ${JSON.stringify(url.slice(0, 60))}`);
    }
  }
  // CSS names an image by a bare string in these, no url() needed: Chromium fetched
  // mask="image-set('https://…' 1x)" (and -webkit-image-set) when favicon.svg was opened as a page.
  const image = /(?:image-set|\bsrc)\s*\(/i.exec(value);
  if (image) reject('svg-forbidden-href', `Expected url(#id) as the only link in ${where} but received ${JSON.stringify(value.slice(image.index, image.index + 60))}`);
}

/** Where the three design tools creators use most turn live text into shapes. */
export const OUTLINE_TEXT = '(Inkscape: Path → Object to Path; Illustrator: Type → Create Outlines; Figma: Flatten)';

/** Where a dark-mode block opens: the query is bounded so that a stranger's run of "@media" stays linear. */
const DARK_MEDIA_OPENING = /@media[^{]{0,256}?prefers-color-scheme\s*:\s*dark[^{]{0,256}\{/gi;

/**
 * A mark's own dark-mode styles (a hand-made favicon.svg's `@media (prefers-color-scheme: dark)
 * {…}`, or a favicon.svg forge itself made) are cut out whole: forge makes every dark version from
 * colors.dark, and the light drawing does not depend on them. A block that never closes is left in
 * place, for checkCss to refuse.
 */
function withoutDarkMedia(css: string): { css: string; cut: boolean } {
  let kept = '';
  let from = 0;
  DARK_MEDIA_OPENING.lastIndex = 0;
  for (let opening; (opening = DARK_MEDIA_OPENING.exec(css)); ) {
    let depth = 1;
    let end = DARK_MEDIA_OPENING.lastIndex;
    for (; end < css.length && depth > 0; end++) {
      if (css[end] === '{') depth++;
      else if (css[end] === '}') depth--;
    }
    if (depth > 0) break;
    kept += css.slice(from, opening.index);
    from = DARK_MEDIA_OPENING.lastIndex = end;
  }
  return { css: kept + css.slice(from), cut: from > 0 };
}

/** Stylesheets may only style: no @import/@font-face, no escapes hiding either, no foreign URLs. */
function checkCss(css: string, where: string): void {
  // Design tools embed the typeface of live text this way; say what to do instead.
  if (/@font-face/i.test(css)) {
    reject('svg-forbidden-attribute', `Expected no embedded font (@font-face) in ${where}: forge draws text only in its own font; convert the text to outlines ${OUTLINE_TEXT}`);
  }
  // Bounded: an unbounded [^{]* scans from every "@media" to the end of a sheet without "{" (quadratic:
  // 20 s for 280 KB, measured). A real query names the feature within a few dozen characters.
  if (/@media[^{]{0,256}prefers-color-scheme/i.test(css)) {
    reject('svg-forbidden-attribute', `Expected no @media rules in ${where}: forge makes the dark-mode version itself from colors.dark; remove the @media (prefers-color-scheme) block`);
  }
  if (/[@\\<]/.test(css) || /expression\s*\(|javascript:|-moz-binding|behavior\s*:/i.test(css)) {
    reject('svg-forbidden-attribute', `Expected plain CSS rules in ${where} (no @-rules, escapes or markup) but received ${JSON.stringify(css.trim().slice(0, 60))}`);
  }
  checkUrls(css, where);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const PAINT_ATTRIBUTES = new Set(['fill', 'stroke', 'stop-color', 'flood-color', 'lighting-color', 'color']);

/** Lower-case #rrggbb for plain hex paints, so later stages can match brand colours exactly. */
function normalisePaint(value: string): string {
  const hex = /^\s*#([0-9a-f]{3}|[0-9a-f]{6})\s*$/i.exec(value)?.[1];
  if (!hex) return value.trim();
  const long = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return `#${long.toLowerCase()}`;
}

/**
 * Properties whose values are keywords, which CSS reads in any case and resvg 2.6.2 in lower case
 * only (probed: display="NONE", visibility="HIDDEN", fill-rule="EVENODD" were drawn as if absent,
 * where Chromium hides the shape or cuts the hole).
 */
const KEYWORD_PROPERTIES = new Set([
  'display', 'visibility', 'overflow', 'fill-rule', 'clip-rule', 'stroke-linecap', 'stroke-linejoin', 'paint-order', 'vector-effect',
  'shape-rendering', 'image-rendering', 'text-rendering', 'color-interpolation', 'color-interpolation-filters', 'mask-type',
  'font-style', 'font-variant', 'font-weight', 'font-stretch', 'text-anchor', 'dominant-baseline', 'alignment-baseline',
  'text-decoration', 'writing-mode', 'direction', 'unicode-bidi',
]);

/** A presentation value in the spelling resvg reads: hex paints normalised, keywords in lower case. */
function normaliseValue(property: string, value: string): string {
  if (PAINT_ATTRIBUTES.has(property)) return normalisePaint(value);
  return KEYWORD_PROPERTIES.has(property) && /^[a-z\s-]+$/i.test(value) ? value.toLowerCase() : value;
}

const TRANSFORM_ORIGIN = 'transform-origin';

const DEGREES_PER: Readonly<Record<string, number>> = { deg: 1, rad: 180 / Math.PI, grad: 0.9, turn: 360 };

/**
 * A CSS transform (`rotate(45deg) translate(10px, 0)`, as a style writes one) in the attribute's
 * syntax, which has no units: as an attribute the CSS spelling is invalid, and renderers drew the
 * shape untransformed where browsers turn it. `none` is the identity; anything else it cannot
 * spell (3D, percentages, calc(), unitless angles, which CSS itself rejects) is undefined: dropped,
 * as a browser drops the invalid declaration.
 */
function cssTransform(value: string): string | undefined {
  // Valid CSS, so it outranks a transform attribute: no transform at all.
  if (/^none$/i.test(value)) return 'matrix(1 0 0 1 0 0)';
  // Bounded, so a stranger's megabyte of letters without "(" stays linear.
  const FUNCTION = /([a-z]{1,16})\(([^()]{0,512})\)/gi;
  const functions = [...value.matchAll(FUNCTION)];
  // Nothing but functions and the spaces between them.
  if (functions.length === 0 || value.replace(FUNCTION, '').trim() !== '') return undefined;
  const number = (part: string | undefined) => (part !== undefined && NUMBER.test(part) ? Number(part) : undefined);
  const length = (part: string | undefined) => {
    const match = part === undefined ? null : /^(.*?)(px)?$/i.exec(part);
    const n = number(match?.[1]);
    return n !== undefined && (match?.[2] !== undefined || n === 0) ? n : undefined;
  };
  const angle = (part: string | undefined) => {
    const match = part === undefined ? null : /^(.*?)(deg|rad|grad|turn)$/i.exec(part);
    const n = number(match?.[1]);
    if (n !== undefined) return n * DEGREES_PER[match![2]!.toLowerCase()]!;
    return number(part) === 0 ? 0 : undefined;
  };
  const out: string[] = [];
  for (const [, name = '', inside = ''] of functions) {
    const args = inside.trim() === '' ? [] : inside.trim().split(/\s*,\s*|\s+/);
    const all = <T>(parts: Array<T | undefined>): parts is T[] => parts.every((part) => part !== undefined);
    const lower = name.toLowerCase();
    let spelled: string | undefined;
    if (lower === 'matrix' && args.length === 6) {
      const values = args.map(number);
      if (all(values)) spelled = `matrix(${values.join(' ')})`;
    } else if (lower === 'translate' && (args.length === 1 || args.length === 2)) {
      const values = args.map(length);
      if (all(values)) spelled = `translate(${values.join(' ')})`;
    } else if ((lower === 'translatex' || lower === 'translatey') && args.length === 1) {
      const n = length(args[0]);
      if (n !== undefined) spelled = lower === 'translatex' ? `translate(${n} 0)` : `translate(0 ${n})`;
    } else if (lower === 'scale' && (args.length === 1 || args.length === 2)) {
      const values = args.map(number);
      if (all(values)) spelled = `scale(${values.join(' ')})`;
    } else if ((lower === 'scalex' || lower === 'scaley') && args.length === 1) {
      const n = number(args[0]);
      if (n !== undefined) spelled = lower === 'scalex' ? `scale(${n} 1)` : `scale(1 ${n})`;
    } else if ((lower === 'rotate' || lower === 'skewx' || lower === 'skewy') && args.length === 1) {
      const n = angle(args[0]);
      if (n !== undefined) spelled = `${lower === 'rotate' ? 'rotate' : lower === 'skewx' ? 'skewX' : 'skewY'}(${n})`;
    } else if (lower === 'skew' && (args.length === 1 || args.length === 2)) {
      const values = args.map(angle);
      if (all(values)) {
        const tan = (degrees: number) => Math.tan((degrees * Math.PI) / 180);
        spelled = `matrix(1 ${tan(values[1] ?? 0)} ${tan(values[0]!)} 1 0 0)`;
      }
    }
    if (spelled === undefined) return undefined;
    out.push(spelled);
  }
  return out.join(' ');
}

/** Where a transform-origin keyword puts the origin, as a fraction of the reference box, and on which axis (undefined: either). */
const ORIGIN_KEYWORDS: Readonly<Record<string, readonly [number, 'x' | 'y' | undefined]>> = {
  left: [0, 'x'],
  right: [1, 'x'],
  top: [0, 'y'],
  bottom: [1, 'y'],
  center: [0.5, undefined],
};

/**
 * A transform-origin in user units (`50px 50px`, as Boxy SVG writes one on every rotated shape;
 * `50 50` as an attribute). Keywords and percentages are of the reference box, which for an SVG
 * element is its viewport's viewBox at 0 0 (transform-box: view-box, browsers' default): `box`,
 * the mark's, or undefined inside a nested viewport, where such an origin is not placed.
 */
function originPoint(value: string, box: readonly [number, number] | undefined): [number, number] | undefined {
  const parts = value.trim().toLowerCase().split(/[\s,]+/);
  if (parts.length < 1 || parts.length > 3) return undefined;
  if ((parts[2] ?? '0').replace(/px$/, '') !== '0' && Number((parts[2] ?? '0').replace(/px$/, '')) !== 0) return undefined;
  const [first = '', second = 'center'] = parts;
  // A vertical keyword first, or a horizontal one second, is written the other way round (`top left`).
  const swapped = ORIGIN_KEYWORDS[first]?.[1] === 'y' || ORIGIN_KEYWORDS[second]?.[1] === 'x';
  const [x, y] = swapped ? [second, first] : [first, second];
  const place = (part: string, axis: 0 | 1, name: 'x' | 'y'): number | undefined => {
    const keyword = ORIGIN_KEYWORDS[part];
    if (keyword) return keyword[1] !== undefined && keyword[1] !== name ? undefined : box === undefined ? undefined : keyword[0] * box[axis];
    const percent = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)%$/.exec(part)?.[1];
    if (percent !== undefined) return box === undefined ? undefined : (Number(percent) / 100) * box[axis];
    const length = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(px)?$/.exec(part)?.[1];
    return length === undefined ? undefined : Number(length);
  };
  const point = [place(x, 0, 'x'), place(y, 1, 'y')];
  return point.every((n) => n !== undefined && Number.isFinite(n)) ? (point as [number, number]) : undefined;
}

/**
 * A transform about a transform-origin becomes the same transform about 0 0, framed by two
 * translations: browsers honour the property, resvg 2.6.2 ignores it, and forge's icons and its
 * favicon.svg must draw alike. Done once the sheets are applied, on the transform that won (an
 * inline origin and a sheet's transform meet there), for every element; `box` as in originPoint.
 * An origin it cannot place is dropped, as before.
 */
function foldTransformOrigins(node: Node, box: readonly [number, number] | undefined, isRoot = false): void {
  const attributes = node.attributes;
  const origin = attributes.get(TRANSFORM_ORIGIN);
  if (origin !== undefined) {
    attributes.delete(TRANSFORM_ORIGIN);
    const transform = attributes.get('transform');
    // The root's box is a CSS box in the page's pixels, not the viewBox: only user units are placed there.
    const point = transform === undefined ? undefined : originPoint(origin, isRoot ? undefined : box);
    if (point && (point[0] !== 0 || point[1] !== 0)) attributes.set('transform', `translate(${point[0]} ${point[1]}) ${transform} translate(${-point[0]} ${-point[1]})`);
  }
  // A nested <svg> or <symbol> is a viewport of its own, whose box forge does not measure.
  const inner = !isRoot && NESTED_VIEWPORTS.has(node.name) ? undefined : box;
  for (const child of node.children) if (typeof child !== 'string') foldTransformOrigins(child, inner);
}

const NESTED_VIEWPORTS = new Set(['svg', 'symbol', 'marker', 'pattern']);

/**
 * Inline style declarations become attributes, so one allowlist governs both spellings. The few
 * properties SVG has no attribute for stay a declaration, rebuilt from keywords only.
 */
function styleToAttributes(style: string, element: string, into: Map<string, string>): { important: Set<string>; vars: Map<string, SheetValue> } {
  checkCss(style, `the style of <${element}>`);
  // One style is a cascade of its own: the last declaration of a property wins, unless an earlier
  // one is important (style="fill:blue!important;fill:red" is blue).
  const winners = new Map<string, SheetValue>();
  for (const { name: property, value, important } of declarations(style)) {
    if (!validForProperty(property, value) || (winners.get(property)?.important && !important)) continue;
    winners.set(property, { value, important });
  }
  const plain: string[] = [];
  const vars = new Map<string, SheetValue>();
  for (const [property, declared] of winners) {
    if (property.startsWith('--') || VAR_CALL.test(declared.value)) vars.set(property, declared);
    else plain.push(`${property}:${declared.value}`);
  }
  declarationsToAttributes(plain, into);
  return { important: new Set([...winners].filter(([, { important }]) => important).map(([property]) => property)), vars };
}

/** The keywords an element's style attribute holds (its style-only properties, see declarationsToAttributes), by property. */
function styleKeywords(element: Node): Map<string, string> {
  return new Map(
    (element.attributes.get('style') ?? '')
      .split(';')
      .filter((declaration) => declaration.includes(':'))
      .map((declaration) => [declaration.slice(0, declaration.indexOf(':')), declaration.slice(declaration.indexOf(':') + 1)] as const),
  );
}

/**
 * Declarations, each whole (a `;` in a string or brackets is the value's: `font-family:"a;opacity:0"`
 * wrote opacity="0&quot;" too, a declaration no rule had), as attributes (styleToAttributes).
 */
function declarationsToAttributes(declarations: readonly string[], into: Map<string, string>): void {
  const kept: string[] = [];
  for (const declaration of declarations) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    // Importance was read off each declaration by declarations() (root-sheet.ts); no var() is left in
    // a value here: an inline one went to node.inlineVars and a sheet's through withCustoms, both resolved.
    const value = declaration.slice(colon + 1).trim();
    if (STYLE_ONLY_PROPERTIES.has(property)) {
      if (/^[a-z-]+$/i.test(value)) kept.push(`${property}:${value.toLowerCase()}`);
    } else if (property === TRANSFORM_ORIGIN && value) into.set(property, value);
    else if (property === 'transform') {
      // A CSS-wide keyword is resolved later (withoutWideKeywords): `inherit` is the parent's transform, the others none.
      const transform = CSS_WIDE_KEYWORD.test(value) ? value.trim().toLowerCase() : cssTransform(value);
      if (transform !== undefined) into.set(property, transform);
    } else if (value && ALLOWED_ATTRIBUTES.has(property) && !URL_ATTRIBUTES.has(property)) into.set(property, value);
  }
  if (kept.length > 0) into.set('style', kept.join(';'));
}

/**
 * Illustrator's "Preserve Illustrator Editing Capabilities" export opens with
 * `<switch><foreignObject requiredExtensions="&ns_ai;">` (a pointer to its own data), then the
 * drawing. No renderer has that extension, so every one draws the drawing; dropped like metadata.
 * A foreignObject that asks for HTML, or sits anywhere else, is still refused.
 */
function isIllustratorPrivateData(tag: SaxesTagNS, parent: Node | undefined): boolean {
  if (tag.local !== 'foreignObject' || parent?.name !== 'switch') return false;
  const extensions = Object.values(tag.attributes).find((attribute) => attribute.local === 'requiredExtensions' && attribute.uri === '')?.value.trim() ?? '';
  return extensions !== '' && !extensions.includes('http://www.w3.org/1999/xhtml');
}

interface ParsedDocument {
  root: Node;
  elementCount: number;
  /** A `<style>` held a dark-mode block, now cut out (see withoutDarkMedia). */
  ownDarkStyles: boolean;
}

function parse(text: string, limits: SvgLimits, entities: ReadonlyMap<string, string>): ParsedDocument {
  const parser = new SaxesParser({ xmlns: true, position: true });
  for (const [name, value] of entities) parser.ENTITIES[name] = value;
  const stack: Node[] = [];
  let root: Node | undefined;
  let elementCount = 0;
  // Depth inside elements we drop (metadata, foreign namespaces): their content is skipped whole.
  let skipping = 0;
  // Whether what is skipped is Inkscape's flowed text, whose characters are a refusal (see below).
  let inFlowedText = false;
  let ownDarkStyles = false;

  parser.on('error', (error) => reject('svg-malformed', `Expected well-formed XML but ${error.message}`));
  parser.on('processinginstruction', (instruction) =>
    reject('svg-forbidden-element', `Expected no processing instructions but received <?${instruction.target}?> (xml-stylesheet can fetch files)`),
  );
  parser.on('doctype', () => reject('svg-doctype', DOCTYPE_EXPECTED));
  parser.on('opentag', (tag: SaxesTagNS) => {
    elementCount += 1;
    if (elementCount > limits.maxElements) reject('svg-too-many-elements', `Expected at most ${limits.maxElements} elements`);
    if (stack.length + skipping + 1 > limits.maxDepth) reject('svg-too-deep', `Expected nesting at most ${limits.maxDepth} deep`);
    if (skipping > 0) {
      skipping += 1;
      return;
    }
    const name = tag.local;
    if (!root && (tag.uri !== SVG_NS || name !== 'svg')) {
      reject('svg-not-svg', `Expected an <svg> root element in the SVG namespace but received <${tag.name}>`);
    }
    const inSvgNamespace = tag.uri === SVG_NS;
    if (!inSvgNamespace || DROPPED_ELEMENTS.has(name) || isIllustratorPrivateData(tag, stack.at(-1))) {
      skipping = 1;
      stack.at(-1)?.children.push({ name, attributes: new Map(), children: [], dropped: true });
      return;
    }
    // Inkscape 0.92's flowed text (SVG 1.2, never adopted): no browser draws it, and neither does resvg.
    // Empty ones are leftovers of a click with the text tool and dropped; one with characters is
    // text the designer sees in Inkscape only, refused as the text below.
    if (name === 'flowRoot') {
      skipping = 1;
      inFlowedText = true;
      stack.at(-1)?.children.push({ name, attributes: new Map(), children: [], dropped: true });
      return;
    }
    if (!ALLOWED_ELEMENTS.has(name)) reject('svg-forbidden-element', `Expected only drawing elements but received <${name}>`);

    const attributes = new Map<string, string>();
    const style = [...Object.values(tag.attributes)].find((a) => a.local === 'style' && a.uri === '');
    const declared = style ? styleToAttributes(style.value, name, attributes) : undefined;
    const inlineVars = new Map([...(declared?.vars ?? [])].filter(([property]) => property.startsWith('--') || wantedFromCss(property)));
    // An inline style outranks a presentation attribute in the cascade (fill="none" style="fill:red" is red),
    // whatever its var() turns out to be (nothing is `unset`, not the attribute).
    const styled = new Set([...attributes.keys(), ...[...inlineVars.keys()].filter((property) => !property.startsWith('--'))]);
    for (const attribute of Object.values(tag.attributes)) {
      const local = attribute.local.toLowerCase();
      if (local.startsWith('on')) reject('svg-forbidden-attribute', `Expected no event handlers but <${name}> has ${attribute.name}`);
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns' || local === 'style') continue;
      const isHref = local === 'href' && (attribute.uri === '' || attribute.uri === XLINK_NS);
      if (isHref) {
        attributes.set('href', checkHref(attribute.value, limits));
        continue;
      }
      // xml:space="preserve" keeps a text's runs of spaces (Illustrator writes it); the xml prefix needs no declaration.
      if (attribute.uri === XML_NS && local === 'space') {
        if (/^(default|preserve)$/.test(attribute.value)) attributes.set('xml:space', attribute.value);
        continue;
      }
      if (attribute.uri === '' && attribute.local === TRANSFORM_ORIGIN && !styled.has(TRANSFORM_ORIGIN)) {
        attributes.set(TRANSFORM_ORIGIN, attribute.value);
        continue;
      }
      if (attribute.uri !== '' || !ALLOWED_ATTRIBUTES.has(attribute.local) || styled.has(attribute.local)) continue;
      checkUrls(attribute.value, `${attribute.name} of <${name}>`);
      // Chromium reads a presentation attribute as the property in a sheet and ignores an invalid
      // one, so the property inherits; kept, resvg drew fill="banana" black in a red group. A
      // transform attribute has a grammar of its own (rotate(5 1 1), no units), read by resvg.
      if (attribute.local !== 'transform' && !validForProperty(attribute.local, attribute.value)) continue;
      attributes.set(attribute.local, normaliseValue(attribute.local, attribute.value));
    }
    for (const [key, value] of attributes) attributes.set(key, normaliseValue(key, value));

    const inline = new Set([...styled].filter((key) => key !== 'style'));
    const inlineImportant = new Set([...(declared?.important ?? [])].filter((key) => inline.has(key) || inlineVars.has(key)));
    // Selectors match what the file wrote, before its style became attributes and the allowlist dropped the rest.
    const written = new Map(Object.values(tag.attributes).flatMap((attribute) => (attribute.uri === '' ? [[attribute.local, attribute.value] as const] : [])));
    const node: Node = {
      name,
      attributes,
      written,
      children: [],
      ...(inline.size > 0 ? { inline } : {}),
      ...(inlineImportant.size > 0 ? { inlineImportant } : {}),
      ...(inlineVars.size > 0 ? { inlineVars } : {}),
    };
    if (!root) root = node;
    else stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    if (skipping > 0) {
      skipping -= 1;
      if (skipping === 0) inFlowedText = false;
      return;
    }
    const closed = stack.pop();
    if (closed?.name === 'style') {
      const { css, cut } = withoutDarkMedia(closed.children.join(''));
      if (cut) {
        closed.children = [css];
        ownDarkStyles = true;
        // Nothing left but the dark block (a favicon.svg forge made): no empty <style> in the rebuild.
        if (css.trim() === '') stack.at(-1)?.children.pop();
      }
      checkCss(css, 'a <style> element');
    }
  });
  const onText = (text: string) => {
    const parent = stack.at(-1);
    if (inFlowedText && text.trim() !== '') {
      reject(
        'svg-text-unsupported',
        // The characters are not quoted: a creator's C1 control would reach the terminal.
        "has text forge cannot draw: Expected <text>, but it has Inkscape's flowed text (<flowRoot>), which browsers do not draw either; " +
          `in Inkscape select it and use Text → Convert to Text, or convert it to outlines ${OUTLINE_TEXT}`,
      );
    }
    if (skipping > 0 || !parent) return;
    if (TEXT_ELEMENTS.has(parent.name)) parent.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.write(text).close();
  if (!root) reject('svg-not-svg', 'Expected an <svg> root element but the document is empty');
  return { root, elementCount, ownDarkStyles };
}

/** Counts elements as a renderer sees them, with every `<use>` expanded; refuses cycles. */
function checkUseExpansion(root: Node, limits: SvgLimits): void {
  const byId = elementsById(root);
  const cost = new Map<Node, number>();
  const visiting = new Set<Node>();
  const expandedSize = (node: Node): number => {
    const known = cost.get(node);
    if (known !== undefined) return known;
    if (visiting.has(node)) reject('svg-use-amplification', 'Expected <use> references without cycles');
    visiting.add(node);
    let total = 1;
    for (const child of node.children) if (typeof child !== 'string') total += expandedSize(child);
    const href = node.attributes.get('href');
    if (node.name === 'use' && href?.startsWith('#')) {
      const target = byId.get(href.slice(1));
      if (target) total += expandedSize(target);
    }
    visiting.delete(node);
    // Saturate so a doubling chain cannot overflow into a small number.
    const bounded = Math.min(total, limits.maxExpandedElements + 1);
    cost.set(node, bounded);
    if (bounded > limits.maxExpandedElements) {
      reject('svg-use-amplification', `Expected at most ${limits.maxExpandedElements} elements once <use> references are expanded`);
    }
    return bounded;
  };
  expandedSize(root);
}

/**
 * A sheet's value with each `var(--name[, fallback])` written as the custom property's value where
 * it is read, else its fallback; undefined when one has neither (the declaration is then dropped).
 * Outermost first where a fallback is at most two brackets deep, a bounded number of times (a
 * value is at most a sheet long).
 */
function withCustoms(value: string, customs: ReadonlyMap<string, string>, onRound: () => void = () => {}): string | undefined {
  if (value.length > MAX_CUSTOM_VALUE && VAR_CALL.test(value)) return undefined;
  let resolved = value;
  for (let round = 0; round < 32 && VAR_CALL.test(resolved); round += 1) {
    onRound();
    let missing = false;
    // Bounded as browsers bound it: `--b:var(--a)var(--a)…` over `--a:var(--x)var(--x)…` doubles at each step.
    let length = resolved.length;
    // The fallback is one greedy run, trimmed afterwards: `,\s*([^()]*?)\s*\)` split a run of spaces
    // three ways, and `fill:var(--a,` with 2 000 spaces took 34 s (cubic, measured). It may hold
    // brackets two deep (`var(--ink, oklch(62% 0.2 25))`, `var(--a, color-mix(in srgb, rgb(1 2 3), red))`):
    // without them such a var() was never read and the declaration was unset. Each character opens
    // one branch only, so a stranger's value is still read in linear time. A var() in the fallback
    // is read only if the fallback is used, as in CSS: `var(--a, var(--none))` is --a's value.
    resolved = resolved.replace(/var\(\s*(--[\w-]+)\s*(?:,((?:[^()]|\((?:[^()]|\([^()]*\))*\))*))?\)/giu, (_call, name: string, written: string | undefined) => {
      const fallback = written?.trim();
      const found = customs.get(name) ?? (fallback === '' ? undefined : fallback);
      length += found?.length ?? 0;
      if (found === undefined || length > MAX_CUSTOM_VALUE) missing = true;
      return missing ? '' : found!;
    });
    if (missing) return undefined;
  }
  return VAR_CALL.test(resolved) ? undefined : resolved;
}

/** A var() in any case, as CSS reads function names: `fill:VAR(--ink)` was written as it stood and drawn black. */
const VAR_CALL = /var\(/i;

/** The longest value a var() may build (a paint, a dash pattern, a font list is far shorter). */
const MAX_CUSTOM_VALUE = 1024;
/** One round of var() substitution, in selector tests (measured: a round over a 1 KiB value ≈ 16 tries). */
const ROUND_COST = 16;

/** Geometry that CSS sets (SVG 2) on the elements browsers let it, besides the presentation properties. */
const CSS_GEOMETRY: Readonly<Record<string, readonly string[]>> = {
  x: ['rect', 'image', 'svg'],
  y: ['rect', 'image', 'svg'],
  width: ['rect', 'image', 'svg'],
  height: ['rect', 'image', 'svg'],
  cx: ['circle', 'ellipse'],
  cy: ['circle', 'ellipse'],
  r: ['circle'],
  rx: ['rect', 'ellipse'],
  ry: ['rect', 'ellipse'],
};

/** Attributes no CSS property sets, though a style's `name:value` reads like one (`id:x`). */
const NOT_CSS = new Set(['id', 'class', 'd', 'points', 'offset', 'in', 'in2', 'result', 'type', 'values', 'mode', 'operator', 'scale', 'order', 'radius', 'media', 'method', 'spacing', 'side', 'rotate', 'z', 'seed', 'bias', 'divisor', 'exponent', 'amplitude', 'slope', 'intercept', 'azimuth', 'elevation', 'dx', 'dy', 'x1', 'y1', 'x2', 'y2', 'fx', 'fy', 'fr']);

/** Root attributes that place the mark, which forge decides (see sanitize): a sheet's `svg{width:…}` does not place it either. */
const ROOT_PLACEMENT = ['width', 'height', 'x', 'y', 'viewBox', 'preserveAspectRatio', 'overflow'] as const;

/**
 * A mark's `<style>` sheets are applied to the elements they style, as a browser showing the mark
 * alone applies them, and then dropped: the sanitized mark carries no sheet. A sheet left in place
 * reaches the whole document the mark is drawn into, so its `rect{…}`, `g{…}`, `*{…}`, `svg{…}`
 * and `:root{…}` restyled forge's own root, groups, tiles and live dot (and resvg, which reads
 * fewer selectors than browsers, drew the PNGs otherwise than favicon.svg showed). Per element and
 * property the winner is picked as the cascade picks it: a sheet's important rule over the
 * element's inline style, that over a normal rule, any rule over a presentation attribute
 * (an Illustrator file recoloured in Inkscape keeps `class="st0"` and gains `style="fill:#e30613"`:
 * red). What a rule wins is written as the attribute an inline style would have become
 * (styleToAttributes: one allowlist for every spelling), so later stages, the dark variant
 * included, read attributes only. Selectors are matched with css-select (sheetValues).
 */
function applySheets(root: Node, limits: SvgLimits): void {
  const sheets: string[] = [];
  const collect = (node: Node) => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      // A sheet for print, or in a language other than CSS, is one no image of the mark uses.
      if (child.dropped) continue;
      if (child.name === 'style') {
        if (/^\s*(?:all|screen)?\s*$/i.test(child.attributes.get('media') ?? '') && /^\s*(?:text\/css)?\s*$/i.test(child.attributes.get('type') ?? '')) {
          sheets.push(child.children.filter((text): text is string => typeof text === 'string').join(''));
        }
      } else collect(child);
    }
  };
  collect(root);
  // Dropped once the rules are matched: a `<style>`, a `<title>` or `<metadata>` is a sibling to
  // `:first-child` and `+` as in the file (Inkscape writes <metadata> before the drawing).
  const withoutSheets = (node: Node) => {
    node.children = node.children.filter((child) => typeof child === 'string' || (child.name !== 'style' && !child.dropped));
    for (const child of node.children) if (typeof child !== 'string') withoutSheets(child);
  };
  const sheet = sheets.join('\n');
  /** The attributes of each element that came from CSS (its inline style, the sheet's winners), whose keywords are CSS's. */
  const fromCss = new Map<Node, Set<string>>();
  const hasInlineVars = (node: Node): boolean => node.inlineVars !== undefined || node.children.some((child) => typeof child !== 'string' && hasInlineVars(child));
  // Presentation attributes that read a custom property: Chromium substitutes them as a sheet's
  // declarations (probed: fill="var(--c)" under :root{--c:#0057b8} paints that blue, var(--none,
  // #0f0) the fallback, var(--none) inherits); kept, resvg drew them black.
  const attributeVars: Array<[Node, string]> = [];
  const findAttributeVars = (node: Node) => {
    for (const [key, value] of node.attributes) if (key !== 'style' && /var\(/i.test(value)) attributeVars.push([node, key]);
    for (const child of node.children) if (typeof child !== 'string') findAttributeVars(child);
  };
  findAttributeVars(root);
  if (sheet.trim() === '' && !hasInlineVars(root) && attributeVars.length === 0) {
    withoutSheets(root);
    return withoutWideKeywords(root, undefined, fromCss);
  }
  const wanted = (property: string, value: string) => property.startsWith('--') || (wantedFromCss(property) && validForProperty(property, value));
  let tests = 0;
  const charge = (count: number) => {
    tests += count;
    if (tests > MAX_SHEET_TESTS) {
      reject('svg-too-large', `Expected a <style> sheet forge can apply to the drawing in at most ${MAX_SHEET_TESTS} selector tests (rules × the elements each could style); simplify the sheet or give the elements their colours as attributes`);
    }
  };
  // Inline var()s alone need no selector engine.
  const found = sheet.trim() === '' ? new Map<Node, Map<string, SheetValue>>() : (sheetValues(root, sheet, wanted, charge) as Map<Node, Map<string, SheetValue>>);
  // A round of var() substitution reads a value of up to 1 KiB again (`--a:var(--b)…` chains 32
  // deep, read on each of 10 000 elements, took seconds uncharged).
  const chargeRound = () => charge(ROUND_COST);
  let written = 0;
  const tooMuchWritten = () =>
    reject('svg-too-large', `Expected a <style> sheet that writes at most ${limits.maxBytes} bytes onto the drawing's elements (each rule's declarations on every element it matches) but it writes more`);
  // Custom properties the sheet sets inherit down the tree (`:root{--ink:#e30613}` and
  // `path{fill:var(--ink)}`, as hand-written and design-system icons write them); each var() a
  // winning declaration reads is written as its value there, or its fallback.
  const customs = new Map<Node, Map<string, string>>();
  const inherit = (node: Node, parent: Map<string, string>) => {
    // The element's inline custom properties rank as its other inline declarations: over a
    // normal rule, under an important one unless important themselves.
    const declared = new Map([...(found.get(node) ?? [])].filter(([name]) => name.startsWith('--')));
    for (const [name, inline] of node.inlineVars ?? []) {
      if (name.startsWith('--') && (inline.important || !declared.get(name)?.important)) declared.set(name, inline);
    }
    const set = [...declared];
    let own = parent;
    if (set.length > 0) {
      // Read against the element's own custom properties (`--edge:var(--ink)` beside `--ink`), a cycle resolving to nothing.
      // Copying the inherited ones costs like a test each: `*{--a:…;--b:…;…}` over 10 000 elements is refused, not built.
      charge(parent.size + set.length);
      const raw = new Map(parent);
      for (const [name, { value }] of set) raw.set(name, value);
      own = new Map(parent);
      for (const [name, { value }] of set) {
        const resolved = withCustoms(value, raw, chargeRound);
        if (resolved === undefined) own.delete(name);
        else own.set(name, resolved);
      }
    }
    customs.set(node, own);
    for (const child of node.children) if (typeof child !== 'string') inherit(child, own);
  };
  inherit(root, new Map());
  /**
   * A var() that finds neither a value nor a fallback makes its declaration `unset`, as in browsers: it
   * still outranks what it would have. So does one whose value is invalid for the property once read
   * (`--ink:banana` in `fill:var(--ink)`): written, resvg drew fill="banana" black where Chromium inherits.
   */
  const resolve = (property: string, value: string, element: Node) => {
    const resolved = withCustoms(value, customs.get(element)!, chargeRound);
    return resolved !== undefined && validForProperty(property, resolved) ? resolved : 'unset';
  };
  // What the sheet writes is bounded as the file is: one rule copies its declarations onto every
  // element it matches, and `*{font-family:<200 KB>}` over 9 000 groups built a 1.8 GB document
  // (the process died on "Invalid string length"); 5 000 rects, a 100 MB one.
  const declaration = (property: string, value: string) => {
    written += property.length + value.length + 4;
    if (written > limits.maxBytes) tooMuchWritten();
    return `${property}:${value}`;
  };
  /**
   * An element's winners written as the attributes an inline style becomes (declarationsToAttributes);
   * the keywords of style-only properties join its style attribute, each replacing its property's there.
   */
  const write = (element: Node, won: readonly string[]) => {
    if (won.length === 0) return;
    const applied = new Map<string, string>();
    // Each declaration stays one, whatever quotes its value holds (a string left open ends its own only).
    checkCss(won.join(';'), `the style of <${element.name}>`);
    declarationsToAttributes(won, applied);
    fromCss.set(element, new Set([...(fromCss.get(element) ?? []), ...applied.keys()]));
    for (const [key, value] of applied) if (key !== 'style') element.attributes.set(key, normaliseValue(key, value));
    const added = applied.get('style');
    if (added === undefined) return;
    const style = styleKeywords(element);
    for (const keyword of added.split(';')) style.set(keyword.slice(0, keyword.indexOf(':')), keyword.slice(keyword.indexOf(':') + 1));
    element.attributes.set('style', [...style].map(([name, value]) => `${name}:${value}`).join(';'));
  };
  // An inline var() first: a sheet's important rule may still beat it below.
  const walk = (node: Node) => {
    write(node, [...(node.inlineVars ?? [])].filter(([property]) => !property.startsWith('--')).map(([property, { value }]) => declaration(property, resolve(property, value, node))));
    for (const child of node.children) if (typeof child !== 'string') walk(child);
  };
  walk(root);
  for (const [element, values] of found) {
    const inline = element.inline ?? new Set<string>();
    const ownKeywords = styleKeywords(element);
    const won: string[] = [];
    for (const [property, { value, important }] of values) {
      const geometry = CSS_GEOMETRY[property];
      if (geometry && !geometry.includes(element.name)) continue;
      // An inline style outranks a normal rule (its keywords stay in its style attribute), and an
      // important inline declaration an important one too.
      if (property.startsWith('--') || element.inlineImportant?.has(property) || (!important && (inline.has(property) || ownKeywords.has(property)))) continue;
      won.push(declaration(property, resolve(property, value, element)));
    }
    write(element, won);
  }
  // Below every rule, as presentation attributes rank: what a rule or style replaced is gone; an unset one inherits (or is initial), which no attribute says.
  for (const [node, key] of attributeVars) {
    const value = node.attributes.get(key);
    if (value === undefined || !/var\(/i.test(value)) continue;
    const resolved = resolve(key, value, node);
    if (resolved === 'unset') node.attributes.delete(key);
    else node.attributes.set(key, normaliseValue(key, resolved));
  }
  for (const placement of ROOT_PLACEMENT) if (placement !== 'viewBox') root.attributes.delete(placement);
  withoutSheets(root);
  withoutWideKeywords(root, undefined, fromCss);
}

/** A CSS property the sanitizer takes from a style or a sheet: one with a presentation attribute, a style-only one, a transform origin. */
function wantedFromCss(property: string): boolean {
  return !NOT_CSS.has(property) && (ALLOWED_ATTRIBUTES.has(property) || STYLE_ONLY_PROPERTIES.has(property) || property === TRANSFORM_ORIGIN);
}

/** The presentation properties that inherit; a CSS-wide keyword means something else on the others. */
const INHERITED = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'color', 'clip-rule', 'visibility', 'marker-start',
  'marker-mid', 'marker-end', 'paint-order', 'shape-rendering', 'color-interpolation', 'color-interpolation-filters',
  'image-rendering', 'text-rendering', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant',
  'font-stretch', 'text-anchor', 'dominant-baseline', 'letter-spacing', 'word-spacing', 'writing-mode', 'direction',
]);

/** Initial values of inherited properties, which `initial` must write (on the others no attribute is the initial value). */
const INITIAL_VALUES: Readonly<Record<string, string>> = {
  fill: '#000000', 'fill-opacity': '1', 'fill-rule': 'nonzero', stroke: 'none', 'stroke-width': '1', 'stroke-opacity': '1',
  'stroke-linecap': 'butt', 'stroke-linejoin': 'miter', 'stroke-miterlimit': '4', 'stroke-dasharray': 'none',
  'stroke-dashoffset': '0', color: '#000000', 'clip-rule': 'nonzero', visibility: 'visible', 'marker-start': 'none',
  'marker-mid': 'none', 'marker-end': 'none', 'paint-order': 'normal', 'font-size': 'medium', 'font-weight': 'normal',
  'font-style': 'normal', 'font-variant': 'normal', 'font-stretch': 'normal', 'text-anchor': 'start', 'letter-spacing': 'normal',
  'word-spacing': 'normal', 'writing-mode': 'horizontal-tb', direction: 'ltr',
};

/**
 * `fill:initial`, `opacity:inherit`, `unset`, `revert` from a sheet or an inline style, resolved
 * as a browser resolves them, in document order (a parent first). Written as attributes, Chromium
 * read them as keywords but resvg 2.6.2 does not: in a red group fill="unset" and fill="revert"
 * drew black in the PNGs and red in favicon.svg (probed in both). `unset` and `revert` (no layers
 * or user sheets here) inherit an inherited property and reset the others. Inheriting is no
 * attribute on an inherited property and the parent's value on the others; resetting is the
 * initial value, which no attribute gives on the others. A presentation attribute written in the
 * file keeps its own meaning.
 */
function withoutWideKeywords(node: Node, parent: Node | undefined, fromCss: ReadonlyMap<Node, ReadonlySet<string>>): void {
  // Matched: what the file wrote is no longer needed.
  delete node.written;
  for (const property of new Set([...(node.inline ?? []), ...(fromCss.get(node) ?? [])])) {
    const keyword = CSS_WIDE_KEYWORD.exec(node.attributes.get(property) ?? '')?.[1]?.toLowerCase();
    if (keyword === undefined) continue;
    const inherited = INHERITED.has(property);
    const inherits = keyword === 'inherit' || (keyword !== 'initial' && inherited);
    let value: string | undefined;
    if (inherits) value = inherited ? undefined : parent?.attributes.get(property);
    else value = inherited ? INITIAL_VALUES[property] : undefined;
    if (value === undefined) node.attributes.delete(property);
    else node.attributes.set(property, value);
  }
  for (const child of node.children) if (typeof child !== 'string') withoutWideKeywords(child, node, fromCss);
}

/**
 * Every paint and colour written in a syntax resvg 2.6.2 cannot read (oklch(), color-mix(), a system
 * colour…: it drew them black) as the hex Chromium paints (colours.ts). `currentColor` inside a mix
 * is the element's `color`, inherited down the tree; at the root it is forge's to decide (compose).
 */
function resolveColours(
  node: Node,
  inherited: Parameters<typeof currentColourOf>[1],
  inMarker: boolean,
  picks: Map<string, string>,
  budget: ColourBudget,
  written: ReadonlyMap<string, string> = new Map(),
): void {
  const colour = currentColourOf(node.attributes.get('color'), inherited);
  const marker = inMarker || node.name === 'marker';
  // A fill or stroke inherits as written: currentColor, alone or in a mix, is each element's own
  // color (Chromium: a group's fill="currentColor" or color-mix(in srgb, currentColor 40%, #fc0) is
  // another colour on a child with color="#00a651"); resvg reads currentColor where it is written
  // and would inherit the group's colour or hex (probed), so such a child gets its own.
  const paints = new Map(written);
  for (const property of ['fill', 'stroke']) {
    const own = node.attributes.get(property);
    if (own !== undefined) paints.set(property, own);
    else if (node.attributes.has('color') && /currentcolor/i.test(written.get(property) ?? '')) node.attributes.set(property, written.get(property)!);
  }
  for (const [key, value] of node.attributes) {
    if (OPACITY_PROPERTIES.has(key)) {
      const plain = plainOpacity(value);
      if (plain !== undefined) node.attributes.set(key, plain);
      continue;
    }
    // `color` itself is read against the parent's: color="currentColor" inherits.
    if (!PAINT_ATTRIBUTES.has(key)) continue;
    const current = key === 'color' ? inherited : colour;
    const paint = resolvePaint(value, current, marker, budget);
    node.attributes.set(key, paint);
    // light-dark(): the light half is drawn, the dark half kept for the dark files (SanitizedSvg.darkPicks).
    const light = /#[0-9a-f]{6}(?:[0-9a-f]{2})?$/.exec(paint)?.[0].slice(0, 7);
    const dark = light === undefined ? undefined : darkPick(value, current, budget);
    if (light !== undefined && dark !== undefined && dark !== light && !picks.has(light)) picks.set(light, dark);
  }
  for (const child of node.children) if (typeof child !== 'string') resolveColours(child, colour, marker, picks, budget, paints);
}

function serialize(node: Node, out: string[]): void {
  out.push(`<${node.name}`);
  for (const [key, value] of node.attributes) {
    // Later stages find attributes with patterns such as / mask="[^"]*"/ (compose, the dark
    // variant), and `="` is where one starts unless a value ends in "=": a sheet's
    // svg{font-family:x mask=;fill:red} wrote font-family="x mask=" fill="red", which compose read
    // as a mask of " fill=" and a font "xred", losing the fill. A link ends in "=" only as base64 padding.
    const escaped = escapeAttribute(value);
    out.push(` ${key}="${key !== 'href' && escaped.endsWith('=') ? `${escaped.slice(0, -1)}&#61;` : escaped}"`);
  }
  if (node.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of node.children) {
    if (typeof child === 'string') out.push(escapeText(child));
    else serialize(child, out);
  }
  out.push(`</${node.name}>`);
}

function hasTextContent(node: Node): boolean {
  return node.name === 'text' || node.children.some((child) => typeof child !== 'string' && hasTextContent(child));
}

/*
 * Whether the rebuilt mark draws anything, decided from its structure: a blank mark gives a blank
 * favicon set, which a creator ships if forge says nothing. It errs towards "draws": a mark is
 * refused only when every shape, path, text and image in it is certainly not drawn. (Here rather
 * than in a module of its own: every module a run loads costs it ~1 ms, measured.)
 */

/** Containers whose content is drawn only where something else uses it (a `<use>`, a `fill`, a `clip-path`). */
const DRAWN_WHERE_USED = new Set(['defs', 'symbol', 'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'filter']);
const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon']);
const TEXT_CONTENT = new Set(['text', 'tspan', 'textPath']);
const GRAPHICS = new Set([...SHAPES, ...TEXT_CONTENT, 'image', 'use']);

/** Inherited properties that decide whether a shape leaves any paint. */
interface Paint {
  fill: string;
  fillOpacity: string;
  stroke: string;
  strokeWidth: string;
  strokeOpacity: string;
  visibility: string;
  markers: boolean;
}

const INITIAL: Paint = { fill: 'black', fillOpacity: '1', stroke: 'none', strokeWidth: '1', strokeOpacity: '1', visibility: 'visible', markers: false };

/** Zero for "0", "0px", "0%", "0.0e3"; anything unreadable (calc(), a unit we do not know) counts as non-zero. */
function isZero(value: string | undefined): boolean {
  return value !== undefined && Number.parseFloat(value) === 0;
}

function isNone(paint: string): boolean {
  return /^(none|transparent)$/i.test(paint);
}

function inherit(paint: Paint, attributes: Map<string, string>): Paint {
  const get = (name: string, inherited: string) => {
    const value = attributes.get(name)?.trim();
    return value === undefined || value === 'inherit' ? inherited : value;
  };
  const markers = ['marker-start', 'marker-mid', 'marker-end'].some((name) => attributes.has(name));
  return {
    fill: get('fill', paint.fill),
    fillOpacity: get('fill-opacity', paint.fillOpacity),
    stroke: get('stroke', paint.stroke),
    strokeWidth: get('stroke-width', paint.strokeWidth),
    strokeOpacity: get('stroke-opacity', paint.strokeOpacity),
    visibility: get('visibility', paint.visibility),
    markers: markers ? ['marker-start', 'marker-mid', 'marker-end'].some((name) => (attributes.get(name) ?? 'none') !== 'none') : paint.markers,
  };
}

function leavesPaint(paint: Paint, fillApplies: boolean): boolean {
  const fill = fillApplies && !isNone(paint.fill) && !isZero(paint.fillOpacity);
  const stroke = !isNone(paint.stroke) && !isZero(paint.strokeWidth) && !isZero(paint.strokeOpacity);
  return fill || stroke || paint.markers;
}

/** Why a shape with nothing to draw draws nothing, or undefined when its geometry has an area or a length. */
function emptyGeometry(node: Node): string | undefined {
  const a = node.attributes;
  const numbers = (value: string | undefined) => value?.match(/[+-]?(\d+(?:\.\d*)?|\.\d+)(e[+-]?\d+)?/gi)?.length ?? 0;
  switch (node.name) {
    case 'rect':
      return !a.has('width') || !a.has('height') || isZero(a.get('width')) || isZero(a.get('height')) ? 'a <rect> without width or height' : undefined;
    case 'circle':
      return !a.has('r') || isZero(a.get('r')) ? 'a <circle> without r' : undefined;
    case 'ellipse': {
      // A missing radius takes the other one (SVG 2 "auto").
      const rx = a.get('rx') ?? a.get('ry');
      const ry = a.get('ry') ?? a.get('rx');
      return rx === undefined || isZero(rx) || isZero(ry) ? 'an <ellipse> without rx or ry' : undefined;
    }
    case 'path': {
      // "M10 10" alone draws nothing; any other command (even "z", a dot with round caps) or an
      // implicit line after the move does.
      const d = a.get('d') ?? '';
      return /[zlhvcsqta]/i.test(d) || numbers(d) > 2 ? undefined : 'a <path> without drawing commands';
    }
    case 'polyline':
    case 'polygon':
      return numbers(a.get('points')) >= 4 ? undefined : `a <${node.name}> with fewer than two points`;
    default:
      return undefined;
  }
}

function hasGraphics(node: Node): boolean {
  if (node.dropped) return false;
  return GRAPHICS.has(node.name) || node.children.some((child) => typeof child !== 'string' && hasGraphics(child));
}

/**
 * Undefined when the mark draws something; otherwise why not, as a phrase for "Expected a visible
 * shape, path, text or image, but …".
 *
 * A `<style>` sheet can set display, visibility, paint and (in SVG 2) geometry by class, overriding
 * the attributes, so with one only what no sheet can change is judged: content that sits in
 * `<defs>` and the like, `<use>` that points at nothing, text without characters.
 */
function whyNothingIsDrawn(root: Node): string | undefined {
  const byId = new Map<string, Node>();
  let styled = false;
  const collect = (node: Node) => {
    const id = node.attributes.get('id');
    if (id !== undefined && !byId.has(id)) byId.set(id, node);
    if (node.name === 'style' && node.children.some((child) => typeof child === 'string' && child.trim() !== '')) styled = true;
    for (const child of node.children) if (typeof child !== 'string') collect(child);
  };
  collect(root);

  const reasons = new Set<string>();
  // <use> chains are bounded and acyclic: the sanitizer has checked their expansion already.
  const draws = (node: Node, inherited: Paint, referenced = false): boolean => {
    if (node.dropped) return false;
    if (DRAWN_WHERE_USED.has(node.name) && !(referenced && node.name === 'symbol')) {
      if (hasGraphics(node)) reasons.add(`inside <${node.name}>`);
      return false;
    }
    if (!styled && node.attributes.get('display')?.trim() === 'none') {
      if (hasGraphics(node)) reasons.add('display="none"');
      return false;
    }
    if (!styled && isZero(node.attributes.get('opacity'))) {
      if (hasGraphics(node)) reasons.add('opacity="0"');
      return false;
    }
    // A filter can paint on its own (feFlood, feImage); not worth judging.
    if ((node.attributes.get('filter') ?? 'none') !== 'none') return true;
    const paint = inherit(inherited, node.attributes);
    const hidden = !styled && (paint.visibility === 'hidden' || paint.visibility === 'collapse');

    if (SHAPES.has(node.name)) {
      const empty = styled ? undefined : emptyGeometry(node);
      if (empty) reasons.add(empty);
      else if (hidden) reasons.add('visibility="hidden"');
      else if (!styled && !leavesPaint(paint, node.name !== 'line')) reasons.add('fill="none" without a stroke');
      else return true;
      return false;
    }
    if (TEXT_CONTENT.has(node.name)) {
      const ownCharacters = node.children.some((child) => typeof child === 'string' && child.trim() !== '');
      if (ownCharacters && !hidden && (styled || leavesPaint(paint, true))) return true;
      if (node.children.some((child) => typeof child !== 'string' && draws(child, paint))) return true;
      if (!ownCharacters && !node.children.some((child) => typeof child !== 'string' && TEXT_CONTENT.has(child.name))) reasons.add('text without characters');
      else if (ownCharacters && hidden) reasons.add('visibility="hidden"');
      else if (ownCharacters) reasons.add('fill="none" without a stroke');
      return false;
    }
    if (node.name === 'image') {
      if (!node.attributes.has('href')) reasons.add('an <image> without href');
      else if (!styled && (isZero(node.attributes.get('width')) || isZero(node.attributes.get('height')))) reasons.add('an <image> of zero size');
      else if (hidden) reasons.add('visibility="hidden"');
      else return true;
      return false;
    }
    if (node.name === 'use') {
      const target = byId.get(node.attributes.get('href')?.slice(1) ?? '');
      if (!target || !node.attributes.get('href')?.startsWith('#')) {
        reasons.add('a <use> that points at nothing');
        return false;
      }
      return draws(target, paint, true);
    }
    // svg, g, a, switch, and a symbol drawn through <use>: whatever their content draws.
    return node.children.some((child) => typeof child !== 'string' && draws(child, paint));
  };
  if (draws(root, INITIAL)) return undefined;
  return reasons.size === 0 ? 'it has none' : `nothing in it shows (${[...reasons].slice(0, 4).join('; ')})`;
}

/** The character data of every text element, in document order. */
function textContent(node: Node, out: string[] = []): string[] {
  for (const child of node.children) {
    if (typeof child !== 'string') textContent(child, out);
    else if (node.name !== 'style') out.push(child);
  }
  return out;
}

/** How a character is named in a message: itself and its code point, or the code point alone for controls and invisible ones (a C1 control could drive the terminal). */
function describeCharacter(character: string): string {
  const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  // Built here, on a refusal, not as a literal: V8 compiles a Unicode property pattern when it
  // parses the module, ~1 ms of every run (measured).
  return new RegExp('\\p{C}|\\p{M}', 'u').test(character) ? codePoint : `${character} ${codePoint}`;
}

/**
 * A mark forge would draw as blank, or with boxes for its letters, is refused too: a creator who
 * gets a set of empty or boxed icons and exit code 0 ships it.
 */
function checkDrawable(root: Node): void {
  const nothing = whyNothingIsDrawn(root);
  if (nothing !== undefined) reject('svg-empty', `draws nothing: Expected a visible shape, path, text or image, but ${nothing}`);
  const text = textContent(root).join('');
  // Only a mark with text reads the fonts.
  if (text.trim() === '') return;
  textCoverage ??= require('./text-coverage.cjs') as TextCoverage;
  const missing = textCoverage.charactersWithoutGlyph(text);
  if (missing.length === 0) return;
  const shown = missing.slice(0, 5).map(describeCharacter).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
  reject(
    'svg-text-unsupported',
    `has text forge cannot draw: Expected characters its bundled font (DejaVu Sans) has, but ${shown} ${missing.length === 1 ? 'has' : 'have'} no glyph there; ` +
      `convert the text to outlines ${OUTLINE_TEXT}`,
  );
}

/** Typefaces forge draws as asked: its own DejaVu Sans, or a generic sans-serif that names none. */
const FORGE_TYPEFACES = /^(?:dejavu sans|sans-serif|system-ui|inherit)$/i;

/**
 * The typefaces a sanitized SVG sets its text in that forge does not have, first choice of each
 * font-family list, in order of appearance. resvg draws such text in DejaVu Sans (forge never loads
 * the machine's fonts, so every machine gives the same bytes): the letters are not the designer's.
 */
export function substitutedTypefaces(svg: string): string[] {
  const typefaces = new Set<string>();
  // As an attribute (inline styles and the mark's sheets became attributes) or a declaration in a
  // <style> sheet of an SVG the sanitizer did not make; not in a style attribute, which the
  // sanitizer writes only for keywords (mix-blend-mode) and which escapes quotes otherwise.
  const withoutStyleAttributes = svg.replace(/\sstyle="[^"]*"/g, '');
  // The names are printed on a creator's or a marketplace's terminal: a stranger's C1 control
  // (U+009B starts an escape sequence there) or bidi override is shown as U+FFFD, and a name is cut
  // at 64 characters (a sheet could give every text a 500 KB one). Built here: see describeCharacter.
  const invisible = new RegExp('[\\p{Cc}\\p{Cf}]', 'gu');
  for (const [, attribute, declaration] of withoutStyleAttributes.matchAll(/font-family(?:="([^"]*)"|\s*:\s*([^;}<"]+))/g)) {
    const list = (attribute ?? declaration ?? '').replace(/&quot;|&#34;|&#39;|&apos;/g, "'");
    const first = list.split(',')[0]!.replace(/['"]/g, '').trim().replace(invisible, '\uFFFD');
    if (first !== '' && !FORGE_TYPEFACES.test(first)) typefaces.add(first.length > 64 ? `${first.slice(0, 63)}…` : first);
  }
  return [...typefaces];
}

/** The config field an SVG came from, named first in refusals about what it draws. */
export type SvgField = 'mark' | 'glyph' | 'monogram';

/** Refusals that read as a sentence about the file ("mark: logo.svg draws nothing: …") rather than "logo.svg: Expected …". */
const ABOUT_THE_DRAWING: ReadonlySet<SvgErrorCode> = new Set(['svg-empty', 'svg-text-unsupported']);

/**
 * Parses untrusted bytes as SVG and returns a rebuilt, safe document, or throws
 * {@link SvgRejectedError} naming what was expected. `source` names the file in messages, `field`
 * the config field it came from.
 */
export function sanitizeSvg(input: Uint8Array | string, source = 'SVG', limits: SvgLimits = DEFAULT_SVG_LIMITS, field?: SvgField): SanitizedSvg {
  try {
    return sanitize(input, limits);
  } catch (error) {
    if (!(error instanceof SvgRejectedError)) throw error;
    const message = ABOUT_THE_DRAWING.has(error.code) ? `${field ? `${field}: ` : ''}${source} ${error.message}` : `${source}: ${error.message}`;
    throw new SvgRejectedError(error.code, message);
  }
}

function sanitize(input: Uint8Array | string, limits: SvgLimits): SanitizedSvg {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (bytes.length === 0) reject('svg-not-svg', 'Expected an SVG document but the file is empty');
  if (bytes.length > limits.maxBytes) reject('svg-too-large', `Expected at most ${limits.maxBytes} bytes but received ${bytes.length}`);
  const binary = sniffBinary(bytes);
  if (binary) reject('svg-not-svg', `Expected an SVG document (not an SVG: the file is ${binary})`);
  // A string is text already (a marketplace's upload form, a test): its declaration names the
  // encoding of bytes it no longer has, and decoding it again would turn "é" into "Ã©".
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/u, '') : decodeSvg(bytes);
  // The limit bounds what is parsed and written, which is UTF-8: a Latin-1 file grows as it is read.
  const utf8Length = Buffer.byteLength(text, 'utf8');
  if (utf8Length > limits.maxBytes) reject('svg-too-large', `Expected at most ${limits.maxBytes} bytes but received ${utf8Length} once read as UTF-8`);
  if (!/<svg[\s>/]/.test(text)) reject('svg-not-svg', 'Expected an SVG document (not an SVG: no <svg> element)');
  // The W3C's own SVG doctype (CorelDRAW and older Illustrator exports write it) declares nothing,
  // and the DTD it names is never fetched. It is dropped, with an internal subset only when that
  // names namespace URIs (Illustrator's "Save As SVG"); any other doctype or subset is refused.
  const doctype = STANDARD_SVG_DOCTYPE.exec(text);
  const withoutDoctype = doctype ? doctype[1] + text.slice(doctype[0].length) : text;
  if (/<!DOCTYPE|<!ENTITY/i.test(withoutDoctype)) reject('svg-doctype', DOCTYPE_EXPECTED);
  const entities = doctype?.[2] === undefined ? new Map<string, string>() : namespaceEntities(doctype[2], withoutDoctype, limits);

  const { root, ownDarkStyles } = parse(withoutDoctype, limits, entities);
  checkUseExpansion(root, limits);

  // With a viewBox, width and height only say how large to show the mark on a page (100%, 64mm),
  // which forge decides itself; it removes them below, as a browser would ignore ones it cannot read.
  const paper = paperOf(root.attributes.get('width'), root.attributes.get('height'));
  const viewBoxAttribute = root.attributes.get('viewBox');
  let viewBox: [number, number, number, number];
  if (viewBoxAttribute !== undefined) viewBox = parseViewBox(viewBoxAttribute, limits);
  else {
    const width = parseLength(root.attributes.get('width'), 'width', limits);
    const height = parseLength(root.attributes.get('height'), 'height', limits);
    if (width === undefined || height === undefined) return reject('svg-bad-size', 'Expected a viewBox or both width and height on the root <svg>');
    viewBox = [0, 0, width, height];
  }
  const ratio = Math.max(viewBox[2] / viewBox[3], viewBox[3] / viewBox[2]);
  if (ratio > limits.maxAspectRatio) {
    reject('svg-bad-size', `Expected an aspect ratio of at most ${limits.maxAspectRatio}:1 but received ${ratio.toFixed(1)}:1`);
  }

  // The fitting code owns placement; the mark keeps only its own coordinate system. Its clip too:
  // shown as an image a mark ends at its viewBox, but as the nested <svg> forge places, a root's
  // overflow="visible" let artwork past the viewBox spill over the padding, the tile and the
  // maskable safe zone.
  for (const placement of ROOT_PLACEMENT) root.attributes.delete(placement);
  const attributes = new Map<string, string>([
    ['xmlns', SVG_NS],
    ['viewBox', viewBox.join(' ')],
  ]);
  for (const [key, value] of root.attributes) attributes.set(key, value);
  root.attributes = attributes;
  checkDrawable(root);
  applySheets(root, limits);
  foldTransformOrigins(root, [viewBox[2], viewBox[3]], true);
  // Twice the file: what a real mark's colours cost, read where they land, is a fraction of that.
  const colourBudget = new ColourBudget(2 * limits.maxBytes);
  resolveContextPaints(root, colourBudget);
  resolveUsedColours(root, colourBudget);
  const darkPicks = new Map<string, string>();
  resolveColours(root, undefined, false, darkPicks, colourBudget);

  const out: string[] = [];
  serialize(root, out);
  return {
    svg: out.join(''),
    viewBox,
    hasText: hasTextContent(root),
    ...(paper ? { paper } : {}),
    ...(ownDarkStyles ? { ownDarkStyles: true as const } : {}),
    ...(darkPicks.size > 0 ? { darkPicks: darkPicks as ReadonlyMap<HexColor, HexColor> } : {}),
  };
}
