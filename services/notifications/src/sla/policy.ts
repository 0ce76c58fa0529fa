import type { SlaPolicy, Tier } from '@parkmatch/contracts';

/**
 * Until a park sets its own: first contact within 1 working day for an A lead (DOMAIN.md §5:
 * "contact a key lead within 1 working day"), 3 for B, 5 for C; the site visit within 10, 20,
 * 30 working days of the first contact; managers told 1 working day after a deadline.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  firstContactDays: { A: 1, B: 3, C: 5 },
  siteVisitDays: { A: 10, B: 20, C: 30 },
  escalateAfterDays: 1,
};

/** The working days a clock of this kind gets at this tier (a lead of unknown or D tier: the C allowance). */
export function allowance(
  policy: SlaPolicy,
  kind: 'first-contact' | 'site-visit',
  tier: Tier | null,
): number {
  const days = kind === 'first-contact' ? policy.firstContactDays : policy.siteVisitDays;
  return tier === 'A' || tier === 'B' ? days[tier] : days.C;
}
