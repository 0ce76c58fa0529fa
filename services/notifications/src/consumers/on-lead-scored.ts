import type { Notify } from '../delivery/notify.ts';
import type { InboxRepository } from '../inbox/repository.ts';
import type { LeadFacts } from '../lead-facts/facts.ts';
import { oneLeadAtATime } from '../lead-facts/one-at-a-time.ts';
import type { LeadFactsRepository } from '../lead-facts/repository.ts';
import { fromLeadScored, type LeadScored } from '../notification/from-scored.ts';
import type { Arrival } from '../sla/clocks.ts';

// Scored leads: remember each lead's latest score (for the wording of later notifications
// and for the inbox entries already there), start the first-contact clock of a key lead new at
// a park (tier A or B), and announce what the park's team should hear of.

export interface ScoredDeps {
  facts: LeadFactsRepository;
  inbox: InboxRepository;
  notify: Notify;
  now: () => Date;
  /** The SLA clocks (sla/clocks.ts); none: no clock starts on arrival. */
  clocks?: { arrived(arrivals: readonly Arrival[], leads: ReadonlyMap<string, LeadFacts>): Promise<void> };
}

const KEY_TIERS: ReadonlySet<string> = new Set(['A', 'B']);

/** Scores that make a lead a key lead at a park where it was not one: its first-contact clock starts. */
export function arrivalsOf(events: readonly LeadScored[]): Arrival[] {
  return events
    .filter(({ payload: p }) => KEY_TIERS.has(p.tier) && !(p.previousTier && KEY_TIERS.has(p.previousTier)))
    .map(({ payload: p, occurredAt }) => ({ leadId: p.leadId, parkId: p.parkId, at: occurredAt }));
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
    const { clocks } = deps;
    if (clocks) {
      // Each lead's arrivals read its facts and start its clocks in its turn (one-at-a-time.ts).
      const arrivals = Map.groupBy(arrivalsOf(events), (a) => a.leadId);
      await Promise.all(
        [...arrivals].map(([leadId, ofLead]) =>
          oneLeadAtATime(leadId, async () => clocks.arrived(ofLead, await deps.facts.getMany([leadId]))),
        ),
      );
    }
    const now = deps.now();
    const notifications = events.flatMap((event) => {
      const n = fromLeadScored(event, now);
      return n ? [n] : [];
    });
    await deps.notify(notifications);
    await deps.inbox.refreshLatest(
      events.map(({ payload: p, occurredAt }) => ({
        leadId: p.leadId,
        parkId: p.parkId,
        tier: p.tier,
        score: p.score,
        at: occurredAt,
      })),
    );
  };
}
