import { randomUUID } from 'node:crypto';
import { createEvent, Events } from '@parkmatch/contracts';
import { createLogger } from '@parkmatch/service-kit';
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
import { type RobotReceiver, startWecomReceiver } from '../../test/receivers.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../../test/smtp-receiver.ts';
import { SCHEDULES, startScheduledJobs } from '../schedule/jobs.ts';

// The daily digest: yesterday's new leads by tier and stage moves, what is overdue, appeals
// due — one message per subscriber per day, Chinese first, however often the run comes.

let h: Harness;
let smtp: SmtpReceiver;
let wecom: RobotReceiver;

beforeEach(async () => {
  [smtp, wecom] = await Promise.all([startSmtpReceiver(), startWecomReceiver()]);
  h = await openHarness({
    redisUrl: inject('redisUrl'),
    smtp: { url: smtp.url, from: 'parkmatch <noreply@parkmatch.test>' },
  });
});
afterEach(async () => {
  await h.close();
  await Promise.all([smtp.close(), wecom.close()]);
});

const local = (s: string) => new Date(`${s}+08:00`);

async function subscribeToDigest() {
  const mail = await h.call(ANALYST, 'POST', '/v1/channels', {
    type: 'email',
    name: '邮箱',
    to: 'dadukou@parkmatch.test',
  });
  await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
    rules: [{ event: 'daily-digest', channels: [mail.body.id] }],
  });
  const robot = await h.call(ADMIN, 'POST', '/v1/channels', {
    type: 'wecom',
    name: '群',
    owner: { parkId: 'dadukou-ivd' },
    url: wecom.url,
  });
  await h.call(MANAGER, 'PUT', '/v1/parks/dadukou-ivd/notification-preferences', {
    rules: [{ event: 'daily-digest', channels: [robot.body.id] }],
  });
  const other = await h.call(OTHER_ANALYST, 'POST', '/v1/channels', {
    type: 'email',
    name: '邮箱',
    to: 'changshou@parkmatch.test',
  });
  await h.call(OTHER_ANALYST, 'PUT', '/v1/notification-preferences', {
    rules: [{ event: 'daily-digest', channels: [other.body.id] }],
  });
}

describe('daily digest', () => {
  it('sends each subscriber one digest of yesterday, Chinese first, and nothing more on a second run', async () => {
    await subscribeToDigest();
    const yesterday = local('2025-09-25T15:00:00');
    await h.scored([
      scoredEvent('lead-a', 'A', { at: yesterday, firmName: '集庆生物（厦门）有限公司' }),
      scoredEvent('lead-b', 'B', { at: yesterday }),
      scoredEvent('lead-c', 'C', { at: yesterday }),
      scoredEvent('lead-old', 'A', { at: local('2025-09-24T15:00:00') }),
    ]);
    await h.pipeline.stageChanged([
      createEvent(Events.stageChanged, {
        key: 'lead-a',
        source: 'leads',
        occurredAt: yesterday,
        payload: {
          leadId: 'lead-a',
          parkId: 'dadukou-ivd',
          from: 'lead',
          to: 'contacted',
          enteredFromAt: local('2025-09-25T10:00:00').toISOString(),
          by: 'dadukou',
          at: yesterday.toISOString(),
        },
      }),
    ]);

    h.setNow(local('2025-09-26T08:30:00'));
    const sent = await h.digest(local('2025-09-26T08:30:00'));
    expect(sent.map((n) => n.audience)).toEqual(
      expect.arrayContaining([
        { to: 'subscriber', subscriber: 'account:dadukou' },
        { to: 'subscriber', subscriber: 'park:dadukou-ivd' },
      ]),
    );
    expect(sent).toHaveLength(2); // changshou had nothing to tell
    await expect.poll(() => smtp.mails.length).toBe(1);
    await expect.poll(() => wecom.texts.length).toBe(1);
    const [mail] = smtp.mails;
    // lead-old, an A lead since Wednesday that nobody contacted, is past its 1 working day.
    expect(mail?.subject).toBe('招商日报 2025-09-26：新线索 A1/B1/C1，逾期 1 项');
    expect(mail?.text).toContain('【昨日新线索】A级 1，B级 1，C级 1');
    expect(mail?.text).toContain('A级：集庆生物');
    expect(mail?.text).toContain('集庆生物（厦门）有限公司：线索 → 初步接洽');
    expect(mail?.text.indexOf('【昨日新线索】')).toBeLessThan(mail!.text.indexOf('New leads yesterday'));

    expect(await h.digest(local('2025-09-26T08:30:05'))).toHaveLength(2); // a second instance's run…
    await expect.poll(async () => (await h.delivery.queue.getJobCounts('waiting', 'active')).waiting).toBe(0);
    expect([smtp.mails.length, wecom.texts.length]).toEqual([1, 1]); // …sends nothing more
  });

  it('is one scheduler per task however many instances declare it: 08:30 and 03:30 Asia/Shanghai, every minute', async () => {
    const options = {
      redisUrl: inject('redisUrl'),
      prefix: `s${randomUUID().slice(0, 8)}`,
      logger: createLogger('digest-test', 'silent'),
      run: { 'sla-sweep': async () => {}, 'daily-digest': async () => {}, 'retention-purge': async () => {} },
    };
    const first = await startScheduledJobs(options);
    const second = await startScheduledJobs(options);
    try {
      const schedulers = await first.queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern ?? null, s.tz ?? null, s.every ?? null]).sort()).toEqual(
        [
          ['daily-digest', SCHEDULES['daily-digest'].pattern, 'Asia/Shanghai', null],
          ['retention-purge', SCHEDULES['retention-purge'].pattern, 'Asia/Shanghai', null],
          ['sla-sweep', null, null, 60_000],
        ],
      );
    } finally {
      await first.close();
      await second.close();
    }
  });
});
