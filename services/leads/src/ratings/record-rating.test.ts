import { createEvent, Events } from '@parkmatch/contracts';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { recordParkRatings } from './record-rating.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

const scored = (leadId: string, parkId: string, tier: 'A' | 'B' | 'C' | 'D', score: number) =>
  createEvent(Events.leadScored, {
    key: leadId,
    source: 'matching',
    payload: {
      leadId,
      parkId,
      firmName: '测试',
      projectTitle: '测试',
      score,
      tier,
      matchedDirections: [],
      reasons: { zh: [], en: [] },
      engineVersion: 'e',
      catalogVersion: 1,
      profileRevision: 1,
    },
  });

it('records every park rating of a batch, the later of one park winning, and ignores unknown leads', async () => {
  const leadId = await t.ratedLead({});
  await recordParkRatings(t.leads)([
    scored(leadId, 'dadukou-ivd', 'C', 40),
    scored(leadId, 'bio-city', 'D', 5),
    scored('no-such-lead', 'bio-city', 'A', 90),
    scored(leadId, 'dadukou-ivd', 'B', 60),
  ]);
  expect((await t.leads.get(leadId))?.parks).toEqual({
    'dadukou-ivd': { tier: 'B', score: 60 },
    'bio-city': { tier: 'D', score: 5 },
  });
  // Each park's matched direction codes are kept beside its rating, for the firm's own view.
  expect((await t.leads.get(leadId))?.fits).toEqual({ 'dadukou-ivd': [], 'bio-city': [] });
  expect(await t.leadDocs().countDocuments()).toBe(1);
  // The same batch again (a redelivery) leaves the same document.
  await recordParkRatings(t.leads)([scored(leadId, 'dadukou-ivd', 'B', 60)]);
  expect((await t.leads.get(leadId))?.parks['dadukou-ivd']).toEqual({ tier: 'B', score: 60 });
});
