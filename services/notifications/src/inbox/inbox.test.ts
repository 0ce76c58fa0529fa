import { createEvent, Events } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  ADMIN,
  ANALYST,
  type Harness,
  MANAGER,
  OTHER_ANALYST,
  openHarness,
  scoredEvent,
} from '../../test/harness.ts';
import type { NotificationDoc } from '../notification/notification.ts';

// The in-app inbox as readers see it: their park's entries through their own in-app rules,
// entries addressed to someone only to them, and the lead's latest score on every entry.

let h: Harness;
beforeEach(async () => {
  h = await openHarness({ redisUrl: inject('redisUrl') });
});
afterEach(() => h.close());

type Item = { id: string; leadId: string; kind: string; tier: string; score: number; title: { zh: string } };
const inbox = async (who = ANALYST, query = '') =>
  (await h.call(who, 'GET', `/v1/inbox${query}`)).body.items as Item[];

/** Waits until the park's inbox has `count` entries (all readers' views aside). */
const entries = (count: number) =>
  expect.poll(async () => (await h.inbox.list(ADMIN, { limit: 100 })).length).toBe(count);

describe('inbox', () => {
  it('shows an analyst new A and B leads by default, not C; its rules can widen that', async () => {
    await h.scored([scoredEvent('lead-a', 'A'), scoredEvent('lead-b', 'B'), scoredEvent('lead-c', 'C')]);
    await entries(3);
    expect((await inbox()).map((i) => i.leadId).sort()).toEqual(['lead-a', 'lead-b']);
    await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [{ event: 'new-lead', minTier: 'C', channels: ['inbox'] }],
    });
    expect((await inbox()).map((i) => i.leadId).sort()).toEqual(['lead-a', 'lead-b', 'lead-c']);
    expect(await inbox(OTHER_ANALYST)).toEqual([]);
  });

  it('adds a tier-down entry and keeps the latest score on the lead’s earlier entries', async () => {
    await h.scored([scoredEvent('lead-1', 'A', { score: 84, at: new Date('2025-09-26T01:00:00Z') })]);
    await entries(1);
    await h.scored([
      scoredEvent('lead-1', 'B', { previousTier: 'A', score: 58, at: new Date('2025-09-26T02:00:00Z') }),
    ]);
    await entries(2);
    const [first] = await inbox();
    expect(first).toMatchObject({ kind: 'new-lead', tier: 'B', score: 58 });
    expect(first?.title.zh).toContain('新线索（A级）');
    await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [
        { event: 'new-lead', minTier: 'B', channels: ['inbox'] },
        { event: 'tier-down', channels: ['inbox'] },
      ],
    });
    const items = await inbox();
    expect(items.map((i) => i.kind).sort()).toEqual(['new-lead', 'tier-down']);
    expect(items.find((i) => i.kind === 'tier-down')?.title.zh).toBe('线索降至B级：集庆生物-lead-1');
  });

  it('adds an "updated" entry when a revised profile keeps its tier', async () => {
    await h.scored([scoredEvent('lead-2', 'A', { revision: 1 })]);
    await h.scored([scoredEvent('lead-2', 'A', { previousTier: 'A', revision: 2, score: 90 })]);
    await entries(2);
    await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [{ event: 'updated', channels: ['inbox'] }],
    });
    const [updated] = await inbox();
    expect(updated).toMatchObject({ kind: 'updated', score: 90 });
    expect(updated?.title.zh).toBe('线索资料已更新（A级）：集庆生物-lead-2');
  });

  it('shows an entry addressed to the liaison to the liaison only, and an escalation to managers only', async () => {
    await h.scored([scoredEvent('lead-3', 'A')]);
    await entries(1);
    const about = (await h.inbox.list(ADMIN, { limit: 1 }))[0]!;
    const notice = (
      id: string,
      kind: NotificationDoc['kind'],
      audience: NotificationDoc['audience'],
    ): NotificationDoc => ({
      _id: id,
      kind,
      parkId: 'dadukou-ivd',
      leadId: 'lead-3',
      tier: null,
      audience,
      subject: { zh: `${kind} 提醒`, en: `${kind} notice` },
      lines: { zh: [], en: [] },
      facts: {
        parkId: 'dadukou-ivd',
        leadId: 'lead-3',
        tier: null,
        score: null,
        firmName: about.firmName,
        projectTitle: about.projectTitle,
        reasons: { zh: [], en: [] },
        audience: audience.to === 'accounts' ? { usernames: audience.usernames } : { roles: ['manager'] },
      },
      occurredAt: '2025-09-26T03:00:00.000Z',
      createdAt: '2025-09-26T03:00:00.000Z',
    });
    await h.notify([
      notice('n-overdue', 'sla-overdue', { to: 'accounts', usernames: ['liaison-li'] }),
      notice('n-escalated', 'sla-escalated', { to: 'managers' }),
    ]);
    await entries(3);
    const liaison = { sub: 'liaison-li', role: 'analyst' as const, parkId: 'dadukou-ivd' };
    expect((await inbox(liaison)).map((i) => i.kind).sort()).toEqual(['new-lead', 'sla-overdue']);
    expect((await inbox(ANALYST)).map((i) => i.kind)).toEqual(['new-lead']);
    expect((await inbox(MANAGER)).map((i) => i.kind).sort()).toEqual(['new-lead', 'sla-escalated']);
    // The rating the entry carries is the lead's latest at the park, though the notice had none.
    expect((await inbox(liaison)).find((i) => i.kind === 'sla-overdue')).toMatchObject({
      tier: 'A',
      score: 82,
    });
  });

  it('shows a lead transferred to the park to its members by default, not a colleague’s claim', async () => {
    const BIOCITY = { sub: 'biocity', role: 'analyst' as const, parkId: 'bio-city' };
    await h.scored([scoredEvent('lead-5', 'C'), scoredEvent('lead-5', 'C', { parkId: 'bio-city' })]);
    await h.scored([scoredEvent('lead-6', 'C'), scoredEvent('lead-6', 'C', { parkId: 'bio-city' })]);
    const at = '2025-09-26T03:00:00.000Z';
    await h.pipeline.leadClaimed(
      ['lead-5', 'lead-6'].map((leadId) =>
        createEvent(Events.leadClaimed, {
          key: leadId,
          source: 'leads',
          payload: { leadId, parkId: 'dadukou-ivd', by: 'dadukou-manager', at },
        }),
      ),
    );
    await h.pipeline.leadTransferred([
      createEvent(Events.leadTransferred, {
        key: 'lead-6',
        source: 'leads',
        payload: {
          leadId: 'lead-6',
          fromParkId: 'dadukou-ivd',
          toParkId: 'bio-city',
          reason: '更契合生物城方向',
          by: 'city-manager',
          at: '2025-09-26T04:00:00.000Z',
        },
      }),
    ]);
    await entries(7); // four new C leads, two claims at Dadukou, the transfer at Bio-City
    const titles = async (who: Parameters<typeof inbox>[0]) => (await inbox(who)).map((i) => i.title.zh);
    expect(await titles(BIOCITY)).toEqual(['线索划转至本园区：集庆生物-lead-6']);
    expect(await titles(ANALYST)).toEqual([]); // the claims a colleague made: not by default
    // A member who asks for claims sees them; one who no longer wants transfers says so.
    await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [{ event: 'lead-claimed', channels: ['inbox'] }],
    });
    expect((await titles(ANALYST)).sort()).toEqual([
      '线索已认领：集庆生物-lead-5',
      '线索已认领：集庆生物-lead-6',
    ]);
    await h.call(BIOCITY, 'PUT', '/v1/notification-preferences', {
      rules: [{ event: 'new-lead', minTier: 'A', channels: ['inbox'] }],
    });
    expect(await titles(BIOCITY)).toEqual([]);
  });

  it('marks an entry read once, within the reader’s park', async () => {
    await h.scored([scoredEvent('lead-4', 'A')]);
    await entries(1);
    const [item] = await inbox();
    expect((await h.call(OTHER_ANALYST, 'POST', `/v1/inbox/${item!.id}/read`)).status).toBe(404);
    const read = await h.call(ANALYST, 'POST', `/v1/inbox/${item!.id}/read`);
    expect(read.body.readAt).toBeTruthy();
    expect(await inbox(ANALYST, '?unread=true')).toEqual([]);
  });
});
