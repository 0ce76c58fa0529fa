import { parkName, STAGE_LABELS } from '@parkmatch/contracts';
import { HttpProblem } from '@parkmatch/service-kit';
import type { Lead } from '../lead/lead.ts';

// The answers the pipeline's use cases share: a lead not to be seen, one changed meanwhile,
// one owned by another park, one the firm withdrew.

/** The lead's pipeline revision (leads stored before the closed loop have none yet: they are at 1). */
export const pipelineRevisionOf = (lead: Pick<Lead, 'pipelineRevision'>): number =>
  lead.pipelineRevision ?? 1;

/** 404 for a lead that does not exist and for one the caller may not see, alike. */
export const noSuchLead = (leadId: string) =>
  new HttpProblem(404, { zh: `没有线索 ${leadId}`, en: `no lead ${leadId}` });

/**
 * 409: the lead moved on since the caller read it; here is where it stands now: its owner park
 * (when it has one), its stage and its revision.
 */
export const changedMeanwhile = (lead: Lead) => {
  const stage = STAGE_LABELS[lead.stage];
  const revision = pipelineRevisionOf(lead);
  const owner = lead.owner ? parkName(lead.owner.parkId) : undefined;
  return new HttpProblem(
    409,
    {
      zh: `此线索已被他人更新，当前${owner ? `归属「${owner.zh}」，` : ''}阶段为「${stage.zh}」，请刷新后再试`,
      en: `the lead changed meanwhile (now ${owner ? `${owner.en}’s, at ` : 'at '}${stage.en}); reload and retry`,
    },
    {
      extensions: {
        stage: lead.stage,
        pipelineRevision: revision,
        ...(lead.owner ? { owner: { parkId: lead.owner.parkId } } : {}),
      },
    },
  );
};

/** 409: another park claimed the lead first (首报首谈). */
export const claimedBy = (parkId: string) => {
  const name = parkName(parkId);
  return new HttpProblem(
    409,
    { zh: `该线索已由「${name.zh}」认领（首报首谈）`, en: `the lead is already claimed by ${name.en}` },
    { extensions: { owner: { parkId } } },
  );
};

/** 409 for any change to a lead the firm withdrew: it is closed for good. */
