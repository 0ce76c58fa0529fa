import type { Visit, VisitList } from '@parkmatch/contracts';
import type { OutboxFields } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  body,
  OWNER,
  outboxPayload,
  outboxTopics,
  ownedLead,
  RECEIVED,
  visit,
} from '../../../test/ledger-steps.ts';
import { type OpenLeads, openLeads } from '../../../test/open-leads.ts';
import { VisitRepository } from './repository.ts';
import type { VisitDoc } from './visit.ts';

let t: OpenLeads;
let analyst: string;
let id: string;
beforeEach(async () => {
  t = await openLeads();
  analyst = await t.analyst(OWNER);
  id = await ownedLead(t);
});
afterEach(() => t.close());

const visitDocs = () => t.store.collection<VisitDoc & OutboxFields>(VisitRepository.COLLECTION);

describe('visits and talks', () => {
  it('logs a visit with its visitLogged event in the same document (201), kept by the owner park', async () => {
    const res = await t.send('POST', `/v1/leads/${id}/visits`, visit(), analyst);
    expect(res.status).toBe(201);
    const logged = await body<Visit>(res);
    expect(logged).toMatchObject({ ...visit(), leadId: id, parkId: OWNER, by: `${OWNER}-analyst` });
    const events = await t.waitingEvents(logged.id, VisitRepository.COLLECTION);
    expect(outboxTopics(events)).toEqual(['leads.visit.logged.v1']);
    expect(outboxPayload(events, 0)).toMatchObject({
      leadId: id,
      parkId: OWNER,
      visitId: logged.id,
      date: '2026-10-28',
    });
    expect(t.written()).toBe(1);
  });

  it('lists a lead’s visits newest first, without the outbox', async () => {
    await t.send(
      'POST',
      `/v1/leads/${id}/visits`,
      visit({ date: '2026-09-15', nextStepDueOn: '2026-09-30' }),
      analyst,
    );
    await t.send('POST', `/v1/leads/${id}/visits`, visit({ date: '2026-10-28' }), analyst);
    await t.send(
      'POST',
      `/v1/leads/${id}/visits`,
      visit({ date: '2026-10-02', nextStep: undefined, nextStepDueOn: undefined }),
      analyst,
    );
    const res = await t.send('GET', `/v1/leads/${id}/visits`, undefined, analyst);
    expect(res.status).toBe(200);
    const { items } = await body<VisitList>(res);
    expect(items.map((v) => v.date)).toEqual(['2026-10-28', '2026-10-02', '2026-09-15']);
    expect(JSON.stringify(items)).not.toContain('_outbox');
  });

  it('takes today as Shanghai counts it: after 16:00 UTC it is already tomorrow', async () => {
    expect(
      (await t.send('POST', `/v1/leads/${id}/visits`, visit({ date: '2026-11-03' }), analyst)).status,
    ).toBe(400);
    t.setNow('2026-11-02T16:30:00.000Z');
    expect(
      (
        await t.send(
          'POST',
          `/v1/leads/${id}/visits`,
          visit({ date: '2026-11-03', nextStepDueOn: '2026-11-20' }),
          analyst,
        )
      ).status,
    ).toBe(201);
  });

  it('refuses a date in the future, a next step due before the visit, bad participants and unknown fields, storing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [visit({ date: '2026-11-05' }), 'date'],
      [visit({ nextStepDueOn: '2026-10-01' }), 'nextStepDueOn'],
      [visit({ date: '2026-02-30' }), 'date'],
      [visit({ participants: [] }), 'participants'],
      [visit({ participants: Array.from({ length: 21 }, (_, i) => `参会人${i}`) }), 'participants'],
      [visit({ summary: '   ' }), 'summary'],
      [{ ...visit(), location: '园区管委会' }, '(body)'],
    ];
    for (const [input, path] of cases) {
      const res = await t.send('POST', `/v1/leads/${id}/visits`, input, analyst);
      expect(res.status, JSON.stringify(input)).toBe(400);
      const problem = await body<{ errors: { path: string; message: string; messageEn?: string }[] }>(res);
      expect(problem.errors.map((e) => e.path)).toContain(path);
      expect(problem.errors.every((e) => e.message && e.messageEn)).toBe(true);
    }
    expect(await visitDocs().countDocuments()).toBe(0);
    expect(t.written()).toBe(0);
  });

  it('refuses a visit dated before the lead was received (here 2026-09-01), in both languages', async () => {
    expect(RECEIVED.slice(0, 10)).toBe('2026-09-01');
    for (const date of ['1990-01-01', '2026-08-31']) {
      const res = await t.send('POST', `/v1/leads/${id}/visits`, visit({ date }), analyst);
      expect(res.status, date).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await body<{
        errors: { path: string; code: string; message: string; messageEn: string }[];
      }>(res);
      expect(problem.errors).toEqual([
        {
          path: 'date',
          code: 'before_received',
          message: '不能早于线索接收日期（2026-09-01）',
          messageEn: 'must not be before the day the lead was received (2026-09-01)',
        },
      ]);
    }
    expect(await visitDocs().countDocuments()).toBe(0);
    // The day it was received is fine (Shanghai: received at 10:00 that day).
    const first = visit({ date: '2026-09-01', nextStepDueOn: '2026-09-10' });
    expect((await t.send('POST', `/v1/leads/${id}/visits`, first, analyst)).status).toBe(201);
  });
});
