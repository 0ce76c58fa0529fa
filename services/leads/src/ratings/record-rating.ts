import type { EventOf, Events } from '@parkmatch/contracts';
import type { LeadRepository } from '../lead/repository.ts';

type LeadScored = EventOf<typeof Events.leadScored>;

/**
 * Records how each park rated a lead: it decides which teams may see the lead. Events of
 * one lead arrive in order, so the last rating of a batch for a (lead, park) wins.
 */
export function recordParkRatings(leads: LeadRepository) {
  return async (events: readonly LeadScored[]): Promise<void> => {
    await leads.recordRatings(
      events.map(({ payload: { leadId, parkId, tier, score, matchedDirections } }) => ({
        leadId,
        parkId,
        rating: { tier, score },
        // Which of the park's directions the project fits: the firm may be told these.
        fits: matchedDirections.map((d) => d.code),
      })),
    );
  };
}
