import { z } from 'zod';

// The vocabulary of a score, shared by the events that carry one and the HTTP views that
// show one. Tier order and the visibility rule live here, once.

export const TIERS = ['A', 'B', 'C', 'D'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

/** Higher is better: A 3 … D 0. */
export const TIER_RANK: Readonly<Record<Tier, number>> = { A: 3, B: 2, C: 1, D: 0 };

/** A park's team works (and may see) a lead its park rated at one of these tiers; D is noise. */
export const isWorkableTier = (tier: Tier): boolean => tier !== 'D';

export const Bilingual = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

export const Reasons = z.object({ zh: z.array(z.string()), en: z.array(z.string()) });
export type Reasons = z.infer<typeof Reasons>;

export const MatchedDirection = z.object({
  code: z.string(),
  strength: z.number().min(0).max(1),
  evidence: z.array(z.string()),
});
export type MatchedDirection = z.infer<typeof MatchedDirection>;
