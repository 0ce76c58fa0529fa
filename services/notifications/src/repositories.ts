import type { DocumentStore } from '@parkmatch/store';
import { ChannelRepository } from './channels/repository.ts';
import { DeliveryRepository } from './delivery/repository.ts';
import { InboxRepository } from './inbox/repository.ts';
import { LeadFactsRepository } from './lead-facts/repository.ts';
import { NotificationRepository } from './notification/repository.ts';
import { SubscriberRepository } from './preferences/repository.ts';
import { ClockRepository } from './sla/repository.ts';
import { SlaSettingsRepository } from './sla/settings-repository.ts';

/** Every collection of the notifications service, each through its repository. */
export interface Repositories {
  inbox: InboxRepository;
  subscribers: SubscriberRepository;
  channels: ChannelRepository;
  notifications: NotificationRepository;
  deliveries: DeliveryRepository;
  facts: LeadFactsRepository;
  clocks: ClockRepository;
  slaSettings: SlaSettingsRepository;
}

export async function openRepositories(store: DocumentStore): Promise<Repositories> {
  const [inbox, subscribers, channels, notifications, deliveries, facts, clocks, slaSettings] =
    await Promise.all([
      InboxRepository.open(store),
      SubscriberRepository.open(store),
      ChannelRepository.open(store),
      NotificationRepository.open(store),
      DeliveryRepository.open(store),
      LeadFactsRepository.open(store),
      ClockRepository.open(store),
      SlaSettingsRepository.open(store),
    ]);
  return { inbox, subscribers, channels, notifications, deliveries, facts, clocks, slaSettings };
}
