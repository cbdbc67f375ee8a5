/**
 * The public API is documented once, on each element class (JSDoc → custom-elements.json →
 * Storybook's Reference, editors' autocomplete). The analyzer gives a tag (`@fires`, `@slot`,
 * `@csspart`, `@cssprop`) every line up to the next tag, so prose written after the first tag ends up
 * in that tag's description (an indented line is a tag's own continuation): the button's paragraph on its words following the page language was
 * the description of its `drop-checkout` event, and missing from the button's own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ELEMENTS = ['button/button.ts', 'clip/clip.ts', 'clip/product.ts', 'countdown/countdown.ts', 'mark/mark.ts'];

/** The lines of the JSDoc block right above `export class`, without their leading ` * `. */
function classDoc(source: string): string[] {
  const end = source.indexOf('*/\nexport class');
  const start = source.lastIndexOf('/**', end);
  return source
    .slice(start + 3, end)
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, ''));
}

describe('element class JSDoc', () => {
  for (const file of ELEMENTS) {
    it(`${file}: nothing but tags after the first tag`, () => {
      const lines = classDoc(readFileSync(new URL(`../packages/elements/src/${file}`, import.meta.url), 'utf8'));
      expect(lines.length).toBeGreaterThan(3);
      const first = lines.findIndex((line) => line.startsWith('@'));
      // An indented line continues the tag above it on purpose; a line flush left is new prose.
      const strays = lines.slice(first).filter((line) => line.trim() !== '' && !line.startsWith('@') && !/^\s/.test(line));
      expect(strays).toEqual([]);
    });
  }
});
