import { createRequire } from 'node:module';
import type { Options } from 'css-select';
import type { Selector } from 'css-what';

/** An element of the sanitizer's tree, as far as selectors look at it. */
export interface SheetNode {
  name: string;
  attributes: Map<string, string>;
  children: Array<SheetNode | string>;
  /**
   * The attributes as the file wrote them, when they differ from `attributes`: selectors read
   * these, as a browser's do (`[fill]` does not match style="fill:red", and does match a fill the
   * style overrides).
   */
  written?: Map<string, string>;
}

const attributesOf = (node: SheetNode) => node.written ?? node.attributes;

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

/** A declaration block split at its semicolons outside strings and brackets, as CSS splits it (`font-family:"a;b"` is one). */
function splitDeclarations(block: string): string[] {
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
  return parts;
}

/**
 * `name: value [!important]` pairs, split at semicolons outside strings and brackets, a sheet's rule
 * or an inline style alike. Importance is read from each whole declaration, so a quoted "!important"
 * inside a value is the value's; `! important` with a space is importance too (CSS allows it).
 */
export function declarations(block: string): { name: string; value: string; important: boolean }[] {
  return splitDeclarations(block).flatMap((part) => {
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

/** Where a complex selector's subject compound begins: after its last combinator. */
const COMBINATORS = new Set(['descendant', 'child', 'sibling', 'adjacent', 'parent', 'column-combinator']);

/** The cheapest index key of a selector's subject (its id, a class, its tag), or undefined when it needs every element. */
function subjectKey(selector: Selector[]): string | undefined {
  let from = 0;
  selector.forEach((token, index) => {
    if (COMBINATORS.has(token.type)) from = index + 1;
  });
  let key: string | undefined;
  for (const token of selector.slice(from)) {
    if (token.type === 'attribute' && token.name === 'id' && token.action === 'equals' && token.ignoreCase === 'quirks') return `#${token.value}`;
    if (token.type === 'attribute' && token.name === 'class' && token.action === 'element' && token.ignoreCase === 'quirks') key = `.${token.value}`;
    else if (token.type === 'tag' && key === undefined) key = token.name;
  }
  return key;
}

/** How many selector tests one sheet may cost before the mark is refused (a real mark's sheet needs a few thousand). */
export const MAX_SHEET_TESTS = 1_000_000;
/** A compiled selector counts as this many tests (measured: one css-select compile ≈ 40 tries on an element). */
const COMPILE_COST = 40;

/**
 * What the mark's own sheet sets on each element of the mark, for the declarations `wanted` accepts
 * (a caller refusing an invalid value leaves the cascade to the next declaration, as CSS does):
 * per element, the declaration that wins the cascade among the rules whose selectors match it in
 * the mark's own document (where the root is `:root`), by importance, specificity and order, as a
 * browser showing the mark alone picks it. Selectors are css-select's (css-what parses them); a rule
 * whose selector list does not parse is dropped whole, as browsers drop it. Each distinct selector
 * is compiled once and tried only on the elements its subject could be (by id, class or tag, as
 * browsers index them); `onTests` hears the number of tries, which a caller bounds (MAX_SHEET_TESTS).
 */
export function sheetValues(
  root: SheetNode,
  css: string,
  wanted: (property: string, value: string) => boolean,
  onTests: (count: number) => void = () => {},
): Map<SheetNode, Map<string, SheetValue>> {
  const { compile, parse } = selectors();
  const parents = new Map<SheetNode, SheetNode>();
  const all: SheetNode[] = [root];
  const index = new Map<string, SheetNode[]>();
  const file = (key: string, node: SheetNode) => {
    const list = index.get(key);
    if (list) list.push(node);
    else index.set(key, [node]);
  };
  const link = (node: SheetNode) => {
    file(node.name, node);
    const id = attributesOf(node).get('id');
    if (id !== undefined) file(`#${id}`, node);
    for (const name of new Set((attributesOf(node).get('class') ?? '').split(/[ \t\n\r\f]+/u))) if (name !== '') file(`.${name}`, node);
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      parents.set(child, node);
      all.push(child);
      link(child);
    }
  };
  link(root);
  // The work inside one try is counted too, as css-select asks for it: a selector walks parents,
  // siblings and whole subtrees through the adapter (`:has(:has(…))` tried every element's subtree
  // from every element, `circle ~ rect` every earlier sibling of each rect), so one try can cost the
  // whole tree. A refusal thrown from inside a try is the refusal, not a selector that failed.
  let stopped: { error: unknown } | undefined;
  const charge = (count: number) => {
    if (stopped) throw stopped.error;
    try {
      onTests(count);
    } catch (error) {
      stopped = { error };
      throw error;
    }
  };
  const rethrowIfStopped = () => {
    if (stopped) throw stopped.error;
  };
  const isTag = (node: SheetNode | string): node is SheetNode => typeof node !== 'string';
  /** The first element at or under `nodes` that passes, in document order; each one looked at costs a test. */
  const findFirst = (test: (element: SheetNode) => boolean, nodes: Array<SheetNode | string>): SheetNode | null => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      charge(1);
      if (test(node)) return node;
      const found = findFirst(test, node.children);
      if (found) return found;
    }
    return null;
  };
  const findAll = (test: (element: SheetNode) => boolean, nodes: Array<SheetNode | string>, out: SheetNode[] = []): SheetNode[] => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      charge(1);
      if (test(node)) out.push(node);
      findAll(test, node.children, out);
    }
    return out;
  };
  const positions = new Map<SheetNode, number>();
  const adapter: NonNullable<Options<SheetNode | string, SheetNode>['adapter']> = {
    isTag,
    existsOne: (test, nodes) => findFirst(test, nodes) !== null,
    getAttributeValue: (element, name) => {
      const value = attributesOf(element).get(name);
      // Attribute selectors scan the value (`[d*="…"]` over a long path).
      charge(1 + ((value?.length ?? 0) >> 8));
      return value;
    },
    getChildren: (node) => {
      const children = typeof node === 'string' ? [] : node.children;
      charge(children.length);
      return children;
    },
    getName: (element) => element.name,
    getParent: (element) => {
      charge(1);
      return parents.get(element) ?? null;
    },
    getSiblings: (node) => {
      const siblings = (typeof node !== 'string' && parents.get(node)?.children) || [node];
      charge(siblings.length);
      return siblings;
    },
    // `:first-child` and `+` ask for one sibling, not all of them.
    prevElementSibling: (node) => {
      charge(1);
      const siblings = typeof node === 'string' ? undefined : parents.get(node)?.children;
      if (!siblings) return null;
      let position = positions.get(node as SheetNode);
      if (position === undefined) {
        siblings.forEach((sibling, index) => typeof sibling !== 'string' && positions.set(sibling, index));
        position = positions.get(node as SheetNode)!;
      }
      for (let index = position - 1; index >= 0; index -= 1) {
        const sibling = siblings[index]!;
        if (typeof sibling !== 'string') return sibling;
      }
      return null;
    },
    getText: (node) => {
      charge(1);
      return typeof node === 'string' ? node : node.children.map((child) => adapter.getText(child)).join('');
    },
    hasAttrib: (element, name) => attributesOf(element).has(name),
    removeSubsets: (nodes) => [...new Set(nodes)],
    findAll: (test, nodes) => findAll(test, nodes),
    findOne: findFirst,
  };
  type Held = SheetValue & { rank: [number, number, number]; order: number };
  const winners = new Map<SheetNode, Map<string, Held>>();
  const rankIn = (list: string) => {
    const found = new Map<SheetNode, [number, number, number]>();
    let parsed: Selector[][];
    try {
      parsed = parse(list);
    } catch {
      return found;
    }
    for (const selector of parsed) {
      const key = subjectKey(selector);
      const candidates = key === undefined ? all : (index.get(key) ?? []);
      // Most rules of a big sheet name a class or tag the mark does not have: nothing to compile.
      if (candidates.length === 0) continue;
      let test: (element: SheetNode) => boolean;
      try {
        test = compile([selector], { xmlMode: true, adapter });
      } catch {
        rethrowIfStopped();
        // A selector css-select cannot follow (an unknown pseudo-class) matches nothing here.
        continue;
      }
      // Compiling costs about as much as trying a selector on a few dozen elements.
      charge(COMPILE_COST + candidates.length);
      const rank = specificity(selector);
      for (const element of candidates) {
        let matches = false;
        try {
          matches = test(element);
        } catch {
          rethrowIfStopped();
          // As above: a pseudo-class css-select refuses only when it meets an element.
        }
        const best = found.get(element);
        if (matches && (!best || compare(rank, best) > 0)) found.set(element, rank);
      }
    }
    return found;
  };
  // Of the rules with one selector list, only the last to set a property (normal or important)
  // can win it, since they rank alike on every element: a sheet that repeats one rule 60 000
  // times costs its matches once, not 60 000 times.
  const bySelector = new Map<string, Map<string, SheetValue & { order: number }>>();
  let order = 0;
  for (const rule of rules(css)) {
    const set = declarations(rule.declarations).filter((declaration) => wanted(declaration.name, declaration.value));
    if (set.length === 0 || rule.selector === '') continue;
    let last = bySelector.get(rule.selector);
    if (!last) bySelector.set(rule.selector, (last = new Map()));
    for (const { name, value, important } of set) {
      order += 1;
      last.set(`${important ? '!' : ''}${name}`, { value, important, order });
    }
  }
  for (const [selector, last] of bySelector) {
    const matched = rankIn(selector);
    // Each match takes each property the rules set: `*{--a1:…;…;--a40000:…}` over 5 000 elements
    // was 200 million entries (the process ran out of memory) for one selector's worth of tests.
    charge(matched.size * last.size);
    for (const [element, rank] of matched) {
      let held = winners.get(element);
      if (!held) winners.set(element, (held = new Map()));
      for (const [key, { value, important, order }] of last) {
        const name = important ? key.slice(1) : key;
        const current = held.get(name);
        const ranked = current === undefined ? 1 : Number(important) - Number(current.important) || compare(rank, current.rank) || order - current.order;
        if (ranked > 0) held.set(name, { value, important, rank, order });
      }
    }
  }
  return new Map([...winners].map(([element, values]) => [element, new Map([...values].map(([name, { value, important }]) => [name, { value, important }]))]));
}

/** What the mark's own sheet sets on its root `<svg>`, for each of `properties` (sheetValues, for the root alone). */
export function sheetValuesOnRoot(root: SheetNode, css: string, properties: readonly string[]): Map<string, SheetValue> {
  const wanted = new Set(properties);
  return sheetValues(root, css, (name) => wanted.has(name)).get(root) ?? new Map();
}
