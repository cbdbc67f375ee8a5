import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DropStateEvent } from './drop-state-event.ts';
import { afterSettle } from './settle.ts';
import { isDropState, type DropState } from './vocabulary.ts';
import { warnOnce } from './warn.ts';

/** What a widget can learn from the element that owns its drop (a `<drop-countdown>` today). */
export interface DropStateOwner extends HTMLElement {
  state?: DropState;
  at?: Date | null;
  notify?: string | null;
  /** A pinned moment (previews): what the owner shows is computed from it, not from the clock. */
  now?: Date | null;
}

export type DropFollowerHost = ReactiveControllerHost & HTMLElement & { drop: string | null };

export const DROP_OWNER_TAG = 'drop-countdown';

/** The followers waiting in one root, and how to stop the one observer or listener they share there. */
interface Waiting {
  looks: Set<() => void>;
  stop: () => void;
}

/**
 * Per root, the followers looking for an element to appear (one MutationObserver) and those hearing
 * its `drop-state` events (one capturing listener), each only while one waits there. A listener per
 * follower, kept for as long as it followed, ran every follower at every flip: 1000 countdowns
 * flipping at one T0 beside their 1000 buttons made a million calls (docs/countdown-runtime.md).
 */
const looking = new WeakMap<Node, Waiting>();
const hearing = new WeakMap<Node, Waiting>();

function join(waiters: WeakMap<Node, Waiting>, root: Node, look: () => void, start: (wake: () => void) => () => void): void {
  let waiting = waiters.get(root);
  if (!waiting) {
    const looks = new Set<() => void>();
    // Not a copy: a follower that stopped waiting in an earlier one's look is not asked.
    waiters.set(root, (waiting = { looks, stop: start(() => looks.forEach((each) => each())) }));
  }
  waiting.looks.add(look);
}

function leave(waiters: WeakMap<Node, Waiting>, root: Node, look: () => void): void {
  const waiting = waiters.get(root);
  if (waiting?.looks.delete(look) && !waiting.looks.size) {
    waiting.stop();
    waiters.delete(root);
  }
}

/**
 * Keeps a widget on the same drop state as its owner: the element named by the host's
 * `drop="<id>"`, else the closest `<drop-countdown>` around it (across shadow roots). The owner's
 * synchronous `drop-state` event updates the widget in the same task as the flip, so both render in
 * the same frame; the reflected `state` attribute is watched as well, which covers owners that
 * upgrade later (lazy chunks) and marketplaces that drive the owner by attribute. Without an owner
 * the widget keeps whatever `state` the page gives it.
 */
export class DropFollower implements ReactiveController {
  #owner: DropStateOwner | null = null;
  #attributeObserver: MutationObserver | null = null;
  /** The roots this follower waits in for the element it names, while that is not on the page. */
  #lookingIn: Node[] = [];
  /** The owner's root, heard while the owner cannot say it left. */
  #hearing: Node | null = null;
  #ownerWatch: ReactiveController | null = null;
  #told = false;
  /** Counts the looks for the owner: only the last one's judgement of a missing id is said (refresh). */
  #look = 0;

  /**
   * `onOwnerUpdate` runs after each render of a Lit owner, so whatever the widget reads from it
   * (`at`, `notify`, a pinned `now`) is fresh however it changed, attribute or property, at no cost
   * between changes: a countdown's per-second tick writes its text node without rendering.
   */
  constructor(
    private readonly host: DropFollowerHost,
    private readonly onState: (state: DropState, owner: DropStateOwner) => void,
    private readonly onOwnerUpdate?: (owner: DropStateOwner) => void,
  ) {
    host.addController(this);
  }

  get owner(): DropStateOwner | null {
    return this.#owner;
  }

  /**
   * An owner is there but has not said its state yet: its chunk has not arrived (not upgraded) and it
   * carries no `state` attribute. The widget's own `state` means nothing then; a buy button that showed
   * it would offer checkout before the drop.
   */
  get waiting(): boolean {
    return !!this.#owner && !this.#told;
  }

  hostConnected(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.#detach();
  }

  /** Looks for the owner again; call when the host's `drop` changes. */
  refresh(): void {
    this.#detach();
    const look = ++this.#look;
    if (!this.host.isConnected) return;
    const owner = this.#find();
    if (owner) this.#attach(owner);
    else if (this.host.drop) {
      this.#awaitOwner();
      // Said only if the id is still missing once the page has settled: a marketplace that renders
      // the countdown after the button (another component, a later commit) made this warning on
      // every page view, for a page that works. Once per page and id, not per widget: a clip names
      // its drop for each of its cards' buttons too, and one typo should read as one warning.
      const { drop, localName } = this.host;
      afterSettle(
        () =>
          look === this.#look &&
          !this.#owner &&
          this.host.isConnected &&
          warnOnce(null, `drop-follow:missing:${drop}`, `<${localName}> follows drop="${drop}" but no element has that id yet.`),
      );
    }
  }

  /**
   * A countdown added after the widget (a later section, a framework rendering it second, a classic
   * script upgrading the button before the parser reaches the countdown) starts out scheduled and
   * fires no event until T0: without looking for it, the button stayed live and sold before the drop.
   */
  #awaitOwner(): void {
    // #onAnyState attaches the element once it is there, and #detach stops the looking.
    this.#stopLooking();
    // Everywhere #find looks: the host's root and each one around it, out to the document.
    this.#lookingIn = this.#roots();
    for (const root of this.#lookingIn) {
      join(looking, root, this.#onAnyState, (wake) => {
        const observer = new MutationObserver(wake);
        observer.observe(root, { childList: true, subtree: true, attributeFilter: ['id'] });
        return () => observer.disconnect();
      });
    }
  }

  #stopLooking(): void {
    for (const root of this.#lookingIn) leave(looking, root, this.#onAnyState);
    this.#lookingIn = [];
  }

  /**
   * An owner that is not a Lit element (not upgraded yet, or the page's own element driven by
   * attribute) cannot say it left: the follower looks again at every drop-state in its root, where a
   * replacement announces itself with its first event, and at every element added or removed there:
   * a countdown put in its place says nothing until T0, and the button kept the removed owner's live.
   * The owner's root, where its replacement comes: the host's missed one on the page around it.
   */
  #hear(): void {
    const root = (this.#hearing = this.#owner!.getRootNode());
    join(hearing, root, this.#onAnyState, (wake) => {
      const observer = new MutationObserver(wake);
      observer.observe(root, { childList: true, subtree: true });
      root.addEventListener(DropStateEvent.type, wake, true);
      return () => {
        observer.disconnect();
        root.removeEventListener(DropStateEvent.type, wake, true);
      };
    });
  }

  #stopHearing(): void {
    leave(hearing, this.#hearing!, this.#onAnyState);
    this.#hearing = null;
  }

  #find(): DropStateOwner | null {
    const id = this.host.drop?.trim();
    if (id) {
      for (const root of this.#roots()) {
        const owner = root.getElementById(id) as DropStateOwner | null;
        if (owner) return owner;
      }
      return null;
    }
    let node: Node | null = this.host.parentNode;
    while (node) {
      if (node instanceof Element && node.localName === DROP_OWNER_TAG) return node as DropStateOwner;
      node = node instanceof ShadowRoot ? node.host : node.parentNode;
    }
    return null;
  }

  /**
   * The host's root, each shadow root around it, then the document. A clip's card buttons live in the
   * clip's shadow root: with the clip and its countdown in a marketplace's component, the countdown is
   * one root out, and looking only in their own root and the document left them live before T0.
   */
  #roots(): (Document | ShadowRoot)[] {
    const roots: (Document | ShadowRoot)[] = [];
    for (let root = this.host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) roots.push(root);
    return [...roots, document];
  }

  #attach(owner: DropStateOwner): void {
    this.#owner = owner;
    this.#told = false;
    owner.addEventListener(DropStateEvent.type, this.#onOwnerState);
    this.#attributeObserver = new MutationObserver(() => this.#sync());
    this.#attributeObserver.observe(owner, { attributes: true, attributeFilter: ['state'] });
    this.#sync();
    this.#watchOwnerUpdates(owner);
    if (!this.#ownerWatch) this.#hear();
    if (!customElements.get(owner.localName) && owner.localName.includes('-')) {
      void customElements.whenDefined(owner.localName).then(() => {
        if (this.#owner !== owner) return;
        this.#sync();
        this.#watchOwnerUpdates(owner);
        // Upgraded by define and replaced in that task (a framework's render queued before this): it
        // said it left before it was watched, and a follower no longer hearing its root stayed on it
        // for good, scheduled past the new one's T0.
        if (!owner.isConnected) this.#ownerLeft(owner);
      });
    }
  }

  #watchOwnerUpdates(owner: DropStateOwner): void {
    const litOwner = owner as DropStateOwner & Partial<ReactiveControllerHost>;
    if (this.#ownerWatch || typeof litOwner.addController !== 'function') return;
    this.#ownerWatch = {
      hostUpdated: () => this.onOwnerUpdate?.(owner),
      // A marketplace re-rendering the drop replaces the countdown under the same id: the new one
      // starts scheduled and says nothing until T0, so the widget kept the removed one's state (live,
      // and selling, before a drop that had moved). Looked up once the replacement is in (a moved
      // countdown is back by then too); while none is, the widget keeps the state it had, and the
      // one added later is attached when it comes.
      hostDisconnected: () => queueMicrotask(() => this.#ownerLeft(owner)),
    };
    litOwner.addController(this.#ownerWatch);
    this.#stopHearing();
    // Anything the owner rendered before we watched it.
    this.onOwnerUpdate?.(owner);
  }

  #ownerLeft(owner: DropStateOwner): void {
    if (this.#owner !== owner) return;
    this.#onAnyState();
    if (this.#owner === owner && !owner.isConnected) this.#awaitOwner();
  }

  #detach(): void {
    this.#owner?.removeEventListener(DropStateEvent.type, this.#onOwnerState);
    this.#stopHearing();
    this.#attributeObserver?.disconnect();
    this.#attributeObserver = null;
    this.#stopLooking();
    if (this.#ownerWatch) (this.#owner as (DropStateOwner & Partial<ReactiveControllerHost>) | null)?.removeController?.(this.#ownerWatch);
    this.#ownerWatch = null;
    this.#owner = null;
  }

  #sync(): void {
    const owner = this.#owner;
    if (!owner) return;
    const state = isDropState(owner.state) ? owner.state : owner.getAttribute('state');
    if (isDropState(state)) this.#tell(state, owner);
  }

  #tell(state: DropState, owner: DropStateOwner): void {
    this.#told = true;
    this.onState(state, owner);
  }

  #onOwnerState = (event: Event): void => {
    const owner = this.#owner;
    if (!owner || event.target !== owner) return;
    const state = (event as DropStateEvent).state;
    if (isDropState(state)) this.#tell(state, owner);
  };

  #onAnyState = (): void => {
    if (this.#owner?.isConnected) {
      // The owner came back (moved by a framework): nothing to wait for.
      this.#stopLooking();
      return;
    }
    const owner = this.#find();
    if (owner) {
      this.#detach();
      this.#attach(owner);
    }
  };
}
