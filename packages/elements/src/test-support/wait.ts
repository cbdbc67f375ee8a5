export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `condition` holds, for what only shows up later (a lazy chunk, a server answer, a
 * state change on the real clock); fails naming `what` after `timeout` ms.
 */
export async function waitFor(condition: () => boolean, what: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
