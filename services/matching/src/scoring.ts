import { createEvent, Events, type PublicProfile } from '@parkmatch/contracts';
import { outboxEntry, updateWithEvents } from '@parkmatch/service-kit';
import type { MatchResult } from './domain/index.ts';
import { type MatchDoc, matchId, type Repositories } from './repositories.ts';

export interface LeadToScore {
  leadId: string;
  revision: number;
  profile: PublicProfile;
}

/** Scores a lead against every park; results come best park first. */
export type Matcher = (profile: PublicProfile) => MatchResult[];

/**
 * Scores one lead at every park and stores each score together with the event that
 * announces it. Idempotent: a revision already scored with the same engine and catalog
 * is skipped, so a redelivered event writes and emits nothing.
 */
export async function scoreLead(
  repos: Repositories,
  match: Matcher,
  lead: LeadToScore,
  now: Date,
): Promise<number> {
  const stored = await repos.profiles.findOne({ _id: lead.leadId }, { projection: { revision: 1 } });
  if (stored && stored.revision > lead.revision) return 0; // a newer revision was scored already
  let written = 0;
  for (const result of match(lead.profile)) {
    const id = matchId(lead.leadId, result.parkId);
    const previous = await repos.matches.findOne(
      { _id: id },
      { projection: { tier: 1, profileRevision: 1, engineVersion: 1, catalogVersion: 1 } },
    );
    if (isCurrent(previous, lead.revision, result)) continue;
    const firmName = lead.profile.firm.name;
    const projectTitle = lead.profile.project.title;
    const event = createEvent(Events.leadScored, {
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
        matchedDirections: result.matchedDirections.map((d) => ({ ...d, evidence: [...d.evidence] })),
        reasons: { zh: [...result.reasons.zh], en: [...result.reasons.en] },
        engineVersion: result.engineVersion,
        catalogVersion: result.catalogVersion,
        profileRevision: lead.revision,
      },
    });
    const doc: Omit<MatchDoc, '_id'> = {
      ...result,
      leadId: lead.leadId,
      firmName,
      projectTitle,
      profileRevision: lead.revision,
      updatedAt: now.toISOString(),
    };
    await repos.matches.updateOne(
      { _id: id },
      updateWithEvents({ $set: doc }, [outboxEntry(Events.leadScored, event)]),
      {
        upsert: true,
      },
    );
    written++;
  }
  await repos.profiles.updateOne(
    { _id: lead.leadId },
    { $set: { revision: lead.revision, profile: lead.profile, receivedAt: now.toISOString() } },
    { upsert: true },
  );
  return written;
}

function isCurrent(
  previous: Pick<MatchDoc, 'profileRevision' | 'engineVersion' | 'catalogVersion'> | null,
  revision: number,
  result: MatchResult,
): boolean {
  return (
    previous !== null &&
    previous.profileRevision >= revision &&
    previous.engineVersion === result.engineVersion &&
    previous.catalogVersion === result.catalogVersion
  );
}
