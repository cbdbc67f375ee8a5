import { toHttpsUrl } from './safe-url.ts';

/**
 * URLs a widget may fetch or show as an image (a stock endpoint, a mark variant): any https URL, or
 * a URL on the page's own origin (a relative path next to the page). Nothing else — no `data:`,
 * `blob:`, `javascript:` or plain-http third parties.
 */
export function toResourceUrl(value: string | null | undefined, base: string = document.baseURI): URL | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const https = toHttpsUrl(value, base);
  if (https) return https;
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return null;
  }
  if (url.origin !== location.origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  if (url.username || url.password) return null;
  return url;
}
