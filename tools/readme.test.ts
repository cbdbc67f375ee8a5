import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM tool script without type declarations
import { renderReadme } from './readme.mjs';

describe('README', () => {
  it('carries the same reference and benchmark text as docs/*.md (run node tools/readme.mjs after editing a doc)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(renderReadme(readme) === readme).toBe(true);
  });

  it('shifts doc headings under the README headings without touching code blocks', () => {
    const rendered: string = renderReadme(
      'intro\n<!-- reference:start -->\n<!-- reference:end -->\n<!-- bench:start -->\n<!-- bench:end -->\nend',
    );
    expect(rendered).toMatch(/^## Reference$/m);
    expect(rendered).toMatch(/^## `<drop-countdown>`/m);
    expect(rendered).toMatch(/^### For creators: paste this$/m);
    expect(rendered).toMatch(/^## Benchmark$/m);
    expect(rendered).toMatch(/^### Latest results$/m);
  });

  it('shows the two commands and the one-line embed', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(readme).toMatch(/<script type="module" src="[^"]+\/dropkit\.js"><\/script>/);
  });
});
