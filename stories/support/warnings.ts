/**
 * The dropkit warnings a story prints on purpose, recorded so its play step can check them. A
 * warning is judged once the page has settled (shared/settle.ts), a frame and a task after the
 * render, and a play step may start before or after that: recording starts in the story's
 * `beforeEach`, before the render, and the play step waits for what it expects. Every warning still
 * reaches the console, where a designer looks for it and the built-Storybook run lists it.
 *
 *     beforeEach: recordWarnings,
 *     play: async (context) => { await waitFor(() => expect(warningsOf(context)).toHaveLength(1)); … },
 */
const recordings = new WeakMap<object, string[]>();
/** Recordings of the stories on screen now: a Reference page renders several at once. */
const active = new Set<string[]>();
let original: typeof console.warn = console.warn;

function record(...args: unknown[]): void {
  const message = args.join(' ');
  for (const messages of active) messages.push(message);
  original.apply(console, args);
}

/** A story's `beforeEach`: records until the story is cleaned up (the function it returns). */
export function recordWarnings(context: object): () => void {
  const messages: string[] = [];
  recordings.set(context, messages);
  if (active.size === 0) {
    original = console.warn;
    console.warn = record;
  }
  active.add(messages);
  return () => {
    active.delete(messages);
    if (active.size === 0 && console.warn === record) console.warn = original;
  };
}

/** The `[dropkit]` warnings printed since the story's `beforeEach`, in order. */
export function warningsOf(context: object): string[] {
  const messages = recordings.get(context);
  if (!messages) throw new Error('warningsOf: the story records no warnings (give it beforeEach: recordWarnings)');
  return messages.filter((message) => message.startsWith('[dropkit]'));
}
