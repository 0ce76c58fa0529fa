import { createEvent, Events, type LeadRevision } from '@parkmatch/contracts';
import { type OutboxEntry, outboxEntry, updateWithEvents } from '@parkmatch/service-kit';
import type { UpdateById } from '@parkmatch/store';
import type { MatchResult } from '../engine/index.ts';
import {
  directionKeys,
  type MatchDoc,
  type MatchRepository,
  matchId,
  type StoredScore,
} from './repository.ts';

/**
 * When a stored score is announced on the bus: a new profile revision always is (the
 * teams and the leads service learn of it); a re-rank after a catalog change only when
 * the tier moved, so publishing a catalog does not flood inboxes.
 */
export type Announce = 'always' | 'on-tier-change';

export interface ScoreToRecord {
  lead: LeadRevision;
  result: MatchResult;
  /** What is stored now for this lead and park (null when nothing). */
  previous: StoredScore | null;
}

/** Pairs each result with what is stored for it (one query). */
export async function withPrevious(
  matches: MatchRepository,
  scored: readonly { lead: LeadRevision; result: MatchResult }[],
): Promise<ScoreToRecord[]> {
  const ids = scored.map(({ lead, result }) => matchId(lead.leadId, result.parkId));
  const stored = await matches.stored(ids);
  return scored.map((item, i) => ({ ...item, previous: stored.get(ids[i] ?? '') ?? null }));
}

/**
 * Stores the results that are not current yet, each with its scored event when announced,
 * as one write. Returns how many were written.
 */
export async function recordScores(
  matches: MatchRepository,
  items: readonly ScoreToRecord[],
  options: { announce: Announce; now: Date },
): Promise<number> {
  const writes = items
    .filter(({ lead, result, previous }) => !isCurrent(previous, lead.revision, result))
    .map((item) => scoreWrite(item, options));
  await matches.write(writes);
  return writes.length;
}

/** Did the tier of this item move from what was stored? (A first score is no move.) */
export const tierMoved = ({ result, previous }: ScoreToRecord): boolean =>
  previous !== null && previous.tier !== result.tier;

function isCurrent(previous: StoredScore | null, revision: number, result: MatchResult): boolean {
  return (
    previous !== null &&
    previous.profileRevision >= revision &&
    previous.engineVersion === result.engineVersion &&
    previous.catalogVersion === result.catalogVersion
  );
}

/** The write of one result's stored score (with the scored event when announced). */
function scoreWrite(
  { lead, result, previous }: ScoreToRecord,
  options: { announce: Announce; now: Date },
): UpdateById {
  const firmName = lead.profile.firm.name;
  const projectTitle = lead.profile.project.title;
  const { reasons: _reasons, components: _components, ...stored } = result;
  const doc: Omit<MatchDoc, '_id'> = {
    ...stored,
    leadId: lead.leadId,
    firmName,
    projectTitle,
    profileRevision: lead.revision,
    updatedAt: options.now.toISOString(),
    hasDirection: directionKeys(result.matchedDirections),
  };
  const announce = options.announce === 'always' || previous?.tier !== result.tier;
  // Built only when announced: a re-rank writes 100,000 scores and announces a few percent.
  const events = announce ? [scoredEvent({ lead, result, previous })] : [];
  return {
    _id: matchId(lead.leadId, result.parkId),
    update: updateWithEvents({ $set: doc }, events),
    upsert: true,
  };
}

/** The outbox entry announcing a stored score (`matching.lead.scored.v1`). */
function scoredEvent({ lead, result, previous }: ScoreToRecord): OutboxEntry {
  const event = createEvent(Events.leadScored, {
    key: lead.leadId,
    source: 'matching',
    payload: {
      leadId: lead.leadId,
      parkId: result.parkId,
      firmName: lead.profile.firm.name,
      projectTitle: lead.profile.project.title,
      score: result.score,
      tier: result.tier,
      ...(previous ? { previousTier: previous.tier } : {}),
      matchedDirections: result.matchedDirections,
      reasons: result.reasons,
      engineVersion: result.engineVersion,
      catalogVersion: result.catalogVersion,
      profileRevision: lead.revision,
    },
  });
  return outboxEntry(Events.leadScored, event);
}
