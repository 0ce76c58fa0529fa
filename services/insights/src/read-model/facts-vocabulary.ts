import { PIPELINE_STAGES, SIDE_EXITS, type Stage } from '@parkmatch/contracts';

// The contracts' vocabulary the facts are indexed by, in one place.
export {
  isWorkableTier,
  PARK_IDS,
  PIPELINE_STAGES,
  type Stage,
  TIER_RANK,
  TIERS,
  type Tier,
} from '@parkmatch/contracts';

/** Every stage in display order: the pipeline, then the side exits. */
export const FUNNEL_ORDER: readonly Stage[] = [...PIPELINE_STAGES, ...SIDE_EXITS];
