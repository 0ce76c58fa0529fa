import { createEvent, Events } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ADMIN, ANALYST, type Harness, MANAGER, openHarness, scoredEvent } from '../../test/harness.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../../test/smtp-receiver.ts';
import { openRepositories } from '../repositories.ts';
import { createSweep } from './sweep.ts';

// SLA clocks end to end: closed-loop events start and stop them, a sweep at a chosen instant
// (the injected clock: no waiting) announces reminders, overdue notices and escalations, on
// Chinese working days — a 调休 Sunday counts, the National Day week does not.

let h: Harness;
let smtp: SmtpReceiver;

beforeEach(async () => {
  smtp = await startSmtpReceiver();
  h = await openHarness({
    redisUrl: inject('redisUrl'),
    smtp: { url: smtp.url, from: 'parkmatch <noreply@parkmatch.test>' },
  });
});
afterEach(async () => {
  await h.close();
  await smtp.close();
});

const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const who = { by: 'dadukou', parkId: 'dadukou-ivd' };
const claimed = (leadId: string, when: string) =>
  createEvent(Events.leadClaimed, {
    key: leadId,
    source: 'leads',
    payload: { leadId, ...who, at: at(when) },
  });
const liaison = (leadId: string, username: string, when: string) =>
  createEvent(Events.liaisonAssigned, {
    key: leadId,
    source: 'leads',
    payload: { leadId, ...who, liaison: username, at: at(when) },
  });
const moved = (
  leadId: string,
  from: 'lead' | 'contacted',
  to: 'contacted' | 'site-visit',
  when: string,
  enteredFrom: string,
) =>
  createEvent(Events.stageChanged, {
    key: leadId,
    source: 'leads',
    payload: { leadId, ...who, from, to, enteredFromAt: at(enteredFrom), at: at(when) },
  });

/** Each account gets its SLA notices by email too. */
async function mailboxes() {
  for (const [principal, events] of [
    [ANALYST, ['sla-due', 'sla-overdue', 'appeal-due']],
    [MANAGER, ['sla-escalated']],
  ] as const) {
    const mail = await h.call(principal, 'POST', '/v1/channels', {
      type: 'email',
      name: '邮箱',
      to: `${principal.sub}@parkmatch.test`,
    });
    const rules = events.map((event) => ({ event, channels: ['inbox', mail.body.id] }));
    expect((await h.call(principal, 'PUT', '/v1/notification-preferences', { rules })).status).toBe(200);
  }
}

const sweepAt = async (local: string) => (await h.sweep(new Date(`${local}+08:00`))).map((n) => n.kind);
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address)).map((m) => m.subject);

describe('SLA clocks on Chinese working days', () => {
  it('reminds the liaison, then tells it the lead is overdue, then escalates to the manager — a 调休 Sunday counting as a working day', async () => {
    await mailboxes();
    await h.scored([scoredEvent('lead-1', 'A', { firmName: '集庆生物' })]);
    await h.pipeline.liaisonAssigned([liaison('lead-1', 'dadukou', '2025-09-26T09:00:00')]);
    await h.pipeline.leadClaimed([claimed('lead-1', '2025-09-26T10:00:00')]); // Friday; A: first contact within 1 working day

    const [clock] = (await h.call(ANALYST, 'GET', '/v1/sla-clocks')).body.items;
    expect(clock).toMatchObject({ kind: 'first-contact', liaison: 'dadukou', status: 'running' });
    expect(clock.dueAt).toBe(at('2025-09-29T00:00:00')); // the end of Sunday 28 Sep, a make-up working day

    expect(await sweepAt('2025-09-27T12:00:00')).toEqual([]); // Saturday: nothing due
    expect(await sweepAt('2025-09-28T09:30:00')).toEqual(['sla-due']);
    expect(await sweepAt('2025-09-28T23:00:00')).toEqual([]);
    expect(await sweepAt('2025-09-29T00:30:00')).toEqual(['sla-overdue']);
    expect(await sweepAt('2025-09-29T18:00:00')).toEqual([]);
    expect(await sweepAt('2025-09-30T00:30:00')).toEqual(['sla-escalated']); // a further working day (Monday) passed
    expect(await sweepAt('2025-10-09T10:00:00')).toEqual([]);

    await expect.poll(() => smtp.mails.length).toBe(3);
    expect(mailsTo('dadukou@parkmatch.test')).toEqual([
      '首次接洽今日到期：集庆生物',
      '首次接洽已逾期：集庆生物',
    ]);
    expect(mailsTo('dadukou-manager@parkmatch.test')).toEqual(['逾期提请关注｜首次接洽：集庆生物']);
    const managerInbox = (await h.call(MANAGER, 'GET', '/v1/inbox')).body.items.map(
      (i: { kind: string }) => i.kind,
    );
    expect(managerInbox).toContain('sla-escalated');
  });

  it('runs for a key lead nobody claimed, from its arrival; the team is reminded; a claim keeps it, first contact stops it', async () => {
    // Friday 26 Sep 09:30 an A lead arrives; the next working day is Sunday 28 (调休).
    await h.scored([
      scoredEvent('lead-8', 'A', { firmName: '伯豪生物', at: new Date(at('2025-09-26T09:30:00')) }),
    ]);
    await h.scored([
      scoredEvent('lead-8', 'C', { parkId: 'bio-city', at: new Date(at('2025-09-26T09:30:00')) }),
    ]);
    const [clock] = await h.clocks.forLead('lead-8'); // a C lead starts nothing until it is claimed
    expect(clock).toMatchObject({
      kind: 'first-contact',
      parkId: 'dadukou-ivd',
      startedAt: at('2025-09-26T09:30:00'),
      dueAt: at('2025-09-29T00:00:00'),
      liaison: null,
      status: 'running',
    });
    expect(await sweepAt('2025-09-28T09:30:00')).toEqual(['sla-due']);
    expect(await sweepAt('2025-09-29T00:30:00')).toEqual(['sla-overdue']);
    const inbox = async () =>
      (await h.call(ANALYST, 'GET', '/v1/inbox')).body.items.map((i: { kind: string }) => i.kind).sort();
    await expect.poll(inbox).toEqual(['new-lead', 'sla-due', 'sla-overdue']); // the whole team: nobody owns it

    await h.pipeline.leadClaimed([claimed('lead-8', '2025-09-29T09:00:00')]);
    expect((await h.clocks.forLead('lead-8'))[0]).toMatchObject({
      startedAt: at('2025-09-26T09:30:00'),
      status: 'running',
    });
    await h.pipeline.stageChanged([
      moved('lead-8', 'lead', 'contacted', '2025-09-29T10:00:00', '2025-09-26T09:30:00'),
    ]);
    const firstContact = (await h.clocks.forLead('lead-8')).find((c) => c.kind === 'first-contact');
    expect(firstContact).toMatchObject({ status: 'stopped', stoppedAt: at('2025-09-29T10:00:00') });
    expect(await sweepAt('2025-09-30T00:30:00')).toEqual([]); // no escalation once contacted
  });

  it('stops a park’s arrival clock when another park claims the lead', async () => {
    const arrival = new Date(at('2025-09-26T09:30:00'));
    await h.scored([scoredEvent('lead-9', 'A', { at: arrival })]);
    await h.scored([scoredEvent('lead-9', 'B', { parkId: 'bio-city', at: arrival })]);
    expect((await h.clocks.running()).map((c) => c.parkId).sort()).toEqual(['bio-city', 'dadukou-ivd']);
    await h.pipeline.leadClaimed([
      createEvent(Events.leadClaimed, {
        key: 'lead-9',
        source: 'leads',
        payload: { leadId: 'lead-9', by: 'biocity', parkId: 'bio-city', at: at('2025-09-26T11:00:00') },
      }),
    ]);
    expect((await h.clocks.running()).map((c) => c.parkId)).toEqual(['bio-city']);
    // Handed over to Dadukou: its clock there starts again from the transfer.
    await h.pipeline.leadTransferred([
      createEvent(Events.leadTransferred, {
        key: 'lead-9',
        source: 'leads',
        payload: {
          leadId: 'lead-9',
          by: 'biocity',
          fromParkId: 'bio-city',
          toParkId: 'dadukou-ivd',
          reason: '更契合大渡口体外诊断方向',
          at: at('2025-09-29T10:00:00'),
        },
      }),
    ]);
    const running = await h.clocks.running();
    expect(running.map((c) => [c.parkId, c.startedAt])).toEqual([['dadukou-ivd', at('2025-09-29T10:00:00')]]);
  });

  it('stops when the stage moves, and starts the site-visit clock from the first contact', async () => {
    await h.scored([scoredEvent('lead-2', 'A')]);
    await h.pipeline.leadClaimed([claimed('lead-2', '2025-09-26T10:00:00')]);
    await h.pipeline.stageChanged([
      moved('lead-2', 'lead', 'contacted', '2025-09-26T15:00:00', '2025-09-20T08:00:00'),
    ]);
    expect(await sweepAt('2025-09-30T10:00:00')).toEqual([]);
    const clocks = (await h.call(ADMIN, 'GET', '/v1/sla-clocks')).body.items;
    expect(clocks.map((c: { kind: string; status: string }) => [c.kind, c.status]).sort()).toEqual([
      ['first-contact', 'stopped'],
      ['site-visit', 'running'],
    ]);
    // Site visit for an A lead: 10 working days from Friday 26 Sep — 28 Sep and 11 Oct are
    // make-up working days, 1–8 Oct the National Day holiday: Thursday 16 Oct.
    const visit = clocks.find((c: { kind: string }) => c.kind === 'site-visit');
    expect(visit.dueAt).toBe(at('2025-10-17T00:00:00'));
    await h.pipeline.stageChanged([
      moved('lead-2', 'contacted', 'site-visit', '2025-10-10T10:00:00', '2025-09-26T15:00:00'),
    ]);
    expect((await h.clocks.running()).length).toBe(0);
  });

  it('keeps a clock stopped when the stop comes before the start (topics keep no order between them)', async () => {
    await h.scored([scoredEvent('lead-3', 'B')]);
    await h.pipeline.stageChanged([
      moved('lead-3', 'lead', 'contacted', '2025-09-26T11:00:00', '2025-09-20T08:00:00'),
    ]);
    await h.pipeline.leadClaimed([claimed('lead-3', '2025-09-26T10:00:00')]);
    const first = (await h.clocks.forLead('lead-3')).find((c) => c.kind === 'first-contact');
    expect(first).toMatchObject({ status: 'stopped', startedAt: at('2025-09-26T10:00:00'), nextAt: null });
    expect(await sweepAt('2025-10-20T10:00:00')).toEqual([]);
  });

  it('lives in the store: a sweep of a restarted process announces what is due, once', async () => {
    await h.scored([scoredEvent('lead-4', 'A')]);
    await h.pipeline.leadClaimed([claimed('lead-4', '2025-09-26T10:00:00')]);
    const restarted = createSweep({
      ...(await openRepositories(h.store)),
      settings: (await openRepositories(h.store)).slaSettings,
      notify: h.notify,
      now: h.now,
    });
    expect((await restarted(new Date(at('2025-09-29T00:30:00')))).map((n) => n.kind)).toEqual([
      'sla-overdue',
    ]);
    expect(await sweepAt('2025-09-29T00:31:00')).toEqual([]);
  });

  it('takes the override table: a day made a day off moves the deadline and the running clock', async () => {
    await h.scored([scoredEvent('lead-5', 'A')]);
    await h.pipeline.leadClaimed([claimed('lead-5', '2025-09-26T10:00:00')]);
    expect((await h.call(ANALYST, 'PUT', '/v1/working-days/2025-09-28', { workday: false })).status).toBe(
      403,
    );
    const day = await h.call(ADMIN, 'PUT', '/v1/working-days/2025-09-28', {
      workday: false,
      note: '园区调整',
    });
    expect(day.body).toMatchObject({ date: '2025-09-28', workday: false, source: 'override' });
    const [clock] = (await h.call(ADMIN, 'GET', '/v1/sla-clocks')).body.items;
    expect(clock.dueAt).toBe(at('2025-09-30T00:00:00')); // Monday 29 Sep now
    const days = await h.call(ANALYST, 'GET', '/v1/working-days?from=2025-09-27&to=2025-10-01');
    expect(days.body.items.map((d: { workday: boolean }) => d.workday)).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it('reminds of an appeal on the last working day before its due date, and stops when it is closed', async () => {
    await mailboxes();
    await h.scored([scoredEvent('lead-6', 'A', { firmName: '三丰医疗' })]);
    const opened = createEvent(Events.appealOpened, {
      key: 'lead-6',
      source: 'leads',
      payload: {
        leadId: 'lead-6',
        ...who,
        appealId: 'ap-1',
        category: 'registration',
        dueOn: '2025-10-03',
        at: at('2025-09-25T10:00:00'),
      },
    });
    await h.pipeline.appealOpened([opened]);
    expect(await sweepAt('2025-09-30T09:05:00')).toEqual(['appeal-due']); // 1–8 Oct are holidays
    await h.pipeline.appealClosed([
      createEvent(Events.appealClosed, {
        key: 'lead-6',
        source: 'leads',
        payload: {
          leadId: 'lead-6',
          ...who,
          appealId: 'ap-1',
          category: 'registration',
          outcome: 'resolved',
          openedAt: opened.payload.at,
          dueOn: '2025-10-03',
          at: at('2025-09-30T16:00:00'),
        },
      }),
    ]);
    expect(await sweepAt('2025-10-04T10:00:00')).toEqual([]);
    await expect.poll(() => mailsTo('dadukou@parkmatch.test').length).toBe(1);
    expect(mailsTo('dadukou@parkmatch.test')).toEqual(['诉求办结今日到期：三丰医疗']);
  });

  it('lets managers set a park’s allowances, and running clocks follow', async () => {
    await h.scored([scoredEvent('lead-7', 'B')]);
    await h.pipeline.leadClaimed([claimed('lead-7', '2025-09-26T10:00:00')]); // B: 3 working days → Tue 30 Sep
    expect((await h.clocks.forLead('lead-7'))[0]?.dueAt).toBe(at('2025-10-01T00:00:00'));
    const policy = {
      firstContactDays: { A: 1, B: 1, C: 2 },
      siteVisitDays: { A: 5, B: 10, C: 15 },
      escalateAfterDays: 2,
    };
    expect((await h.call(ANALYST, 'PUT', '/v1/parks/dadukou-ivd/sla-policy', policy)).status).toBe(403);
    expect((await h.call(MANAGER, 'PUT', '/v1/parks/dadukou-ivd/sla-policy', policy)).status).toBe(200);
    expect((await h.call(ANALYST, 'GET', '/v1/parks/dadukou-ivd/sla-policy')).body).toEqual(policy);
    expect((await h.clocks.forLead('lead-7'))[0]?.dueAt).toBe(at('2025-09-29T00:00:00'));
    const bad = await h.call(MANAGER, 'PUT', '/v1/parks/dadukou-ivd/sla-policy', {
      ...policy,
      escalateAfterDays: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('escalateAfterDays');
  });
});
