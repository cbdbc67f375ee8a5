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
  /**
   * Watch a shadow root (or any subtree) for dropkit tags that the document observer cannot see,
   * and the open shadow roots of the components inside it (there now, or added later with theirs).
   */
  observe(root: Document | ShadowRoot | Element): void;
}

const loaderKey = Symbol.for('dropkit.loader');
const wordsKey = Symbol.for('dropkit.words');
/** Each language's words once here, and `ready` once some were asked for (see shared/define.ts). */
type EarlyWords = Record<string, unknown> & { ready?: (tag: string) => Promise<unknown> | undefined };
type GlobalWithWords = typeof globalThis & { [wordsKey]?: EarlyWords };
const pendingTags = new Set(Object.keys(lazyElements));

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
  const language = pageWords(document.documentElement.lang);
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
}

/** Every root observed: a component calling observe() on each connection must not add an observer each time. */
const watched = new WeakSet<Node>();

function scan(root: ParentNode, deep?: boolean): void {
  if (root instanceof Element && pendingTags.has(root.localName)) load(root.localName, root);
  for (const tag of [...pendingTags]) {
    if (root.querySelector(tag)) load(tag, root);
  }
  // A marketplace that observes its panel's root also means the cards rendered in it, which render
  // into shadow roots of their own (open ones: a closed root or one attached after its host was
  // added needs its own observe call). Not the document's: that walk would cost every creator's page
  // on every change. Dropkit's own elements are skipped, their chunks define what they render.
  if (deep) {
    for (const element of [root, ...root.querySelectorAll('*')] as Element[]) {
      if (element.shadowRoot && !lazyElements[element.localName]) observe(element.shadowRoot, deep);
    }
  }
}

function observe(root: Document | ShadowRoot | Element, deep?: boolean): void {
  if (pendingTags.size === 0 || watched.has(root)) return;
  watched.add(root);
  scan(root, deep);
  // Each stops itself at the first change after the last tag, rather than a list of them all being
  // disconnected then: fewer bytes. (Neither keeps a removed root alive: an observer holds its
  // nodes weakly, measured in Chromium.)
  const observer = new MutationObserver((records) => {
    if (pendingTags.size === 0) return observer.disconnect();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) scan(node as Element, deep);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
}

type GlobalWithLoader = typeof globalThis & { [loaderKey]?: DropkitGlobal; dropkit?: DropkitGlobal };
const host = globalThis as GlobalWithLoader;

const existing = host[loaderKey];
if (existing) {
  // This module body runs once per loader URL, so this warning cannot repeat.
  console.warn(`[dropkit] the dropkit loader ${existing.version} is already on this page; ignoring loader ${VERSION}.`);
}
const api: DropkitGlobal = existing ?? { version: VERSION, observe: (root) => observe(root, true) };
if (!existing) {
  host[loaderKey] = api;
  host.dropkit ??= api;
  observe(document);
  addEventListener('online', retry);
  document.addEventListener('visibilitychange', () => document.hidden || retry());
}

export const version = api.version;
export const observeRoot = api.observe;
