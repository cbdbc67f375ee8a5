/**
 * `npm run test:frameworks`: dropkit inside the frameworks marketplaces use, in the style of
 * custom-elements-everywhere, in Debian's Chromium (Vitest browser mode; Vite bundles React and Vue).
 * The elements come from the BUILT package through its exports map (`@dropkit/elements/…` →
 * packages/elements/dist), exactly as a marketplace installs them: run `npm run build` first
 * (`npm test` does).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, findChromium } from '../../tools/chromium.mjs';
import { docsSnippets } from './docs-snippets.ts';
import { serverHtml } from './server-render.ts';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  // docs-snippets.test.ts: docs/packages.md's code blocks served as modules and pages.
  plugins: [docsSnippets()],
  // Vue's runtime-only build: the tests render with `h()`, no template compiler needed.
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-dev-runtime', 'react/jsx-runtime', 'react-dom', 'react-dom/server', 'vue', '@lit/react'] },
  test: {
    testTimeout: 20_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: findChromium() ?? undefined,
          args: chromiumArgs.filter((arg) => !arg.startsWith('--headless')),
        },
      }),
      instances: [{ browser: 'chromium' }],
      commands: { serverHtml },
    },
    projects: [
      { extends: true, test: { name: 'react19', include: ['test/frameworks/**/*.test.{ts,tsx}'], exclude: ['test/frameworks/react18/**'] } },
      {
        // The package allows react >= 18: the same built wrappers, bound to React 18.3 (the
        // react18/react-dom18 npm aliases) by this build alone, so the product code is the one a
        // React 18 app bundles. Every `react…` and `react-dom…` import is rewritten, react-dom 18's
        // own included (its install resolves `react` to the root React 19).
        extends: true,
        resolve: {
          alias: [
            { find: /^react-dom(\/.*)?$/, replacement: 'react-dom18$1' },
            { find: /^react(\/.*)?$/, replacement: 'react18$1' },
          ],
        },
        // Its own pre-bundled deps: the default cache is shared with the React 19 project.
        cacheDir: 'node_modules/.vite/react18',
        test: { name: 'react18', include: ['test/frameworks/react18/**/*.test.{ts,tsx}'] },
      },
    ],
  },
});
