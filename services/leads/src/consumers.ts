import type { EventOf, Events } from '@parkmatch/contracts';
import type { Repositories } from './repositories.ts';

/**
 * Records how each park rated a lead (decides which teams may see it). Idempotent: the
 * same event applied twice leaves the same document; events of one lead arrive in order.
 */
export function recordParkRating(repos: Repositories) {
  return async (event: EventOf<typeof Events.leadScored>): Promise<void> => {
    const { leadId, parkId, tier, score } = event.payload;
    await repos.leads.updateOne({ _id: leadId }, { $set: { [`parks.${parkId}`]: { tier, score } } });
  };
}
