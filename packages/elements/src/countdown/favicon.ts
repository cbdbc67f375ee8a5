/**
 * The live favicon: while a drop is live the tab's icon says so. The page's own `<link rel~=icon>`
 * hrefs are remembered and put back when the drop leaves live or the countdown goes away. Several
 * countdowns may ask at once; the first swaps, the last one to let go restores.
 */
import { toResourceUrl } from '../shared/resource-url.ts';

const holders = new Set<object>();
let restore: (() => void) | null = null;

/** Only this site's own files or https: a creator typo must not point the tab at `javascript:`. */
export const toFaviconUrl = (value: string | null | undefined): string | null => toResourceUrl(value)?.href ?? null;

export function holdLiveFavicon(holder: object, href: string): void {
  holders.add(holder);
  if (restore) return;
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon" i]')];
  if (links.length === 0) {
    const added = document.createElement('link');
    added.rel = 'icon';
    added.href = href;
    document.head.append(added);
    restore = () => added.remove();
    return;
  }
  const originals = links.map((link) => [link, link.getAttribute('href'), link.getAttribute('type')] as const);
  for (const link of links) {
    link.href = href;
    // A stale `type="image/png"` on an SVG icon makes the browser skip it.
    link.removeAttribute('type');
  }
  restore = () => {
    for (const [link, originalHref, originalType] of originals) {
      if (originalHref === null) link.removeAttribute('href');
      else link.setAttribute('href', originalHref);
      if (originalType !== null) link.setAttribute('type', originalType);
    }
  };
}

export function releaseLiveFavicon(holder: object): void {
  if (!holders.delete(holder) || holders.size > 0 || !restore) return;
  restore();
  restore = null;
}
