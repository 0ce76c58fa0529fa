import { inboxEntryOf } from '../inbox/entry.ts';
import type { InboxRepository } from '../inbox/repository.ts';
import type { LeadFactsRepository } from '../lead-facts/repository.ts';
import { type Channel, DeliveryError } from './port.ts';

// The in-app inbox as a channel: the target is the park whose team's inbox gets the entry,
// which carries the lead's latest rating there. A park's team sees only leads its park rated
// (access.ts), so an entry waits (is retried) until that rating is known. Writing the same
// message twice leaves one entry.

export function inboxChannel(
  inbox: InboxRepository,
  facts: Pick<LeadFactsRepository, 'get'>,
  now: () => Date = () => new Date(),
): Channel {
  return {
    type: 'inbox',
    async send(message, target) {
      const about = message.facts;
      if (!about || message.kind === 'daily-digest')
        throw new DeliveryError(`${message.kind} is not about a lead: no inbox entry`, { permanent: true });
      if (about.parkId !== target.address)
        throw new DeliveryError(`message for ${about.parkId} sent to the inbox of ${target.address}`, {
          permanent: true,
        });
      const stored = (await facts.get(about.leadId)).parks[about.parkId];
      const carried =
        about.tier !== null && about.score !== null
          ? { tier: about.tier, score: about.score, at: message.occurredAt }
          : undefined;
      const latest = stored && (!carried || stored.at >= carried.at) ? stored : carried;
      if (!latest) throw new DeliveryError(`lead ${about.leadId} has no rating at ${about.parkId} yet`);
      const entry = inboxEntryOf(message, latest, now());
      if (entry) await inbox.add([entry]);
    },
  };
}
