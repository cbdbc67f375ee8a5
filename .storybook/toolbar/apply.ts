/**
 * Applies the toolbar's choices to the dropkit elements a story rendered. Generic on purpose: it
 * finds every `drop-*` element and touches only the properties its class declares, so stories added
 * later (and elements added later) get the toolbar without any change here.
 */
import { dropTimes, planDropClock, type DropClockMoment } from './drop-clock.ts';

type Updatable = Element & { updateComplete?: Promise<unknown> };
type DeclaringConstructor = { elementProperties?: Map<PropertyKey, unknown> };

function declares(element: Element, property: string): boolean {
  return (element.constructor as DeclaringConstructor).elementProperties?.has(property) ?? false;
}

/** Every dropkit element under `root`, in light DOM and (for widgets nesting widgets) shadow DOM. */
export function dropkitElementsIn(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.localName.startsWith('drop-')) found.push(element);
    if (element.shadowRoot) found.push(...dropkitElementsIn(element.shadowRoot));
  }
  return found;
}

export async function whenRendered(root: ParentNode): Promise<Element[]> {
  const elements = dropkitElementsIn(root);
  const tags = new Set(elements.map((element) => element.localName));
  await Promise.all([...tags].map((tag) => customElements.whenDefined(tag)));
  await Promise.all(elements.map((element) => (element as Updatable).updateComplete));
  return elements;
}

export function applyDropClock(elements: Element[], moment: DropClockMoment): void {
  // The countdown owns the drop's T0; widgets without one share the fallback moment.
  const countdown = elements.find((element) => element.localName === 'drop-countdown' && element.hasAttribute('at'));
  const plan = planDropClock(moment, dropTimes(countdown?.getAttribute('at'), countdown?.getAttribute('until')));
  if (!plan) return;
  for (const element of elements) {
    if (element.localName === 'drop-countdown') {
      if (!element.hasAttribute('at')) continue;
      element.setAttribute('now', plan.now);
      if (!element.hasAttribute('until')) element.setAttribute('until', plan.until);
      // Sold out is the one state a clock cannot reach: the creator (or the stock feed) sets it.
      if (plan.state === 'sold-out') element.setAttribute('state', 'sold-out');
      continue;
    }
    if (declares(element, 'now')) element.setAttribute('now', plan.now);
    if (declares(element, 'state')) element.setAttribute('state', plan.state);
  }
}

export interface MediaEmulation {
  colorScheme: 'light' | 'dark';
  reducedMotion: boolean;
}

const emulatedQueries: Array<[RegExp, (emulation: MediaEmulation) => boolean]> = [
  [/prefers-color-scheme:\s*dark/, (emulation) => emulation.colorScheme === 'dark'],
  [/prefers-color-scheme:\s*light/, (emulation) => emulation.colorScheme === 'light'],
  [/prefers-reduced-motion:\s*reduce/, (emulation) => emulation.reducedMotion],
];

/**
 * A page cannot switch its own media features, so the preview copies the rules of each widget's
 * matching `@media (prefers-…)` blocks into an extra sheet adopted after the widget's own. (Chrome
 * DevTools' Rendering panel gives the real thing; the toolbar is the quick look.)
 */
export function emulateMedia(elements: Element[], emulation: MediaEmulation): void {
  for (const element of elements) {
    const root = element.shadowRoot;
    if (!root) continue;
    emulateSourceMedia(root, emulation);
    const forced: string[] = [];
    for (const sheet of root.adoptedStyleSheets) collectForcedRules(sheet.cssRules, emulation, forced);
    if (forced.length === 0) continue;
    const overrides = new CSSStyleSheet();
    overrides.replaceSync(forced.join('\n'));
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, overrides];
  }
}

/**
 * A `<picture>` picks its `<source media>` from the real media features, not from style sheets: the
 * mark's `<source media="(prefers-color-scheme: dark)">` kept the light wordmark on the dark surface.
 * Each such source gets a media query that answers as the toolbar says (`all` or `not all`); the
 * toolbar renders the story afresh on every change, so the original query is never needed again.
 */
function emulateSourceMedia(root: ShadowRoot, emulation: MediaEmulation): void {
  for (const source of root.querySelectorAll<HTMLSourceElement>('picture > source[media]')) {
    const emulated = emulatedQueries.find(([query]) => query.test(source.media));
    if (emulated) source.media = emulated[1](emulation) ? 'all' : 'not all';
  }
}

function collectForcedRules(rules: CSSRuleList, emulation: MediaEmulation, into: string[]): void {
  for (const rule of rules) {
    if (!(rule instanceof CSSMediaRule)) continue;
    const condition = rule.conditionText;
    const forced = emulatedQueries.some(([query, isOn]) => query.test(condition) && isOn(emulation));
    if (forced) into.push(...[...rule.cssRules].map((inner) => inner.cssText));
    else collectForcedRules(rule.cssRules, emulation, into);
  }
}

const realMatchMedia = window.matchMedia.bind(window);

/** Widgets that ask in script (`matchMedia`) get the same answer as their emulated styles. */
export function emulateMatchMedia(emulation: MediaEmulation): void {
  window.matchMedia = (query: string) => {
    const answer = realMatchMedia(query);
    const emulated = emulatedQueries.find(([pattern]) => pattern.test(query));
    if (!emulated) return answer;
    const matches = emulated[1](emulation);
    if (matches === answer.matches) return answer;
    // A frozen answer: the toolbar re-renders the story on change, so nobody needs `change` events.
    const frozen = {
      matches,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    };
    return frozen as MediaQueryList;
  };
}
