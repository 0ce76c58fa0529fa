import type { LeadView } from '@parkmatch/contracts';
import { canWorkLead, type Principal } from '@parkmatch/service-kit';
import { type Lead, leadView } from './lead.ts';

// 首报首谈: the first park to report a firm and talk to it owns the lead, and from then on the
// firm is that park's to contact. Another park's team that still sees the lead (its park rated
// it A–C) sees the business content, that the lead is owned and by which park, and its stage —
// so it knows not to approach the firm — but nothing of the owner's deal: not the firm's
// contact person, not the liaison, not the facts recorded on the way (协议投资额, registration,
// construction, production, why it is on hold or lost), not the history (its notes and facts,
// and the pace of the talks its dates would give away). A lead nobody owns is shown whole: the
// parks that rated it A–C compete to claim it.

/** May the principal see all of the lead: nobody owns it, or the principal may work it. */
export function seesWholeLead(principal: Principal, lead: Pick<Lead, 'owner'>): boolean {
  return lead.owner === undefined || canWorkLead(principal, lead);
}

/** The lead as a team member sees it: whole, or without the owner's deal when another park owns it. */
export function leadViewFor(principal: Principal, lead: Lead): LeadView {
  const view = leadView(lead);
  if (seesWholeLead(principal, lead)) return view;
  const { liaison: _liaison, ...rest } = view;
  const { contact: _contact, consent: _consent, ...business } = view.profile;
  return { ...rest, facts: {}, history: [], profile: business };
}
