/**
 * The Node half of docs-snippets.test.ts: reads docs/packages.md when the test runs, classifies
 * each fenced block, turns each runnable one into a module Vite serves (so its imports resolve
 * through the built package's exports map, as in a marketplace's bundler), and type-checks the
 * ts/tsx/js ones against the built package's types.
 *
 * How a block is checked is decided by its fence language, or by an HTML comment right above the
 * fence (GitHub and npm do not show it), `<!-- snippet: <kind> -->`:
 *
 * - ```js / ```ts (kind `dom`): a module run on a page of its own. Add `<!-- same-page-as: first
 *   example -->` (docs-examples.test.ts's annotation) when it works on the page of the doc's first
 *   ```html example, as a server-rendered page's script does.
 * - ```tsx (kind `react`): imports, then the JSX a React 19 component renders.
 * - ```tsx with `<!-- snippet: react-ssr -->`: the same JSX rendered with renderToString, then
 *   hydrated on a page whose client code imports `@dropkit/elements/define` first.
 * - ```vue (kind `vue-template`): a Vue 3 template, compiled by Vue's SFC template compiler with the
 *   compiler options of the doc's `vite-config` block.
 * - `<!-- snippet: vite-config -->` on a ```js block: the `vue({ … })` call of a vite.config.js.
 *   It is evaluated (with `vue` catching its options) and must tell Vue that every dropkit tag is
 *   a custom element; the ```vue blocks are compiled with exactly those options.
 * - `<!-- snippet: vue-main -->` on a ```js block: what a Vue app's entry (main.js) imports before it
 *   mounts; the ```vue blocks run on a page whose entry imports exactly that.
 * - `<!-- snippet: shell -->`: `npm install` lines; each must name a package of this repository.
 * - ```html and ```json: checked by test/hardening/docs-examples.test.ts.
 * Any other block is unclassified and fails the test: a new kind of example needs a check.
 *
 * The snippets lean on a little of the marketplace's own code; it is the same everywhere (the
 * types in SCOPE_TYPES, the values in docs-snippets-page.tsx): `drop` (`at`, `checkout`),
 * `setState(state)`, `openCart(href)`, `onState(event)` and `widgetHost` (an element on the page).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { compileTemplate, parse as parseSfc } from 'vue/compiler-sfc';
import type { Plugin } from 'vite';

export const DOC = 'docs/packages.md';
const PREFIX = '/@docs-snippets/';
/** The names a snippet may use without defining them (see SCOPE_TYPES). */
export const SCOPE_NAMES = ['drop', 'setState', 'openCart', 'onState', 'widgetHost'] as const;

const KINDS = ['dom', 'react', 'react-ssr', 'vue-template', 'vite-config', 'vue-main', 'shell', 'docs-examples'] as const;
export type SnippetKind = (typeof KINDS)[number];
export type PageKind = Extract<SnippetKind, 'dom' | 'react' | 'react-ssr' | 'vue-template'>;
const PAGE_KINDS: readonly SnippetKind[] = ['dom', 'react', 'react-ssr', 'vue-template'];

/** What docs-snippets.test.ts learns about a block (sent to the browser as JSON). */
export interface SnippetInfo {
  /** "docs/packages.md:81", the fence's line. */
  where: string;
  line: number;
  lang: string;
  code: string;
  kind: SnippetKind | undefined;
  /** Why the block is not of a kind this test checks, or why its check failed in Node. */
  problem?: string;
  /** Page kinds: the page's own HTML before the snippet runs (same-page-as: first example). */
  pageHtml?: string;
  /** Scope callbacks (and `console.log`) the snippet calls: each must be called when events fire. */
  calls: string[];
  /** Page kinds: the URL of the block as a module. */
  module?: string;
  /**
   * Page kinds: the custom elements judged on its page, `drop-*` and every other tag the snippet
   * names (its own names in a scoped registry). Not the kit's screen-reader region, never defined.
   */
  tags: string[];
}

interface Block {
  line: number;
  lang: string;
  code: string;
  /** Line of the first code line (fence + 1), to map type errors back to the doc. */
  codeLine: number;
  notes: Map<string, string>;
}

function fencedBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, fence, info] = open;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() !== fence) j++;
    const notes = new Map<string, string>();
    for (let k = i - 1; k >= 0; k--) {
      const note = /^\s*<!-- ([a-z-]+): (.+?) -->\s*$/.exec(lines[k]!);
      if (!note) break;
      notes.set(note[1]!, note[2]!);
    }
    blocks.push({ line: i + 1, lang: info!.trim().split(/\s+/)[0] ?? '', code: lines.slice(i + 1, j).join('\n'), codeLine: i + 2, notes });
    i = j;
  }
  return blocks;
}

function kindOf(block: Block): { kind?: SnippetKind; problem?: string } {
  const declared = block.notes.get('snippet');
  if (declared !== undefined) {
    if (!(KINDS as readonly string[]).includes(declared)) return { problem: `<!-- snippet: ${declared} --> is no kind this test knows (${KINDS.join(', ')})` };
    return { kind: declared as SnippetKind };
  }
  switch (block.lang) {
    case 'js':
    case 'ts':
      return { kind: 'dom' };
    case 'tsx':
      return { kind: 'react' };
    case 'vue':
      return { kind: 'vue-template' };
    case 'html':
    case 'json':
      return { kind: 'docs-examples' };
    default:
      return { problem: `a \`\`\`${block.lang || '(no language)'} block with no <!-- snippet: … --> annotation: say what it is (${KINDS.join(', ')})` };
  }
}

/** The first ```html example of the doc with a dropkit tag: the page `same-page-as` points at. */
function firstPageExample(blocks: Block[]): string | undefined {
  return blocks.find((block) => block.lang === 'html' && /<drop-[a-z]/.test(block.code))?.code;
}

/** The scope's callbacks a snippet names (it may hand one over as a handler), and console.log calls. */
const called = (code: string) => [
  ...SCOPE_NAMES.filter((name) => name !== 'drop' && name !== 'widgetHost' && new RegExp(`\\b${name}\\b`).test(code)),
  ...(/\bconsole\.log\s*\(/.test(code) ? ['console.log'] : []),
];

export function readSnippets(root: string): { infos: SnippetInfo[]; blocks: Block[] } {
  const blocks = fencedBlocks(readFileSync(join(root, DOC), 'utf8'));
  const firstPage = firstPageExample(blocks);
  const infos = blocks.map((block): SnippetInfo => {
    const { kind, problem } = kindOf(block);
    const tags = [...new Set([...block.code.matchAll(/['"<]([a-z][a-z0-9]*-[a-z0-9-]*)\b/g)].map((match) => match[1]!))];
    const info: SnippetInfo = { where: `${DOC}:${block.line}`, line: block.line, lang: block.lang, code: block.code, kind, calls: called(block.code), tags };
    if (problem) info.problem = problem;
    const samePage = block.notes.get('same-page-as');
    if (samePage !== undefined && kind && PAGE_KINDS.includes(kind)) {
      if (samePage !== 'first example') info.problem = `same-page-as must say "first example", not "${samePage}"`;
      else if (!firstPage) info.problem = `same-page-as: first example, but ${DOC} has no \`\`\`html example with a dropkit tag`;
      else info.pageHtml = firstPage;
    }
    if (kind && PAGE_KINDS.includes(kind)) {
      const ext = kind === 'vue-template' ? 'js' : kind === 'dom' ? (block.lang === 'ts' ? 'ts' : 'js') : 'tsx';
      info.module = `${PREFIX}block-${block.line}.${ext}`;
    }
    if (kind === 'vue-main' && splitImports(block.code, 'main.js').body.replace(/\/\/.*$/gm, '').trim() !== '') {
      info.problem = 'a vue-main block holds only the imports a Vue app makes before it mounts';
    }
    if (kind === 'shell') {
      const problems = shellProblems(root, block.code);
      if (problems.length) info.problem = problems.join('; ');
    }
    if (kind === 'vite-config') {
      try {
        vueCompilerOptions(block.code);
      } catch (error) {
        info.problem = (error as Error).message;
      }
    }
    return info;
  });
  return { infos, blocks };
}

// ---------------------------------------------------------------------------------------------
// Blocks that are not run on a page
// ---------------------------------------------------------------------------------------------

function shellProblems(root: string, code: string): string[] {
  const ours = ['elements', 'forge'].map((name) => (JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as { name: string }).name);
  const problems: string[] = [];
  for (const line of code.split('\n').filter((line) => line.trim() !== '')) {
    const install = /^npm (?:install|i) (.+)$/.exec(line.trim());
    if (!install) {
      problems.push(`"${line}" is not an npm install line, the only shell line this test knows`);
      continue;
    }
    for (const name of install[1]!.split(/\s+/).filter((word) => !word.startsWith('-'))) {
      if (!ours.includes(name.replace(/(.)@[^@/]*$/, '$1'))) problems.push(`npm install ${name}: not a package of this repository (${ours.join(', ')})`);
    }
  }
  return problems;
}

type VueCompilerOptions = { isCustomElement: (tag: string) => boolean };

/** Every default dropkit tag, from the build (set when the plugin starts; see docsSnippets). */
let dropTags: readonly string[] | undefined;

/** Runs the `vue({ … })` call of a vite.config.js block and returns the template compiler options. */
function vueCompilerOptions(code: string): VueCompilerOptions {
  let options: unknown;
  runInNewContext(code, { vue: (given: unknown) => (options = given) });
  const compilerOptions = (options as { template?: { compilerOptions?: Partial<VueCompilerOptions> } } | undefined)?.template?.compilerOptions;
  if (typeof compilerOptions?.isCustomElement !== 'function') {
    throw new Error('the vite-config block must call vue({ template: { compilerOptions: { isCustomElement } } }), the options @vitejs/plugin-vue hands to the template compiler');
  }
  if (!dropTags) throw new Error('packages/elements/dist/tag-names.js did not load: run npm run build first');
  const missed = dropTags.filter((tag) => !compilerOptions.isCustomElement!(tag));
  if (missed.length) throw new Error(`isCustomElement of the vite-config block is false for ${missed.join(', ')}: Vue would look for components of that name`);
  if (compilerOptions.isCustomElement('div') || compilerOptions.isCustomElement('router-link')) {
    throw new Error('isCustomElement of the vite-config block claims tags that are not dropkit\'s (div, router-link)');
  }
  return compilerOptions as VueCompilerOptions;
}

// ---------------------------------------------------------------------------------------------
// Modules for the page kinds
// ---------------------------------------------------------------------------------------------

/** What a prop or attribute in the snippet's markup should leave on the element. */
interface Expectation {
  tag: string;
  /** Which element of that tag, in document order. */
  nth: number;
  name: string;
  /** JS source of the value, evaluated with the scope in view. */
  value: string;
}

const scopeArrow = (expression: string) => `(__scope) => { const { ${SCOPE_NAMES.join(', ')} } = __scope; return (${expression}); }`;

function expectationsExport(expectations: Expectation[]): string {
  const items = expectations.map(({ tag, nth, name, value }) => `{ tag: ${JSON.stringify(tag)}, nth: ${nth}, name: ${JSON.stringify(name)}, value: ${scopeArrow(value)} }`);
  return `export const expectations = [\n  ${items.join(',\n  ')}\n];\n`;
}

/** Imports stay on top; the rest is what a module or a component body holds. */
function splitImports(code: string, fileName: string): { imports: string; body: string } {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : undefined);
  let end = 0;
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) break;
    end = statement.end;
  }
  return { imports: code.slice(0, end), body: code.slice(end) };
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter, at: number) => `${at ? '-' : ''}${letter.toLowerCase()}`);

/** React: imports, then a component rendering the snippet's JSX in a fragment. */
function reactModule(block: Block): string {
  const { imports, body } = splitImports(block.code, 'snippet.tsx');
  const component = `${imports}\nexport default function Snippet(__scope) {\n  const { ${SCOPE_NAMES.join(', ')} } = __scope;\n  return (<>\n${body.trim()}\n</>);\n}\n`;
  const source = ts.createSourceFile('snippet.tsx', component, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const expectations: Expectation[] = [];
  const seen = new Map<string, number>();
  const visit = (node: ts.Node) => {
    if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
      const written = node.tagName.getText(source);
      // A raw tag, or a wrapper from @dropkit/elements/react (DropCountdown renders <drop-countdown>).
      const tag = written.startsWith('drop-') ? written : /^Drop[A-Z]/.test(written) ? kebab(written) : undefined;
      if (tag) {
        const nth = seen.get(tag) ?? 0;
        seen.set(tag, nth + 1);
        for (const attribute of node.attributes.properties) {
          if (!ts.isJsxAttribute(attribute)) continue;
          const name = attribute.name.getText(source);
          // Handlers are checked by firing their events; key, ref and suppressHydrationWarning are
          // React's own.
          if (/^on/.test(name) || ['key', 'ref', 'suppressHydrationWarning'].includes(name)) continue;
          const init = attribute.initializer;
          const value = !init
            ? 'true'
            : ts.isStringLiteral(init)
              ? JSON.stringify(init.text)
              : ts.isJsxExpression(init) && init.expression
                ? init.expression.getText(source)
                : 'undefined';
          expectations.push({ tag, nth, name, value });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return `${component}\n${expectationsExport(expectations)}`;
}

/** Vue: the template compiled as @vitejs/plugin-vue compiles it, with the doc's compiler options. */
function vueModule(block: Block, options: VueCompilerOptions): string {
  const compiled = compileTemplate({ source: block.code, filename: `packages-md-${block.line}.vue`, id: `packages-md-${block.line}`, compilerOptions: options });
  if (compiled.errors.length) throw new Error(`the Vue template does not compile: ${compiled.errors.map(String).join('; ')}`);
  const expectations: Expectation[] = [];
  const seen = new Map<string, number>();
  type VueNode = { type: number; tag?: string; props?: VueProp[]; children?: VueNode[] };
  type VueProp = { type: number; name: string; value?: { content: string }; arg?: { content: string; isStatic: boolean }; exp?: { content: string } };
  const visit = (node: VueNode) => {
    if (node.type === 1 && node.tag?.startsWith('drop-')) {
      const nth = seen.get(node.tag) ?? 0;
      seen.set(node.tag, nth + 1);
      for (const prop of node.props ?? []) {
        // 6: a plain attribute; 7: a directive, of which v-bind with a fixed name sets a value.
        if (prop.type === 6) expectations.push({ tag: node.tag, nth, name: prop.name, value: JSON.stringify(prop.value?.content ?? '') });
        else if (prop.type === 7 && prop.name === 'bind' && prop.arg?.isStatic && prop.exp) {
          expectations.push({ tag: node.tag, nth, name: prop.arg.content, value: prop.exp.content });
        }
      }
    }
    node.children?.forEach(visit);
  };
  // The template as written (compileTemplate's own tree has its expressions rewritten for the render function).
  visit(parseSfc(`<template>${block.code}</template>`).descriptor.template!.ast as unknown as VueNode);
  return `${compiled.code}\n${expectationsExport(expectations)}`;
}

/**
 * Plain modules: imports on top, the rest inside `run(scope)`. Every value the snippet gives an
 * element (`el.prop = value`, `el.setAttribute(name, value)`) passes through `__gives`, which
 * notes it for the page to compare with what the element holds once it has rendered.
 */
function domModule(block: Block): string {
  const { imports, body } = splitImports(block.code, `snippet.${block.lang}`);
  const source = ts.createSourceFile(`snippet.${block.lang}`, body, ts.ScriptTarget.Latest, true);
  const edits: { at: number; text: string }[] = [];
  const wrap = (target: ts.Expression, how: 'property' | 'attribute', name: string, value: ts.Expression) => {
    edits.push({ at: value.getStart(source), text: `__gives(${target.getText(source)}, '${how}', ${JSON.stringify(name)}, ` });
    edits.push({ at: value.end, text: ')' });
  };
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      wrap(node.left.expression, 'property', node.left.name.text, node.right);
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'setAttribute' &&
      node.arguments.length === 2 &&
      ts.isStringLiteralLike(node.arguments[0]!)
    ) {
      wrap(node.expression.expression, 'attribute', node.arguments[0].text, node.arguments[1]!);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let instrumented = body;
  for (const { at, text } of edits.sort((a, b) => b.at - a.at)) instrumented = instrumented.slice(0, at) + text + instrumented.slice(at);
  return `${imports}\nexport default async function run(__scope, __gives) {\n  const { ${SCOPE_NAMES.join(', ')} } = __scope;\n${instrumented}\n}\n`;
}

/** The module of a page-kind block, as the browser gets it (before Vite's own transforms). */
export function snippetModule(root: string, line: number): string {
  const { infos, blocks } = readSnippets(root);
  const index = infos.findIndex((info) => info.line === line);
  const block = blocks[index];
  const info = infos[index];
  if (!block || !info) throw new Error(`${DOC} has no block at line ${line} (any more)`);
  if (info.problem) throw new Error(`${info.where}: ${info.problem}`);
  switch (info.kind) {
    case 'react':
    case 'react-ssr':
      return reactModule(block);
    case 'vue-template': {
      const config = infos.find((other) => other.kind === 'vite-config');
      if (!config) throw new Error(`${info.where}: a Vue template needs the doc's <!-- snippet: vite-config --> block for its compiler options`);
      return vueModule(block, vueCompilerOptions(config.code));
    }
    case 'dom':
      return domModule(block);
    default:
      throw new Error(`${info.where}: a ${info.kind} block is not run on a page`);
  }
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** The marketplace code the snippets lean on, as TypeScript sees it. */
const SCOPE_TYPES = `import type { DropState, DropStateEvent } from '@dropkit/elements';
declare global {
  /** The drop a marketplace page shows: its time as ISO text with an offset, its checkout link. */
  const drop: { at: string; checkout: string };
  function setState(state: DropState): void;
  function openCart(href: string): void;
  function onState(event: DropStateEvent): void;
  const widgetHost: HTMLElement;
}
export {};
`;

/**
 * Type errors of every js/ts/tsx block against the built package's types (the exports map's
 * `types`), under test/frameworks/tsconfig.json: "docs/packages.md:84: …" per error. JavaScript is
 * checked too (checkJs), except that it may use a querySelector result without a null check, which
 * plain JavaScript has no way to assert.
 */
export function typeErrors(root: string): Record<string, string[]> {
  const { infos, blocks } = readSnippets(root);
  const folder = join(root, 'test', 'frameworks', '__docs_snippets__');
  // Each file keeps the block's lines where they are, so an error's line is the doc's line.
  const files = new Map<string, { text: string; where: string; codeLine: number; js: boolean }>();
  files.set(join(folder, 'scope.d.ts'), { text: SCOPE_TYPES, where: '', codeLine: 0, js: false });
  infos.forEach((info, index) => {
    const block = blocks[index]!;
    if (!['js', 'ts', 'tsx'].includes(info.lang) || !info.kind || !PAGE_KINDS.includes(info.kind)) return;
    const { imports, body } = splitImports(block.code, `snippet.${info.lang}`);
    // JSX after the imports is what a component renders: the function opens on the imports' last line.
    const text = info.lang === 'tsx' ? `${imports} export function Snippet() { return (<>${body}\n</>); }\n` : `${block.code}\nexport {};\n`;
    files.set(join(folder, `block-${info.line}.${info.lang}`), { text, where: info.where, codeLine: block.codeLine, js: info.lang === 'js' });
  });

  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'test', 'frameworks', 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!config) throw new Error('test/frameworks/tsconfig.json did not parse');
  const options: ts.CompilerOptions = {
    ...config.options,
    allowJs: true,
    checkJs: true,
    noEmit: true,
    // Unused names are the copier's concern, not an error of the example.
    noUnusedLocals: false,
    noUnusedParameters: false,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name)?.text ?? readFile.call(host, name);
  host.getSourceFile = (name, version, ...rest) => {
    const own = files.get(name);
    return own ? ts.createSourceFile(name, own.text, version) : getSourceFile.call(host, name, version, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const errors: Record<string, string[]> = {};
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const own = diagnostic.file && files.get(diagnostic.file.fileName);
    if (!own || !own.where) {
      const where = diagnostic.file ? diagnostic.file.fileName : 'the program';
      (errors['scope'] ??= []).push(`${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
      continue;
    }
    // 18047: "'countdown' is possibly 'null'", which plain JavaScript cannot rule out.
    if (own.js && diagnostic.code === 18047) continue;
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const docLine = own.codeLine + line;
    (errors[own.where] ??= []).push(`${DOC}:${docLine}: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The Vite plugin (test/frameworks/vitest.config.ts)
// ---------------------------------------------------------------------------------------------


/**
 * Serves, from docs/packages.md as it is on disk when asked:
 * - `/@docs-snippets/blocks.json`: every block and its kind (SnippetInfo[]);
 * - `/@docs-snippets/types.json`: type errors per block;
 * - `/@docs-snippets/page-<line>.html`: a page of its own for a block (its iframe);
 * - `/@docs-snippets/block-<line>.<ext>`: the block as a module (Vite transforms it as any source).
 */
export function docsSnippets(): Plugin {
  let root = process.cwd();
  let defines: Record<string, unknown> = {};
  const json = (body: unknown) => JSON.stringify(body);
  return {
    name: 'dropkit:docs-snippets',
    enforce: 'pre',
    async configResolved(config) {
      root = config.root;
      defines = config.define ?? {};
      // The built package's own list; a missing build is reported where the tags are needed.
      const builtTags = pathToFileURL(join(root, 'packages', 'elements', 'dist', 'tag-names.js')).href;
      dropTags = await import(builtTags).then((module: typeof import('../../packages/elements/dist/tag-names.js')) => module.DROP_TAGS, () => undefined);
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        if (!url.pathname.startsWith(PREFIX)) return next();
        const name = url.pathname.slice(PREFIX.length);
        try {
          if (name === 'blocks.json') return void response.setHeader('Content-Type', 'application/json').end(json(readSnippets(root).infos));
          if (name === 'types.json') return void response.setHeader('Content-Type', 'application/json').end(json(typeErrors(root)));
          const page = /^page-(\d+)\.html$/.exec(name);
          if (page) return void response.setHeader('Content-Type', 'text/html').end(pageHtml(root, Number(page[1]), defines));
        } catch (error) {
          return void response.writeHead(500, { 'Content-Type': 'text/plain' }).end(String((error as Error).stack ?? error));
        }
        next();
      });
    },
    resolveId(id) {
      return id.startsWith(`${PREFIX}block-`) || id.startsWith(`${PREFIX}entry-`) ? id : undefined;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const entry = /^entry-(\d+)\.ts$/.exec(id.slice(PREFIX.length));
      if (entry) {
        const { infos, blocks } = readSnippets(root);
        const info = infos.find((other) => other.line === Number(entry[1]));
        if (!info?.module) throw new Error(`${DOC}:${entry[1]} is not run on a page`);
        // Static imports, in this order: the runner first (it starts watching the console), then what
        // the app's entry imports before the snippet's code runs, then the snippet.
        const before: string[] = [];
        // A Vue app: its main.js, as the doc shows it.
        if (info.kind === 'vue-template') {
          const main = infos.findIndex((other) => other.kind === 'vue-main');
          if (main < 0) throw new Error(`${info.where}: a Vue template needs the doc's <!-- snippet: vue-main --> block (what main.js imports before it mounts)`);
          before.push(splitImports(blocks[main]!.code, 'main.js').imports);
        }
        // A server-rendered page: its client code registers the tags before React hydrates.
        if (info.kind === 'react-ssr') before.push("import '@dropkit/elements/define';");
        return `import { runSnippetPage } from '/test/frameworks/docs-snippets-page.tsx';
${before.join('\n')}
import * as snippet from '${info.module}';
window.snippetPage = runSnippetPage(${json(info.kind)}, ${json(info.calls)}, ${json(info.tags)}, snippet);\n`;
      }
      const block = /^block-(\d+)\.\w+$/.exec(id.slice(PREFIX.length));
      if (block) return snippetModule(root, Number(block[1]));
      return undefined;
    },
  };
}

/** `defines`: the config's compile-time flags (Vue's), which a bundler writes into the code. */
function pageHtml(root: string, line: number, defines: Record<string, unknown>): string {
  const info = readSnippets(root).infos.find((other) => other.line === line);
  if (!info) throw new Error(`${DOC} has no block at line ${line}`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${info.where}</title>
<script>${Object.entries(defines).map(([name, value]) => `globalThis.${name} = ${String(value)};`).join(' ')}</script>
</head>
<body>
<main>
${info.pageHtml ?? ''}
</main>
<div id="app"></div>
<script type="module" src="${PREFIX}entry-${line}.ts"></script>
</body>
</html>
`;
}
