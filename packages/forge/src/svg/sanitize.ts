import { createRequire } from 'node:module';
import type { SaxesTagNS } from 'saxes';
import { SvgRejectedError, type SvgErrorCode } from '../errors.ts';
import type { SanitizedSvg } from '../plan/types.ts';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, DROPPED_ELEMENTS, TEXT_ELEMENTS, URL_ATTRIBUTES } from './allowlist.ts';

// saxes is CommonJS: an ES import of it makes Node scan its 74 KB source for export names
// (cjs-module-lexer, ~10 ms of CPU in every `dropkit forge`, measured with --cpu-prof); require
// skips that scan.
const { SaxesParser } = createRequire(import.meta.url)('saxes') as typeof import('saxes');

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
  /** Largest viewBox side or width/height, in user units. */
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
  maxDimension: 100_000,
  maxAspectRatio: 16,
  maxEmbeddedImagePixels: 4096 * 4096,
};

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

interface Node {
  name: string;
  attributes: Map<string, string>;
  children: Array<Node | string>;
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

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseLength(value: string | undefined, field: string, limits: SvgLimits): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px)?\s*$/i.exec(value);
  if (!match) reject('svg-bad-size', `Expected ${field} of the root <svg> to be a number of pixels but received ${JSON.stringify(value.slice(0, 40))}`);
  const length = Number(match[1]);
  if (!(length > 0) || length > limits.maxDimension) {
    reject('svg-bad-size', `Expected ${field} of the root <svg> between 0 and ${limits.maxDimension} but received ${match[1]}`);
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

const FRAGMENT = /^#[A-Za-z_][\w.:-]*$/;
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
  const urls = value.match(/url\s*\(([^)]*)\)?/gi) ?? [];
  for (const url of urls) {
    const target = /url\s*\(\s*['"]?([^'")]*)['"]?\s*\)/i.exec(url)?.[1] ?? '';
    if (!FRAGMENT.test(target.trim())) {
      reject('svg-forbidden-href', `Expected url(#id) in ${where} but received ${JSON.stringify(url.slice(0, 60))}`);
    }
  }
}

/** Stylesheets may only style: no @import/@font-face, no escapes hiding either, no foreign URLs. */
function checkCss(css: string, where: string): void {
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

/** Inline style declarations become attributes, so one allowlist governs both spellings. */
function styleToAttributes(style: string, element: string, into: Map<string, string>): void {
  checkCss(style, `the style of <${element}>`);
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).replace(/!important/i, '').trim();
    if (value && ALLOWED_ATTRIBUTES.has(property) && !URL_ATTRIBUTES.has(property)) into.set(property, value);
  }
}

interface ParsedDocument {
  root: Node;
  elementCount: number;
}

function parse(text: string, limits: SvgLimits): ParsedDocument {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Node[] = [];
  let root: Node | undefined;
  let elementCount = 0;
  // Depth inside elements we drop (metadata, foreign namespaces): their content is skipped whole.
  let skipping = 0;

  parser.on('error', (error) => reject('svg-malformed', `Expected well-formed XML but ${error.message}`));
  parser.on('processinginstruction', (instruction) =>
    reject('svg-forbidden-element', `Expected no processing instructions but received <?${instruction.target}?> (xml-stylesheet can fetch files)`),
  );
  parser.on('doctype', () => reject('svg-doctype', 'Expected an SVG without a DOCTYPE (DTDs and entities are not accepted)'));
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
    if (!inSvgNamespace || DROPPED_ELEMENTS.has(name)) {
      skipping = 1;
      return;
    }
    if (!ALLOWED_ELEMENTS.has(name)) reject('svg-forbidden-element', `Expected only drawing elements but received <${name}>`);

    const attributes = new Map<string, string>();
    const style = [...Object.values(tag.attributes)].find((a) => a.local === 'style' && a.uri === '');
    if (style) styleToAttributes(style.value, name, attributes);
    for (const attribute of Object.values(tag.attributes)) {
      const local = attribute.local.toLowerCase();
      if (local.startsWith('on')) reject('svg-forbidden-attribute', `Expected no event handlers but <${name}> has ${attribute.name}`);
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns' || local === 'style') continue;
      const isHref = local === 'href' && (attribute.uri === '' || attribute.uri === XLINK_NS);
      if (isHref) {
        attributes.set('href', checkHref(attribute.value, limits));
        continue;
      }
      if (attribute.uri !== '' || !ALLOWED_ATTRIBUTES.has(attribute.local)) continue;
      if (attribute.value.length > 200_000) reject('svg-too-large', `Expected attribute ${attribute.name} under 200000 characters`);
      checkUrls(attribute.value, `${attribute.name} of <${name}>`);
      const value = PAINT_ATTRIBUTES.has(attribute.local) ? normalisePaint(attribute.value) : attribute.value;
      attributes.set(attribute.local, value);
    }
    for (const [key, value] of attributes) if (PAINT_ATTRIBUTES.has(key)) attributes.set(key, normalisePaint(value));

    const node: Node = { name, attributes, children: [] };
    if (!root) root = node;
    else stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    if (skipping > 0) {
      skipping -= 1;
      return;
    }
    const closed = stack.pop();
    if (closed?.name === 'style') checkCss(closed.children.join(''), 'a <style> element');
  });
  const onText = (text: string) => {
    const parent = stack.at(-1);
    if (skipping > 0 || !parent) return;
    if (TEXT_ELEMENTS.has(parent.name)) parent.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.write(text).close();
  if (!root) reject('svg-not-svg', 'Expected an <svg> root element but the document is empty');
  return { root, elementCount };
}

/** Counts elements as a renderer sees them, with every `<use>` expanded; refuses cycles. */
function checkUseExpansion(root: Node, limits: SvgLimits): void {
  const byId = new Map<string, Node>();
  const collect = (node: Node) => {
    const id = node.attributes.get('id');
    if (id !== undefined && !byId.has(id)) byId.set(id, node);
    for (const child of node.children) if (typeof child !== 'string') collect(child);
  };
  collect(root);
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

function serialize(node: Node, out: string[]): void {
  out.push(`<${node.name}`);
  for (const [key, value] of node.attributes) out.push(` ${key}="${escapeAttribute(value)}"`);
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

/**
 * Parses untrusted bytes as SVG and returns a rebuilt, safe document, or throws
 * {@link SvgRejectedError} naming what was expected. `source` names the file in messages.
 */
export function sanitizeSvg(input: Uint8Array | string, source = 'SVG', limits: SvgLimits = DEFAULT_SVG_LIMITS): SanitizedSvg {
  try {
    return sanitize(input, limits);
  } catch (error) {
    if (error instanceof SvgRejectedError) throw new SvgRejectedError(error.code, `${source}: ${error.message}`);
    throw error;
  }
}

function sanitize(input: Uint8Array | string, limits: SvgLimits): SanitizedSvg {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (bytes.length === 0) reject('svg-not-svg', 'Expected an SVG document but the file is empty');
  if (bytes.length > limits.maxBytes) reject('svg-too-large', `Expected at most ${limits.maxBytes} bytes but received ${bytes.length}`);
  const binary = sniffBinary(bytes);
  if (binary) reject('svg-not-svg', `Expected an SVG document (not an SVG: the file is ${binary})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return reject('svg-not-svg', 'Expected an SVG document in UTF-8 (not an SVG: the bytes are not text)');
  }
  if (!/<svg[\s>/]/.test(text)) reject('svg-not-svg', 'Expected an SVG document (not an SVG: no <svg> element)');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) reject('svg-doctype', 'Expected an SVG without a DOCTYPE (DTDs and entities are not accepted)');

  const { root } = parse(text, limits);
  checkUseExpansion(root, limits);

  const width = parseLength(root.attributes.get('width'), 'width', limits);
  const height = parseLength(root.attributes.get('height'), 'height', limits);
  const viewBoxAttribute = root.attributes.get('viewBox');
  let viewBox: [number, number, number, number];
  if (viewBoxAttribute !== undefined) viewBox = parseViewBox(viewBoxAttribute, limits);
  else if (width !== undefined && height !== undefined) viewBox = [0, 0, width, height];
  else return reject('svg-bad-size', 'Expected a viewBox or both width and height on the root <svg>');
  const ratio = Math.max(viewBox[2] / viewBox[3], viewBox[3] / viewBox[2]);
  if (ratio > limits.maxAspectRatio) {
    reject('svg-bad-size', `Expected an aspect ratio of at most ${limits.maxAspectRatio}:1 but received ${ratio.toFixed(1)}:1`);
  }

  // The fitting code owns placement; the mark keeps only its own coordinate system.
  for (const placement of ['width', 'height', 'x', 'y', 'viewBox', 'preserveAspectRatio']) root.attributes.delete(placement);
  const attributes = new Map<string, string>([
    ['xmlns', SVG_NS],
    ['viewBox', viewBox.join(' ')],
  ]);
  for (const [key, value] of root.attributes) attributes.set(key, value);
  root.attributes = attributes;

  const out: string[] = [];
  serialize(root, out);
  return { svg: out.join(''), viewBox, hasText: hasTextContent(root) };
}
