import { type QualityView, TIERS, type Tier } from '@parkmatch/contracts';
import type { LeadFacts } from '../read-model/facts.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { head, type MetricQuery, moveInScope } from './query.ts';
import { rate } from './stats.ts';

/** The lead's tier and directions at intake as the scope sees them (undefined: the park never scored it). */
function intakeOf(lead: LeadFacts, park: number): { tier: Tier; directions: readonly string[] } | undefined {
  if (park === -1)
    return lead.bestIntakeTier ? { tier: lead.bestIntakeTier, directions: lead.intakeDirections } : undefined;
  const rating = lead.ratings[park];
  return rating?.intakeTier ? { tier: rating.intakeTier, directions: rating.intakeDirections } : undefined;
}

/**
 * Lead quality over the leads submitted during the period: by tier and direction at intake,
 * whether they were claimed and signed, and how many of the A/B leads were claimed within the
 * SLA (working days from submission to claim).
 */
export function quality(t: LeadTable, q: MetricQuery, slaWorkingDays: number): QualityView {
  const tiers = new Map<Tier, { leads: number; claimed: number; signed: number }>(
    TIERS.map((t) => [t, { leads: 0, claimed: 0, signed: 0 }]),
  );
  const directions = new Map<string, { leads: number; claimed: number; signed: number }>();
  const sla = { eligible: 0, withinSla: 0, later: 0, byOtherPark: 0, unclaimed: 0 };

  for (let i = 0; i < t.size; i++) {
    const intakeMs = t.intakeMs[i] as number;
    if (!(intakeMs >= q.period.startMs && intakeMs < q.period.endMs)) continue;
    const lead = t.facts[i] as LeadFacts;
    const intake = intakeOf(lead, q.park);
    if (!intake) continue;
    const claim = lead.claim;
    const claimed = claim !== undefined && (q.park === -1 || claim.park === q.park);
    const signed = lead.moves.some((m) => m.to === 'signed' && moveInScope(lead, m, q));
    const add = (t: { leads: number; claimed: number; signed: number }) => {
      t.leads++;
      if (claimed) t.claimed++;
      if (signed) t.signed++;
    };
    const tier = tiers.get(intake.tier);
    if (tier) add(tier);
    for (const code of intake.directions) {
      const d = directions.get(code) ?? { leads: 0, claimed: 0, signed: 0 };
      directions.set(code, d);
      add(d);
    }
    if (intake.tier !== 'A' && intake.tier !== 'B') continue;
    sla.eligible++;
    if (!claim) sla.unclaimed++;
    else if (!claimed) sla.byOtherPark++;
    else if (claim.work - lead.intakeWork <= slaWorkingDays) sla.withinSla++;
    else sla.later++;
  }
  return {
    ...head(q),
    slaWorkingDays,
    byTier: TIERS.map((tier) => {
      const t = tiers.get(tier) ?? { leads: 0, claimed: 0, signed: 0 };
      return { tier, ...t, signedRate: rate(t.signed, t.leads) };
    }),
    byDirection: [...directions.entries()]
      .map(([direction, t]) => ({ direction, ...t }))
      .sort((a, b) => b.leads - a.leads || (a.direction < b.direction ? -1 : 1)),
    sla: { ...sla, share: rate(sla.withinSla, sla.eligible) },
  };
}
