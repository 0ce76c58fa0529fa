import type { ExpectationsInput } from '@parkmatch/contracts';
import type { Principal } from '@parkmatch/service-kit';
import { assertNotWithdrawn } from '../../lead/lead.ts';
import { ledgerLead, type OwnedLead, ownerChanged } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';

/** Replaces the output and sales the owner park expects of the firm (a field left out is cleared). */
export async function setExpectations(
  deps: Pick<LedgerDeps, 'leads' | 'now'>,
  principal: Principal,
  leadId: string,
  input: ExpectationsInput,
): Promise<OwnedLead> {
  const lead = await ledgerLead(deps.leads, principal, leadId);
  assertNotWithdrawn(lead);
  const at = deps.now().toISOString();
  const updated = await deps.leads.updateOwned(leadId, lead.owner.parkId, {
    $set: { expectations: { ...input, by: principal.sub, at }, updatedAt: at },
  });
  if (!updated?.owner) throw ownerChanged(leadId);
  return updated as OwnedLead;
}
