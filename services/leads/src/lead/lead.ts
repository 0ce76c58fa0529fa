import type {
  LeadHistoryEntry,
  LeadProfile,
  LeadView,
  ParkRating,
  PipelineStage,
  Profile,
  PublicProfile,
  Stage,
} from '@parkmatch/contracts';
import { HttpProblem } from '@parkmatch/service-kit';

/** A firm's relocation profile as the leads service keeps it, with its place in the pipeline. */
export interface Lead {
  _id: string;
  /** The profile's revision: each update by the firm adds one. */
  revision: number;
  /** As submitted; without the contact person and consent once the firm has withdrawn it. */
  profile: LeadProfile;
  /** How each park's matcher rated this lead: who may see it and where it is worth working. */
  parks: Record<string, ParkRating>;
  /**
   * The codes of each park's directions the project fits (the matched directions of its latest
   * score there): what the firm may be told of why a park wants it. Absent on leads scored
   * before it was kept.
   */
  fits?: Record<string, string[]>;
  stage: Stage;
  /** For on-hold and lost: the pipeline stage the lead left. */
  heldFrom?: PipelineStage;
  stageEnteredAt: string;
  /** Adds one on every change of owner, liaison or stage: a move made on an older one is stale. */
  pipelineRevision: number;
  owner?: { parkId: string; by: string; since: string };
  liaison?: { username: string; by: string; since: string };
  /** 一企一策 ledger: the annual output and sales the owner park expects of the firm (CNY). */
  expectations?: {
    expectedAnnualOutputCny?: number;
    expectedAnnualSalesCny?: number;
    by: string;
    at: string;
  };
  /** 重点培育 ledger, set by hand: on it or off it (absent: a lead at 投产 is on it). */
  keyFirm?: { onLedger: boolean; by: string; at: string };
  /** The facts recorded on entering each stage that has some, by stage. */
  facts: Record<string, Record<string, unknown>>;
  history: LeadHistoryEntry[];
  /** The firm's token epoch: raised when its link is re-issued or it withdraws (absent: 0). */
  accessEpoch?: number;
  createdAt: string;
  updatedAt: string;
}

export function createLead(id: string, profile: Profile, now: Date): Lead {
  const at = now.toISOString();
  return {
    _id: id,
    revision: 1,
    profile,
    parks: {},
    stage: 'lead',
    stageEnteredAt: at,
    pipelineRevision: 1,
    facts: {},
    history: [],
    createdAt: at,
    updatedAt: at,
  };
}

/** What leaves the leads service about a profile: never the contact person. */
export function publicProfile(profile: Profile): PublicProfile {
  const { contact: _contact, consent: _consent, ...rest } = profile;
  return rest;
}

/** The lead as the API shows it (leads stored before the closed loop read as fresh ones). */
export function leadView(lead: Lead): LeadView {
  return {
    id: lead._id,
    revision: lead.revision,
    stage: lead.stage,
    ...(lead.heldFrom ? { heldFrom: lead.heldFrom } : {}),
    stageEnteredAt: lead.stageEnteredAt ?? lead.createdAt,
    pipelineRevision: lead.pipelineRevision ?? 1,
    ...(lead.owner ? { owner: lead.owner } : {}),
    ...(lead.liaison ? { liaison: lead.liaison } : {}),
    facts: lead.facts ?? {},
    history: lead.history ?? [],
    profile: lead.profile,
    parks: lead.parks,
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
  };
}

/**
 * A withdrawn lead is closed for good (the firm withdrew its profile): nothing more is
 * recorded on it. 409 with its stage and pipeline revision.
 */
export function assertNotWithdrawn(lead: Pick<Lead, '_id' | 'stage' | 'pipelineRevision'>): void {
  if (lead.stage === 'withdrawn')
    throw new HttpProblem(
      409,
      {
        zh: `企业已撤回线索 ${lead._id}，线索已关闭，不再记录新内容`,
        en: `lead ${lead._id} was withdrawn by its firm; the lead is closed and takes no more changes`,
      },
      { extensions: { stage: lead.stage, pipelineRevision: lead.pipelineRevision ?? 1 } },
    );
}
