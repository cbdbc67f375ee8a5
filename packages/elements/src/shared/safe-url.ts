/**
 * The only gate through which creator-supplied URLs become links. Parsing with `URL` (never a
 * prefix regex) means `java\tscript:`, `JAVASCRIPT:`, `data:`, `vbscript:` and protocol-relative
 * tricks are all normalised before the protocol is compared.
 */
export function toHttpsUrl(value: string | null | undefined, base?: string): URL | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let url: URL;
  try {
    url = base === undefined ? new URL(value.trim()) : new URL(value.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  // Credentials in a checkout link are a phishing pattern (https://shop.example@evil.example).
  if (url.username || url.password) return null;
  return url;
}
