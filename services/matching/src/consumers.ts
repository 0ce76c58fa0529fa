import type { EventOf, Events } from '@parkmatch/contracts';
import type { Repositories } from './repositories.ts';
import { type Matcher, scoreLead } from './scoring.ts';

type ProfileEvent = EventOf<typeof Events.leadSubmitted> | EventOf<typeof Events.leadUpdated>;

/** A submitted or updated profile is scored at every park. */
export function onProfile(repos: Repositories, match: Matcher, onEventsWritten: () => void) {
  return async (event: ProfileEvent): Promise<void> => {
    const { leadId, revision, profile } = event.payload;
    const written = await scoreLead(repos, match, { leadId, revision, profile }, new Date());
    if (written > 0) onEventsWritten();
  };
}
