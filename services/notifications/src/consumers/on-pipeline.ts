import type { EventOf, Events } from '@parkmatch/contracts';
import type { Notify } from '../delivery/notify.ts';
import type { LeadFacts } from '../lead-facts/facts.ts';
import { oneLeadAtATime } from '../lead-facts/one-at-a-time.ts';
import type { LeadFactsRepository } from '../lead-facts/repository.ts';
import {
  fromAppealClosed,
  fromAppealOpened,
  fromLeadClaimed,
  fromLeadTransferred,
  fromStageChanged,
} from '../notification/from-pipeline.ts';
import type { NotificationDoc } from '../notification/notification.ts';

// The closed loop's events (leads service): fold them into the lead facts, tell the SLA
// clocks, and announce what the owning park's team should hear of. One handler per topic;
// the topics keep no order between them, so every fold compares event times.

type Of<K extends keyof typeof Events> = EventOf<(typeof Events)[K]>;

/** What the SLA clocks need to hear (sla/clocks.ts implements it). */
export interface PipelineClocks {
  claimed(event: Of<'leadClaimed'>, lead: LeadFacts): Promise<void>;
  transferred(event: Of<'leadTransferred'>, lead: LeadFacts): Promise<void>;
  stageChanged(event: Of<'stageChanged'>, lead: LeadFacts): Promise<void>;
  liaisonAssigned(event: Of<'liaisonAssigned'>, lead: LeadFacts): Promise<void>;
  appealOpened(event: Of<'appealOpened'>, lead: LeadFacts): Promise<void>;
  appealClosed(event: Of<'appealClosed'>): Promise<void>;
  withdrawn(event: Of<'profileWithdrawn'>): Promise<void>;
}

export interface PipelineDeps {
  facts: LeadFactsRepository;
  notify: Notify;
  clocks: PipelineClocks;
  now: () => Date;
}

export function pipelineHandlers(deps: PipelineDeps) {
  const { facts, notify, clocks, now } = deps;
  const ctx = (lead: LeadFacts) => ({ lead, now: now() });

  /** Runs `each` over the batch in order (one lead at a time), then sends what it announced in one go. */
  const batch =
    <E extends { payload: { leadId: string } }>(each: (event: E) => Promise<NotificationDoc | null>) =>
    async (events: readonly E[]): Promise<void> => {
      const announced: NotificationDoc[] = [];
      for (const event of events) {
        const n = await oneLeadAtATime(event.payload.leadId, () => each(event));
        if (n) announced.push(n);
      }
      await notify(announced);
    };

  return {
    leadClaimed: batch(async (event: Of<'leadClaimed'>) => {
      const p = event.payload;
      const lead = await facts.recordOwner(p.leadId, p.parkId, p.at);
      await clocks.claimed(event, lead);
      return fromLeadClaimed(event, ctx(lead));
    }),
    leadTransferred: batch(async (event: Of<'leadTransferred'>) => {
      const p = event.payload;
      const lead = await facts.recordTransfer(p.leadId, p.toParkId, p.at);
      await clocks.transferred(event, lead);
      return fromLeadTransferred(event, ctx(lead));
    }),
    stageChanged: batch(async (event: Of<'stageChanged'>) => {
      const p = event.payload;
      const lead = await facts.recordStage(p.leadId, p.to, p.at);
      await clocks.stageChanged(event, lead);
      return fromStageChanged(event, ctx(lead));
    }),
    liaisonAssigned: batch(async (event: Of<'liaisonAssigned'>) => {
      const p = event.payload;
      const lead = await facts.recordLiaison(p.leadId, p.liaison, p.at);
      await clocks.liaisonAssigned(event, lead);
      return null;
    }),
    appealOpened: batch(async (event: Of<'appealOpened'>) => {
      const lead = await facts.get(event.payload.leadId);
      await clocks.appealOpened(event, lead);
      return fromAppealOpened(event, ctx(lead));
    }),
    appealClosed: batch(async (event: Of<'appealClosed'>) => {
      const lead = await facts.get(event.payload.leadId);
      await clocks.appealClosed(event);
      return fromAppealClosed(event, ctx(lead));
    }),
    profileWithdrawn: batch(async (event: Of<'profileWithdrawn'>) => {
      await facts.recordWithdrawn(event.payload.leadId, event.payload.at);
      await clocks.withdrawn(event);
      return null;
    }),
  };
}
