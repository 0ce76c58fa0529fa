import { describe, expect, it } from 'vitest';
import type { ChannelDoc } from '../channels/channel.ts';
import type { NotificationDoc } from '../notification/notification.ts';
import { accountOf, parkSubscriber, type SubscriberDoc } from '../preferences/subscriber.ts';
import { deliveryId, planDeliveries } from './plan.ts';

const now = new Date('2025-09-26T02:00:00Z'); // 10:00 in Shanghai

const notification = (over: Partial<NotificationDoc> = {}): NotificationDoc => ({
  _id: 'n1',
  kind: 'new-lead',
  parkId: 'dadukou-ivd',
  leadId: 'lead-1',
  tier: 'B',
  audience: { to: 'team' },
  subject: { zh: '新线索', en: 'New lead' },
  lines: { zh: [], en: [] },
  facts: {
    parkId: 'dadukou-ivd',
    leadId: 'lead-1',
    tier: 'B',
    score: 60,
    firmName: 'F',
    projectTitle: 'P',
    reasons: { zh: [], en: [] },
  },
  occurredAt: now.toISOString(),
  createdAt: now.toISOString(),
  ...over,
});

const channel = (id: string, subscriber: string, type: ChannelDoc['type'] = 'email'): ChannelDoc => ({
  _id: id,
  type,
  name: id,
  subscriber,
  parkId: 'dadukou-ivd',
  address: 'sealed',
  secret: null,
  target: 'x',
  allowPrivate: false,
  createdBy: 'test',
  createdAt: now.toISOString(),
});

const analyst = (sub: string, rules: SubscriberDoc['rules'], parkId = 'dadukou-ivd'): SubscriberDoc => ({
  ...accountOf({ sub, role: 'analyst', parkId }, now),
  rules,
});

describe('planDeliveries', () => {
  const channels = new Map([
    ['mail-a', channel('mail-a', 'account:a')],
    ['mail-b', channel('mail-b', 'account:b')],
    ['robot', channel('robot', 'park:dadukou-ivd', 'wecom')],
  ]);

  it('plans the park inbox once, and each subscriber’s matching channels', () => {
    const subscribers = [
      analyst('a', [{ event: 'new-lead', minTier: 'B', channels: ['inbox', 'mail-a'] }]),
      analyst('b', [{ event: 'new-lead', minTier: 'A', channels: ['mail-b'] }]),
      { ...parkSubscriber('dadukou-ivd', now), rules: [{ event: 'new-lead' as const, channels: ['robot'] }] },
    ];
    const plan = planDeliveries(notification(), subscribers, channels, now);
    expect(plan.map((d) => [d.channelId, d.recipient]).sort()).toEqual([
      ['inbox', 'park:dadukou-ivd'],
      ['mail-a', 'account:a'],
      ['robot', 'park:dadukou-ivd'],
    ]);
    expect(plan[0]?._id).toBe(deliveryId('n1', 'inbox', 'park:dadukou-ivd'));
  });

  it('never uses a channel of somebody else, nor reaches another park’s team', () => {
    const plan = planDeliveries(
      notification(),
      [
        analyst('a', [{ event: 'new-lead', channels: ['mail-b'] }]),
        analyst('c', [{ event: 'new-lead', channels: ['mail-b'] }], 'changshou'),
      ],
      channels,
      now,
    );
    expect(plan.map((d) => d.channelId)).toEqual(['inbox']);
  });

  it('sends a liaison’s reminder to the liaison, an escalation to managers, a digest to its subscriber only', () => {
    const mailFor = (sub: string) => [
      { event: 'sla-overdue' as const, channels: [`mail-${sub}`] },
      { event: 'sla-escalated' as const, channels: [`mail-${sub}`] },
    ];
    const manager = {
      ...accountOf({ sub: 'b', role: 'manager', parkId: 'dadukou-ivd' }, now),
      rules: mailFor('b'),
    };
    const subscribers = [analyst('a', mailFor('a')), manager];
    const toLiaison = planDeliveries(
      notification({ kind: 'sla-overdue', tier: null, audience: { to: 'accounts', usernames: ['a'] } }),
      subscribers,
      channels,
      now,
    );
    expect(toLiaison.map((d) => d.recipient).sort()).toEqual(['account:a', 'park:dadukou-ivd']);
    const escalated = planDeliveries(
      notification({ kind: 'sla-escalated', tier: null, audience: { to: 'managers' } }),
      subscribers,
      channels,
      now,
    );
    expect(escalated.map((d) => d.recipient).sort()).toEqual(['account:b', 'park:dadukou-ivd']);
  });

  it('holds a subscriber’s deliveries to the end of its quiet hours; the inbox never waits', () => {
    const quiet = {
      ...analyst('a', [{ event: 'new-lead', channels: ['inbox', 'mail-a'] }]),
      quietHours: { start: '09:00', end: '11:00' },
    };
    const plan = planDeliveries(notification(), [quiet], channels, now);
    expect(plan.find((d) => d.channelId === 'mail-a')?.notBefore).toBe('2025-09-26T03:00:00.000Z');
    expect(plan.find((d) => d.channelId === 'inbox')?.notBefore).toBeNull();
  });
});
