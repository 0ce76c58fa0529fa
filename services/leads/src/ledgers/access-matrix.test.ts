import type { Appeal, LeadLedger } from '@parkmatch/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  account,
  appeal,
  body,
  figures,
  firmToken,
  OTHER,
  OWNER,
  ownedLead,
  visit,
} from '../../test/ledger-steps.ts';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';

// Every ledger endpoint × every kind of caller: the owner park's team and city-wide staff work
// the ledgers; another park's team is told the lead does not exist (its lists stay empty); a
// firm — even the lead's own — never sees a ledger; no token, no answer.

type Outcome = 'ok' | 'empty' | number;
type Request = { method: string; url: string; body?: unknown };

let t: OpenLeads;
let leadId: string;
let appealId: string;

beforeAll(async () => {
  t = await openLeads();
  leadId = await ownedLead(t, 1, { stage: 'operating' });
  await account(t, 'dadukou', 'analyst', OWNER);
  await account(t, 'dadukou-2', 'analyst', OWNER);
  appealId = (await openAppeal()).id;
});
afterAll(() => t.close());

async function openAppeal(): Promise<Appeal> {
  return body<Appeal>(await t.send('POST', `/v1/leads/${leadId}/appeals`, appeal(), await t.admin()));
}

/** Each endpoint, as a request made afresh (on the current revision, on a new appeal …). */
const ENDPOINTS: Record<string, () => Promise<Request>> = {
  'GET ledger': async () => ({ method: 'GET', url: `/v1/leads/${leadId}/ledger` }),
  'PUT liaison': async () => {
    const now = await body<LeadLedger>(
      await t.send('GET', `/v1/leads/${leadId}/ledger`, undefined, await t.admin()),
    );
    const username = now.liaison?.username === 'dadukou' ? 'dadukou-2' : 'dadukou';
    return {
      method: 'PUT',
      url: `/v1/leads/${leadId}/liaison`,
      body: { username, pipelineRevision: now.pipelineRevision },
    };
  },
  'PUT expectations': async () => ({
    method: 'PUT',
    url: `/v1/leads/${leadId}/expectations`,
    body: { expectedAnnualOutputCny: 50_000_000 },
  }),
  'POST visits': async () => ({ method: 'POST', url: `/v1/leads/${leadId}/visits`, body: visit() }),
  'GET visits': async () => ({ method: 'GET', url: `/v1/leads/${leadId}/visits` }),
  'POST appeals': async () => ({ method: 'POST', url: `/v1/leads/${leadId}/appeals`, body: appeal() }),
  'GET lead appeals': async () => ({ method: 'GET', url: `/v1/leads/${leadId}/appeals` }),
  'GET appeal': async () => ({ method: 'GET', url: `/v1/appeals/${appealId}` }),
  'PATCH appeal': async () => ({
    method: 'PATCH',
    url: `/v1/appeals/${(await openAppeal()).id}`,
    body: { status: 'in-progress', revision: 1 },
  }),
  'PUT figures': async () => ({ method: 'PUT', url: `/v1/leads/${leadId}/figures/2026-10`, body: figures() }),
  'GET figures': async () => ({ method: 'GET', url: `/v1/leads/${leadId}/figures` }),
  'PUT key-firm': async () => ({
    method: 'PUT',
    url: `/v1/leads/${leadId}/key-firm`,
    body: { onLedger: true },
  }),
};
/** Lists over the caller's scope: another park's team gets an answer without the owner's lead. */
const LISTS: Record<string, () => Promise<Request>> = {
  'GET appeals': async () => ({ method: 'GET', url: '/v1/appeals' }),
  'GET key-firms': async () => ({ method: 'GET', url: '/v1/ledgers/key-firms?month=2026-10' }),
};

const CALLERS: Record<string, () => Promise<string | undefined>> = {
  'owner park analyst': () => t.analyst(OWNER),
  'owner park manager': () => t.manager(OWNER),
  'other park analyst': () => t.analyst(OTHER),
  'other park manager': () => t.manager(OTHER),
  'city manager': () => t.manager(),
  admin: () => t.admin(),
  'the firm itself': () => firmToken(t, leadId),
  'no token': async () => undefined,
};

const EXPECTED: Record<string, { lead: Outcome; list: Outcome }> = {
  'owner park analyst': { lead: 'ok', list: 'ok' },
  'owner park manager': { lead: 'ok', list: 'ok' },
  'other park analyst': { lead: 404, list: 'empty' },
  'other park manager': { lead: 404, list: 'empty' },
  'city manager': { lead: 'ok', list: 'ok' },
  admin: { lead: 'ok', list: 'ok' },
  'the firm itself': { lead: 403, list: 403 },
  'no token': { lead: 401, list: 401 },
};

async function outcome(request: Request, token: string | undefined): Promise<Outcome> {
  const res = await t.send(request.method, request.url, request.body, token);
  if (res.status >= 300) return res.status;
  return (await res.text()).includes(leadId) ? 'ok' : 'empty';
}

describe('who may use the ledgers', () => {
  it.each(Object.keys(CALLERS))('%s', async (caller) => {
    const token = await CALLERS[caller]!();
    const actual: Record<string, Outcome> = {};
    const expected: Record<string, Outcome> = {};
    for (const [name, request] of Object.entries(ENDPOINTS)) {
      actual[name] = await outcome(await request(), token);
      expected[name] = EXPECTED[caller]!.lead;
    }
    for (const [name, request] of Object.entries(LISTS)) {
      actual[name] = await outcome(await request(), token);
      expected[name] = EXPECTED[caller]!.list;
    }
    expect(actual).toEqual(expected);
  });
});
