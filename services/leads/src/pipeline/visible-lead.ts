import { canSeeLead, type Principal } from '@parkmatch/service-kit';
import type { Lead } from '../lead/lead.ts';
import type { LeadRepository } from '../lead/repository.ts';
import { noSuchLead } from './problems.ts';

/** The lead, if the principal may see it; 404 otherwise, so that its existence does not leak. */
export async function visibleLead(
  leads: LeadRepository,
  principal: Principal,
  leadId: string,
): Promise<Lead> {
  const lead = await leads.get(leadId);
  if (!lead || !canSeeLead(principal, { id: lead._id, parks: lead.parks, owner: lead.owner })) {
    throw noSuchLead(leadId);
  }
  return lead;
}
