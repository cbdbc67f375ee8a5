import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:hardening`: issue 8's proofs. Most drive the BUILT kit (dist/cdn) in Debian's
 * Chromium through playwright-core, so `npm run build` must have run first (`npm test` does). The
 * root vitest run excludes this folder so nothing runs twice.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/hardening/**/*.test.ts'],
    // Each file owns one Chromium. Two at a time: npm test runs this after the other suites, so both
    // cores are ours, and the timing assertions (±250 ms) keep a wide margin over what load adds.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
