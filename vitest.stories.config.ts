/**
 * `npm run test:stories`: every Storybook story is rendered in Debian's Chromium (Vitest browser mode
 * driven by playwright-core) and checked with axe through the a11y addon, which fails the story on
 * any violation (`parameters.a11y.test = 'error'` in .storybook/preview.ts). Stories are found by
 * .storybook/main.ts, so new stories are tested without touching this file. Each story runs twice:
 * on the light surface and on the dark, right-to-left one. The third project builds Storybook and
 * opens every page of the build (stories/built-storybook.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, findChromium } from './tools/chromium.mjs';
import { litDependencies } from './.storybook/vite.config.ts';

const configDir = fileURLToPath(new URL('.storybook', import.meta.url));

const chromium = playwright({
  launchOptions: {
    executablePath: findChromium() ?? undefined,
    // Playwright adds its own headless flag; ours would conflict.
    args: chromiumArgs.filter((arg) => !arg.startsWith('--headless')),
  },
});

const storyProject = (name: string, initialGlobals: Record<string, string>) => ({
  extends: true as const,
  plugins: [storybookTest({ configDir, initialGlobals })],
  test: {
    name,
    browser: { enabled: true, headless: true, provider: chromium, instances: [{ browser: 'chromium' as const }] },
  },
});

export default defineConfig({
  ...litDependencies,
  test: {
    passWithNoTests: true,
    testTimeout: 30_000,
    projects: [
      storyProject('stories', {}),
      storyProject('stories-dark-rtl', { theme: 'dark', direction: 'rtl', locale: 'ar' }),
      // The static build a designer is sent, every story and Reference page opened (see the file).
      { test: { name: 'built-storybook', include: ['stories/built-storybook.test.ts'], environment: 'node' } },
    ],
  },
});
