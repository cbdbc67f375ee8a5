import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compressedSizes, runSizeBench } from './size.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Random text compresses to about three quarters, so each file lands clearly on one side of a budget.
const filler = (length: number) => randomBytes(length).toString('base64').slice(0, length);

describe('size section', () => {
  const kit = mkdtempSync(join(tmpdir(), 'bench-size-'));
  afterAll(() => rmSync(kit, { recursive: true, force: true }));

  it('compresses at the highest levels, as a CDN serving static files does', () => {
    const source = `${filler(2000)}${'const countdown = 1;'.repeat(200)}`;
    const sizes = compressedSizes(source);
    expect(sizes.raw).toBe(source.length);
    expect(sizes.gzip).toBe(gzipSync(source, { level: constants.Z_BEST_COMPRESSION }).length);
    expect(sizes.gzip).toBeLessThan(gzipSync(source, { level: 1 }).length);
    expect(sizes.brotli).toBeLessThan(sizes.gzip);
  });

  it('sums each page over the files it loads and judges the goals on gzip', async () => {
    const files: Record<string, string> = {
      'dropkit.js': `import{c}from"./core-1.js";var e={"drop-countdown":()=>import(\`./countdown-1.js\`),"drop-button":()=>import(\`./button-1.js\`)};/*${filler(300)}*/`,
      'core-1.js': `export const c=1;/*${filler(3000)}*/`,
      'countdown-1.js': `import{c}from"./core-1.js";/*${filler(2000)}*/`,
      'button-1.js': `import{c}from"./core-1.js";/*${filler(20000)}*/`,
      'dropkit.iife.js': `/*${filler(24000)}*/`,
    };
    for (const [name, source] of Object.entries(files)) writeFileSync(join(kit, name), source);
    const section = await runSizeBench({ repoRoot, cdnDir: kit });
    const gzipOf = (name: string) => compressedSizes(files[name]!).gzip;
    const row = (what: string) => section.data.measured.find((entry) => entry.what === what)!;

    expect(row('dropkit loader').gzip).toBe(gzipOf('dropkit.js') + gzipOf('core-1.js'));
    expect(row('dropkit loader + <drop-countdown>').files).toEqual(['dropkit.js', 'core-1.js', 'countdown-1.js']);
    expect(row('dropkit whole kit (loader + all chunks)').gzip).toBe(
      ['dropkit.js', 'core-1.js', 'countdown-1.js', 'button-1.js'].reduce((sum, name) => sum + gzipOf(name), 0),
    );
    const verdicts = Object.fromEntries(section.goals!.map((goal) => [goal.goal, goal.pass]));
    expect(verdicts['loader ≤ 1.5 KB']).toBe(false);
    expect(verdicts['page with only a countdown (loader + countdown closure) ≤ 8 KB']).toBe(true);
    expect(verdicts['whole kit, loader + all chunks ≤ 16 KB']).toBe(false);
    expect(verdicts['whole kit, dropkit.iife.js ≤ 16 KB']).toBe(false);
    expect(section.rows.map((r) => r.what)).toContain('@shopify/buy-button-js as shipped (buybutton.min.js)');
  }, 60_000);
});
