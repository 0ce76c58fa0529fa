import { createEvent, Events, type PublicProfile } from '@parkmatch/contracts';
import { outboxEntry, updateWithEvents } from '@parkmatch/service-kit';
import type { UpdateById } from '@parkmatch/store';
import type { MatchResult } from './domain/index.ts';
import type { RankIndex } from './domain/rank-index.ts';
import { rankEntryOf } from './ranking.ts';
import { type MatchDoc, matchId, type Repositories } from './repositories.ts';

export interface LeadToScore {
  leadId: string;
  revision: number;
  profile: PublicProfile;
}

/**
 * When a stored score is announced on the bus: a new profile revision always is (the
 * teams and the leads service learn of it); a re-rank after a catalog change only when
 * the tier moved, so publishing a catalog does not flood inboxes.
 */
export type Announce = 'always' | 'on-tier-change';

export type PreviousMatch = Pick<
  MatchDoc,
  '_id' | 'tier' | 'profileRevision' | 'engineVersion' | 'catalogVersion'
>;
export const PREVIOUS_PROJECTION = {
  tier: 1,
  profileRevision: 1,
  engineVersion: 1,
  catalogVersion: 1,
} as const;

/** What is stored for these (lead, park) ids, to compare new results with (one query). */
export async function previousMatches(
  repos: Repositories,
  ids: string[],
): Promise<Map<string, PreviousMatch>> {
  const docs = await repos.matches.find({ _id: { $in: ids } }, { projection: PREVIOUS_PROJECTION });
  return new Map(docs.map((d) => [d._id, d]));
}

export interface MatchToRecord {
  lead: LeadToScore;
  result: MatchResult;
  /** What is stored now for this lead and park (null when nothing). */
  previous: PreviousMatch | null;
}

/**
 * Stores the results that are not current yet, each with its scored event when announced,
 * as one write, then updates the ranking. Returns how many were written.
 */
export async function recordMatches(
  repos: Repositories,
  ranking: RankIndex,
  items: readonly MatchToRecord[],
  options: { announce: Announce; now: Date },
): Promise<number> {
  const writes = items
    .filter(({ lead, result, previous }) => !isCurrent(previous, lead.revision, result))
    .map((item) => matchWrite(item, options));
  await repos.matches.bulkUpdateById(writes.map(({ op }) => op));
  for (const { parkId, doc } of writes) ranking.upsert(parkId, rankEntryOf(doc));
  return writes.length;
}

/** The stored score of one result, and its write (with the scored event when announced). */
function matchWrite(
  { lead, result, previous }: MatchToRecord,
  options: { announce: Announce; now: Date },
): { parkId: string; doc: Omit<MatchDoc, '_id'>; op: UpdateById } {
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
  };
  const announce = options.announce === 'always' || previous?.tier !== result.tier;
  const events = announce
    ? [
        outboxEntry(
          Events.leadScored,
          createEvent(Events.leadScored, {
            key: lead.leadId,
            source: 'matching',
            payload: {
              leadId: lead.leadId,
              parkId: result.parkId,
              firmName,
              projectTitle,
              score: result.score,
              tier: result.tier,
              ...(previous ? { previousTier: previous.tier } : {}),
              matchedDirections: result.matchedDirections,
              reasons: result.reasons,
              engineVersion: result.engineVersion,
              catalogVersion: result.catalogVersion,
              profileRevision: lead.revision,
            },
          }),
        ),
      ]
    : [];
  const _id = matchId(lead.leadId, result.parkId);
  return {
    parkId: result.parkId,
    doc,
    op: { _id, update: updateWithEvents({ $set: doc }, events), upsert: true },
  };
}

/**
 * Scores a new profile revision at every park and stores each result with the event that
 * announces it. Idempotent: a redelivered event finds every score current and writes nothing.
 */
export async function scoreLead(
  repos: Repositories,
  ranking: RankIndex,
  match: (lead: LeadToScore) => MatchResult[],
  lead: LeadToScore,
  now: Date,
): Promise<number> {
  const stored = await repos.profiles.findOne({ _id: lead.leadId }, { projection: { revision: 1 } });
  if (stored && stored.revision > lead.revision) return 0; // a newer revision was scored already
  // The profile first: every stored score can then be explained from it (a redelivery after
  // a crash here finds the revision stored and scores it again).
  await repos.profiles.updateOne(
    { _id: lead.leadId },
    { $set: { revision: lead.revision, profile: lead.profile, receivedAt: now.toISOString() } },
    { upsert: true },
  );
  const results = match(lead);
  const previous = await previousMatches(
    repos,
    results.map((r) => matchId(lead.leadId, r.parkId)),
  );
  const written = await recordMatches(
    repos,
    ranking,
    results.map((result) => ({
      lead,
      result,
      previous: previous.get(matchId(lead.leadId, result.parkId)) ?? null,
    })),
    { announce: 'always', now },
  );
  return written;
}

function isCurrent(previous: PreviousMatch | null, revision: number, result: MatchResult): boolean {
  return (
    previous !== null &&
    previous.profileRevision >= revision &&
    previous.engineVersion === result.engineVersion &&
    previous.catalogVersion === result.catalogVersion
  );
}
