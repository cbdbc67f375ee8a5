import { defineConfig } from 'vite';

/**
 * Storybook's own Vite config (the root one builds the CDN library). Every Lit entry the preview
 * touches is pre-bundled together: Storybook's renderer imports `lit/directive-helpers.js`, which was
 * otherwise served raw beside the pre-bundled Lit, loading a second lit-html ("Multiple versions of
 * Lit loaded").
 */
export const litDependencies = {
  optimizeDeps: {
    include: ['lit', 'lit/directive-helpers.js', 'lit/directives/keyed.js', 'lit/directives/ref.js', 'lit/directives/if-defined.js'],
  },
  resolve: { dedupe: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'] },
};

export default defineConfig({
  build: { target: 'es2022' },
  esbuild: { target: 'es2022' },
  ...litDependencies,
});
