import type { EventOf, Events } from '@parkmatch/contracts';
import type { MatchResult } from './domain/index.ts';
import type { RankIndex } from './domain/rank-index.ts';
import type { Repositories } from './repositories.ts';
import { type LeadToScore, scoreLead } from './scoring.ts';

type ProfileEvent = EventOf<typeof Events.leadSubmitted> | EventOf<typeof Events.leadUpdated>;

/** A submitted or updated profile is scored at every park. */
export function onProfile(deps: {
  repos: Repositories;
  ranking: RankIndex;
  match: (lead: LeadToScore) => MatchResult[];
  onEventsWritten: () => void;
}) {
  return async (event: ProfileEvent): Promise<void> => {
    const { leadId, revision, profile } = event.payload;
    const written = await scoreLead(
      deps.repos,
      deps.ranking,
      deps.match,
      { leadId, revision, profile },
      new Date(),
    );
    if (written > 0) deps.onEventsWritten();
  };
}
