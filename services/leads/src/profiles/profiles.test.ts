import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads, profileInput } from '../../test/open-leads.ts';

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
