import { type ClaimRequest, createEvent, Events, parkName } from '@parkmatch/contracts';
import { canClaimFor, HttpProblem, isCityWide, outboxEntry, type Principal } from '@parkmatch/service-kit';
import { assertMayDate, leadBounds, stepTime } from '../history-import.ts';
import { assertNotWithdrawn, type Lead } from '../lead/lead.ts';
import type { PipelineDeps } from './deps.ts';
import { changedMeanwhile, claimedBy, pipelineRevisionOf } from './problems.ts';
import { visibleLead } from './visible-lead.ts';

// 首报首谈: the first park to claim a lead owns it. The claim is one compare-and-set whose
// filter says "nobody owns it", so of two parks claiming at once exactly one wins.

/** The park a claim is for: the caller's own, or the one city-wide staff name. */
function claimingPark(principal: Principal, named: string | undefined): string {
  if (isCityWide(principal)) {
    if (named) return named;
    throw new HttpProblem(
      400,
      { zh: '请指明为哪个园区认领', en: 'name the park the lead is claimed for' },
      {
        errors: [
          {
            path: 'parkId',
            message: '管理员须指明园区',
            messageEn: 'required for city-wide staff',
            code: 'required',
          },
        ],
      },
    );
  }
  const own = principal.parkId;
  if (!own || (named && named !== own))
    throw new HttpProblem(403, { zh: '只能为本园区认领', en: 'you may claim only for your own park' });
  return own;
}

/** Claims the lead for a park that rated it A–C; 409 naming the owner when a park was first. */
export async function claimLead(
  deps: PipelineDeps,
  principal: Principal,
  leadId: string,
  request: ClaimRequest,
): Promise<Lead> {
  assertMayDate(principal, request.at, 'at');
  const lead = await visibleLead(deps.leads, principal, leadId);
  const parkId = claimingPark(principal, request.parkId);
  assertNotWithdrawn(lead);
  if (lead.owner) throw claimedBy(lead.owner.parkId);
  if (!canClaimFor(principal, parkId, lead.parks[parkId])) {
    const name = parkName(parkId);
    throw new HttpProblem(403, {
      zh: `「${name.zh}」未将该线索评为 A–C 级，不能认领`,
      en: `${name.en} did not rate this lead A to C; it cannot claim it`,
    });
  }
  // An admin importing history may say when the claim happened.
  const now = deps.now();
  const when = stepTime(principal, request.at, now, 'at', leadBounds(lead));
  const at = when.toISOString();
  const event = createEvent(Events.leadClaimed, {
    key: leadId,
    source: 'leads',
    occurredAt: when,
    payload: { leadId, parkId, by: principal.sub, at },
  });
  const claimed = await deps.leads.updatePipeline(
    leadId,
    pipelineRevisionOf(lead),
    {
      $set: { owner: { parkId, by: principal.sub, since: at }, updatedAt: now.toISOString() },
      $push: { history: { kind: 'claimed', at, by: principal.sub, parkId } },
    },
    [outboxEntry(Events.leadClaimed, event)],
    { 'owner.parkId': { $exists: false } },
  );
  if (!claimed) {
    const current = await deps.leads.get(leadId);
    if (current?.owner) throw claimedBy(current.owner.parkId);
    throw changedMeanwhile(current ?? lead);
  }
  deps.onEventsWritten();
  return claimed;
}
