/**
 * One polite live region per document, shared by every dropkit element that has something to tell
 * a screen reader ("The drop starts in 1 minute.").
 *
 * - It is in the document before it speaks: screen readers ignore a live region that appears
 *   together with its text, so `documentAnnouncer().hold()` creates it when the first element
 *   connects.
 * - A thousand countdowns reaching the same milestone in the same second say it once: an identical
 *   message within `REPEAT_WINDOW_MS` of the last burst is dropped; different messages (two drops
 *   with their own names) are each spoken.
 * - Page CSS cannot hide or unhide it: the region lives in a shadow root of its own, and the host's
 *   visually-hidden box is declared `!important` inside that root, which outranks even the page's
 *   `!important` rules. No inline style attribute, no HTML strings (strict CSP, Trusted Types).
 * - A framework that re-renders `<body>`'s children may remove it; it is put back while anyone holds it.
 * - Several dropkit copies on one page (two versions, the ES and the classic build) share the first
 *   copy's announcer through a `Symbol.for` key on the document, so nothing is spoken twice.
 */
import { adoptStyles, css } from 'lit';

/** What every dropkit copy on a page agrees on; keep it backwards compatible. */
export interface Announcer {
  /**
   * Speaks `message` politely, unless the same message was just spoken; `lang`, the language it is
   * in, when that may not be the page's (English words on a Finnish page). An older copy's announcer
   * ignores it and reads the message in the page's language, as before.
   */
  say(message: string, lang?: string): void;
  /** Keeps the region in the document until the returned function is called. */
  hold(): () => void;
}

/** Identical messages closer together than this are one event seen by many elements. */
export const REPEAT_WINDOW_MS = 2000;

/** Not `drop-…`: pages and harnesses wait for every `drop-` element to be defined, and this one never is. */
export const ANNOUNCER_TAG = 'dropkit-announcer';

const sharedKey = Symbol.for('dropkit.announcer');

type DocumentWithAnnouncer = Document & { [sharedKey]?: Announcer };

// Insets, margins and borders need no defence: an absolute box moves nothing else on the page.
const hiddenStyles = css`
  :host {
    display: block !important;
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    visibility: visible !important;
  }
`;

function createAnnouncer(doc: Document): Announcer {
  const host = doc.createElement(ANNOUNCER_TAG);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, [hiddenStyles]);
  const region = root.appendChild(doc.createElement('div'));
  region.setAttribute('role', 'status');
  let holders = 0;
  let lastSaid = -Infinity;
  const burst = new Set<string>();
  const attach = () => host.isConnected || (doc.body ?? doc.documentElement).append(host);
  // Watching <html> too catches a replaced <body>, which is then watched in its turn.
  const watch = () => {
    attach();
    watcher.observe(doc.documentElement, { childList: true });
    if (doc.body) watcher.observe(doc.body, { childList: true });
  };
  const watcher = new MutationObserver(watch);
  return {
    hold() {
      if (++holders === 1) watch();
      // The node stays when the last holder lets go: an element that reconnects a moment later (a
      // list re-render) must find the same region already in the document.
      return () => --holders || watcher.disconnect();
    },
    say(message, lang) {
      const now = performance.now();
      if (now - lastSaid > REPEAT_WINDOW_MS) {
        // Removing the previous burst is not announced (the region's default relevance is additions).
        burst.clear();
        region.replaceChildren();
      }
      if (burst.has(message)) return;
      burst.add(message);
      lastSaid = now;
      // Each message is a new node, so the same words later in the drop are announced again.
      const said = region.appendChild(doc.createElement('p'));
      said.textContent = message;
      if (lang) said.lang = lang;
      attach();
    },
  };
}

/** The document's announcer, created by the first dropkit copy that asks. */
export function documentAnnouncer(doc: Document = document): Announcer {
  const shared = doc as DocumentWithAnnouncer;
  return (shared[sharedKey] ??= createAnnouncer(doc));
}
