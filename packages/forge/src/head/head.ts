import type { ForgeInput, HeadTag } from '../plan/types.ts';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attributes that name a file of the set and so get the site's base path. */
const FILE_ATTRIBUTES = new Set(['href']);

/** theme-color for light and, when the creator has a dark palette, dark browser chrome. */
export function themeColorTags(input: ForgeInput): HeadTag[] {
  const { colors } = input.config;
  if (!colors.dark) return [{ tag: 'meta', attributes: { name: 'theme-color', content: colors.brand } }];
  return [
    { tag: 'meta', attributes: { name: 'theme-color', media: '(prefers-color-scheme: light)', content: colors.brand } },
    { tag: 'meta', attributes: { name: 'theme-color', media: '(prefers-color-scheme: dark)', content: colors.dark.brand } },
  ];
}

/** The snippet a creator pastes into `<head>`: one tag per line, every value escaped. */
export function renderHead(tags: readonly HeadTag[], basePath: string): string {
  const isRelativeFile = (value: string) => !/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(value);
  return (
    tags
      .map(({ tag, attributes }) => {
        const rendered = Object.entries(attributes)
          .map(([key, value]) => `${key}="${escapeAttribute(FILE_ATTRIBUTES.has(key) && isRelativeFile(value) ? basePath + value : value)}"`)
          .join(' ');
        return `<${tag} ${rendered}>`;
      })
      .join('\n') + '\n'
  );
}
