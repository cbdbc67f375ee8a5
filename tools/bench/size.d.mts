import type { Section } from './report.mjs';

export const sizeGoals: { loader: number; countdownPage: number; kit: number };
export function compressedSizes(bytes: Buffer | string): { raw: number; gzip: number; brotli: number };
export function runSizeBench(options: { repoRoot: string; cdnDir: string }): Promise<
  Section & {
    data: {
      measured: Array<{ what: string; files: string[]; raw: number; gzip: number; brotli: number; kind: 'dropkit' | 'peer' }>;
      goalsBytes: { loader: number; countdownPage: number; kit: number };
    };
  }
>;
