import type { LeadListPage, ParkRating, TeamLeadView } from '@parkmatch/contracts';
import type { OpenLeads } from './open-leads.ts';

// For tests of the closed loop: a lead claimed by a park, and moves made on its current revision.

export const DADUKOU = 'dadukou-ivd';
export const BIO_CITY = 'bio-city';

/** The JSON body of a response, typed as the test expects it. */
export const body = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;

/** A lead rated by these parks and claimed by `parkId`'s analyst; its id. */
export async function claimedLead(
  t: OpenLeads,
  parkId: string,
  ratings: Record<string, ParkRating> = { [parkId]: { tier: 'A', score: 80 } },
  seed = 1,
): Promise<string> {
  const id = await t.ratedLead(ratings, seed);
  const res = await t.send('POST', `/v1/leads/${id}/claim`, {}, await t.analyst(parkId));
  if (res.status !== 201) throw new Error(`claim answered ${res.status}: ${await res.text()}`);
  return id;
}

/** The lead as `token`'s holder reads it. */
export async function readLead(t: OpenLeads, id: string, token: string): Promise<TeamLeadView> {
  return body<TeamLeadView>(await t.send('GET', `/v1/leads/${id}`, undefined, token));
}

/** Moves the lead to `to` on its current revision (read first), with whatever else is given. */
export async function moveTo(
  t: OpenLeads,
  id: string,
  to: string,
  token: string,
  extra: { note?: string; facts?: Record<string, unknown> } = {},
): Promise<Response> {
  const { pipelineRevision } = await readLead(t, id, await t.admin());
  return t.send('POST', `/v1/leads/${id}/stage`, { to, pipelineRevision, ...extra }, token);
}

/** Ids of a lead list page. */
export async function listIds(t: OpenLeads, query: string, token: string): Promise<string[]> {
  const res = await t.send('GET', `/v1/leads${query}`, undefined, token);
  if (res.status !== 200) throw new Error(`list answered ${res.status}: ${await res.text()}`);
  return (await body<LeadListPage>(res)).items.map((item) => item.id);
}
