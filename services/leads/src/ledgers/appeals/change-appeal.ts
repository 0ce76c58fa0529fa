import { APPEAL_STATUS_LABELS, type AppealChange, createEvent, Events } from '@parkmatch/contracts';
import { HttpProblem, outboxEntry, type Principal } from '@parkmatch/service-kit';
import { assertMayDate, latestEntryAt, stepTime } from '../../history-import.ts';
import type { LedgerDeps } from '../deps.ts';
import type { AppealDoc } from './appeal.ts';
import { getAppeal } from './read-appeals.ts';
import { checkStatusChange, isClosed } from './status.ts';

// An appeal moves through the status machine on the revision it was read at: a stale change
// is refused with what stands now, an illegal one with the statuses it may take; closing it
// (resolved, rejected) is announced with appealClosed in the same write.

const stale = (appeal: AppealDoc) =>
  new HttpProblem(
    409,
    {
      zh: `此诉求已被他人更新，当前状态为「${APPEAL_STATUS_LABELS[appeal.status].zh}」，请重新读取后再试`,
      en: `the appeal changed meanwhile (it is ${APPEAL_STATUS_LABELS[appeal.status].en.toLowerCase()} now); read it again and retry`,
    },
    {
      extensions: { revision: appeal.revision, appealStatus: appeal.status },
      errors: [
        {
          path: 'revision',
          message: `已过期，当前为 ${appeal.revision}`,
          messageEn: `stale; the appeal is at ${appeal.revision}`,
          code: 'stale',
        },
      ],
    },
  );

/** Moves an appeal to another status, made on `change.revision`; closing it is announced. */
export async function changeAppeal(
  deps: LedgerDeps,
  principal: Principal,
  appealId: string,
  change: AppealChange,
): Promise<AppealDoc> {
  assertMayDate(principal, change.closedAt, 'closedAt');
  const appeal = await getAppeal(deps, principal, appealId);
  if (appeal.revision !== change.revision) throw stale(appeal);
  const check = checkStatusChange(appeal.status, change);
  if (!check.ok && check.problem === 'illegal') {
    const legal = check.legal.join(', ') || '—';
    const label = (status: keyof typeof APPEAL_STATUS_LABELS) => APPEAL_STATUS_LABELS[status];
    const legalZh = check.legal.map((status) => `「${label(status).zh}」`).join('、') || '—';
    throw new HttpProblem(
      409,
      {
        zh: `诉求不能从「${label(appeal.status).zh}」改为「${label(change.status).zh}」；可改为：${legalZh}`,
        en: `an appeal cannot go from ${label(appeal.status).en} to ${label(change.status).en}; legal: ${legal}`,
      },
      {
        extensions: { legal: check.legal },
        errors: [
          {
            path: 'status',
            message: `可改为：${legal}`,
            messageEn: `legal: ${legal}`,
            code: 'illegal',
          },
        ],
      },
    );
  }
  if (!check.ok)
    throw new HttpProblem(
      400,
      { zh: '状态变更未通过校验，见 errors', en: 'the change failed validation; see errors' },
      {
        errors: check.errors,
      },
    );

  const closing = isClosed(change.status);
  if (change.closedAt !== undefined && !closing)
    throw new HttpProblem(
      400,
      {
        zh: '只有结案（resolved、rejected）时才能给出结案时间',
        en: 'closedAt goes only with resolved or rejected',
      },
      {
        errors: [
          {
            path: 'closedAt',
            message: '只在改为 resolved 或 rejected 时填写',
            messageEn: 'only given to mark it resolved or rejected',
            code: 'unexpected',
          },
        ],
      },
    );
  // An admin importing history may say when the appeal was closed: not before it was opened
  // or last changed.
  const now = deps.now();
  const when = stepTime(principal, change.closedAt, now, 'closedAt', [
    { at: appeal.openedAt, zh: '诉求开立时间', en: 'the time the appeal was opened' },
    { at: latestEntryAt(appeal.history), zh: '诉求最近一次变更', en: 'the appeal’s latest change' },
  ]);
  const at = when.toISOString();
  const events = closing ? [closedEntry(appeal, change.status, principal.sub, when)] : [];
  const updated = await deps.ledgers.appeals.updateAt(
    appealId,
    appeal.revision,
    {
      $set: {
        status: change.status,
        ...(change.resolution !== undefined ? { resolution: change.resolution } : {}),
        ...(change.rejectionReason !== undefined ? { rejectionReason: change.rejectionReason } : {}),
        ...(closing ? { closedAt: at } : {}),
        updatedAt: now.toISOString(),
      },
      $push: {
        history: {
          from: appeal.status,
          to: change.status,
          ...(change.note !== undefined ? { note: change.note } : {}),
          by: principal.sub,
          at,
        },
      },
    },
    events,
  );
  if (!updated) throw stale((await deps.ledgers.appeals.get(principal, appealId)) ?? appeal);
  if (events.length > 0) deps.onEventsWritten();
  return updated;
}

/** The appealClosed event of an appeal being resolved or rejected, as an outbox entry. */
function closedEntry(appeal: AppealDoc, status: AppealChange['status'], by: string, now: Date) {
  const event = createEvent(Events.appealClosed, {
    key: appeal.leadId,
    source: 'leads',
    occurredAt: now,
    payload: {
      leadId: appeal.leadId,
      parkId: appeal.parkId,
      appealId: appeal._id,
      category: appeal.category,
      outcome: status === 'resolved' ? 'resolved' : 'rejected',
      openedAt: appeal.openedAt,
      dueOn: appeal.dueOn,
      by,
      at: now.toISOString(),
    },
  });
  return outboxEntry(Events.appealClosed, event);
}
