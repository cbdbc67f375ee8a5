import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamicImportsOf, lazyChunksOf, pageFiles, staticImportsOf } from './chunk-graph.mjs';

describe('reading the import graph of minified chunks', () => {
  it('finds static imports in every minified form and ignores dynamic ones', () => {
    const source = `import{a as e}from"./lit-A1.js";import b from './b-B2.js';import"./side-C3.js";export{x}from"./re-D4.js";const l=()=>import("./lazy-E5.js");`;
    expect(staticImportsOf(source)).toEqual(['lit-A1.js', 'b-B2.js', 'side-C3.js', 're-D4.js']);
    expect(dynamicImportsOf(source)).toEqual(['lazy-E5.js']);
  });

  it('maps each tag of the loader to its chunk, whatever quotes the minifier chose', () => {
    const loader = 'var e={"drop-countdown":()=>import(`./countdown-Bv.js`),"drop-button":()=>import("./button-Xy.js"),\'drop-clip\':()=>import(\'./clip-Q1.js\')};';
    expect([...lazyChunksOf(loader)]).toEqual([
      ['drop-countdown', 'countdown-Bv.js'],
      ['drop-button', 'button-Xy.js'],
      ['drop-clip', 'clip-Q1.js'],
    ]);
  });

  it('counts for one element only the loader and that element’s static closure', () => {
    const files: Record<string, string> = {
      'dropkit.js': 'var e={"drop-a":()=>import(`./a-1.js`),"drop-b":()=>import(`./b-1.js`)};',
      'a-1.js': 'import{l}from"./lit-1.js";import{s}from"./shared-1.js";',
      'b-1.js': 'import{l}from"./lit-1.js";const ics=()=>import("./ics-1.js");',
      'lit-1.js': 'export const l=1;',
      'shared-1.js': 'import{l}from"./lit-1.js";export const s=1;',
      'ics-1.js': 'export const i=1;',
    };
    const { loaderFiles, elements, everything } = pageFiles('dropkit.js', (file) => files[file]!);
    expect(loaderFiles).toEqual(['dropkit.js']);
    expect(elements.get('drop-a')).toEqual(['dropkit.js', 'a-1.js', 'lit-1.js', 'shared-1.js']);
    expect(elements.get('drop-b')).toEqual(['dropkit.js', 'b-1.js', 'lit-1.js']);
    expect(everything.sort()).toEqual(Object.keys(files).sort());
  });
});

describe('on a real Vite build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows what Vite emits for a lazy loader and chunks sharing a dependency', async () => {
    writeFileSync(join(dir, 'shared.js'), 'export const greet = (n) => `hello ${n} ${Math.random()}`;');
    writeFileSync(join(dir, 'a.js'), "import { greet } from './shared.js'; customElements.define('drop-a', class extends HTMLElement { connectedCallback() { this.textContent = greet('a'); } });");
    writeFileSync(join(dir, 'b.js'), "import { greet } from './shared.js'; customElements.define('drop-b', class extends HTMLElement { connectedCallback() { this.textContent = greet('b'); } });");
    writeFileSync(join(dir, 'loader.js'), "const lazy = { 'drop-a': () => import('./a.js'), 'drop-b': () => import('./b.js') }; for (const tag of Object.keys(lazy)) if (document.querySelector(tag)) lazy[tag]();");
    await build({
      configFile: false,
      logLevel: 'silent',
      root: dir,
      build: {
        outDir: join(dir, 'out'),
        minify: true,
        lib: { entry: join(dir, 'loader.js'), formats: ['es'], fileName: () => 'dropkit.js' },
        rollupOptions: { output: { minify: true } },
      },
    });
    const out = join(dir, 'out');
    const read = (file: string) => readFileSync(join(out, file), 'utf8');
    const { elements, everything } = pageFiles('dropkit.js', read);
    expect([...elements.keys()]).toEqual(['drop-a', 'drop-b']);
    const emitted = readdirSync(out).filter((file) => /\.m?js$/.test(file));
    expect(everything.sort()).toEqual(emitted.sort());
    // The shared module became its own chunk, imported statically by both elements' chunks.
    expect(emitted.length).toBe(4);
    const [aFiles, bFiles] = [elements.get('drop-a')!, elements.get('drop-b')!];
    expect(aFiles).toHaveLength(3);
    expect(bFiles).toHaveLength(3);
    expect(aFiles.filter((file) => bFiles.includes(file))).toHaveLength(2);
  });
});
