import schemaJson from './creator-config.schema.json' with { type: 'json' };
import { ForgeConfigError } from '../errors.ts';
import { contrastRatio } from '../badge/colors.ts';
import { CHARACTER_UNIT, characterCount, cutText, describeValue } from './characters.ts';
import { readConfigColour } from './colour.ts';
import { MIN_GRAPHICS_CONTRAST } from '../svg/dark.ts';
import type { HexColor } from '../plan/types.ts';

/**
 * The subset of JSON Schema that creator-config.schema.json uses. Interpreting the shipped schema
 * (rather than re-stating its rules in code) keeps the published schema and forge's behaviour from
 * drifting apart; writing the messages ourselves lets every error name the field and what it
 * expected, which generic validators do not.
 */
interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  description?: string;
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  $ref?: string;
}

/** Keywords this validator understands; a test fails if the shipped schema uses any other rule. */
export const SUPPORTED_KEYWORDS = new Set([
  '$schema', '$id', '$defs', '$ref', 'title', 'description', 'type', 'required', 'additionalProperties', 'properties',
  'items', 'minItems', 'maxItems', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'enum', 'anyOf',
]);

export const creatorConfigSchema = schemaJson as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/$defs/', '');
  const target = creatorConfigSchema.$defs[name];
  if (!target) throw new Error(`schema: unknown $ref ${node.$ref}`);
  return target;
}


/** Definitions ($defs) say the value they expect in prose, in their first sentence; the rest is for editors. */
const DEFINITIONS: ReadonlySet<SchemaNode> = new Set(Object.values(creatorConfigSchema.$defs));

function expectation(node: SchemaNode): string {
  if (node.enum) {
    const values = node.enum.map((value) => JSON.stringify(value));
    // A choice of two reads as one: "mark" or "glyph".
    return values.length === 2 ? values.join(' or ') : `one of ${values.join(', ')}`;
  }
  switch (node.type) {
    case 'string':
      if (node.pattern?.startsWith('^https://')) return 'an https:// URL';
      if (DEFINITIONS.has(node) && node.description) return node.description.split(/\.\s/u)[0]!;
      return 'a non-empty string';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return 'a value';
  }
}

function typeMatches(type: SchemaNode['type'], value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

/** C0 and C1 controls and DEL, but tab and line breaks, which text may hold. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** A UTF-16 surrogate without its other half: no character at all (String.prototype.isWellFormed is ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Unknown fields of one object named one by one; the rest are counted. */
const MAX_UNEXPECTED = 10;

function check(rawNode: SchemaNode, value: unknown, path: string, errors: string[]): void {
  const node = resolve(rawNode);
  const field = path || 'the config';
  if (node.anyOf) {
    const attempts = node.anyOf.map((branch) => {
      const branchErrors: string[] = [];
      check(branch, value, path, branchErrors);
      return { branch: resolve(branch), branchErrors };
    });
    if (attempts.some((attempt) => attempt.branchErrors.length === 0)) return;
    // Report against the branch of the same shape (an object for an object), else list them all.
    const sameShape = attempts.find((attempt) => attempt.branch.type !== undefined && typeMatches(attempt.branch.type, value));
    if (sameShape) errors.push(...sameShape.branchErrors);
    else errors.push(`Expected ${attempts.map((attempt) => expectation(attempt.branch)).join(' or ')} for ${field} but received ${describeValue(value)}`);
    return;
  }
  if (!typeMatches(node.type, value)) {
    errors.push(`Expected ${expectation(node)} for ${field} but received ${describeValue(value)}`);
    return;
  }
  if (node.enum && !node.enum.includes(value)) {
    errors.push(`Expected ${expectation(node)} for ${field} but received ${describeValue(value)}`);
    return;
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) errors.push(`Expected at least ${node.minimum} for ${field} but received ${value}`);
    if (node.maximum !== undefined && value > node.maximum) errors.push(`Expected at most ${node.maximum} for ${field} but received ${value}`);
    return;
  }
  if (typeof value === 'string') {
    if (node.minLength !== undefined && value.length < node.minLength) {
      errors.push(`Expected ${expectation(node)} for ${field} but received an empty string`);
    } else if (node.minLength !== undefined && value.trim() === '') {
      // A name of spaces passed as non-empty: --only favicon installed an app named "   ".
      errors.push(`Expected ${expectation(node)} for ${field} but received only white space (${JSON.stringify(value)})`);
    } else if (CONTROL_CHARACTER.test(value)) {
      // Pasted from a spreadsheet or a CMS: a NUL in name reached the manifest and the head's
      // og:title raw, where HTML parsers read it as U+FFFD ("Nova�Threads" in every link preview).
      const index = value.search(CONTROL_CHARACTER);
      const code = value.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0');
      errors.push(`Expected ${expectation(node)} without control characters for ${field} but received ${describeValue(value)} (U+${code} at character ${[...value.slice(0, index)].length + 1})`);
    } else if (LONE_SURROGATE.test(value)) {
      // Half of an emoji, from text cut to a length by a CMS or a spreadsheet: it was written as
      // U+FFFD, so "Nova �" stood under the home-screen icon.
      const index = value.search(LONE_SURROGATE);
      const code = value.charCodeAt(index).toString(16).toUpperCase();
      errors.push(`Expected ${expectation(node)} of whole characters for ${field} but received ${describeValue(value)}, which holds half of one (U+${code} at character ${[...value.slice(0, index)].length + 1}, as where text was cut inside an emoji)`);
    } else if (node.maxLength !== undefined && characterCount(value) > node.maxLength) {
      errors.push(`Expected at most ${node.maxLength} ${CHARACTER_UNIT} for ${field} but received ${characterCount(value)}`);
    } else if (node.pattern !== undefined && !new RegExp(node.pattern, 'u').test(value)) {
      errors.push(`Expected ${expectation(node)} for ${field} but received ${describeValue(value)}`);
    }
    return;
  }
  if (Array.isArray(value)) {
    if (node.maxItems !== undefined && value.length > node.maxItems) {
      // Each entry judged too made 40 000 bad badges 40 000 more sentences: the count says it all.
      errors.push(`Expected at most ${node.maxItems} entries in ${field} but received ${value.length}`);
      return;
    }
    if (node.minItems !== undefined && value.length < node.minItems) errors.push(`Expected at least ${node.minItems} entries in ${field} but received ${value.length}`);
    if (node.items) value.forEach((item, index) => check(node.items!, item, `${field}[${index}]`, errors));
    return;
  }
  if (typeof value === 'object' && value !== null && node.type === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of node.required ?? []) {
      if (Object.hasOwn(object, key)) continue;
      // Say what to write, not only that something is missing.
      const wanted = node.properties?.[key];
      const what = wanted ? `: ${expectation(resolve(wanted))}` : '';
      errors.push(`Expected ${field === 'the config' ? '' : `${field}.`}${key} (required${what}) but it is missing`);
    }
    const unexpected: string[] = [];
    for (const [key, child] of Object.entries(object)) {
      // A key is a stranger's text too: never echoed whole.
      const shownKey = cutText(key, 40);
      const childPath = `${path ? `${path}.` : ''}${shownKey.cut ? `${shownKey.text}…` : key}`;
      // Own properties only: by bracket, `__proto__`, `constructor`, `toString`… found
      // Object.prototype's members, were read as schemas and passed unseen.
      const childSchema = node.properties && Object.hasOwn(node.properties, key) ? node.properties[key] : undefined;
      if (childSchema) check(childSchema, child, childPath, errors);
      else if (node.additionalProperties === false) unexpected.push(childPath);
    }
    // A config of 100 000 unknown keys was 100 000 sentences (12 MB): the first few say what is wrong.
    const known = Object.keys(node.properties ?? {}).filter((name) => name !== '$schema');
    for (const childPath of unexpected.slice(0, MAX_UNEXPECTED)) errors.push(`Unexpected field ${childPath}; expected one of: ${known.join(', ')}`);
    if (unexpected.length > MAX_UNEXPECTED) {
      const rest = unexpected.slice(MAX_UNEXPECTED);
      errors.push(`Unexpected fields: ${rest.length} more in ${field} (${rest.slice(0, 3).join(', ')}${rest.length > 3 ? ', …' : ''})`);
    }
  }
}

/** The config's colour fields, by path, with the schema each is checked against. */
function colourFields(value: unknown): { field: string; colour: unknown; node: SchemaNode }[] {
  const colors = creatorConfigSchema.properties!['colors']!;
  const given = (value as { colors?: Record<string, unknown> & { dark?: Record<string, unknown> } } | null)?.colors;
  if (typeof given !== 'object' || given === null) return [];
  const fields = ['brand', 'background'].map((key) => ({ field: `colors.${key}`, colour: given[key], node: colors.properties![key]! }));
  const dark = given.dark;
  if (typeof dark === 'object' && dark !== null && !Array.isArray(dark)) {
    const darkNode = colors.properties!['dark']!;
    fields.push(...['brand', 'background', 'ink'].map((key) => ({ field: `colors.dark.${key}`, colour: dark[key], node: darkNode.properties![key]! })));
  }
  return fields;
}

/**
 * The rule the schema's colour definition cannot state: which CSS colours forge can use (the schema
 * checks only for text). Fields the schema has already refused are not judged again.
 */
function colourErrors(value: unknown): string[] {
  const errors: string[] = [];
  for (const { field, colour, node } of colourFields(value)) {
    if (typeof colour !== 'string') continue;
    const schemaErrors: string[] = [];
    check(node, colour, field, schemaErrors);
    if (schemaErrors.length > 0) continue;
    const read = readConfigColour(colour, field);
    if ('refused' in read) errors.push(`Expected ${expectation(resolve(node))} for ${field} but received ${describeValue(colour)}${read.refused ?? ''}`);
  }
  return errors;
}

/** The `#rrggbb` of a colour field that is valid, else undefined. */
function validHex(colour: unknown, field: string): string | undefined {
  if (typeof colour !== 'string') return undefined;
  const read = readConfigColour(colour, field);
  return 'hex' in read ? read.hex : undefined;
}

/**
 * The one rule a schema cannot state: `colors.dark.ink` exists to make a mark's dark colours read in
 * dark mode, so an ink that does not read on the dark background would defeat it unnoticed.
 */
function inkErrors(value: unknown): string[] {
  const dark = (value as { colors?: { dark?: { ink?: unknown; background?: unknown } } } | null)?.colors?.dark;
  const ink = validHex(dark?.ink, 'colors.dark.ink');
  const background = validHex(dark?.background, 'colors.dark.background');
  if (!ink || !background) return [];
  const ratio = contrastRatio(ink as HexColor, background as HexColor);
  if (ratio >= MIN_GRAPHICS_CONTRAST) return [];
  // Written in another syntax, the ink is named with the hex it is drawn in too.
  const written = dark!.ink as string;
  const drawn = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/iu.test(written) ? '' : `${ink}, `;
  return [
    `Expected a colour that reaches ${MIN_GRAPHICS_CONTRAST}:1 against colors.dark.background (${background}) for colors.dark.ink but received ${describeValue(written)} (${drawn}${(Math.floor(ratio * 100) / 100).toFixed(2)}:1)`,
  ];
}

/**
 * The schema's pattern takes any https:// text without spaces or quotes, but forge resolves the
 * social card's address and the manifest's start_url against `url`: one no browser can open
 * (`https://x.com:99999/`, `https://[::1`, `https://exa%mple.com`) stopped the run with a
 * TypeError's stack ("Invalid URL") instead of a line naming the field.
 */
function urlErrors(value: unknown): string[] {
  const url = (value as { url?: unknown } | null)?.url;
  if (typeof url !== 'string' || !/^https:\/\/[^\s"'<>]+$/u.test(url)) return [];
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // host stays empty
  }
  if (host !== '') return [];
  return [`Expected an https:// URL for url (your page's address, such as https://nova.example/shop) but received ${describeValue(url)}, which is not an address a browser can open`];
}

/** `homeScreen: "glyph"` draws the glyph file on the home-screen icons, so there must be one. */
function homeScreenErrors(value: unknown): string[] {
  const config = value as { homeScreen?: unknown; glyph?: unknown } | null;
  if (config?.homeScreen !== 'glyph' || config.glyph !== undefined) return [];
  return ['Expected glyph (the square SVG the home-screen icons draw) because homeScreen is "glyph", but the config names no glyph; add "glyph": "glyph.svg" or set homeScreen to "mark"'];
}

/** Every problem with a config, each naming the field and the value expected. Empty when valid. */
export function configErrors(value: unknown): string[] {
  const errors: string[] = [];
  check(creatorConfigSchema, value, '', errors);
  errors.push(...colourErrors(value));
  errors.push(...urlErrors(value));
  errors.push(...inkErrors(value));
  errors.push(...homeScreenErrors(value));
  return errors;
}

/** Throws a {@link ForgeConfigError} listing every problem, or returns the value typed. */
export function assertValidConfig<T>(value: unknown, source = 'config'): T {
  const errors = configErrors(value);
  if (errors.length > 0) throw new ForgeConfigError(`${source}: ${errors.join('; ')}`, errors);
  return value as T;
}
