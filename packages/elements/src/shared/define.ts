import { VERSION } from './vocabulary.ts';
import { warnOnce } from './warn.ts';

const versionKey = Symbol.for('dropkit.version');

type VersionedConstructor = CustomElementConstructor & { [versionKey]?: string };

/**
 * Registers an element under `tag` unless that tag is already taken. A creator's page may load the
 * kit twice (an old copy pasted in the theme, a new one from a tag manager, ES and IIFE side by
 * side): throwing there would break the page, so the first definition wins and one warning names
 * both versions.
 */
export function defineElement(
  tag: string,
  ctor: CustomElementConstructor,
  registry: CustomElementRegistry = customElements,
): void {
  // The script-tag loader (cdn/loader.ts) sets this when it asks for the page language's words:
  // defined before they came, an element would draw the creator's text in its own box, then its
  // real face, moving the page twice. It settles when they come or fail, within 3 s, and gives
  // nothing to wait for once they are here or for a tag the loader does not load; nothing else sets
  // it, so the npm package and the classic script define at once.
  const ready = (globalThis as { [key: symbol]: { ready?: (tag: string) => Promise<unknown> | undefined } | undefined })[
    Symbol.for('dropkit.words')
  ]?.ready?.(tag);
  if (ready) void ready.then(() => define(tag, ctor, registry));
  else define(tag, ctor, registry);
}

function define(tag: string, ctor: CustomElementConstructor, registry: CustomElementRegistry): void {
  const existing = registry.get(tag) as VersionedConstructor | undefined;
  if (existing) {
    if (existing !== ctor) {
      const theirs = existing[versionKey];
      // Another dropkit: one warning for the whole kit, not one per tag (one duplicate script).
      // Another library's element: one per tag it took, since several libraries may collide.
      warnOnce(
        null,
        theirs ? 'define:duplicate-kit' : `define:${tag}`,
        `${theirs ? `dropkit ${theirs} is already on this page with` : 'another script defined'} <${tag}>; ` +
          `dropkit ${VERSION} leaves it alone.${theirs ? ' Remove one of the two dropkit scripts.' : ''}`,
      );
    }
    return;
  }
  // A constructor may back only one tag per registry, so a second name (a marketplace's own prefix)
  // gets a trivial subclass.
  const alreadyNamed = registry.getName?.(ctor);
  const toDefine = alreadyNamed ? class extends (ctor as unknown as typeof HTMLElement) {} : ctor;
  (toDefine as VersionedConstructor)[versionKey] = VERSION;
  registry.define(tag, toDefine);
}
