import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const repo = fileURLToPath(new URL('..', import.meta.url));
const forgedCreator = `${repo}dist/demo/forge`;

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: {
    // The root vite.config.ts builds the CDN library; Storybook needs a plain app build instead.
    builder: { name: '@storybook/builder-vite', options: { viteConfigPath: '.storybook/vite.config.ts' } },
    // This machine (and CI) has no internet: no telemetry, no "what's new" fetches.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  // The demo creator's forge output (written by `npm start` / `npm run build:demo-forge`), served so
  // the creator-theme story can show the real colours, mark and badges. Absent until forged.
  staticDirs: existsSync(forgedCreator) ? [{ from: forgedCreator, to: '/forge' }] : [],
  docs: { defaultName: 'Reference' },
};

export default config;
