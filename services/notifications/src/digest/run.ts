import { PARK_IDS } from '@parkmatch/contracts';
import type { Notify } from '../delivery/notify.ts';
import type { LeadFactsRepository } from '../lead-facts/repository.ts';
import type { NotificationDoc } from '../notification/notification.ts';
import type { NotificationRepository } from '../notification/repository.ts';
import type { SubscriberRepository } from '../preferences/repository.ts';
import { rulesOf, type SubscriberDoc } from '../preferences/subscriber.ts';
import { addDays, dateOf, instantOf } from '../sla/dates.ts';
import type { ClockRepository } from '../sla/repository.ts';
import { digestContent, digestId } from './digest.ts';

// The digest run (a repeatable job at 08:30 Asia/Shanghai): one digest per subscriber that
// asked for it, per day. The notification id is the subscriber's and the day's, so a second
// run the same day (two instances, a retry) sends nothing more. A day with nothing to tell
// sends nothing.

export interface DigestDeps {
  subscribers: SubscriberRepository;
  notifications: NotificationRepository;
  clocks: ClockRepository;
  facts: LeadFactsRepository;
  notify: Notify;
  now: () => Date;
}

function parksOf(s: SubscriberDoc): string[] {
  if (s.kind === 'park') return s.parkId ? [s.parkId] : [];
  return s.scope === 'all' ? [...PARK_IDS] : s.parkId ? [s.parkId] : [];
}

export function createDigest(deps: DigestDeps) {
  return async function runDigest(at: Date = deps.now()): Promise<NotificationDoc[]> {
    const date = dateOf(at);
    const yesterday = addDays(date, -1);
    const from = instantOf(yesterday).toISOString();
    const to = instantOf(date).toISOString();
    const recipients = (await deps.subscribers.all()).filter((s) =>
      rulesOf(s).some((r) => r.event === 'daily-digest'),
    );
    const running = await deps.clocks.running();
    const digests: NotificationDoc[] = [];
    for (const subscriber of recipients) {
      const parks = parksOf(subscriber);
      if (parks.length === 0) continue;
      const [newLeads, stageMoves] = await Promise.all([
        deps.notifications.happened(parks, ['new-lead'], from, to),
        deps.notifications.happened(parks, ['stage-changed'], from, to),
      ]);
      const mine = running.filter((c) => parks.includes(c.parkId) && c.startedAt);
      const overdue = mine.filter((c) => c.dueAt <= at.toISOString());
      const appealsDue = mine.filter(
        (c) => c.kind === 'appeal' && c.dueOn <= date && c.dueAt > at.toISOString(),
      );
      const leads = await deps.facts.getMany(
        [...newLeads, ...stageMoves].map((n) => n.leadId ?? '').concat(mine.map((c) => c.leadId)),
      );
      const content = digestContent({
        date,
        newLeads,
        stageMoves,
        overdue,
        appealsDue,
        firmOf: (leadId) => leads.get(leadId)?.firmName ?? leadId,
      });
      if (!content) continue;
      digests.push({
        _id: digestId(subscriber._id, date),
        kind: 'daily-digest',
        parkId: parks.length === 1 ? parks[0]! : 'all',
        leadId: null,
        tier: null,
        audience: { to: 'subscriber', subscriber: subscriber._id },
        ...content,
        occurredAt: at.toISOString(),
        createdAt: deps.now().toISOString(),
      });
    }
    await deps.notify(digests);
    return digests;
  };
}

export type RunDigest = ReturnType<typeof createDigest>;
