import { createEvent, Events, type PublicProfile } from '@parkmatch/contracts';
import { outboxEntry, updateWithEvents } from '@parkmatch/service-kit';
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

/**
 * Stores one (lead, park) result, with its scored event when announced, and updates the
 * ranking. `previous` is what is stored now for this lead and park (null when nothing).
 */
export async function recordMatch(
  repos: Repositories,
  ranking: RankIndex,
  lead: LeadToScore,
  result: MatchResult,
  previous: PreviousMatch | null,
  options: { announce: Announce; now: Date },
): Promise<'written' | 'current'> {
  const id = matchId(lead.leadId, result.parkId);
  if (isCurrent(previous, lead.revision, result)) return 'current';
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
  await repos.matches.updateOne({ _id: id }, updateWithEvents({ $set: doc }, events), { upsert: true });
  ranking.upsert(result.parkId, rankEntryOf(doc));
  return 'written';
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
  const results = match(lead);
  const previous = await previousMatches(
    repos,
    results.map((r) => matchId(lead.leadId, r.parkId)),
  );
  let written = 0;
  for (const result of results) {
    const before = previous.get(matchId(lead.leadId, result.parkId)) ?? null;
    const outcome = await recordMatch(repos, ranking, lead, result, before, { announce: 'always', now });
    if (outcome === 'written') written++;
  }
  await repos.profiles.updateOne(
    { _id: lead.leadId },
    { $set: { revision: lead.revision, profile: lead.profile, receivedAt: now.toISOString() } },
    { upsert: true },
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
