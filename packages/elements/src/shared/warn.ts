/**
 * Dev-facing console warnings that never repeat: a creator's typo in an attribute must be reported
 * once, not on every render or every tick.
 */
const warnedBy = new WeakMap<object, Set<string>>();
const globalKeys = new Set<string>();

/** Warns once per `owner` and `key`; pass `null` as owner for page-wide warnings. */
export function warnOnce(owner: object | null, key: string, message: string): void {
  let seen = globalKeys;
  if (owner) {
    seen = warnedBy.get(owner) ?? new Set<string>();
    warnedBy.set(owner, seen);
  }
  if (seen.has(key)) return;
  seen.add(key);
  console.warn(`[dropkit] ${message}`);
}
