import type { KeyFirmEntry, KeyFirmInput } from '@parkmatch/contracts';
import type { Principal } from '@parkmatch/service-kit';
import { assertNotWithdrawn } from '../../lead/lead.ts';
import { ledgerLead, type OwnedLead, ownerChanged } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';
import { type FiguresDoc, figuresView } from './figures.ts';
import { keyFirmStatus } from './key-firm.ts';

/** Puts a lead on the 重点培育 ledger by hand, or takes it off (also one at 投产). */
export async function markKeyFirm(
  deps: Pick<LedgerDeps, 'leads' | 'now'>,
  principal: Principal,
  leadId: string,
  input: KeyFirmInput,
): Promise<OwnedLead> {
  const lead = await ledgerLead(deps.leads, principal, leadId);
  assertNotWithdrawn(lead);
  const at = deps.now().toISOString();
  const updated = await deps.leads.updateOwned(leadId, lead.owner.parkId, {
    $set: { keyFirm: { onLedger: input.onLedger, by: principal.sub, at }, updatedAt: at },
  });
  if (!updated?.owner) throw ownerChanged(leadId);
  return updated as OwnedLead;
}

/** The 重点培育 ledger for a month: every key firm the principal may see, with its figures or none. */
export async function keyFirmLedger(
  deps: Pick<LedgerDeps, 'leads' | 'ledgers'>,
  principal: Principal,
  month: string,
  parkId?: string,
): Promise<KeyFirmEntry[]> {
  const leads = (await deps.leads.keyFirms(principal, parkId)) as OwnedLead[];
  const figures = await deps.ledgers.figures.forMonth(
    principal,
    leads.map((lead) => lead._id),
    month,
  );
  const byLead = new Map<string, FiguresDoc>(figures.map((f) => [f.leadId, f]));
  return leads.flatMap((lead) => {
    const status = keyFirmStatus(lead);
    if (!status.onLedger) return []; // the store and the rule agree; this keeps them honest
    const reported = byLead.get(lead._id);
    return [
      {
        leadId: lead._id,
        firmName: lead.profile.firm.name,
        parkId: lead.owner.parkId,
        stage: lead.stage,
        ...(lead.liaison ? { liaison: lead.liaison.username } : {}),
        onLedgerBecause: status.because,
        status: reported ? 'reported' : 'not-reported',
        figures: reported ? figuresView(reported) : null,
      },
    ];
  });
}
