import { defineConfig } from 'vite';

/** Storybook's own Vite config: the stories import element sources, nothing more is needed. */
export default defineConfig({
  build: { target: 'es2022' },
  esbuild: { target: 'es2022' },
});
