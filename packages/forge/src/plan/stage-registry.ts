import type { ForgeStage } from './types.ts';

/**
 * The stages of plan/stages.ts by name, loaded on demand: `dropkit forge --only favicon` then
 * loads neither fonts nor the GIF encoder. A test keeps this list in step with DEFAULT_STAGES.
 */
export const STAGE_LOADERS: Readonly<Record<string, () => Promise<ForgeStage>>> = {
  favicon: async () => (await import('../favicon/stage.ts')).faviconStage,
  'live-favicon': async () => (await import('../live-favicon/live-favicon.ts')).liveFaviconStage,
  'mark-set': async () => (await import('../mark-set/mark-set.ts')).markSetStage,
  social: async () => (await import('../social/social-card.ts')).socialStage,
  badges: async () => (await import('../badge/stage.ts')).badgeStage,
};

export function loadStages(names: readonly string[] = Object.keys(STAGE_LOADERS)): Promise<ForgeStage[]> {
  return Promise.all(names.map((name) => STAGE_LOADERS[name]!()));
}
