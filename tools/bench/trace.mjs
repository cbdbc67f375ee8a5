/**
 * Script time from a Chromium trace. CDP's Performance.getMetrics ScriptDuration misses the
 * JavaScript run from timer callbacks (a countdown ticker's whole job), so the runtime section
 * records a trace over its window and adds up the renderer main thread's JavaScript entry points.
 */

/** Trace categories that carry the main thread's tasks and JavaScript entries, at modest cost. */
export const traceCategories = 'devtools.timeline,v8';

const scriptEvents = new Set(['v8.callFunction', 'v8.evaluateModule', 'v8.run', 'EvaluateScript', 'FunctionCall', 'RunMicrotasks', 'v8.compile']);

/**
 * Milliseconds of JavaScript on the renderer main thread(s), in thread time where the trace has it
 * (so a busy machine does not inflate it); nested entries (JS calling the DOM calling JS) count once.
 * @param {Array<{ name: string, ph: string, pid: number, tid: number, ts: number, dur?: number, tts?: number, tdur?: number, args?: { name?: string } }>} events
 */
export function scriptMilliseconds(events) {
  const mainThreads = new Set(
    events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`),
  );
  const intervals = new Map();
  for (const event of events) {
    if (event.ph !== 'X' || !scriptEvents.has(event.name)) continue;
    const thread = `${event.pid}:${event.tid}`;
    if (!mainThreads.has(thread)) continue;
    const useThreadTime = event.tts !== undefined && event.tdur !== undefined;
    const start = useThreadTime ? event.tts : event.ts;
    const duration = useThreadTime ? event.tdur : event.dur ?? 0;
    if (!intervals.has(thread)) intervals.set(thread, []);
    intervals.get(thread).push([start, start + duration]);
  }
  let total = 0;
  for (const list of intervals.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let [currentStart, currentEnd] = list[0];
    for (const [start, end] of list.slice(1)) {
      if (start <= currentEnd) currentEnd = Math.max(currentEnd, end);
      else {
        total += currentEnd - currentStart;
        [currentStart, currentEnd] = [start, end];
      }
    }
    total += currentEnd - currentStart;
  }
  return total / 1000;
}
