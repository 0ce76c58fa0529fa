import { type QualityView, TIERS } from '@parkmatch/contracts';
import { INTAKE_STRIDE, type LeadTable } from '../read-model/lead-table.ts';
import { head, type MetricQuery } from './query.ts';
import { rate } from './stats.ts';

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
  // By direction, indexed by its id in t.directionNames.
  const names = t.directionNames.names;
  const dLeads = new Int32Array(names.length);
  const dClaimed = new Int32Array(names.length);
  const dSigned = new Int32Array(names.length);
  const sla = { eligible: 0, withinSla: 0, later: 0, byOtherPark: 0, unclaimed: 0 };
  const scope = q.park + 1; // the city's tier first, then each park's
  const signedBit = 1 << scope; // LeadTable.signedIn: bit 0 the city's, 1 + i park i's
  const { startMs, endMs } = q.period;
  const { intakeMs, intakeTier, claimPark, signedIn, claimWork, intakeWork } = t;
  const { start, count, id, scope: dScope } = t.directions;

  for (let i = 0; i < t.size; i++) {
    const at = intakeMs[i] as number;
    if (!(at >= startMs && at < endMs)) continue;
    // The tier at intake as the scope sees it (0: the park never scored it).
    const code = intakeTier[i * INTAKE_STRIDE + scope] as number;
    if (code === 0) continue;
    const claimBy = claimPark[i] as number;
    const claimed = claimBy !== -1 && (q.park === -1 || claimBy === q.park);
    // Reached 签约 (for a park: moved there by it).
    const signed = ((signedIn[i] as number) & signedBit) !== 0;
    add(tiers[code - 1] as Row, claimed, signed);
    // Directions matched at intake, as the scope sees them (none: nothing to count).
    const first = start[i] as number;
    const last = first + (count[i] as number);
    for (let k = first; k < last; k++) {
      if (dScope[k] !== scope) continue;
      const d = id[k] as number;
      dLeads[d] = (dLeads[d] as number) + 1;
      if (claimed) dClaimed[d] = (dClaimed[d] as number) + 1;
      if (signed) dSigned[d] = (dSigned[d] as number) + 1;
    }
    if (code !== A && code !== B) continue;
    sla.eligible++;
    if (claimBy === -1) sla.unclaimed++;
    else if (!claimed) sla.byOtherPark++;
    else if ((claimWork[i] as number) - (intakeWork[i] as number) <= slaWorkingDays) sla.withinSla++;
    else sla.later++;
  }
  const byDirection: QualityView['byDirection'] = [];
  for (let d = 0; d < names.length; d++)
    if ((dLeads[d] as number) > 0)
      byDirection.push({
        direction: names[d] as string,
        leads: dLeads[d] as number,
        claimed: dClaimed[d] as number,
        signed: dSigned[d] as number,
      });
  return {
    ...head(q),
    slaWorkingDays,
    byTier: TIERS.map((tier, i) => {
      const row = tiers[i] as Row;
      return { tier, ...row, signedRate: rate(row.signed, row.leads) };
    }),
    byDirection: byDirection.sort((a, b) => b.leads - a.leads || (a.direction < b.direction ? -1 : 1)),
    sla: { ...sla, share: rate(sla.withinSla, sla.eligible) },
  };
}
