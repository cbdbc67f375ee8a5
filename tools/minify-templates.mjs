/**
 * The elements' CSS and HTML live in Lit's `css` and `html` tagged templates, which no JavaScript
 * minifier touches: indentation, comments and `; }` reached every visitor's phone. This Vite plugin
 * rewrites those template literals in the CDN build only (sources, tests and the npm package keep
 * the readable text), changing nothing a browser would read differently:
 *
 * - CSS: comments go, whitespace collapses, and it disappears next to `{ } ; ,` and after `:`
 *   (never before `:`, where it is a descendant combinator: `:host :focus-visible`); quoted strings
 *   are left exactly as written.
 * - HTML/SVG: every run of whitespace becomes one space, which is how HTML renders it anyway outside
 *   `<pre>`/`white-space: pre` (which no element template uses).
 *
 * Only templates tagged by an identifier imported from 'lit' are touched.
 */

const CSS_TOKEN = /\/\*[\s\S]*?\*\/|'(?:[^'\\]|\\[\s\S])*'|"(?:[^"\\]|\\[\s\S])*"|\s+|[^\s'"/]+|\//g;
/** Whitespace on either side of these never matters in CSS. */
const CSS_TIGHT_BOTH = new Set(['{', '}', ';', ',']);

/**
 * Minifies one static piece of a `css` template. `atStart`/`atEnd` say whether the piece begins or
 * ends the whole template (otherwise an expression sits there, and a space beside it may matter).
 */
export function minifyCss(raw, { atStart = true, atEnd = true } = {}) {
  // A line continuation (backslash + newline) would change meaning if its newline were collapsed.
  if (/\\\r?\n/.test(raw)) return raw;
  let out = '';
  let pendingSpace = false;
  for (const token of raw.match(CSS_TOKEN) ?? []) {
    if (/^\s/.test(token) || token.startsWith('/*')) {
      pendingSpace = true;
      continue;
    }
    // Punctuation tokens come glued to their neighbours by the tokenizer; split them off.
    for (const piece of token.startsWith("'") || token.startsWith('"') ? [token] : token.split(/([{};,])/)) {
      if (piece === '') continue;
      const last = out.at(-1);
      const needsSpace =
        pendingSpace && out !== '' && !CSS_TIGHT_BOTH.has(last) && last !== ':' && !CSS_TIGHT_BOTH.has(piece[0]);
      if (pendingSpace && out === '' && !atStart) out += ' ';
      if (needsSpace) out += ' ';
      pendingSpace = false;
      // `;}` → `}`: the last declaration needs no terminator.
      if (piece === '}' && last === ';') out = out.slice(0, -1);
      out += piece;
    }
  }
  if (pendingSpace && !atEnd) out += ' ';
  return out;
}

/** Collapses whitespace runs in one static piece of an `html`/`svg` template. */
export function minifyHtml(raw) {
  if (/\\\r?\n/.test(raw)) return raw;
  return raw.replace(/\s+/g, ' ');
}

function* walk(node) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  if (typeof node.type === 'string') yield node;
  for (const key of Object.keys(node)) {
    if (key !== 'parent') yield* walk(node[key]);
  }
}

/** Local names bound to Lit's `css`, `html` and `svg` in this module. */
function litTags(ast) {
  const tags = new Map();
  for (const statement of ast.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== 'lit') continue;
    for (const specifier of statement.specifiers) {
      const imported = specifier.imported?.name;
      if (specifier.type === 'ImportSpecifier' && ['css', 'html', 'svg'].includes(imported)) {
        tags.set(specifier.local.name, imported);
      }
    }
  }
  return tags;
}

/** Returns `code` with every Lit template's static text minified, or null when nothing changed. */
export function minifyLitTemplates(code, parse) {
  if (!/\bfrom\s*['"]lit['"]/.test(code)) return null;
  const ast = parse(code);
  const tags = litTags(ast);
  if (tags.size === 0) return null;
  const edits = [];
  for (const node of walk(ast)) {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') continue;
    const kind = tags.get(node.tag.name);
    if (!kind) continue;
    const quasis = node.quasi.quasis;
    quasis.forEach((quasi, index) => {
      const raw = quasi.value.raw;
      // Spans differ between parsers (with or without the backtick / `${`): find the raw text.
      const start = code.indexOf(raw, quasi.start);
      if (start < 0 || start > quasi.end) return;
      const minified =
        kind === 'css' ? minifyCss(raw, { atStart: index === 0, atEnd: index === quasis.length - 1 }) : minifyHtml(raw);
      if (minified !== raw) edits.push({ start, end: start + raw.length, text: minified });
    });
  }
  if (edits.length === 0) return null;
  edits.sort((a, b) => b.start - a.start);
  let result = code;
  for (const { start, end, text } of edits) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

/** @returns {import('vite').Plugin} */
export function minifyTemplates() {
  return {
    name: 'dropkit:minify-lit-templates',
    apply: 'build',
    // After TypeScript is stripped, so the parser sees plain JavaScript.
    enforce: 'post',
    transform(code, id) {
      if (!/[\\/]packages[\\/]elements[\\/]src[\\/].*\.ts$/.test(id.split('?')[0])) return null;
      const result = minifyLitTemplates(code, (source) => this.parse(source));
      return result === null ? null : { code: result, map: null };
    },
  };
}
