import { HttpProblem, type Principal } from '@parkmatch/service-kit';
import { shanghaiDate } from '../../calendar.ts';
import { ledgerLead } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';
import type { AppealDoc } from './appeal.ts';
import type { AppealQuery } from './repository.ts';

const noAppeal = (appealId: string) =>
  new HttpProblem(404, { zh: `没有诉求 ${appealId}`, en: `no appeal ${appealId}` });

/** An appeal the principal may work on: in its scope, and of a lead whose ledgers it keeps. */
export async function getAppeal(
  deps: LedgerDeps,
  principal: Principal,
  appealId: string,
): Promise<AppealDoc> {
  const appeal = await deps.ledgers.appeals.get(principal, appealId);
  if (!appeal) throw noAppeal(appealId);
  try {
    await ledgerLead(deps.leads, principal, appeal.leadId);
  } catch (error) {
    if (error instanceof HttpProblem) throw noAppeal(appealId);
    throw error;
  }
  return appeal;
}

/** A lead's appeals (newest first, one page), once the principal may keep its ledgers. */
export async function listLeadAppeals(
  deps: LedgerDeps,
  principal: Principal,
  leadId: string,
  query: Omit<AppealQuery, 'leadId' | 'today'>,
): Promise<AppealDoc[]> {
  await ledgerLead(deps.leads, principal, leadId);
  return deps.ledgers.appeals.list(principal, { ...query, leadId, today: shanghaiDate(deps.now()) });
}
