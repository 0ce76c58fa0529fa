import { describe, expect, it } from 'vitest';
import { messageOf, type NotificationDoc, portalLink } from './notification.ts';

const notification: NotificationDoc = {
  _id: 'ev_1',
  kind: 'new-lead',
  parkId: 'dadukou-ivd',
  leadId: '019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f',
  tier: 'A',
  audience: { to: 'team' },
  subject: { zh: '新线索（A级）：某公司', en: 'New lead (tier A): some firm' },
  lines: { zh: [], en: [] },
  occurredAt: '2026-12-03T02:00:00.000Z',
  createdAt: '2026-12-03T02:00:01.000Z',
};

describe('the portal page a message links to', () => {
  const portal = 'https://zhaoshang.example.cn';

  it('is the lead’s page at the park the notification is about', () => {
    expect(portalLink(portal, notification)).toBe(
      `${portal}/team/leads/019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f?park=dadukou-ivd`,
    );
    expect(messageOf(notification, portal).link).toBe(portalLink(portal, notification));
  });

  it('is the bank’s page for a bank’s notification, and the inbox for one about no lead (a digest)', () => {
    expect(portalLink(portal, { parkId: 'bank:cqrcb', leadId: notification.leadId })).toBe(`${portal}/bank`);
    expect(portalLink(portal, { parkId: 'dadukou-ivd', leadId: null })).toBe(`${portal}/team/inbox`);
  });

  it('is none without a portal', () => {
    expect(portalLink(undefined, notification)).toBeUndefined();
    expect(messageOf(notification)).not.toHaveProperty('link');
  });
});
