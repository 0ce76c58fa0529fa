import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ADMIN, ANALYST, type Harness, MANAGER, OTHER_ANALYST, openHarness } from '../../test/harness.ts';

// Preferences over HTTP: defaults with no set-up, replacing them, and every kind of bad
// input answered 4xx with the field's path and a Chinese and an English message.

let h: Harness;
beforeEach(async () => {
  h = await openHarness({ redisUrl: inject('redisUrl') });
});
afterEach(() => h.close());

describe('notification preferences', () => {
  it('gives a new analyst A/B leads and SLA reminders in the inbox, with nothing set up', async () => {
    const res = await h.call(ANALYST, 'GET', '/v1/notification-preferences');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      subscriber: 'account:dadukou',
      parkId: 'dadukou-ivd',
      defaults: true,
      quietHours: null,
    });
    expect(res.body.rules).toContainEqual({ event: 'new-lead', minTier: 'B', channels: ['inbox'] });
    expect(res.body.rules).toContainEqual({ event: 'sla-overdue', channels: ['inbox'] });
    const manager = await h.call(MANAGER, 'GET', '/v1/notification-preferences');
    expect(manager.body.rules).toContainEqual({ event: 'sla-escalated', channels: ['inbox'] });
  });

  it('replaces an account’s rules and quiet hours', async () => {
    const put = await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [
        { event: 'new-lead', minTier: 'A', channels: ['inbox'] },
        { event: 'tier-down', channels: ['inbox'] },
      ],
      quietHours: { start: '22:00', end: '07:30' },
    });
    expect(put.status).toBe(200);
    const got = await h.call(ANALYST, 'GET', '/v1/notification-preferences');
    expect(got.body).toMatchObject({ defaults: false, quietHours: { start: '22:00', end: '07:30' } });
    expect(got.body.rules).toHaveLength(2);
  });

  it('answers an unknown event name with 400, its field path and both languages', async () => {
    const res = await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [{ event: 'lead-exploded', channels: ['inbox'] }],
    });
    expect(res.status).toBe(400);
    const [error] = res.body.errors;
    expect(error.path).toBe('rules.0.event');
    expect(error.message).toMatch(/\p{Script=Han}/u);
    expect(error.messageEn).toBeTruthy();
  });

  it('refuses quiet hours that make no sense', async () => {
    const same = await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [],
      quietHours: { start: '22:00', end: '22:00' },
    });
    expect(same.status).toBe(400);
    expect(same.body.errors[0]).toMatchObject({
      path: 'quietHours.end',
      message: '开始与结束不能相同',
      messageEn: 'start and end must differ',
    });
    const bad = await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [],
      quietHours: { start: '25:00', end: '07:00' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('quietHours.start');
  });

  it('refuses a channel that is not the subscriber’s, minTier on an untiered event, and the digest in the inbox', async () => {
    const res = await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [
        { event: 'new-lead', channels: ['ch_somebody-else'] },
        { event: 'stage-changed', minTier: 'A', channels: ['inbox'] },
        { event: 'daily-digest', channels: ['inbox'] },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'rules.0.channels.0',
      'rules.1.minTier',
      'rules.2.channels.0',
    ]);
    expect(
      res.body.errors.every((e: { message: string; messageEn: string }) => e.message && e.messageEn),
    ).toBe(true);
  });

  it('lets a park’s managers set the park’s rules, and its team read them; nobody else', async () => {
    const path = '/v1/parks/dadukou-ivd/notification-preferences';
    expect((await h.call(ANALYST, 'GET', path)).body).toMatchObject({
      subscriber: 'park:dadukou-ivd',
      rules: [],
      defaults: true,
    });
    expect((await h.call(ANALYST, 'PUT', path, { rules: [] })).status).toBe(403);
    expect((await h.call(OTHER_ANALYST, 'GET', path)).status).toBe(403);
    expect(
      (await h.call(MANAGER, 'PUT', path, { rules: [{ event: 'new-lead', channels: ['inbox'] }] })).status,
    ).toBe(422);
    expect((await h.call(MANAGER, 'PUT', path, { rules: [] })).status).toBe(200);
    expect((await h.call(ADMIN, 'GET', '/v1/parks/atlantis/notification-preferences')).status).toBe(404);
    expect(
      (await h.call({ sub: 'firm', role: 'firm', leadId: 'l1' }, 'GET', '/v1/notification-preferences'))
        .status,
    ).toBe(403);
  });
});
