import { describe, expect, it } from 'vitest';
import { scriptMilliseconds, type TraceEvent } from './trace.mjs';

const main = { name: 'thread_name', ph: 'M', pid: 1, tid: 7, ts: 0, args: { name: 'CrRendererMain' } };
const x = (name: string, tts: number, tdur: number, tid = 7): TraceEvent => ({ name, ph: 'X', pid: 1, tid, ts: tts * 3, dur: tdur * 3, tts, tdur });

describe('script time from a trace', () => {
  it('adds up JavaScript entries on the renderer main thread in thread time', () => {
    expect(scriptMilliseconds([main, x('v8.callFunction', 0, 2000), x('v8.callFunction', 10_000, 500)])).toBe(2.5);
  });

  it('counts nested entries once and ignores other threads and non-script work', () => {
    const events = [main, x('TimerFire', 0, 9000), x('v8.callFunction', 0, 4000), x('FunctionCall', 1000, 1000), x('RunMicrotasks', 3500, 1500), x('Layout', 6000, 2000), x('v8.callFunction', 0, 5000, 99)];
    expect(scriptMilliseconds(events)).toBe(5);
  });

  it('falls back to wall time when an event has no thread time', () => {
    expect(scriptMilliseconds([main, { name: 'EvaluateScript', ph: 'X', pid: 1, tid: 7, ts: 100, dur: 1500 }])).toBe(1.5);
    expect(scriptMilliseconds([main])).toBe(0);
  });
});
