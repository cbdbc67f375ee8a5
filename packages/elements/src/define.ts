/**
 * `@dropkit/elements/define`: registers every element under its default `drop-*` tag in the global
 * registry (first definition wins, so a page that also loads the CDN script gets one warning, not an
 * exception). Each `define<Name>(tag, registry)` is re-exported for extra tags or another registry;
 * `@dropkit/elements/registry` does the same without registering anything on import.
 */
export { defineCountdown } from './countdown/define.ts';
export { defineButton } from './button/define.ts';
export { defineMark } from './mark/define.ts';
export { defineClip, defineProduct } from './clip/define.ts';
// Types only, and what makes a consumer's TypeScript load the tag and event maps with this entry:
// `querySelector('drop-clip')` and `addEventListener('drop-state', …)` are typed from this import alone.
export type { DropTagName, DropEventName, DropEventMap } from './tag-names.ts';
