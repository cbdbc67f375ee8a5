export const traceCategories: string;
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tts?: number;
  tdur?: number;
  args?: { name?: string };
}
export function scriptMilliseconds(events: TraceEvent[]): number;
