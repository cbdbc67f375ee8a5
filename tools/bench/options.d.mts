export const allSections: string[];
export const runtimePages: string[];
export interface BenchOptions {
  window: number;
  loads: number;
  cycles: number;
  sections: string[];
  pages: string[];
  build: boolean;
  kit: string | null;
  help: boolean;
}
export function parseOptions(argv: string[]): BenchOptions;
export const usage: string;
