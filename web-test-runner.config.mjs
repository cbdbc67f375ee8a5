/**
 * Browser tests for the elements, in Debian's Chromium. Every element suite runs three times: against
 * the TypeScript sources, against the built ES loader (dist/cdn/dropkit.js) and against the built
 * classic script (dist/cdn/dropkit.iife.js), because the built files are what creators load.
 * Tests never import element classes; the page loads the kit the way a creator's page would.
 */
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, findChromium } from './tools/chromium.mjs';
import { testEndpoints } from './test/support/endpoints.mjs';
import { flakyCdn } from './test/support/flaky-cdn.mjs';
import { forcedColors } from './test/support/forced-colors.mjs';
import { touch } from './test/support/touch.mjs';
import { axTree } from './test/support/ax-tree.mjs';

const kitTags = {
  src: `<script type="module" src="/packages/elements/src/cdn/all.ts"></script>`,
  es: `<script type="module" src="/dist/cdn/dropkit.js"></script>`,
  iife: `<script src="/dist/cdn/dropkit.iife.js"></script>`,
};

const page = (target) => (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>dropkit test (${target})</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <script>window.__dropkitTarget = ${JSON.stringify(target)};</script>
    ${kitTags[target]}
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;

const elementTests = 'packages/elements/src/**/*.browser.test.ts';
// Pure functions checked in the browser's own Intl: the built bundles would run the same sources.
const sourceOnly = '!packages/elements/src/**/*.property.browser.test.ts';

/**
 * The cdn groups test the built files as a creator's visitors get them, byte for byte: esbuild
 * compiles the sources, but with a target set it also rewrote every .js it served, dist/cdn's
 * included (non-ASCII text turned into \u escapes, which hid the classic script's page-encoding
 * bug from these groups).
 */
function sourcesOnly(plugin) {
  const transform = plugin.transform.bind(plugin);
  plugin.transform = (context) => (context.path.startsWith('/dist/') ? undefined : transform(context));
  return plugin;
}

export default {
  rootDir: '.',
  nodeResolve: true,
  // Four pages at once on two cores: most of a browser test's time is waiting (a clock reaching T0,
  // a delayed chunk, a settle), not computing, so two left the cores idle for most of the run
  // (the four groups took 437 s at 2 and 246 s at 4, back to back on a busy machine). Each page
  // has its own browser context (createPage below), so pages share no state but the test server's.
  concurrency: 4,
  concurrentBrowsers: 1,
  testsFinishTimeout: 180_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [sourcesOnly(esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })), forcedColors(), touch(), axTree()],
  middleware: [...testEndpoints, flakyCdn],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium() ?? undefined, headless: true, args: chromiumArgs },
      // With `concurrency: 2`, two pages in one window make one a background tab: it reports
      // visibilityState "hidden" and gets no animation frames, so visibility-aware widgets (stock
      // polling, clip playback) misbehave depending on scheduling. A context per page is a window each.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  // Files start in this order. The pages group goes first: its layout-shift file is the longest of
  // all (a slow network simulated for a minute), and started last it alone made the run's tail.
  groups: [
    { name: 'pages', files: 'test/**/*.browser.test.ts', testRunnerHtml: page('es') },
    { name: 'src', files: elementTests, testRunnerHtml: page('src') },
    { name: 'cdn-es', files: [elementTests, sourceOnly], testRunnerHtml: page('es') },
    { name: 'cdn-iife', files: [elementTests, sourceOnly], testRunnerHtml: page('iife') },
  ],
};
