import { type QualityView, TIERS } from '@parkmatch/contracts';
import { type LeadFacts, stageIndex } from '../read-model/facts.ts';
import { INTAKE_STRIDE, type LeadTable } from '../read-model/lead-table.ts';
import { head, type MetricQuery } from './query.ts';
import { rate } from './stats.ts';

const SIGNED = stageIndex('signed');
const SIGNED_MOVE = 1 << SIGNED;
/** LeadTable.intakeTier codes. */
const [A, B] = TIERS.map((_, i) => i + 1) as [number, number];

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
  // By tier, in TIERS order (LeadTable.intakeTier codes 1 … 4).
  const tiers: Row[] = TIERS.map(() => ({ leads: 0, claimed: 0, signed: 0 }));
  const directions = new Map<string, Row>();
  const sla = { eligible: 0, withinSla: 0, later: 0, byOtherPark: 0, unclaimed: 0 };
  const moves = t.moves;
  const scope = q.park + 1; // the city's tier first, then each park's

  for (let i = 0; i < t.size; i++) {
    const intakeMs = t.intakeMs[i] as number;
    if (!(intakeMs >= q.period.startMs && intakeMs < q.period.endMs)) continue;
    // The tier at intake as the scope sees it (0: the park never scored it).
    const code = t.intakeTier[i * INTAKE_STRIDE + scope] as number;
    if (code === 0) continue;
    const claimPark = t.claimPark[i] as number;
    const claimed = claimPark !== -1 && (q.park === -1 || claimPark === q.park);
    // Reached 签约 (for a park: moved there by it), from the packed moves.
    let signed = false;
    if (((t.movedTo[i] as number) & SIGNED_MOVE) !== 0) {
      const own = ((t.parksMask[i] as number) & q.bit) !== 0;
      const first = moves.start[i] as number;
      const last = first + (moves.count[i] as number);
      for (let k = first; k < last && !signed; k++) {
        if (moves.to[k] !== SIGNED) continue;
        const park = moves.park[k] as number;
        signed = q.park === -1 || (park === -1 ? own : park === q.park);
      }
    }
    add(tiers[code - 1] as Row, claimed, signed);
    // Directions matched at intake: read from the lead's facts (none: nothing to count).
    const lead = t.facts[i] as LeadFacts;
    const codes = q.park === -1 ? lead.intakeDirections : (lead.ratings[q.park]?.intakeDirections ?? []);
    for (const direction of codes) {
      let d = directions.get(direction);
      if (!d) {
        d = { leads: 0, claimed: 0, signed: 0 };
        directions.set(direction, d);
      }
      add(d, claimed, signed);
    }
    if (code !== A && code !== B) continue;
    sla.eligible++;
    if (claimPark === -1) sla.unclaimed++;
    else if (!claimed) sla.byOtherPark++;
    else if ((t.claimWork[i] as number) - (t.intakeWork[i] as number) <= slaWorkingDays) sla.withinSla++;
    else sla.later++;
  }
  return {
    ...head(q),
    slaWorkingDays,
    byTier: TIERS.map((tier, i) => {
      const row = tiers[i] as Row;
      return { tier, ...row, signedRate: rate(row.signed, row.leads) };
    }),
    byDirection: [...directions.entries()]
      .map(([direction, t]) => ({ direction, ...t }))
      .sort((a, b) => b.leads - a.leads || (a.direction < b.direction ? -1 : 1)),
    sla: { ...sla, share: rate(sla.withinSla, sla.eligible) },
  };
}
