import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RobotReceiver, startDingtalkReceiver } from '@parkmatch/notifications/test/receivers.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.ts';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { massSpecProfile } from './fixtures.ts';

// SLA clocks across the real processes (leads, matching, notifications on a real Redis), driven
// by real leads events: every process runs on a wall clock the test sets (support/fake-clock.ts,
// libfaketime-style: the services read the time as always). It is Friday 26 September 2025,
// 09:30 in Shanghai — the eve of the 2025 National Day 调休: Sunday 28 September is a make-up
// working day, 1–8 October are days off.
//
// An A-tier lead arrives at Dadukou and nobody claims it. Its first contact is due within 1
// working day: on the 调休 Sunday, not on Monday. The reminder that morning and the overdue
// notice after midnight reach the analyst's inbox and the park's DingTalk robot (a local
// receiver that checks the 加签 signature); a further working day later the escalation reaches
// the manager. Claiming it and the first contact stop the clock. An appeal due on the holiday
// Sunday 5 October is reminded of on 30 September (the last working day before it), is
// overdue on the 6th, and stops once answered.

const DADUKOU = 'dadukou-ivd';
const FIRM = '谱析质谱仪器有限公司-MA1CLK1';
const shanghai = (local: string) => `${local}+08:00`;

interface Clock {
  id: string;
  kind: string;
  leadId: string;
  status: string;
  startedAt: string;
  dueAt: string;
  escalateAt: string;
}
interface InboxItem {
  leadId: string;
  kind: string;
  title: { zh: string };
}

describe('SLA clocks on Chinese working days, across the running system', () => {
  const clock = new FakeClock(path.join(tmpdir(), `parkmatch-clock-${process.pid}-${Date.now()}`));
  let system: TestSystem;
  let robot: RobotReceiver;
  let leadId: string;

  const leads = () => system.urls.leads;
  const notifications = () => system.urls.notifications;
  // Tokens last 12 hours of the (moving) clock: each step signs in again.
  const token = (username: string) => signIn(leads(), username, username === 'admin' ? 'admin' : 'demo1234');
  const send = async (method: string, url: string, body: unknown, username: string) =>
    fetch(url, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(username)}` },
      body: JSON.stringify(body),
    });
  const inbox = async (username: string) =>
    (await getJson<{ items: InboxItem[] }>(`${notifications()}/v1/inbox`, await token(username))).body.items
      .filter((i) => i.leadId === leadId)
      .map((i) => i.kind)
      .sort();
  const clocks = async () =>
    (
      await getJson<{ items: Clock[] }>(
        `${notifications()}/v1/sla-clocks?parkId=${DADUKOU}`,
        await token('dadukou'),
      )
    ).body.items.filter((c) => c.leadId === leadId);
  const robotSaid = (subject: string) => robot.texts.filter((t) => t.startsWith(subject)).length;
  /** Lets a few sweeps run (every second here) and nothing else may have been announced. */
  const sweeps = () => new Promise((resolve) => setTimeout(resolve, 3_500));

  beforeAll(async () => {
    clock.install();
    clock.set(shanghai('2025-09-26T09:30:00'));
    robot = await startDingtalkReceiver();
    system = await new TestSystem(inject('redisUrl'), {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${FakeClock.preload}`.trim(),
      PARKMATCH_CLOCK_FILE: clock.file,
      SLA_SWEEP_EVERY_MS: '1000',
    }).start(['leads', 'matching', 'notifications']);
    const admin = await token('admin');
    for (const [username, role] of [
      ['dadukou', 'analyst'],
      ['dadukou-manager', 'manager'],
    ] as const) {
      const res = await postJson(
        `${leads()}/v1/users`,
        { username, password: 'demo1234', role, parkId: DADUKOU },
        admin,
      );
      expect(res.status).toBe(201);
    }
    // The park's DingTalk group hears of new A leads, SLA reminders and overdue notices.
    const channel = await postJson(
      `${notifications()}/v1/channels`,
      {
        type: 'dingtalk',
        name: '大渡口招商群（钉钉）',
        owner: { parkId: DADUKOU },
        url: robot.url,
        secret: robot.secret,
      },
      admin,
    );
    expect(channel.status).toBe(201);
    const { id: robotId } = (await channel.json()) as { id: string };
    const rules = await send(
      'PUT',
      `${notifications()}/v1/parks/${DADUKOU}/notification-preferences`,
      {
        rules: [
          { event: 'new-lead', minTier: 'A', channels: [robotId] },
          { event: 'sla-due', channels: [robotId] },
          { event: 'sla-overdue', channels: [robotId] },
          { event: 'appeal-due', channels: [robotId] },
        ],
      },
      'admin',
    );
    expect(rules.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await robot?.close();
    clock.uninstall();
    rmSync(clock.file, { force: true });
  });

  it('counts an unclaimed A lead’s first contact to the 调休 Sunday: reminded, overdue, escalated, stopped by the first contact', async () => {
    const submitted = await postJson(`${leads()}/v1/profiles`, massSpecProfile('MA1CLK1'));
    expect(submitted.status, await submitted.clone().text()).toBe(201);
    leadId = ((await submitted.json()) as { id: string }).id;

    // Scored A at Dadukou (matching → notifications over the bus): the group hears of it, and
    // the first-contact clock runs from its arrival, nobody having claimed it.
    await expect.poll(() => robotSaid(`新线索（A级）：${FIRM}`), { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await clocks()).length, { timeout: 10_000 }).toBe(1);
    const [firstContact] = await clocks();
    expect(firstContact).toMatchObject({ kind: 'first-contact', status: 'running' });
    expect(firstContact?.startedAt.slice(0, 10)).toBe('2025-09-26');
    // 1 working day after Friday is the 调休 Sunday: due at its end, not Monday's.
    expect(firstContact?.dueAt).toBe(new Date(shanghai('2025-09-29T00:00:00')).toISOString());

    clock.set(shanghai('2025-09-27T12:00:00')); // Saturday: a day off, nothing due
    await sweeps();
    expect(await inbox('dadukou')).toEqual(['new-lead']);

    clock.set(shanghai('2025-09-28T09:30:00')); // the 调休 Sunday, a working day: due today
    await expect.poll(() => robotSaid(`首次接洽今日到期：${FIRM}`), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => inbox('dadukou'), { timeout: 10_000 }).toEqual(['new-lead', 'sla-due']);

    clock.set(shanghai('2025-09-29T00:30:00')); // past the deadline
    await expect.poll(() => robotSaid(`首次接洽已逾期：${FIRM}`), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => inbox('dadukou'), { timeout: 10_000 })
      .toEqual(['new-lead', 'sla-due', 'sla-overdue']);
    expect(await inbox('dadukou-manager')).not.toContain('sla-escalated');

    clock.set(shanghai('2025-09-30T00:30:00')); // a further working day (Monday) passed: the manager hears
    await expect.poll(() => inbox('dadukou-manager'), { timeout: 20_000 }).toContain('sla-escalated');
    expect(await inbox('dadukou')).not.toContain('sla-escalated'); // managers only

    // Tuesday morning: the analyst claims it and makes the first contact; the clock stops.
    clock.set(shanghai('2025-09-30T09:00:00'));
    expect((await send('POST', `${leads()}/v1/leads/${leadId}/claim`, {}, 'dadukou')).status).toBe(201);
    const { pipelineRevision } = (
      await getJson<{ pipelineRevision: number }>(`${leads()}/v1/leads/${leadId}`, await token('dadukou'))
    ).body;
    const contacted = await send(
      'POST',
      `${leads()}/v1/leads/${leadId}/stage`,
      { to: 'contacted', pipelineRevision },
      'dadukou',
    );
    expect(contacted.status, await contacted.clone().text()).toBe(200);
    await expect
      .poll(async () => (await clocks()).map((c) => `${c.kind}:${c.status}`).sort(), { timeout: 20_000 })
      .toEqual(['first-contact:stopped', 'site-visit:running']);
    expect(robot.refused).toEqual([]); // every message carried a valid signature
    expect(robot.texts.filter((t) => t.includes(FIRM))).toHaveLength(3); // new lead, due, overdue: once each
  }, 180_000);

  it('reminds of an appeal due on a holiday on the last working day before it, tells it overdue, and stops when answered', async () => {
    // Still Tuesday 30 September. Due on Sunday 5 October, in the National Day week.
    const opened = await send(
      'POST',
      `${leads()}/v1/leads/${leadId}/appeals`,
      {
        category: 'registration',
        title: '二类器械注册变更',
        description: '产地变更需加快注册',
        department: '区市场监管局',
        dueOn: '2025-10-05',
      },
      'dadukou',
    );
    expect(opened.status, await opened.clone().text()).toBe(201);
    const appeal = (await opened.json()) as { id: string; revision: number };
    // 1–4 October are days off: today is the last working day before the due date.
    await expect.poll(() => robotSaid(`诉求办结今日到期：${FIRM}`), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => inbox('dadukou'), { timeout: 10_000 }).toContain('appeal-due');

    clock.set(shanghai('2025-10-06T00:30:00'));
    await expect.poll(() => robotSaid(`诉求办结已逾期：${FIRM}`), { timeout: 20_000 }).toBe(1);

    const resolved = await send(
      'PATCH',
      `${leads()}/v1/appeals/${appeal.id}`,
      { status: 'resolved', resolution: '审评查验服务站提前介入', revision: appeal.revision },
      'dadukou',
    );
    expect(resolved.status, await resolved.clone().text()).toBe(200);
    await expect
      .poll(async () => (await clocks()).find((c) => c.kind === 'appeal')?.status, { timeout: 20_000 })
      .toBe('stopped');

    // The appeal's escalation would have come a working day after its due date (Thursday 9
    // October, the holiday over): answered, it never does.
    const managerBefore = (await inbox('dadukou-manager')).filter((k) => k === 'sla-escalated').length;
    clock.set(shanghai('2025-10-10T09:00:00'));
    await sweeps();
    expect((await inbox('dadukou-manager')).filter((k) => k === 'sla-escalated').length).toBe(managerBefore);
  }, 120_000);
});
