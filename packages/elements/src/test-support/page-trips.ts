/**
 * Round trips of the page's own requests whose URL contains `part`, as the code that made them saw
 * them: from the fetch until its body was read, in order. A busy page reads an answer late, which
 * Resource Timing (network times only) does not show, and what the page could know of the server's
 * time is only as good as the trip it saw (an answer 712 ms on the network took 806 ms to reach a
 * loaded page's code). The requests still go to the real server; call `restore()` after the test.
 */
export function recordPageTrips(part: string): { trips: number[]; restore(): void } {
  const trips: number[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const started = performance.now();
    const response = await original(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes(part)) {
      const text = response.text.bind(response);
      response.text = async () => {
        const body = await text();
        trips.push(Math.round(performance.now() - started));
        return body;
      };
    }
    return response;
  };
  return { trips, restore: () => void (globalThis.fetch = original) };
}
