import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { BIO_CITY, claimedLead, DADUKOU, listIds } from '../../test/pipeline-steps.ts';

// Who may do what, endpoint by endpoint. The lead is owned by Dadukou (rated A there), rated B
// by Bio-City (which sees it but does not own it) and D by Fuling (which does not see it).
// Writes that pass the access checks are made to fail afterwards (a stale revision, a claimed
// lead, the same park), so one lead serves the whole matrix.

let t: OpenLeads;
let leadId: string;
let tokens: Record<string, string | undefined>;
beforeAll(async () => {
  t = await openLeads();
  leadId = await claimedLead(t, DADUKOU, {
    [DADUKOU]: { tier: 'A', score: 80 },
    [BIO_CITY]: { tier: 'B', score: 60 },
    fuling: { tier: 'D', score: 10 },
  });
  tokens = {
    'own analyst': await t.analyst(DADUKOU),
    'own manager': await t.manager(DADUKOU),
    'rating analyst': await t.analyst(BIO_CITY),
    'other analyst': await t.analyst('fuling'),
    'other manager': await t.manager('fuling'),
    'city manager': await t.manager(),
    admin: await t.admin(),
    firm: await t.token({ sub: `firm:${leadId}`, role: 'firm', leadId }),
    'no token': undefined,
  };
});
afterAll(() => t.close());

const cityWide = (who: string) => who === 'city manager' || who === 'admin';
type Endpoint = 'read' | 'claim' | 'move' | 'transfer' | 'list';
const requests: Record<Endpoint, (who: string) => [method: string, url: string, payload: unknown]> = {
  read: () => ['GET', `/v1/leads/${leadId}`, undefined],
  claim: (who: string) => ['POST', `/v1/leads/${leadId}/claim`, cityWide(who) ? { parkId: BIO_CITY } : {}],
  move: () => ['POST', `/v1/leads/${leadId}/stage`, { to: 'contacted', pipelineRevision: 1 }],
  transfer: () => [
    'POST',
    `/v1/leads/${leadId}/transfer`,
    { toParkId: DADUKOU, reason: '核对', pipelineRevision: 1 },
  ],
  list: () => ['GET', '/v1/leads', undefined],
};

// 409: allowed, then refused for what the request says (a stale revision, a claimed lead, the same park).
const matrix: [Endpoint, Record<string, number>][] = [
  [
    'read',
    {
      'own analyst': 200,
      'own manager': 200,
      'rating analyst': 200,
      'other analyst': 404,
      'other manager': 404,
      'city manager': 200,
      admin: 200,
      firm: 403,
      'no token': 401,
    },
  ],
  [
    'claim',
    {
      'own analyst': 409,
      'own manager': 409,
      'rating analyst': 409,
      'other analyst': 404,
      'other manager': 404,
      'city manager': 409,
      admin: 409,
      firm: 403,
      'no token': 401,
    },
  ],
  [
    'move',
    {
      'own analyst': 409,
      'own manager': 409,
      'rating analyst': 403,
      'other analyst': 404,
      'other manager': 404,
      'city manager': 409,
      admin: 409,
      firm: 403,
      'no token': 401,
    },
  ],
  [
    'transfer',
    {
      'own analyst': 403,
      'own manager': 403,
      'rating analyst': 403,
      'other analyst': 403,
      'other manager': 403,
      'city manager': 409,
      admin: 409,
      firm: 403,
      'no token': 401,
    },
  ],
  [
    'list',
    {
      'own analyst': 200,
      'own manager': 200,
      'rating analyst': 200,
      'other analyst': 200,
      'other manager': 200,
      'city manager': 200,
      admin: 200,
      firm: 403,
      'no token': 401,
    },
  ],
];

describe.each(matrix)('%s', (name, expected) => {
  it.each(Object.entries(expected))('answers %s with %i', async (who, status) => {
    const [method, url, payload] = requests[name](who);
    expect((await t.send(method, url, payload, tokens[who])).status).toBe(status);
  });
});

describe('what each sees', () => {
  it("lists the lead to every team that sees it, never to another park's", async () => {
    expect(await listIds(t, '', tokens['own analyst'] as string)).toEqual([leadId]);
    expect(await listIds(t, '', tokens['rating analyst'] as string)).toEqual([leadId]);
    expect(await listIds(t, '', tokens['other analyst'] as string)).toEqual([]);
    expect(await listIds(t, '', tokens['other manager'] as string)).toEqual([]);
  });

  it('shows a park’s team only its own park’s rating', async () => {
    const res = await t.send('GET', `/v1/leads/${leadId}`, undefined, tokens['rating analyst']);
    expect(((await res.json()) as { parks: object }).parks).toEqual({ [BIO_CITY]: { tier: 'B', score: 60 } });
  });

  it('changed nothing while refusing', async () => {
    const doc = await t.leadDocs().findOne({ _id: leadId });
    expect(doc).toMatchObject({ stage: 'lead', pipelineRevision: 2, owner: { parkId: DADUKOU } });
    expect(doc?.history).toHaveLength(1);
  });
});
