import { type QualityView, TIERS, type Tier } from '@parkmatch/contracts';
import { type LeadFacts, stageIndex } from '../read-model/facts.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { head, type MetricQuery, moveInScope } from './query.ts';
import { rate } from './stats.ts';

const SIGNED_MOVE = 1 << stageIndex('signed');

interface Row {
  leads: number;
  claimed: number;
  signed: number;
}

function add(row: Row, claimed: boolean, signed: boolean): void {
  row.leads++;
  if (claimed) row.claimed++;
  if (signed) row.signed++;
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
    // The tier and directions at intake as the scope sees them (none: the park never scored it).
    const rating = q.park === -1 ? undefined : lead.ratings[q.park];
    const intakeTier = q.park === -1 ? lead.bestIntakeTier : rating?.intakeTier;
    if (!intakeTier) continue;
    const intakeDirections = q.park === -1 ? lead.intakeDirections : (rating?.intakeDirections ?? []);
    const claim = lead.claim;
    const claimed = claim !== undefined && (q.park === -1 || claim.park === q.park);
    let signed = false;
    if (((t.movedTo[i] as number) & SIGNED_MOVE) !== 0)
      for (const m of lead.moves)
        if (m.to === 'signed' && moveInScope(lead, m, q)) {
          signed = true;
          break;
        }
    const tier = tiers.get(intakeTier);
    if (tier) add(tier, claimed, signed);
    for (const code of intakeDirections) {
      let d = directions.get(code);
      if (!d) {
        d = { leads: 0, claimed: 0, signed: 0 };
        directions.set(code, d);
      }
      add(d, claimed, signed);
    }
    if (intakeTier !== 'A' && intakeTier !== 'B') continue;
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
