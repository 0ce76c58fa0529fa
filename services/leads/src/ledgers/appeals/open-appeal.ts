import { type AppealInput, createEvent, Events } from '@parkmatch/contracts';
import { HttpProblem, outboxEntry, type Principal } from '@parkmatch/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { shanghaiDate } from '../../calendar.ts';
import { assertMayDate, stepTime } from '../../history-import.ts';
import { assertNotWithdrawn } from '../../lead/lead.ts';
import { ledgerLead } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';
import { type AppealDoc, appealProblems } from './appeal.ts';

/** Opens an appeal in an owned lead's ledger, with its appealOpened event in the same write. */
export async function openAppeal(
  deps: LedgerDeps,
  principal: Principal,
  leadId: string,
  { openedAt, ...input }: AppealInput,
): Promise<AppealDoc> {
  assertMayDate(principal, openedAt, 'openedAt');
  const lead = await ledgerLead(deps.leads, principal, leadId);
  assertNotWithdrawn(lead);
  // An admin importing history may say when the appeal was opened: its due date is then
  // checked against that day, and may lie in the past.
  const now = deps.now();
  const when = stepTime(principal, openedAt, now, 'openedAt', [
    { at: lead.createdAt, zh: '线索创建时间', en: 'the time the lead was created' },
    { at: lead.owner.since, zh: '园区认领该线索的时间', en: 'the time its park took the lead over' },
  ]);
  const errors = appealProblems(input, shanghaiDate(when));
  if (errors.length > 0)
    throw new HttpProblem(
      400,
      { zh: '诉求未通过校验，见 errors', en: 'the appeal failed validation; see errors' },
      { errors },
    );

  const at = when.toISOString();
  const appeal: AppealDoc = {
    _id: uuidv7(),
    leadId,
    parkId: lead.owner.parkId,
    ...input,
    status: 'open',
    revision: 1,
    history: [{ to: 'open', by: principal.sub, at }],
    openedBy: principal.sub,
    openedAt: at,
    updatedAt: now.toISOString(),
  };
  const event = createEvent(Events.appealOpened, {
    key: leadId,
    source: 'leads',
    occurredAt: when,
    payload: {
      leadId,
      parkId: appeal.parkId,
      appealId: appeal._id,
      category: appeal.category,
      dueOn: appeal.dueOn,
      by: principal.sub,
      at,
    },
  });
  await deps.ledgers.appeals.insert(appeal, [outboxEntry(Events.appealOpened, event)]);
  deps.onEventsWritten();
  return appeal;
}
