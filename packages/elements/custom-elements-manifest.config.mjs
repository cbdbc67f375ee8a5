/**
 * The custom-elements manifest (custom-elements.json) is generated from the JSDoc on the element
 * classes at build time (`npm run manifest`), never edited by hand: Storybook's docs and controls,
 * editors' autocomplete and the published package all read it.
 *
 * Tag names: our classes are registered through `define<Name>(tag = 'drop-…')` in each define.ts
 * rather than a literal `customElements.define`, which the analyzer cannot follow, so the plugin
 * below reads the default tag from each define.ts. A `@tagname` on the class still wins.
 */

const DEFINE_CALL = /defineElement\(\s*(['"]?)([\w$-]+)\1\s*,\s*([A-Za-z_$][\w$]*)/g;
const defaultOf = (variable, text) =>
  text.match(new RegExp(`\\b${variable}\\s*(?::\\s*string\\s*)?=\\s*['"]([a-z][a-z0-9]*-[a-z0-9-]*)['"]`))?.[1];

function tagsFromDefineFiles() {
  /** @type {Map<string, string>} class name → tag */
  const tags = new Map();
  return {
    name: 'dropkit-define-tags',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!moduleDoc.path.endsWith('/define.ts') || node.kind !== ts.SyntaxKind.SourceFile) return;
      // Statement by statement: each define function declares its own `tag = '…'` default.
      for (const statement of node.statements) {
        const text = statement.getText();
        for (const [, quote, tagOrVariable, className] of text.matchAll(DEFINE_CALL)) {
          const tag = quote ? tagOrVariable : defaultOf(tagOrVariable, text);
          if (tag && !tags.has(className)) tags.set(className, tag);
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const tag = tags.get(declaration.name);
          if (declaration.kind !== 'class' || !tag || declaration.tagName) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          module.exports ??= [];
          module.exports.push({
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: declaration.name, module: module.path },
          });
        }
      }
    },
  };
}

/**
 * The manifest is the public API: Lit's internal reactive state (`protected`/`private`/`#` fields),
 * and the analyzer's guesses at events from `new XEvent(…)` calls (unnamed, or named after a
 * variable), would otherwise show up as Storybook controls and editor completions.
 */
function publicApiOnly() {
  const isPublic = (member) => !member.name.startsWith('#') && (member.privacy ?? 'public') === 'public';
  return {
    name: 'dropkit-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const members = declaration.members ?? [];
          const hidden = new Set(members.filter((member) => !isPublic(member)).map((member) => member.name));
          declaration.members = members.filter(isPublic);
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter((attribute) => !hidden.has(attribute.fieldName));
          }
          if (declaration.events) {
            const named = declaration.events.filter((event) => event.name?.startsWith('drop-'));
            declaration.events = named.filter((event, i) => named.findIndex((e) => e.name === event.name) === i);
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test-support/**', 'src/cdn/**', 'src/react/**', 'src/jsx/**'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  // package.json already names the manifest; the analyzer must not rewrite it on every build.
  packagejson: false,
  plugins: [tagsFromDefineFiles(), publicApiOnly()],
};

