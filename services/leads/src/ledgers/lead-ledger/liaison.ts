import { createEvent, Events, type LiaisonInput, parkName } from '@parkmatch/contracts';
import { type FieldError, HttpProblem, outboxEntry, type Principal } from '@parkmatch/service-kit';
import type { User } from '../../accounts/repository.ts';
import { assertMayDate, leadBounds, stepTime } from '../../history-import.ts';
import { assertNotWithdrawn } from '../../lead/lead.ts';
import { ledgerLead, type OwnedLead } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';

// The liaison (联络员) of an owned lead: an analyst's or manager's account of the owner park,
// named and renamed through the lead's pipeline revision, announced with liaisonAssigned.

/** Why an account cannot be the liaison of a lead owned by `parkId`; undefined when it can. */
export function liaisonRefusal(
  account: User | null,
  username: string,
  parkId: string,
): FieldError | undefined {
  if (!account)
    return {
      path: 'username',
      message: `没有账号 ${username}`,
      messageEn: `no account ${username}`,
      code: 'unknown',
    };
  if ((account.role !== 'analyst' && account.role !== 'manager') || account.parkId !== parkId)
    return {
      path: 'username',
      message: `${username} 不是「${parkName(parkId).zh}」的分析员或经理`,
      messageEn: `${username} is not an analyst or manager of ${parkName(parkId).en}`,
      code: 'not-in-park',
    };
  if (account.disabled)
    return {
      path: 'username',
      message: `账号 ${username} 已停用`,
      messageEn: `the account ${username} is disabled`,
      code: 'disabled',
    };
  return undefined;
}

const stale = (current: number) =>
  new HttpProblem(
    409,
    {
      zh: '此线索已被他人更新，请重新读取后再试',
      en: 'the lead changed meanwhile; read it again and retry',
    },
    {
      extensions: { pipelineRevision: current },
      errors: [
        {
          path: 'pipelineRevision',
          message: `已过期，当前为 ${current}`,
          messageEn: `stale; the lead is at ${current}`,
          code: 'stale',
        },
      ],
    },
  );

/** Names the lead's liaison; naming the one it has already changes nothing. */
export async function assignLiaison(
  deps: LedgerDeps,
  principal: Principal,
  leadId: string,
  input: LiaisonInput,
): Promise<OwnedLead> {
  assertMayDate(principal, input.at, 'at');
  const lead = await ledgerLead(deps.leads, principal, leadId);
  assertNotWithdrawn(lead);
  const parkId = lead.owner.parkId;
  const refusal = liaisonRefusal(await deps.users.get(input.username), input.username, parkId);
  if (refusal)
    throw new HttpProblem(
      400,
      {
        zh: '联络员须为认领园区的分析员或经理',
        en: 'the liaison must be an analyst or manager of the owner park',
      },
      { errors: [refusal] },
    );
  if (lead.liaison?.username === input.username) return lead;
  const current = lead.pipelineRevision ?? 1;
  if (current !== input.pipelineRevision) throw stale(current);

  // An admin importing history may say when the liaison was named.
  const now = deps.now();
  const when = stepTime(principal, input.at, now, 'at', leadBounds(lead));
  const at = when.toISOString();
  const event = createEvent(Events.liaisonAssigned, {
    key: leadId,
    source: 'leads',
    occurredAt: when,
    payload: { leadId, parkId, liaison: input.username, by: principal.sub, at },
  });
  const updated = await deps.leads.updatePipeline(
    leadId,
    current,
    {
      $set: {
        liaison: { username: input.username, by: principal.sub, since: at },
        updatedAt: now.toISOString(),
      },
      $push: {
        history: {
          kind: 'liaison',
          at,
          by: principal.sub,
          parkId,
          ...(lead.liaison ? { from: lead.liaison.username } : {}),
          to: input.username,
        },
      },
    },
    [outboxEntry(Events.liaisonAssigned, event)],
  );
  if (!updated?.owner) throw stale((await deps.leads.get(leadId))?.pipelineRevision ?? current);
  deps.onEventsWritten();
  return updated as OwnedLead;
}
