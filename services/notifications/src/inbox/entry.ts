import {
  type EventOf,
  type Events,
  type InboxItem,
  type InboxKind,
  isWorkableTier,
  type MatchedDirection,
  TIER_RANK,
  type Tier,
} from '@parkmatch/contracts';

// What lands in a park team's inbox, and when. Pure: no I/O.

export interface InboxEntry {
  /** Idempotency key: one entry per lead, park and tier reached. */
  _id: string;
  parkId: string;
  leadId: string;
  kind: InboxKind;
  tier: Tier;
  score: number;
  firmName: string;
  projectTitle: string;
  title: { zh: string; en: string };
  reasons: { zh: string[]; en: string[] };
  matchedDirections: MatchedDirection[];
  createdAt: string;
  readAt: string | null;
}

export type LeadScored = EventOf<typeof Events.leadScored>;

/** A scored lead deserves an inbox entry when it is new to the park or moved up a tier, and is C or better. */
export function shouldNotify(payload: LeadScored['payload']): false | InboxKind {
  if (!isWorkableTier(payload.tier)) return false; // the team never sees a tier-D lead
  if (!payload.previousTier) return 'new-lead';
  return TIER_RANK[payload.tier] > TIER_RANK[payload.previousTier] ? 'tier-up' : false;
}

export function inboxKey(payload: Pick<LeadScored['payload'], 'leadId' | 'parkId' | 'tier'>): string {
  return `${payload.leadId}:${payload.parkId}:${payload.tier}`;
}

export function buildInboxEntry(event: LeadScored, kind: InboxKind, now: Date): InboxEntry {
  const p = event.payload;
  const title =
    kind === 'new-lead'
      ? { zh: `新线索（${p.tier}级）：${p.firmName}`, en: `New tier-${p.tier} lead: ${p.firmName}` }
      : { zh: `线索升至${p.tier}级：${p.firmName}`, en: `Lead moved up to tier ${p.tier}: ${p.firmName}` };
  return {
    _id: inboxKey(p),
    parkId: p.parkId,
    leadId: p.leadId,
    kind,
    tier: p.tier,
    score: p.score,
    firmName: p.firmName,
    projectTitle: p.projectTitle,
    title,
    reasons: p.reasons,
    matchedDirections: p.matchedDirections,
    createdAt: now.toISOString(),
    readAt: null,
  };
}

/** The entry as the API shows it. */
export function inboxItem({ _id, matchedDirections: _directions, ...rest }: InboxEntry): InboxItem {
  return { id: _id, ...rest };
}
