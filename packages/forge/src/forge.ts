import { forgeStages, type ForgeOptions } from './forge-core.ts';
import { planStages, type PlanOptions } from './plan/plan.ts';
import { DEFAULT_STAGES } from './plan/stages.ts';
import type { ForgeInput, ForgePlan, ForgeResult } from './plan/types.ts';

export { FORGE_VERSION, forgeStages, type ForgeOptions } from './forge-core.ts';

/** Config → every asset and head tag, without drawing a pixel (all stages unless told otherwise). */
export function planForge(input: ForgeInput, options: PlanOptions = {}): ForgePlan {
  return planStages(input, options.stages ?? DEFAULT_STAGES, options);
}

/** Forges the whole set: every stage in plan/stages.ts unless `options.stages` names some. */
export function forge(input: ForgeInput, options: ForgeOptions & Pick<PlanOptions, 'stages'> = {}): Promise<ForgeResult> {
  return forgeStages(input, options.stages ?? DEFAULT_STAGES, options);
}
