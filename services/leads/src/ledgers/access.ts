import { canSeeLead, canWorkLead, HttpProblem, type Principal } from '@parkmatch/service-kit';
import type { Lead } from '../lead/lead.ts';
import type { LeadRepository } from '../lead/repository.ts';

// Whose ledgers: a lead's two ledgers are kept by the park that owns it (a claim sets the
// owner). That park's team and city-wide staff read and write them; anyone else is told the
// lead does not exist, so its existence does not leak. A lead nobody owns has no ledger yet.
// Firms never reach here (the routes admit team roles only).

/** A lead with an owner park: one that has ledgers. */
export type OwnedLead = Lead & { owner: NonNullable<Lead['owner']> };

export type LedgerAccess =
  | { ok: true; parkId: string }
  | { ok: false; status: 404 }
  /** The caller may see the lead, but no park owns it yet. */
  | { ok: false; status: 409 };

/** May the principal keep this lead's ledgers? Pure: access.ts's rules, on the lead as read. */
export function ledgerAccess(
  principal: Principal,
  lead: Pick<Lead, '_id' | 'parks' | 'owner'>,
): LedgerAccess {
  if (principal.role === 'firm') return { ok: false, status: 404 };
  if (lead.owner && canWorkLead(principal, lead)) return { ok: true, parkId: lead.owner.parkId };
  if (!lead.owner && canSeeLead(principal, { id: lead._id, parks: lead.parks }))
    return { ok: false, status: 409 };
  return { ok: false, status: 404 };
}

export const noLead = (leadId: string) =>
  new HttpProblem(404, { zh: `没有线索 ${leadId}`, en: `no lead ${leadId}` });

const noLedgerYet = (leadId: string) =>
  new HttpProblem(409, {
    zh: `线索 ${leadId} 尚未被园区认领，还没有台账：请先认领`,
    en: `no park owns lead ${leadId} yet, so it has no ledger: claim it first`,
  });

/** The lead whose ledgers the principal works on; 404 (unknown or not theirs) or 409 (unowned). */
export async function ledgerLead(
  leads: Pick<LeadRepository, 'get'>,
  principal: Principal,
  leadId: string,
): Promise<OwnedLead> {
  const lead = await leads.get(leadId);
  if (!lead) throw noLead(leadId);
  const access = ledgerAccess(principal, lead);
  if (!access.ok) throw access.status === 409 ? noLedgerYet(leadId) : noLead(leadId);
  return lead as OwnedLead;
}

/** The owner changed between reading the lead and writing to it (a transfer): try again. */
export const ownerChanged = (leadId: string) =>
  new HttpProblem(409, {
    zh: `线索 ${leadId} 的归属园区刚刚变更，请重新读取后再试`,
    en: `lead ${leadId} changed owner meanwhile; read it again and retry`,
  });
