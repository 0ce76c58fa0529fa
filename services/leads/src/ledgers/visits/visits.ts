import { createEvent, Events, type VisitInput } from '@parkmatch/contracts';
import { HttpProblem, outboxEntry, type Principal } from '@parkmatch/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { shanghaiDate } from '../../calendar.ts';
import { assertNotWithdrawn } from '../../lead/lead.ts';
import { ledgerLead } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';
import { type VisitDoc, visitProblems } from './visit.ts';

/** Logs a visit or talk in an owned lead's ledger, with its visitLogged event in the same write. */
export async function logVisit(
  deps: LedgerDeps,
  principal: Principal,
  leadId: string,
  input: VisitInput,
): Promise<VisitDoc> {
  const lead = await ledgerLead(deps.leads, principal, leadId);
  assertNotWithdrawn(lead);
  const now = deps.now();
  // Not before the lead was received (its creation; an imported lead's `at`).
  const errors = visitProblems(input, shanghaiDate(now), shanghaiDate(new Date(lead.createdAt)));
  if (errors.length > 0)
    throw new HttpProblem(
      400,
      { zh: '走访记录未通过校验，见 errors', en: 'the visit failed validation; see errors' },
      { errors },
    );

  const at = now.toISOString();
  const visit: VisitDoc = {
    _id: uuidv7(),
    leadId,
    parkId: lead.owner.parkId,
    ...input,
    by: principal.sub,
    createdAt: at,
  };
  const event = createEvent(Events.visitLogged, {
    key: leadId,
    source: 'leads',
    occurredAt: now,
    payload: { leadId, parkId: visit.parkId, visitId: visit._id, date: visit.date, by: principal.sub, at },
  });
  await deps.ledgers.visits.insert(visit, [outboxEntry(Events.visitLogged, event)]);
  deps.onEventsWritten();
  return visit;
}

/** An owned lead's visits and talks, newest first. */
export async function listVisits(
  deps: LedgerDeps,
  principal: Principal,
  leadId: string,
): Promise<VisitDoc[]> {
  await ledgerLead(deps.leads, principal, leadId);
  return deps.ledgers.visits.forLead(principal, leadId);
}
