'use client';
/**
 * `@dropkit/elements/react` where React Server Components resolve it (the `react-server` export
 * condition, which Next.js's App Router and other RSC bundlers use for their server graph): the same
 * wrappers behind a client boundary. They call hooks (@lit/react's ref and layout effects), which a
 * server component cannot: imported into one directly, they threw "useRef is not a function".
 * Named exports only, as Next refuses `export *` in a client boundary. The plain entry has no
 * directive because Vite warns about a module-level directive on every build that bundles one.
 */
export { DropCountdown, DropButton, DropMark, DropClip, DropProduct } from './index.ts';
