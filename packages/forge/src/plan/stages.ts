import { badgeStage } from '../badge/stage.ts';
import { faviconStage } from '../favicon/stage.ts';
import { liveFaviconStage } from '../live-favicon/live-favicon.ts';
import { markSetStage } from '../mark-set/mark-set.ts';
import { socialStage } from '../social/social-card.ts';
import type { ForgeStage } from './types.ts';

/**
 * Every stage forge runs, in output order. Stages of later issues (badge/, mark-set/, social/,
 * live-favicon/) add themselves here.
 */
export const DEFAULT_STAGES: readonly ForgeStage[] = [faviconStage, liveFaviconStage, markSetStage, socialStage, badgeStage];
