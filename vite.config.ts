/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { minifyTemplates } from './tools/minify-templates.mjs';

const elementsSrc = 'packages/elements/src';

/**
 * `vite build` writes the ES loader and its content-hashed chunks to dist/cdn; `vite build --mode
 * iife` adds the single classic-script file beside them. Vitest (Node-side unit tests) is configured
 * here too; browser tests run in web-test-runner.config.mjs.
 */
export default defineConfig(({ mode }) => ({
  plugins: [
    minifyTemplates(),
    // A classic script is decoded in the page's encoding unless its host names one, and nginx and
    // Apache name none by default: on a windows-1252 page every word outside ASCII came out as
    // "hinzufÃ¼gen", and on a Shift_JIS page the file did not even parse (no widget at all). A
    // byte-order mark outranks both, for 3 bytes. Module scripts are always UTF-8.
    mode === 'iife' && {
      name: 'dropkit-utf8-bom',
      generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
        for (const file of Object.values(bundle)) if (file.type === 'chunk') file.code = `\uFEFF${file.code}`;
      },
    },
  ],
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: mode !== 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib:
      mode === 'iife'
        ? { entry: `${elementsSrc}/cdn/all.ts`, formats: ['iife'], name: 'dropkitKit', fileName: () => 'dropkit.iife.js' }
        : { entry: `${elementsSrc}/cdn/loader.ts`, formats: ['es'], fileName: () => 'dropkit.js' },
    rollupOptions: {
      output: {
        // Vite keeps whitespace in ES library output; every byte here reaches a visitor's phone.
        minify: true,
        // Name each lazy chunk after its element folder (countdown-3f9a….js) so the size report and
        // a creator's network panel both say what they are.
        // Lit and the few shared helpers every element uses travel as one "core" chunk: a dozen tiny
        // files would each pay gzip's framing and lose its shared dictionary.
        advancedChunks: {
          groups: [{ name: 'core', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|elements[\\/]src[\\/]shared[\\/](vocabulary|warn|define|drop-state-event|safe-url|resource-url)\.ts$/ }],
        },
        chunkFileNames: (chunk) => {
          // The loader and the shared intl chunk each list every language's file name, and the hash
          // is the part of a name gzip cannot shrink: 6 characters (rolldown's least) instead of 8
          // save about 4 B per language in each list and still change whenever the words do.
          if (chunk.facadeModuleId?.includes('/src/i18n/')) return '[name]-[hash:6].js';
          const folder = chunk.facadeModuleId?.match(/src\/([^/]+)\/define\.ts$/)?.[1];
          return `${folder ?? '[name]'}-[hash].js`;
        },
      },
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'tools/**/*.test.ts'],
    // test/hardening has its own config (npm run test:hardening) so its Chromium runs stay out of here.
    exclude: ['**/node_modules/**', '**/*.browser.test.ts', 'dist/**', 'test/hardening/**', 'test/frameworks/**'],
    testTimeout: 30_000,
    // Vitest leaves a core free by default, which on a 2-core CI machine runs these files one at a
    // time; nothing else runs beside this suite in npm test (as with test:hardening), so both cores
    // are ours: ~85 s instead of ~120 s here.
    maxWorkers: 2,
  },
}));
