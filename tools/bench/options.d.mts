export const allSections: string[];
export interface BenchOptions {
  window: number;
  loads: number;
  cycles: number;
  sections: string[];
  build: boolean;
  help: boolean;
}
export function parseOptions(argv: string[]): BenchOptions;
export const usage: string;
