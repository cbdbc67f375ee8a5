export const earlyTolerance: number;
export function percentile(values: number[], p: number): number;
export function median(values: number[]): number;
export function slopePerStep(ys: number[]): number;
export interface FlipRun {
  at: number;
  start: number;
  end: number;
  elements: number;
  flips: Array<{ element: number; t: number }>;
}
export interface FlipAnalysis {
  flips: number;
  expectedFlips: number;
  skipped: number;
  doubleFlips: number;
  early: number;
  errorP50: number;
  errorP95: number;
  errorMax: number;
}
export function analyseFlips(run: FlipRun): FlipAnalysis;
