import { faviconStage } from '../favicon/stage.ts';
import type { ForgeStage } from './types.ts';

/**
 * Every stage forge runs, in output order. Stages of later issues (badge/, mark-set/, social/,
 * live-favicon/) add themselves here.
 */
export const DEFAULT_STAGES: readonly ForgeStage[] = [faviconStage];
