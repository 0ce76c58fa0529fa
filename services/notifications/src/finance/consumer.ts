import type { EventBus, Subscription } from '@parkmatch/bus';
import { CONSUMER_GROUPS, Events } from '@parkmatch/contracts';
import { consumeEvents, type Logger, type Metrics } from '@parkmatch/service-kit';
import type { ChannelDoc } from '../channels/channel.ts';
import type { ChannelRepository } from '../channels/repository.ts';
import type { Notify, Send } from '../delivery/notify.ts';
import type { LeadFactsRepository } from '../lead-facts/repository.ts';
import type { PlannedDelivery } from '../notification/notification.ts';
import type { SubscriberRepository } from '../preferences/repository.ts';
import { accountId } from '../preferences/subscriber.ts';
import { planBankDeliveries } from './plan.ts';
import { fromNeedAnswered, fromNeedPushed, type NeedAnswered, type NeedPushed } from './wording.ts';

// firm-services' financing events, announced. A need pushed to a bank: its officers hear of it
// (the bank's inbox, and their own channels). A bank's offer or decline: the firm's liaison
// hears of it (the park's inbox addressed to the liaison, and the channels the park's rules
// ask for), through the same notifier as the closed loop's notifications. Every id derives
// from the event (notification) and from the notification, channel and recipient (delivery),
// and a delivery's job id is the delivery's: an event seen twice sends nothing twice.

export interface FinanceDeps {
  subscribers: SubscriberRepository;
  channels: ChannelRepository;
  facts: LeadFactsRepository;
  /** The closed loop's notifier (parks' audiences). */
  notify: Notify;
  /** Stores and makes the deliveries of notifications planned here (the banks' audiences). */
  send: Send;
  now: () => Date;
}

export function financeHandlers(deps: FinanceDeps) {
  return {
    /** Needs pushed to banks: one notification per push, planned to the bank's officers. */
    async needPushed(events: readonly NeedPushed[]): Promise<PlannedDelivery[]> {
      if (events.length === 0) return [];
      const now = deps.now();
      const batch = events.map((event) => fromNeedPushed(event, now));
      const usernames = [...new Set(events.flatMap((e) => e.payload.officers))];
      const officers = (await Promise.all(usernames.map((u) => deps.subscribers.get(accountId(u))))).filter(
        (s) => s !== null,
      );
      const channels = new Map<string, ChannelDoc>(
        officers.length === 0
          ? []
          : (await deps.channels.ofSubscribers(officers.map((o) => o._id))).map((c) => [c._id, c]),
      );
      const planned = batch.map((n) => ({
        ...n,
        deliveries: planBankDeliveries(n, officers, channels, now),
      }));
      return deps.send(planned, now);
    },

    /** Banks' answers: an offer or a decline, to the firm's liaison at the park owning the lead. */
    async needAnswered(events: readonly NeedAnswered[]): Promise<PlannedDelivery[]> {
      const now = deps.now();
      const leads = await deps.facts.getMany(events.map((e) => e.payload.leadId));
      const announced = events.flatMap((event) => {
        const lead = leads.get(event.payload.leadId);
        const n = lead && fromNeedAnswered(event, { lead, now });
        return n ? [n] : [];
      });
      return deps.notify(announced);
    },
  };
}

/** Consumes the two topics in the `notifications.finance` group. */
export function consumeFinance(
  deps: FinanceDeps & { bus: EventBus; logger: Logger; metrics?: Metrics },
): Promise<Subscription[]> {
  const handlers = financeHandlers(deps);
  const { bus, logger, metrics } = deps;
  const group = CONSUMER_GROUPS.notificationsFinance.group;
  const common = { bus, group, logger, ...(metrics ? { metrics } : {}) };
  return Promise.all([
    consumeEvents({
      ...common,
      definition: Events.financeNeedPushed,
      handleBatch: async (events) => void (await handlers.needPushed(events)),
    }),
    consumeEvents({
      ...common,
      definition: Events.financeNeedAnswered,
      handleBatch: async (events) => void (await handlers.needAnswered(events)),
    }),
  ]);
}
