import type { AppealPage, VisitList } from '@parkmatch/contracts';
import { createEvent, Events } from '@parkmatch/contracts';
import { createLogger, createOutboxRelay } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appeal, body, figures, OTHER, OWNER, ownedLead, visit } from '../../test/ledger-steps.ts';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { LEDGER_OUTBOX_COLLECTIONS, onLeadsTransferred } from './repositories.ts';

type Bus = Parameters<typeof createOutboxRelay>[0]['bus'];

let t: OpenLeads;
let analyst: string;
let id: string;
beforeEach(async () => {
  t = await openLeads();
  analyst = await t.analyst(OWNER);
  id = await ownedLead(t);
});
afterEach(() => t.close());

describe('the ledgers’ collections', () => {
  it('hand their events to the outbox relay, keyed by the lead, and are cleared once published', async () => {
    await t.send('POST', `/v1/leads/${id}/visits`, visit(), analyst);
    await t.send('POST', `/v1/leads/${id}/appeals`, appeal(), analyst);
    await t.send('PUT', `/v1/leads/${id}/figures/2026-10`, figures(), analyst);
    const published: { topic: string; key: string }[] = [];
    const bus: Bus = {
      kind: 'redis',
      publish: async (topic, messages) => {
        published.push(...messages.map((m) => ({ topic, key: m.key })));
      },
      subscribe: () => Promise.reject(new Error('not used here')),
      lag: async () => 0,
      ping: async () => {},
      close: async () => {},
    };
    const relay = createOutboxRelay({
      store: t.store,
      bus,
      collections: LEDGER_OUTBOX_COLLECTIONS,
      logger: createLogger('test', 'silent'),
    });
    expect(await relay.runOnce()).toBe(3);
    expect(published.map((p) => p.topic).sort()).toEqual([
      'leads.appeal.opened.v1',
      'leads.figures.reported.v1',
      'leads.visit.logged.v1',
    ]);
    expect(published.every((p) => p.key === id)).toBe(true);
    expect(await relay.pendingCount()).toEqual({ visits: 0, appeals: 0, figures: 0 });
  });

  it('go with the lead to the park that owns it after a transfer', async () => {
    await t.send('POST', `/v1/leads/${id}/visits`, visit(), analyst);
    await t.send('POST', `/v1/leads/${id}/appeals`, appeal(), analyst);
    await t.send('PUT', `/v1/leads/${id}/figures/2026-10`, figures(), analyst);
    // A city manager hands the lead to Bio-City (as the pipeline's transfer leaves it).
    await t
      .leadDocs()
      .updateOne({ _id: id }, { $set: { owner: { parkId: OTHER, by: 'city-manager', since: 'x' } } });
    // …and the transfer's event reaches the ledger-owner consumer (twice: at least once).
    const transferred = createEvent(Events.leadTransferred, {
      key: id,
      source: 'leads',
      payload: {
        leadId: id,
        fromParkId: 'dadukou-ivd',
        toParkId: OTHER,
        reason: 'r',
        by: 'city-manager',
        at: new Date().toISOString(),
      },
    });
    await onLeadsTransferred(t.ledgers)([transferred]);
    await onLeadsTransferred(t.ledgers)([transferred]);

    const other = await t.analyst(OTHER);
    expect(
      (await body<VisitList>(await t.send('GET', `/v1/leads/${id}/visits`, undefined, other))).items,
    ).toHaveLength(1);
    expect((await body<AppealPage>(await t.send('GET', '/v1/appeals', undefined, other))).items).toHaveLength(
      1,
    );
    expect((await body(await t.send('GET', `/v1/leads/${id}/figures`, undefined, other))).items).toHaveLength(
      1,
    );
    expect((await body<AppealPage>(await t.send('GET', '/v1/appeals', undefined, analyst))).items).toEqual(
      [],
    );
    expect((await t.send('GET', `/v1/leads/${id}/visits`, undefined, analyst)).status).toBe(404);
  });
});
