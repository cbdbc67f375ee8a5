/**
 * `@dropkit/elements/registry`: registration without side effects, for marketplaces that choose the
 * registry and the tag names. Chromium and Safari ship scoped custom element registries, so a
 * marketplace can keep dropkit (or two versions of it) out of the page's global registry entirely.
 */
import { defineElement } from './shared/define.ts';
import { DropCountdown } from './countdown/countdown.ts';
import { DropButton } from './button/button.ts';
import { DropMark } from './mark/mark.ts';
import { DropClip } from './clip/clip.ts';
import { DropProduct } from './clip/product.ts';
import type { DropTagName } from './tag-names.ts';

// Types only: with them this entry alone brings a consumer's TypeScript the tag and event maps.
export type { DropTagName, DropEventName, DropEventMap } from './tag-names.ts';

/** Every element class under its default tag. */
export const DROP_ELEMENTS = {
  'drop-countdown': DropCountdown,
  'drop-button': DropButton,
  'drop-mark': DropMark,
  'drop-clip': DropClip,
  'drop-product': DropProduct,
} as const satisfies Record<DropTagName, CustomElementConstructor>;

/** A marketplace's own names for some or all elements, e.g. `{ 'drop-button': 'acme-buy' }`. */
export type TagNames = Partial<Record<DropTagName, string>>;

/** True where the browser can make registries other than the global one. */
export function supportsScopedRegistries(): boolean {
  try {
    new CustomElementRegistry();
    return true;
  } catch {
    return false;
  }
}

/**
 * Registers every element in `registry` under its default or given tag. Where scoped registries are
 * unsupported, call it without a registry: the global one is used, and the first definition of a tag
 * on the page wins with one console warning.
 */
export function defineAll(registry: CustomElementRegistry = customElements, tags: TagNames = {}): void {
  for (const [tag, element] of Object.entries(DROP_ELEMENTS) as Array<[DropTagName, CustomElementConstructor]>) {
    defineElement(tags[tag] ?? tag, element, registry);
  }
}
