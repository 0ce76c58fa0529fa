import type { LeadListPage, LeadView, TeamLeadView } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads, profileInput } from '../../test/open-leads.ts';
import { LeadRepository } from '../lead/repository.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

describe('profiles', () => {
  it('stores a profile together with its submitted event, and refuses the same firm twice', async () => {
    const res = await t.send('POST', '/v1/profiles', profileInput());
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const events = await t.waitingEvents(id);
    expect(events.map((e) => e.topic)).toEqual(['leads.profile.submitted.v1']);
    expect(JSON.parse(events[0]?.value ?? '{}').payload.profile.contact).toBeUndefined();
    expect(t.written()).toBe(1);
    expect((await t.send('POST', '/v1/profiles', profileInput())).status).toBe(409);
    expect(await t.leadDocs().countDocuments()).toBe(1);
  });

  it('lets the firm update its own profile as a new revision, and nobody else', async () => {
    const created = (await (await t.send('POST', '/v1/profiles', profileInput())).json()) as {
      id: string;
      accessToken: string;
    };
    const other = (await (await t.send('POST', '/v1/profiles', profileInput(2))).json()) as {
      accessToken: string;
    };
    const changed = { ...profileInput(), project: { ...profileInput().project, title: '化学发光试剂生产' } };
    expect((await t.send('PUT', `/v1/profiles/${created.id}`, changed, other.accessToken)).status).toBe(403);
    const res = await t.send('PUT', `/v1/profiles/${created.id}`, changed, created.accessToken);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { revision: number }).revision).toBe(2);
    expect((await t.waitingEvents(created.id)).map((e) => e.topic)).toEqual([
      'leads.profile.submitted.v1',
      'leads.profile.updated.v1',
    ]);
    // Another firm's lead answers as if it did not exist.
    expect((await t.send('GET', `/v1/profiles/${created.id}`, undefined, other.accessToken)).status).toBe(
      404,
    );
  });

  it('shows an analyst a lead only once its park rated it above tier D', async () => {
    const { id } = (await (await t.send('POST', '/v1/profiles', profileInput())).json()) as { id: string };
    const analyst = await t.analyst('dadukou-ivd');
    expect((await t.send('GET', `/v1/profiles/${id}`, undefined, analyst)).status).toBe(404);
    await t.leadDocs().updateOne({ _id: id }, { $set: { 'parks.dadukou-ivd': { tier: 'D', score: 12 } } });
    expect((await t.send('GET', `/v1/profiles/${id}`, undefined, analyst)).status).toBe(404);
    await t.leadDocs().updateOne({ _id: id }, { $set: { 'parks.dadukou-ivd': { tier: 'B', score: 60 } } });
    expect((await t.send('GET', `/v1/profiles/${id}`, undefined, analyst)).status).toBe(200);
  });
});

describe('a firm that withdrew its profile (PIPL) and comes back', () => {
  const submit = async (seed = 1) => {
    const res = await t.send('POST', '/v1/profiles', profileInput(seed));
    return { status: res.status, ...((await res.json()) as { id: string; accessToken: string }) };
  };
  const withdraw = async (created: { id: string; accessToken: string }) =>
    (await t.send('DELETE', `/v1/profiles/${created.id}`, undefined, created.accessToken)).status;
  const creditCode = profileInput().firm.creditCode;

  it('may submit again, as a new lead; two live profiles of one firm still conflict', async () => {
    const first = await submit();
    expect(await withdraw(first)).toBe(204);
    const again = await submit();
    expect(again.status).toBe(201);
    expect(again.id).not.toBe(first.id);
    expect((await t.leads.get(again.id))?.stage).toBe('lead');
    expect((await t.leads.get(first.id))?.stage).toBe('withdrawn');
    // The new lead is live: a third submission conflicts, with the field named, in both languages.
    const third = await t.send('POST', '/v1/profiles', profileInput());
    expect(third.status).toBe(409);
    expect(((await third.json()) as { errors: unknown[] }).errors).toMatchObject([
      { path: 'firm.creditCode', code: 'duplicate', message: '已提交过', messageEn: 'already submitted' },
    ]);
    // Withdrawn twice, it may come back a third time: withdrawn leads do not collide either.
    expect(await withdraw(again)).toBe(204);
    expect((await submit()).status).toBe(201);
    expect(await t.leadDocs().countDocuments()).toBe(3);
    // Nor may a live lead take the code of another live one by an update.
    const other = await submit(2);
    const taking = { ...profileInput(2), firm: { ...profileInput(2).firm, creditCode } };
    expect((await t.send('PUT', `/v1/profiles/${other.id}`, taking, other.accessToken)).status).toBe(409);
  });

  it('keeps the withdrawn lead’s credit code for the teams: its view, the list, search and exports', async () => {
    const first = await submit();
    await t
      .leadDocs()
      .updateOne({ _id: first.id }, { $set: { parks: { 'dadukou-ivd': { tier: 'A', score: 80 } } } });
    expect(await withdraw(first)).toBe(204);
    const again = await submit();
    const admin = await t.admin();

    const read = await t.send('GET', `/v1/leads/${first.id}`, undefined, admin);
    expect(((await read.json()) as TeamLeadView).profile.firm.creditCode).toBe(creditCode);
    const profile = await t.send('GET', `/v1/profiles/${first.id}`, undefined, admin);
    expect(((await profile.json()) as LeadView).profile.firm.creditCode).toBe(creditCode);

    // Searching the code finds the firm's history: the withdrawn lead and the new one.
    const search = async (q: string) => {
      const res = await t.send('GET', `/v1/leads?q=${encodeURIComponent(q)}`, undefined, admin);
      return ((await res.json()) as LeadListPage).items;
    };
    const found = await search(creditCode);
    expect(found.map((item) => item.id).sort()).toEqual([first.id, again.id].sort());
    expect(found.map((item) => item.creditCode)).toEqual([creditCode, creditCode]);
    expect(await search(creditCode.slice(2, 10).toLowerCase())).toHaveLength(2);
    // What the store holds in its place is nobody's code: no search finds it.
    expect(await search('withdrawn')).toEqual([]);

    const csv = await t.send('GET', '/v1/exports/leads.csv', undefined, admin);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).not.toContain('withdrawn:');
    expect(text.split(creditCode)).toHaveLength(3); // both leads, each with the firm's code
  });

  it('releases, on start, the code of a lead withdrawn before withdrawals released it', async () => {
    const first = await submit();
    // As an older version left it: withdrawn, the firm's code still in the indexed field.
    await t.leadDocs().updateOne({ _id: first.id }, { $set: { stage: 'withdrawn' } });
    expect((await t.send('POST', '/v1/profiles', profileInput())).status).toBe(409);
    const restarted = await LeadRepository.open(t.store);
    expect((await restarted.get(first.id))?.profile.firm.creditCode).toBe(creditCode);
    expect((await submit()).status).toBe(201);
    await LeadRepository.open(t.store); // again: nothing left to release, nothing changes
    expect((await t.leads.get(first.id))?.profile.firm.creditCode).toBe(creditCode);
  });
});
