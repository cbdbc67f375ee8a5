/**
 * Records what dropkit says through `console.warn` while a test provokes it, so the test can count
 * the warnings (a bad attribute must give exactly one). Call `restore()` in a `finally`.
 */
export function captureWarnings(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void messages.push(args.join(' '));
  return { messages, restore: () => void (console.warn = original) };
}
