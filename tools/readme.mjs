/**
 * The README carries the full reference of each element and of forge, and the latest benchmark
 * table, so a creator finds them on the package page without clicking around. Those sections are
 * written once, in docs/*.md, and copied between the README's markers by this script (headings
 * shifted one level down), so the two can never disagree: `node tools/readme.mjs` rewrites the
 * blocks, `--check` (and tools/readme.test.ts) fails when someone edited one side only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);

/** Each block: README markers, its heading, and the docs it copies (`from` = first heading kept). */
const blocks = [
  {
    marker: 'reference',
    title: 'Reference',
    docs: [{ name: 'countdown' }, { name: 'button' }, { name: 'mark' }, { name: 'clip' }, { name: 'forge' }, { name: 'badges' }],
  },
  { marker: 'bench', title: 'Benchmark', docs: [{ name: 'bench', from: '## Latest results' }] },
];

function shiftHeadings(text) {
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) inFence = !inFence;
      return !inFence && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}

function docText({ name, from }) {
  let text = readFileSync(new URL(`docs/${name}.md`, root), 'utf8');
  if (from) {
    const at = text.indexOf(`\n${from}`);
    if (at < 0) throw new Error(`docs/${name}.md has no "${from}" heading`);
    text = text.slice(at + 1);
  }
  // Relative links in a doc point from docs/; in the README they must point from the root.
  const relinked = text.replace(/\]\((?![a-z]+:|#|\/)(?:\.\.\/)?([^)]+)\)/g, (match, target, offset, whole) =>
    whole.startsWith('../', offset + 2) ? `](${target})` : `](docs/${target})`,
  );
  return `<!-- from docs/${name}.md; edit it there, then run node tools/readme.mjs -->\n${shiftHeadings(relinked.trim())}`;
}

export function renderReadme(readme) {
  let result = readme;
  for (const block of blocks) {
    const start = `<!-- ${block.marker}:start -->`;
    const end = `<!-- ${block.marker}:end -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md must contain ${start} … ${end}`);
    const body = `${start}\n## ${block.title}\n\n${block.docs.map(docText).join('\n\n')}\n${end}`;
    result = result.slice(0, from) + body + result.slice(to + end.length);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = new URL('README.md', root);
  const current = readFileSync(path, 'utf8');
  const next = renderReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md is out of date with docs/*.md: run node tools/readme.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(path, next);
  }
}
