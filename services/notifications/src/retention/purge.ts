import type { RetentionConfig } from '../config.ts';
import type { DeliveryRepository } from '../delivery/repository.ts';
import type { BankInboxRepository } from '../finance/inbox.ts';
import type { InboxRepository } from '../inbox/repository.ts';
import type { NotificationRepository } from '../notification/repository.ts';
import type { ClockRepository } from '../sla/repository.ts';

// The nightly purge (a repeatable job at 03:30 Asia/Shanghai, one run across instances): what
// the service writes does not grow forever. Read inbox entries go after RETENTION_INBOX_READ_DAYS
// (180), unread ones after RETENTION_INBOX_UNREAD_DAYS (365); delivery logs (delivered, skipped)
// and their notifications after RETENTION_DELIVERY_DAYS (30) — except a notification with a
// dead letter, kept for its replay; dead letters after RETENTION_DEAD_LETTER_DAYS (90); SLA
// clocks with nothing left to do after RETENTION_CLOCK_DAYS (365). BullMQ's own finished jobs
// are bounded by the queues' settings (delivery/settings.ts: an age and a count).
//
// A notification id is deterministic (the fact it announces): an event replayed after its
// notification was purged would be announced again. Events are not replayed that late.

export const DEFAULT_RETENTION: RetentionConfig = {
  inboxReadDays: 180,
  inboxUnreadDays: 365,
  deliveryDays: 30,
  deadLetterDays: 90,
  clockDays: 365,
};

export interface PurgeDeps {
  inbox: InboxRepository;
  /** Banks' inboxes (finance/), kept as long as the parks' inbox. */
  bankInbox?: Pick<BankInboxRepository, 'purge'>;
  deliveries: DeliveryRepository;
  notifications: NotificationRepository;
  clocks: ClockRepository;
  retention?: RetentionConfig;
  now: () => Date;
}

export interface Purged {
  inbox: number;
  deliveries: number;
  notifications: number;
  clocks: number;
}

const DAY_MS = 86_400_000;

export function createPurge(deps: PurgeDeps) {
  const retention = deps.retention ?? DEFAULT_RETENTION;
  return async function purge(at: Date = deps.now()): Promise<Purged> {
    const ago = (days: number) => new Date(at.getTime() - days * DAY_MS);
    const inboxes = [deps.inbox, ...(deps.bankInbox ? [deps.bankInbox] : [])];
    let inbox = 0;
    for (const each of inboxes)
      inbox += await each.purge(ago(retention.inboxReadDays), ago(retention.inboxUnreadDays));
    const deliveries = await deps.deliveries.purge(
      ago(retention.deliveryDays),
      ago(retention.deadLetterDays),
    );
    const notifications = await deps.notifications.purge(
      ago(retention.deliveryDays),
      await deps.deliveries.notificationsWithDeadLetters(),
    );
    const clocks = await deps.clocks.purge(ago(retention.clockDays));
    return { inbox, deliveries, notifications, clocks };
  };
}

export type Purge = ReturnType<typeof createPurge>;
