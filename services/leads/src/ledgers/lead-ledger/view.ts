import type { LeadLedger } from '@parkmatch/contracts';
import type { OwnedLead } from '../access.ts';
import { keyFirmStatus } from '../figures/key-firm.ts';

/** The head of an owned lead's 一企一策 ledger. */
export function leadLedgerView(lead: OwnedLead): LeadLedger {
  return {
    leadId: lead._id,
    firmName: lead.profile.firm.name,
    stage: lead.stage,
    pipelineRevision: lead.pipelineRevision ?? 1,
    owner: lead.owner,
    ...(lead.liaison ? { liaison: lead.liaison } : {}),
    ...(lead.expectations ? { expectations: lead.expectations } : {}),
    keyFirm: {
      onLedger: keyFirmStatus(lead).onLedger,
      ...(lead.keyFirm ? { mark: lead.keyFirm } : {}),
    },
  };
}
