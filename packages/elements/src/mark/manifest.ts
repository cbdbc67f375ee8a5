import { MARK_VARIANTS, type MarkVariant } from './choose.ts';

/**
 * The mark description forge writes (`mark.json`), read defensively: a creator may hand-edit it,
 * and a marketplace may point `src` at anything.
 *
 * ```json
 * { "name": "Nova Studio", "wordmark": "wordmark.svg", "glyph": { "url": "glyph.svg", "width": 64, "height": 64 },
 *   "dark": { "wordmark": "wordmark-dark.svg" } }
 * ```
 * Relative URLs resolve against the JSON's own URL; only https or same-origin URLs are kept.
 */
export interface MarkSource {
  url: string;
  dark: string | null;
  /** Width ÷ height when the JSON says so, letting the element reserve its exact box up front. */
  aspect: number | null;
}

export interface MarkManifest {
  name: string | null;
  variants: Partial<Record<MarkVariant, MarkSource>>;
}

export function readMarkManifest(
  json: unknown,
  manifestUrl: string,
  pageOrigin: string = globalThis.location?.origin ?? '',
): { manifest: MarkManifest; problems: string[] } {
  const problems: string[] = [];
  const manifest: MarkManifest = { name: null, variants: {} };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push('expected a JSON object with "name" and variant URLs');
    return { manifest, problems };
  }
  const record = json as Record<string, unknown>;
  if (typeof record.name === 'string' && record.name.trim()) manifest.name = record.name.trim();
  const dark = typeof record.dark === 'object' && record.dark !== null ? (record.dark as Record<string, unknown>) : {};
  for (const variant of MARK_VARIANTS) {
    if (record[variant] === undefined) continue;
    const light = readEntry(record[variant], manifestUrl, pageOrigin);
    if (!light) {
      problems.push(`"${variant}" is ignored: expected an https or same-site URL, or {"url", "width", "height"}`);
      continue;
    }
    const darkEntry = dark[variant] === undefined ? null : readEntry(dark[variant], manifestUrl, pageOrigin);
    if (dark[variant] !== undefined && !darkEntry) problems.push(`"dark.${variant}" is ignored: expected an https or same-site URL`);
    manifest.variants[variant] = { url: light.url, aspect: light.aspect, dark: darkEntry?.url ?? null };
  }
  if (Object.keys(manifest.variants).length === 0) problems.push('no usable "wordmark", "monogram" or "glyph"');
  return { manifest, problems };
}

function readEntry(value: unknown, base: string, pageOrigin: string): { url: string; aspect: number | null } | null {
  let href: unknown = value;
  let aspect: number | null = null;
  if (typeof value === 'object' && value !== null) {
    const entry = value as Record<string, unknown>;
    href = entry.url;
    const width = Number(entry.width);
    const height = Number(entry.height);
    if (width > 0 && height > 0 && Number.isFinite(width / height)) aspect = width / height;
  }
  if (typeof href !== 'string' || !href.trim()) return null;
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  const sameOrigin = url.origin === pageOrigin && (url.protocol === 'http:' || url.protocol === 'https:');
  if (url.protocol !== 'https:' && !sameOrigin) return null;
  return { url: url.href, aspect };
}
