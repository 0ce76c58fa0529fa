import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { creditCodeCheckChar, type ProfileInput } from '@parkmatch/contracts';
import { createLogger, createMetrics, createTokenService } from '@parkmatch/service-kit';
import { type Collection, createStore, type DocumentStore } from '@parkmatch/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserRepository } from './accounts/repository.ts';
import { ensureAdmin } from './accounts/routes.ts';
import { createLeadsApp } from './app.ts';
import { type LeadDoc, LeadRepository } from './lead/repository.ts';

const code = (body: string) => body + creditCodeCheckChar(body);
const profile = (creditBody = '91500000MA5U3X4X0'): ProfileInput => ({
  firm: { name: '集庆生物', creditCode: code(creditBody), province: '福建', city: '厦门' },
  project: { title: 'POCT 试剂生产', type: 'production', description: '胶体金快检试剂' },
  contact: { name: '陈经理', phone: '13800000001' },
  consent: { dataUse: true },
});

describe('leads app', () => {
  let dir: string;
  let store: DocumentStore;
  let users: UserRepository;
  /** The raw `leads` collection, to look at what was stored. */
  let leadDocs: Collection<LeadDoc>;
  let app: ReturnType<typeof createLeadsApp>;
  let written = 0;
  const tokens = createTokenService('leads-test-secret-leads-test');

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'leads-app-'));
    store = await createStore({ kind: 'sqlite', dir });
    const leads = await LeadRepository.open(store);
    users = await UserRepository.open(store);
    leadDocs = store.collection<LeadDoc>(LeadRepository.COLLECTION);
    await ensureAdmin(users, { username: 'admin', password: 'admin' });
    written = 0;
    app = createLeadsApp({
      leads,
      users,
      tokens,
      logger: createLogger('test', 'silent'),
      metrics: createMetrics('test'),
      readiness: [],
      onEventsWritten: () => written++,
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (method: string, url: string, body?: unknown, token?: string) =>
    app.request(url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('stores a profile together with its submitted event, and refuses the same firm twice', async () => {
    const res = await send('POST', '/v1/profiles', profile());
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const doc = await leadDocs.findOne({ _id: id });
    expect(doc?._outbox?.map((e) => e.topic)).toEqual(['leads.profile.submitted.v1']);
    expect(JSON.parse(doc?._outbox?.[0]?.value ?? '{}').payload.profile.contact).toBeUndefined();
    expect(written).toBe(1);
    expect((await send('POST', '/v1/profiles', profile())).status).toBe(409);
    expect(await leadDocs.countDocuments()).toBe(1);
  });

  it('lets the firm update its own profile as a new revision, and nobody else', async () => {
    const created = (await (await send('POST', '/v1/profiles', profile())).json()) as {
      id: string;
      accessToken: string;
    };
    const other = (await (await send('POST', '/v1/profiles', profile('91500000MA5U3X4X1'))).json()) as {
      accessToken: string;
    };
    const changed = { ...profile(), project: { ...profile().project, title: '化学发光试剂生产' } };
    expect((await send('PUT', `/v1/profiles/${created.id}`, changed, other.accessToken)).status).toBe(403);
    const res = await send('PUT', `/v1/profiles/${created.id}`, changed, created.accessToken);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { revision: number }).revision).toBe(2);
    const doc = await leadDocs.findOne({ _id: created.id });
    expect(doc?._outbox?.map((e) => e.topic)).toEqual([
      'leads.profile.submitted.v1',
      'leads.profile.updated.v1',
    ]);
    expect((await send('GET', `/v1/profiles/${created.id}`, undefined, other.accessToken)).status).toBe(403);
  });

  it('shows an analyst a lead only once its park rated it above tier D', async () => {
    const { id } = (await (await send('POST', '/v1/profiles', profile())).json()) as { id: string };
    const analyst = await tokens.sign({ sub: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' });
    expect((await send('GET', `/v1/profiles/${id}`, undefined, analyst)).status).toBe(403);
    await leadDocs.updateOne({ _id: id }, { $set: { 'parks.dadukou-ivd': { tier: 'D', score: 12 } } });
    expect((await send('GET', `/v1/profiles/${id}`, undefined, analyst)).status).toBe(403);
    await leadDocs.updateOne({ _id: id }, { $set: { 'parks.dadukou-ivd': { tier: 'B', score: 60 } } });
    expect((await send('GET', `/v1/profiles/${id}`, undefined, analyst)).status).toBe(200);
  });

  it('issues team tokens for right passwords only, and only admins create accounts', async () => {
    expect((await send('POST', '/v1/auth/token', { username: 'admin', password: 'wrong' })).status).toBe(401);
    expect((await send('POST', '/v1/auth/token', { username: 'nobody', password: 'x' })).status).toBe(401);
    const { token } = (await (
      await send('POST', '/v1/auth/token', { username: 'admin', password: 'admin' })
    ).json()) as {
      token: string;
    };
    const user = { username: 'dadukou', password: 'long-enough', role: 'analyst', parkId: 'dadukou-ivd' };
    expect((await send('POST', '/v1/users', user, token)).status).toBe(201);
    expect((await send('POST', '/v1/users', user, token)).status).toBe(409);
    expect(
      (await send('POST', '/v1/users', { ...user, username: 'x2', parkId: undefined }, token)).status,
    ).toBe(400);
    // An account belongs to one of the system's parks, never to one that does not exist.
    const noPark = await send('POST', '/v1/users', { ...user, username: 'x4', parkId: 'atlantis' }, token);
    expect(noPark.status).toBe(400);
    expect(JSON.stringify(await noPark.json())).toContain('parkId');
    const analyst = (await (
      await send('POST', '/v1/auth/token', { username: 'dadukou', password: 'long-enough' })
    ).json()) as {
      token: string;
    };
    expect((await send('POST', '/v1/users', { ...user, username: 'x3' }, analyst.token)).status).toBe(403);
    expect((await users.get('dadukou'))?.passwordHash).not.toContain('long-enough');
  });
});
