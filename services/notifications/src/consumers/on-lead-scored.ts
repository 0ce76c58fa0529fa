import type { Notify } from '../delivery/notify.ts';
import type { InboxRepository } from '../inbox/repository.ts';
import type { LeadFactsRepository } from '../lead-facts/repository.ts';
import { fromLeadScored, type LeadScored } from '../notification/from-scored.ts';

// Scored leads: remember each lead's latest score (for the wording of later notifications
// and for the inbox entries already there), and announce what the park's team should hear of.

export interface ScoredDeps {
  facts: LeadFactsRepository;
  inbox: InboxRepository;
  notify: Notify;
  now: () => Date;
  linkOf?: (leadId: string) => string | undefined;
}

export function onLeadsScored(deps: ScoredDeps) {
  return async (events: readonly LeadScored[]): Promise<void> => {
    await deps.facts.recordScores(
      events.map(({ payload: p, occurredAt }) => ({
        leadId: p.leadId,
        parkId: p.parkId,
        firmName: p.firmName,
        projectTitle: p.projectTitle,
        rating: { tier: p.tier, score: p.score, reasons: p.reasons, at: occurredAt },
      })),
    );
    const now = deps.now();
    const notifications = events.flatMap((event) => {
      const n = fromLeadScored(event, now, deps.linkOf?.(event.payload.leadId));
      return n ? [n] : [];
    });
    await deps.notify(notifications);
    for (const { payload: p, occurredAt } of events)
      await deps.inbox.refreshLatest(p.leadId, p.parkId, { tier: p.tier, score: p.score, at: occurredAt });
  };
}
