import { describe, expect, it } from 'vitest';
import { parseAst } from 'rolldown/parseAst';
import { minifyCss, minifyHtml, minifyLitTemplates } from './minify-templates.mjs';

describe('minifyCss', () => {
  it('drops comments, indentation and the last semicolon of each block', () => {
    const css = `
      :host {
        /* The page's own font: */
        font: inherit;
        gap: var(--gap, 0.5em);
      }
      a,
      button { color: red; }
    `;
    expect(minifyCss(css)).toBe(':host{font:inherit;gap:var(--gap,0.5em)}a,button{color:red}');
  });

  it('keeps the space before a colon (a descendant combinator) and inside values', () => {
    expect(minifyCss(':host :focus-visible { outline: 2px solid currentColor; }')).toBe(
      ':host :focus-visible{outline:2px solid currentColor}',
    );
    expect(minifyCss(':host([state="live"]) [part="status"]::before { width: calc(1em + 2px); }')).toBe(
      ':host([state="live"]) [part="status"]::before{width:calc(1em + 2px)}',
    );
  });

  it('leaves quoted strings exactly as written', () => {
    expect(minifyCss(`[part='x']::after { content: ' :  { a; } /* no */ '; }`)).toBe(
      `[part='x']::after{content:' :  { a; } /* no */ '}`,
    );
  });

  it('keeps one space next to an interpolated expression', () => {
    expect(minifyCss('  a { margin: ', { atStart: true, atEnd: false })).toBe('a{margin: ');
    expect(minifyCss('  auto; }  ', { atStart: false, atEnd: true })).toBe(' auto}');
  });

  it('leaves a line continuation alone', () => {
    const raw = "content: 'a\\\n  b';";
    expect(minifyCss(raw)).toBe(raw);
  });
});

describe('minifyHtml', () => {
  it('turns each whitespace run into one space, as HTML renders it', () => {
    expect(minifyHtml('<span part="a">x</span>\n      <a\n        href="y"\n        >Link</a\n      >')).toBe(
      '<span part="a">x</span> <a href="y" >Link</a >',
    );
  });
});

describe('minifyLitTemplates', () => {
  const parse = (code: string) => parseAst(code);

  it("rewrites only templates tagged by Lit's css and html", () => {
    const code = [
      "import { css as style, html } from 'lit';",
      'const sheet = style`\n  a {\n    color: red;\n  }\n`;',
      'const view = (x) => html`<p>\n  ${x}\n</p>`;',
      'const other = String.raw`\n  keep   me\n`;',
    ].join('\n');
    const result = minifyLitTemplates(code, parse)!;
    expect(result).toContain('style`a{color:red}`');
    expect(result).toContain('html`<p> ${x} </p>`');
    expect(result).toContain('String.raw`\n  keep   me\n`');
  });

  it('returns null for a module that does not use Lit', () => {
    expect(minifyLitTemplates('const html = (s) => s; html`<p>\n  a\n</p>`;', parse)).toBeNull();
  });
});
