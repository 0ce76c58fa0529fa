import { createEvent, Events } from '@parkmatch/contracts';
import { createLogger, createMetrics, createTokenService, type Principal } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labelledLead, openMatching } from '../../test/open-matching.ts';
import { createMatchingApp } from '../app.ts';
import { onClaims, onTransfers } from './owners.ts';
import { scoreLeads } from './score-lead.ts';

// A lead's matches follow the rule that lets a team open the lead itself (access.ts): a park's
// team sees its park's score when it rated the lead A–C, and the owner park's team its own
// park's score whatever the tier — after a transfer to a park that rates it D, too. Who owns
// the lead comes from claims and transfers, in any order and more than once.

let t: Awaited<ReturnType<typeof openMatching>>;
const tokens = createTokenService('matching-routes-test-secret-matching-routes');
let app: ReturnType<typeof createMatchingApp>;

beforeEach(async () => {
  t = await openMatching();
  app = createMatchingApp({
    ...t,
    tokens,
    logger: createLogger('matching-test', 'silent'),
    metrics: createMetrics('matching-test'),
    readiness: [],
    reranking: { enqueue: () => Promise.reject(new Error('no re-ranking in this test')) },
  });
});
afterEach(() => t.close());

const analyst = (parkId: string): Principal => ({ sub: `${parkId}-analyst`, role: 'analyst', parkId });

async function matchesOf(principal: Principal, leadId: string) {
  const res = await app.request(`/v1/leads/${leadId}/matches`, {
    headers: { authorization: `Bearer ${await tokens.sign(principal)}` },
  });
  const body = (await res.json()) as { items?: { parkId: string; tier: string }[] };
  return { status: res.status, parks: body.items?.map((i) => [i.parkId, i.tier]) };
}

const claimed = (leadId: string, parkId: string, at: string) =>
  createEvent(Events.leadClaimed, { key: leadId, source: 'leads', payload: { leadId, parkId, by: 'x', at } });
const transferred = (leadId: string, fromParkId: string, toParkId: string, at: string) =>
  createEvent(Events.leadTransferred, {
    key: leadId,
    source: 'leads',
    payload: { leadId, fromParkId, toParkId, reason: '更契合承接方向', by: 'city-manager', at },
  });

/** A scored lead, a park that rated it A–C and one that rated it D. */
async function scoredLead() {
  const lead = labelledLead(0);
  await scoreLeads(t, [lead], new Date());
  const stored = await t.storedMatches().find({ leadId: lead.leadId });
  const workable = stored.find((m) => m.tier !== 'D');
  const rejecting = stored.find((m) => m.tier === 'D');
  if (!workable || !rejecting) throw new Error('the labelled lead needs an A–C park and a D park');
  return { leadId: lead.leadId, workable: workable.parkId, rejecting: rejecting.parkId, tier: workable.tier };
}

describe('GET /v1/leads/{leadId}/matches', () => {
  it('shows the owner park its own score of a lead it rates D, once the lead is transferred there', async () => {
    const { leadId, workable, rejecting, tier } = await scoredLead();
    expect(await matchesOf(analyst(rejecting), leadId)).toEqual({ status: 404, parks: undefined });

    await onClaims(t)([claimed(leadId, workable, '2025-09-22T01:00:00.000Z')]);
    expect((await matchesOf(analyst(rejecting), leadId)).status).toBe(404); // another park's lead
    await onTransfers(t)([transferred(leadId, workable, rejecting, '2025-09-23T01:00:00.000Z')]);

    expect(await matchesOf(analyst(rejecting), leadId)).toEqual({ status: 200, parks: [[rejecting, 'D']] });
    // The park that gave it away still sees the score it rated A–C; nobody else's is added.
    expect(await matchesOf(analyst(workable), leadId)).toEqual({ status: 200, parks: [[workable, tier]] });
  });

  it('keeps the newest owner whatever the order the claim and the transfer come in, and again', async () => {
    const { leadId, workable, rejecting } = await scoredLead();
    const transfer = transferred(leadId, workable, rejecting, '2025-09-23T01:00:00.000Z');
    await onTransfers(t)([transfer]);
    await onClaims(t)([claimed(leadId, workable, '2025-09-22T01:00:00.000Z')]); // older, seen later
    await onTransfers(t)([transfer]); // delivered again
    expect(await t.owners.get(leadId)).toMatchObject({ parkId: rejecting });
    expect((await matchesOf(analyst(rejecting), leadId)).status).toBe(200);

    // Transferred back: the park that rates it D no longer owns it, and no longer sees it.
    await onTransfers(t)([transferred(leadId, rejecting, workable, '2025-09-24T01:00:00.000Z')]);
    expect((await matchesOf(analyst(rejecting), leadId)).status).toBe(404);
  });
});
