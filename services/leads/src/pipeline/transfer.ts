import { createEvent, Events, parkName, type TransferRequest } from '@parkmatch/contracts';
import { HttpProblem, isCityWide, outboxEntry, type Principal } from '@parkmatch/service-kit';
import { assertMayDate, leadBounds, stepTime } from '../history-import.ts';
import { assertNotWithdrawn, type Lead } from '../lead/lead.ts';
import type { PipelineDeps } from './deps.ts';
import { changedMeanwhile, pipelineRevisionOf } from './problems.ts';
import { visibleLead } from './visible-lead.ts';

// A city manager or an admin hands a claimed lead to another park, with a reason. The new
// park works it from now on; the liaison, an account of the old park's team, is let go.
// Made on the pipeline revision the caller read (compare-and-set, as a stage move): of two
// transfers sent at once, one wins and the other is told where the lead went (409), so no
// park is told it has a lead that another transfer takes away a moment later.

export async function transferLead(
  deps: PipelineDeps,
  principal: Principal,
  leadId: string,
  { toParkId, reason, pipelineRevision, at: given }: TransferRequest,
): Promise<Lead> {
  if (!isCityWide(principal))
    throw new HttpProblem(403, {
      zh: '只有市级管理员或系统管理员可以转移线索',
      en: 'only a city manager or an admin may transfer a lead',
    });
  assertMayDate(principal, given, 'at');
  const lead = await visibleLead(deps.leads, principal, leadId);
  assertNotWithdrawn(lead);
  // Stale first: a lead transferred meanwhile may now belong to `toParkId` itself.
  if (pipelineRevision !== pipelineRevisionOf(lead)) throw changedMeanwhile(lead);
  if (!lead.owner)
    throw new HttpProblem(409, {
      zh: '该线索尚未被认领：请直接为园区认领',
      en: 'nobody owns this lead yet: claim it for the park instead',
    });
  const fromParkId = lead.owner.parkId;
  if (fromParkId === toParkId)
    throw new HttpProblem(
      409,
      {
        zh: `该线索已归属「${parkName(toParkId).zh}」`,
        en: `${parkName(toParkId).en} already owns this lead`,
      },
      {
        errors: [
          { path: 'toParkId', message: '已是归属园区', messageEn: 'already the owner', code: 'same_owner' },
        ],
      },
    );
  // An admin importing history may say when the transfer happened.
  const now = deps.now();
  const when = stepTime(principal, given, now, 'at', leadBounds(lead));
  const at = when.toISOString();
  const by = principal.sub;
  const event = createEvent(Events.leadTransferred, {
    key: leadId,
    source: 'leads',
    occurredAt: when,
    payload: { leadId, fromParkId, toParkId, reason, by, at },
  });
  const transferred = await deps.leads.updatePipeline(
    leadId,
    pipelineRevision,
    {
      $set: { owner: { parkId: toParkId, by, since: at }, updatedAt: now.toISOString() },
      $unset: { liaison: '' },
      $push: {
        history: {
          kind: 'transferred',
          at,
          by,
          parkId: toParkId,
          from: fromParkId,
          to: toParkId,
          note: reason,
        },
      },
    },
    [outboxEntry(Events.leadTransferred, event)],
  );
  if (!transferred) throw changedMeanwhile((await deps.leads.get(leadId)) ?? lead);
  deps.onEventsWritten();
  return transferred;
}
