import { createEvent, Events } from '@parkmatch/contracts';
import type { Principal } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ANALYST, type Harness, openHarness, scoredEvent } from '../../test/harness.ts';

// A transfer hands a lead to another park: the liaison the old park named is not the lead's
// any more — not in the lead facts, not on the clocks that move with the lead — until the
// receiving park names its own. The topics keep no order between them and an event may come
// twice, so each case is also played in the other order and again.

let h: Harness;
beforeEach(async () => {
  h = await openHarness({ redisUrl: inject('redisUrl') });
});
afterEach(() => h.close());

const BIOCITY: Principal = { sub: 'biocity', role: 'analyst', parkId: 'bio-city' };
const at = (local: string) => new Date(`${local}+08:00`).toISOString();

const claimed = (leadId: string, when: string) =>
  createEvent(Events.leadClaimed, {
    key: leadId,
    source: 'leads',
    payload: { leadId, parkId: 'dadukou-ivd', by: 'dadukou', at: at(when) },
  });
const liaison = (leadId: string, parkId: string, username: string, when: string) =>
  createEvent(Events.liaisonAssigned, {
    key: leadId,
    source: 'leads',
    payload: { leadId, parkId, by: parkId, liaison: username, at: at(when) },
  });
const transferred = (leadId: string, when: string) =>
  createEvent(Events.leadTransferred, {
    key: leadId,
    source: 'leads',
    payload: {
      leadId,
      fromParkId: 'dadukou-ivd',
      toParkId: 'bio-city',
      reason: '更契合生物城抗体药物方向',
      by: 'city-manager',
      at: at(when),
    },
  });
const appeal = (leadId: string, when: string, dueOn: string) =>
  createEvent(Events.appealOpened, {
    key: leadId,
    source: 'leads',
    payload: {
      leadId,
      parkId: 'dadukou-ivd',
      by: 'dadukou',
      appealId: `ap-${leadId}`,
      category: 'registration',
      dueOn,
      at: at(when),
    },
  });

/** A Dadukou lead with a liaison and an open appeal (due Wednesday 24 Sep), both of Monday 22 Sep. */
async function dadukouLead(leadId: string) {
  await h.scored([scoredEvent(leadId, 'A', { firmName: '康源抗体' })]);
  await h.scored([scoredEvent(leadId, 'B', { parkId: 'bio-city', firmName: '康源抗体' })]);
  await h.pipeline.leadClaimed([claimed(leadId, '2025-09-22T09:00:00')]);
  await h.pipeline.liaisonAssigned([
    liaison(leadId, 'dadukou-ivd', 'dadukou-liaison', '2025-09-22T09:30:00'),
  ]);
  await h.pipeline.appealOpened([appeal(leadId, '2025-09-22T10:00:00', '2025-09-24')]);
}

const running = async (leadId: string) =>
  (await h.clocks.forLead(leadId))
    .filter((c) => c.status === 'running')
    .map((c) => [c.kind, c.parkId, c.liaison])
    .sort();

describe('a transfer and the liaison', () => {
  it('clears the old park’s liaison: the moved appeal’s overdue notice reaches the receiving park’s team', async () => {
    await dadukouLead('lead-t1');
    expect(await running('lead-t1')).toEqual([
      ['appeal', 'dadukou-ivd', 'dadukou-liaison'],
      ['first-contact', 'dadukou-ivd', 'dadukou-liaison'],
    ]);
    await h.pipeline.leadTransferred([transferred('lead-t1', '2025-09-23T10:00:00')]);

    expect((await h.facts.get('lead-t1')).liaison).toBeNull();
    expect(await running('lead-t1')).toEqual([
      ['appeal', 'bio-city', null],
      ['first-contact', 'bio-city', null],
    ]);
    const notices = await h.sweep(new Date(at('2025-09-25T00:30:00')));
    expect(notices.map((n) => [n.kind, n.parkId, n.audience])).toEqual([
      ['sla-overdue', 'bio-city', { to: 'team' }],
    ]);
    const inbox = async (who: Principal) =>
      (await h.call(who, 'GET', '/v1/inbox')).body.items.map((i: { kind: string }) => i.kind);
    await expect.poll(() => inbox(BIOCITY)).toContain('sla-overdue');
    expect(await inbox(ANALYST)).not.toContain('sla-overdue');
  });

  it('gives the moved clocks the receiving park’s liaison, whichever event comes first, and keeps it when the transfer comes again', async () => {
    // In order: transfer, then Bio-City names its liaison.
    await dadukouLead('lead-t2');
    await h.pipeline.leadTransferred([transferred('lead-t2', '2025-09-23T10:00:00')]);
    await h.pipeline.liaisonAssigned([
      liaison('lead-t2', 'bio-city', 'biocity-liaison', '2025-09-23T11:00:00'),
    ]);
    // Bio-City's liaison seen first, the transfer after it.
    await dadukouLead('lead-t3');
    await h.pipeline.liaisonAssigned([
      liaison('lead-t3', 'bio-city', 'biocity-liaison', '2025-09-23T11:00:00'),
    ]);
    await h.pipeline.leadTransferred([transferred('lead-t3', '2025-09-23T10:00:00')]);

    for (const leadId of ['lead-t2', 'lead-t3']) {
      // The transfer delivered again, and Dadukou's naming of its liaison late (before the transfer).
      await h.pipeline.leadTransferred([transferred(leadId, '2025-09-23T10:00:00')]);
      await h.pipeline.liaisonAssigned([liaison(leadId, 'dadukou-ivd', 'dadukou-2', '2025-09-23T09:00:00')]);
      expect((await h.facts.get(leadId)).liaison?.username).toBe('biocity-liaison');
      expect(await running(leadId)).toEqual([
        ['appeal', 'bio-city', 'biocity-liaison'],
        ['first-contact', 'bio-city', 'biocity-liaison'],
      ]);
    }
  });
});
