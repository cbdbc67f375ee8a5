/**
 * The one-line embed: `<script type="module" src="…/dropkit.js"></script>`.
 *
 * It defines each element only when its tag appears in the page (now, or later when a framework
 * renders it), importing the element's chunk relative to this file's own URL so the folder can be
 * hosted anywhere. Marketplaces that render widgets inside their own shadow roots call
 * `dropkit.observe(shadowRoot)`.
 */
import { lazyElements, lazyWords, pageWords } from './lazy-elements.ts';
// Read from the package manifest, not from shared/vocabulary.ts: importing anything the elements
// also import would make the loader fetch their whole shared chunk (Lit included) on every page,
// element or not. shared/vocabulary.test.ts keeps VERSION equal to this same field.
import { version as VERSION } from '../../package.json';

export interface DropkitGlobal {
  version: string;
  /** Watch a shadow root (or any subtree) for dropkit tags that the document observer cannot see. */
  observe(root: Document | ShadowRoot | Element): void;
}

const loaderKey = Symbol.for('dropkit.loader');
const wordsKey = Symbol.for('dropkit.words');
/** Each language's words once here, and `ready` once some were asked for (see shared/define.ts). */
type EarlyWords = Record<string, unknown> & { ready?: (tag: string) => Promise<unknown> | undefined };
type GlobalWithWords = typeof globalThis & { [wordsKey]?: EarlyWords };
const pendingTags = new Set(Object.keys(lazyElements));
const observers: MutationObserver[] = [];

/**
 * A chunk that did not arrive (a phone's network dropping a request at drop time) is asked for
 * again while its tag is still in the page: after 1, 3, 9 and 27 s, then every 30 s, and at once
 * when the network comes back or the tab is shown again. The same URL works: browsers that follow
 * whatwg/html#10327 (Chromium 156 measured) fetch a failed module again on the next import(), a
 * failed shared chunk included, and keep the files that did arrive, so nothing is evaluated twice.
 * See docs/hardening.md.
 */
let retries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
/** Where each failed tag was found; rescanned on a retry, so a tag no longer there asks for nothing. */
const retryRoots: ParentNode[] = [];
/** Tags already reported: one console error per tag, not one per retry. */
const reported: string[] = [];

function retry(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  for (const root of retryRoots.splice(0)) if ((root as Node).isConnected) scan(root);
}

function load(tag: string, root: ParentNode): void {
  if (!pendingTags.delete(tag)) return;
  // A page not in English needs its words before its first element can say anything: their fetch
  // starts here, beside the element's chunk, instead of after that chunk and its imports. The
  // element's own import of the same file then gets this module, or its failure, which it reports.
  // Asked on every attempt, so a retry fetches words that failed with the chunk; words that arrived
  // are the browser's module by then and cost no request.
  // Words that arrived are handed to the elements by name (see earlyWords in shared/words.ts): the
  // element then renders in its language the first time, instead of showing the creator's text in
  // its own box for a frame while its import() of the same module resolves, and moving the page twice.
  // Nothing makes the words arrive before the chunk, so `ready` tells defineElement to hold each
  // definition until they have come or failed, or 3 s at most (a lost request must not keep the
  // widgets off the page). The chunk's fetch is not held: an element is defined once both are here,
  // as early as on a page whose words came first. Once they are here, `ready` answers at once (a tag
  // added later, a retried chunk). The mark says no words, so it does not wait for them.
  const language = pageWords(document.documentElement.lang || navigator.language);
  if (language) {
    const early = ((globalThis as GlobalWithWords)[wordsKey] ??= {});
    const words = lazyWords[language]!().then(
      (module) => (early[language] = (module as { default: unknown }).default),
      () => {},
    );
    // Only the loader's own tags wait, and only while the words are on their way: a marketplace that
    // also registers a tag of its own from the npm package on this page (defineCountdown('acme-countdown'))
    // gets it defined at once, as on any page.
    early.ready = (tag) =>
      tag !== 'drop-mark' && lazyElements[tag] && !(language in early)
        ? Promise.race([words, new Promise((resolve) => setTimeout(resolve, 3e3))])
        : undefined;
  }
  lazyElements[tag]!().catch((error: unknown) => {
    pendingTags.add(tag);
    retryRoots.push(root);
    if (!reported.includes(tag)) {
      reported.push(tag);
      console.error(`[dropkit] could not load <${tag}>; will retry`, error);
    }
    // 1, 3, 9 and 27 s, then every 30 s.
    retryTimer ??= setTimeout(retry, Math.min(3 ** retries++, 30) * 1e3);
  });
  if (pendingTags.size === 0) {
    for (const observer of observers.splice(0)) observer.disconnect();
  }
}

function scan(root: ParentNode): void {
  if (root instanceof Element && pendingTags.has(root.localName)) load(root.localName, root);
  for (const tag of [...pendingTags]) {
    if (root.querySelector(tag)) load(tag, root);
  }
}

function observe(root: Document | ShadowRoot | Element): void {
  if (pendingTags.size === 0) return;
  scan(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) scan(node as Element);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  observers.push(observer);
}

type GlobalWithLoader = typeof globalThis & { [loaderKey]?: DropkitGlobal; dropkit?: DropkitGlobal };
const host = globalThis as GlobalWithLoader;

const existing = host[loaderKey];
if (existing) {
  // This module body runs once per loader URL, so this warning cannot repeat.
  console.warn(`[dropkit] the dropkit loader ${existing.version} is already on this page; ignoring loader ${VERSION}.`);
}
const api: DropkitGlobal = existing ?? { version: VERSION, observe };
if (!existing) {
  host[loaderKey] = api;
  host.dropkit ??= api;
  observe(document);
  addEventListener('online', retry);
  document.addEventListener('visibilitychange', () => document.hidden || retry());
}

export const version = api.version;
export const observeRoot = api.observe;
