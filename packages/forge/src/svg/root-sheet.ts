import { createRequire } from 'node:module';
import type { Options } from 'css-select';
import type { Selector } from 'css-what';

/** An element of the sanitizer's tree, as far as selectors look at it. */
export interface SheetNode {
  name: string;
  attributes: Map<string, string>;
  children: Array<SheetNode | string>;
}

/** A declaration of a sheet that won the cascade for an element. */
export interface SheetValue {
  value: string;
  important: boolean;
}

// Loaded on the first mark with a sheet: most marks have none, and every run loads the sanitizer.
const require = createRequire(import.meta.url);
let engine: { compile: typeof import('css-select').compile; parse: typeof import('css-what').parse } | undefined;
const selectors = () => (engine ??= { compile: (require('css-select') as typeof import('css-select')).compile, parse: (require('css-what') as typeof import('css-what')).parse });

/** The sheet's rules, each its selector list and declarations; comments dropped, nested blocks (CSS nesting) skipped. */
function rules(css: string): { selector: string; declarations: string }[] {
  const found: { selector: string; declarations: string }[] = [];
  let text = '';
  let selector = '';
  let depth = 0;
  let quote = '';
  for (let index = 0; index < css.length; index += 1) {
    const char = css[index]!;
    if (quote) {
      if (depth <= 1) text += char;
      if (char === quote) quote = '';
    } else if (char === '/' && css[index + 1] === '*') {
      const end = css.indexOf('*/', index + 2);
      index = end < 0 ? css.length : end + 1;
    } else if (char === '"' || char === "'") {
      quote = char;
      if (depth <= 1) text += char;
    } else if (char === '{') {
      if (depth === 0) [selector, text] = [text, ''];
      depth += 1;
    } else if (char === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        found.push({ selector: selector.trim(), declarations: text });
        text = '';
      }
    } else if (depth <= 1) text += char;
  }
  return found;
}

/** `name: value [!important]` pairs, split at semicolons outside strings and brackets. */
function declarations(block: string): { name: string; value: string; important: boolean }[] {
  const parts: string[] = [];
  let current = '';
  let nesting = 0;
  let quote = '';
  for (const char of block) {
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') nesting += 1;
    else if (char === ')') nesting = Math.max(0, nesting - 1);
    else if (char === ';' && nesting === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.flatMap((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) return [];
    const name = part.slice(0, colon).trim().toLowerCase();
    let value = part.slice(colon + 1).trim();
    const important = /!\s*important$/i.test(value);
    if (important) value = value.replace(/!\s*important$/i, '').trim();
    return value === '' ? [] : [{ name, value, important }];
  });
}

/** Specificity as [ids, classes/attributes/pseudo-classes, types], the way the cascade ranks it. */
function specificity(selector: Selector[]): [number, number, number] {
  const total: [number, number, number] = [0, 0, 0];
  const add = ([a, b, c]: [number, number, number]) => {
    total[0] += a;
    total[1] += b;
    total[2] += c;
  };
  for (const token of selector) {
    if (token.type === 'tag') add([0, 0, 1]);
    else if (token.type === 'pseudo-element') add([0, 0, 1]);
    // css-what writes #a and .a as attribute tests, told apart from [id=a] by their quirks flag.
    else if (token.type === 'attribute') add(token.name === 'id' && token.action === 'equals' && token.ignoreCase === 'quirks' ? [1, 0, 0] : [0, 1, 0]);
    else if (token.type === 'pseudo') {
      if (token.name === 'where') continue;
      if (Array.isArray(token.data) && ['not', 'is', 'matches', 'has', 'any'].includes(token.name)) {
        const inner = (token.data as Selector[][]).map(specificity);
        add(inner.reduce((best, next) => (compare(next, best) > 0 ? next : best), [0, 0, 0]));
      } else add([0, 1, 0]);
    }
  }
  return total;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < 3; index += 1) if (a[index] !== b[index]) return a[index]! - b[index]!;
  return 0;
}

/**
 * What the mark's own sheet sets on its root `<svg>`, for each of `properties`: the declaration that
 * wins the cascade among the rules whose selectors match the root in the mark's own document (where
 * it is `:root`), by importance, specificity and order, as a browser showing the mark alone picks
 * it. Selectors are css-select's (css-what parses them); a rule whose selector list does not parse
 * is dropped whole, as browsers drop it.
 */
export function sheetValuesOnRoot(root: SheetNode, css: string, properties: readonly string[]): Map<string, SheetValue> {
  const { compile, parse } = selectors();
  const parents = new Map<SheetNode, SheetNode>();
  const link = (node: SheetNode) => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      parents.set(child, node);
      link(child);
    }
  };
  link(root);
  const isTag = (node: SheetNode | string): node is SheetNode => typeof node !== 'string';
  const elements = (nodes: Array<SheetNode | string>) => nodes.filter(isTag);
  const findAll = (test: (element: SheetNode) => boolean, nodes: Array<SheetNode | string>): SheetNode[] =>
    elements(nodes).flatMap((node) => [...(test(node) ? [node] : []), ...findAll(test, node.children)]);
  const adapter: NonNullable<Options<SheetNode | string, SheetNode>['adapter']> = {
    isTag,
    existsOne: (test, nodes) => findAll(test, nodes).length > 0,
    getAttributeValue: (element, name) => element.attributes.get(name),
    getChildren: (node) => (typeof node === 'string' ? [] : node.children),
    getName: (element) => element.name,
    getParent: (element) => parents.get(element) ?? null,
    getSiblings: (node) => (typeof node !== 'string' && parents.get(node)?.children) || [node],
    getText: (node) => (typeof node === 'string' ? node : node.children.map((child) => adapter.getText(child)).join('')),
    hasAttrib: (element, name) => element.attributes.has(name),
    removeSubsets: (nodes) => [...new Set(nodes)],
    findAll,
    findOne: (test, nodes) => findAll(test, nodes)[0] ?? null,
  };
  const wanted = new Set(properties);
  const winners = new Map<string, SheetValue & { rank: [number, number, number] }>();
  // How each selector list ranks on the root, once per list: a sheet repeats them (and a hostile
  // one of 1 MiB holds ~70 000 rules: 0.6 s of selector work when all differ).
  const ranked = new Map<string, [number, number, number] | undefined>();
  const rankOnRoot = (list: string) => {
    let parsed: Selector[][];
    try {
      parsed = parse(list);
    } catch {
      return undefined;
    }
    let best: [number, number, number] | undefined;
    for (const selector of parsed) {
      let matches = false;
      try {
        matches = compile([selector], { xmlMode: true, adapter })(root);
      } catch {
        // A selector css-select cannot follow (an unknown pseudo-class) matches nothing here.
      }
      const rank = specificity(selector);
      if (matches && (!best || compare(rank, best) > 0)) best = rank;
    }
    return best;
  };
  for (const rule of rules(css)) {
    const set = declarations(rule.declarations).filter((declaration) => wanted.has(declaration.name));
    if (set.length === 0 || rule.selector === '') continue;
    if (!ranked.has(rule.selector)) ranked.set(rule.selector, rankOnRoot(rule.selector));
    const best = ranked.get(rule.selector);
    if (!best) continue;
    for (const { name, value, important } of set) {
      const held = winners.get(name);
      // Later rules win ties: >= keeps the latest of equal rank.
      if (!held || (important && !held.important) || (important === held.important && compare(best, held.rank) >= 0)) winners.set(name, { value, important, rank: best });
    }
  }
  return new Map([...winners].map(([name, { value, important }]) => [name, { value, important }]));
}
