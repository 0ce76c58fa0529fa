import { createEvent, Events } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { type Harness, openHarness, scoredEvent } from '../../test/harness.ts';

// The topics keep no order between them: a lead's rating (matching), its claim, its moves and
// its withdrawal (leads) may be handled in any order. Whatever the order, no clock is left
// running for work that is over — it would show as 已超时 on the board for ever.

let h: Harness;
beforeEach(async () => {
  h = await openHarness({ redisUrl: inject('redisUrl') });
});
afterEach(() => h.close());

const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const who = { by: 'dadukou', parkId: 'dadukou-ivd' };
const claimed = (leadId: string, when: string) =>
  createEvent(Events.leadClaimed, {
    key: leadId,
    source: 'leads',
    payload: { leadId, ...who, at: at(when) },
  });
const contacted = (leadId: string, when: string, entered: string) =>
  createEvent(Events.stageChanged, {
    key: leadId,
    source: 'leads',
    payload: { leadId, ...who, from: 'lead', to: 'contacted', enteredFromAt: at(entered), at: at(when) },
  });
const withdrawn = (leadId: string, when: string) =>
  createEvent(Events.profileWithdrawn, {
    key: leadId,
    source: 'leads',
    payload: { leadId, by: 'firm', at: at(when) },
  });
const appeal = (leadId: string, when: string) =>
  createEvent(Events.appealOpened, {
    key: leadId,
    source: 'leads',
    payload: {
      leadId,
      ...who,
      appealId: `ap-${leadId}`,
      category: 'registration',
      dueOn: '2025-09-30',
      at: at(when),
    },
  });

const running = async (leadId: string) =>
  (await h.clocks.forLead(leadId))
    .filter((c) => c.status === 'running')
    .map((c) => [c.kind, c.parkId])
    .sort();

describe('clocks whatever the order of the events', () => {
  it('a claim handled while another park’s rating is on its way leaves that park no first-contact clock', async () => {
    await h.scored([scoredEvent('lead-o1', 'A')]);
    // Bio-City's rating arrives: its consumer has read the lead (not claimed yet) …
    const before = await h.facts.getMany(['lead-o1']);
    // … when the claim is handled by the other consumer, and only then starts its clock.
    await h.pipeline.leadClaimed([claimed('lead-o1', '2025-09-22T09:00:00')]);
    await h.clockRules.arrived(
      [{ leadId: 'lead-o1', parkId: 'bio-city', at: at('2025-09-22T08:00:00') }],
      before,
    );
    expect(await running('lead-o1')).toEqual([['first-contact', 'dadukou-ivd']]);
  });

  it('a move or an appeal handled after the withdrawal starts nothing', async () => {
    await h.scored([scoredEvent('lead-o2', 'A')]);
    await h.pipeline.leadClaimed([claimed('lead-o2', '2025-09-22T09:00:00')]);
    await h.pipeline.profileWithdrawn([withdrawn('lead-o2', '2025-09-24T09:00:00')]);
    // Both happened before the withdrawal; their topics were behind.
    await h.pipeline.stageChanged([contacted('lead-o2', '2025-09-23T09:00:00', '2025-09-22T08:00:00')]);
    await h.pipeline.appealOpened([appeal('lead-o2', '2025-09-23T10:00:00')]);
    expect(await running('lead-o2')).toEqual([]);
  });

  it('a move handled while a claim is restarting the lead’s clock still stops it', async () => {
    // Rated A after the office had claimed it (history imported): the claim moves the clock's start back.
    await h.scored([scoredEvent('lead-o3', 'A', { at: new Date(at('2025-09-26T09:00:00')) })]);
    const restart = h.clocks.restart.bind(h.clocks);
    h.clocks.restart = async (clock) => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // the claim's read is stale meanwhile
      await restart(clock);
    };
    await Promise.all([
      h.pipeline.leadClaimed([claimed('lead-o3', '2025-09-22T09:00:00')]),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await h.pipeline.stageChanged([contacted('lead-o3', '2025-09-23T09:00:00', '2025-09-22T08:00:00')]);
      })(),
    ]);
    expect(await running('lead-o3')).toEqual([['site-visit', 'dadukou-ivd']]);
  });

  it('a move out of 线索 handled after a transfer ends first contact at the receiving park too', async () => {
    await h.scored([scoredEvent('lead-o4', 'A')]);
    await h.pipeline.leadClaimed([claimed('lead-o4', '2025-09-22T09:00:00')]);
    // Moved on at Dadukou, then transferred; the transfer is handled first (the facts still say 线索).
    await h.pipeline.leadTransferred([
      createEvent(Events.leadTransferred, {
        key: 'lead-o4',
        source: 'leads',
        payload: {
          leadId: 'lead-o4',
          fromParkId: 'dadukou-ivd',
          toParkId: 'bio-city',
          reason: '更契合',
          by: 'city-manager',
          at: at('2025-09-24T09:00:00'),
        },
      }),
    ]);
    await h.pipeline.stageChanged([contacted('lead-o4', '2025-09-23T09:00:00', '2025-09-22T08:00:00')]);
    expect((await running('lead-o4')).filter(([kind]) => kind === 'first-contact')).toEqual([]);
  });
});
