import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { creditCode, massSpecProfile } from './fixtures.ts';

// A park manager edits the catalog: what-if first (nothing published), then a new
// version that re-ranks the park's leads in the background with visible progress.

interface Catalog {
  name: { zh: string; en: string };
  version: number;
  directions: { code: string }[];
  [key: string]: unknown;
}
interface Ranked {
  items: { leadId: string; tier: string; score: number }[];
}

const furniture = () => ({
  firm: {
    name: '美居家具仓储有限公司',
    creditCode: creditCode('91440600MA4UJ52'),
    province: '广东',
    city: '佛山',
  },
  project: {
    title: '家具仓储配送中心',
    type: 'production',
    description: '家具仓储、分拣与城市配送，需要大面积仓库。',
  },
  contact: { name: '郑经理', phone: '13800000009' },
  consent: { dataUse: true },
});

async function put(url: string, body: unknown, token: string) {
  return fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

describe('catalog versions, re-rank and what-if', () => {
  let system: TestSystem;
  let manager: string;
  let analyst: string;
  let admin: string;
  let massSpecLead: string;
  let furnitureLead: string;
  const park = () => `${system.urls.matching}/v1/parks/dadukou-ivd`;

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start(['leads', 'matching']);
    admin = await signIn(system.urls.leads, 'admin', 'admin');
    await postJson(
      `${system.urls.leads}/v1/users`,
      { username: 'dadukou-manager', password: 'demo1234', role: 'manager', parkId: 'dadukou-ivd' },
      admin,
    );
    await postJson(
      `${system.urls.leads}/v1/users`,
      { username: 'dadukou', password: 'demo1234', role: 'analyst', parkId: 'dadukou-ivd' },
      admin,
    );
    manager = await signIn(system.urls.leads, 'dadukou-manager', 'demo1234');
    analyst = await signIn(system.urls.leads, 'dadukou', 'demo1234');
    const res = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1CAT1'));
    massSpecLead = ((await res.json()) as { id: string }).id;
    const furnitureRes = await postJson(`${system.urls.leads}/v1/profiles`, furniture());
    furnitureLead = ((await furnitureRes.json()) as { id: string }).id;
    await vi.waitFor(
      async () => {
        const ranked = await getJson<Ranked>(`${park()}/ranked-leads`, admin);
        if (ranked.body.items?.length !== 2) throw new Error('not scored yet');
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('lists parks publicly with their directions', async () => {
    const { status, body } = await getJson<{ items: { id: string; directions: { code: string }[] }[] }>(
      `${system.urls.matching}/v1/parks`,
    );
    expect(status).toBe(200);
    expect(body.items.map((p) => p.id).sort()).toEqual(
      ['bio-city', 'changshou', 'dadukou-ivd', 'fuling', 'gaoxin', 'liangjiang'].sort(),
    );
    const dadukou = body.items.find((p) => p.id === 'dadukou-ivd');
    expect(dadukou?.directions.map((d) => d.code)).toEqual(
      expect.arrayContaining(['ivd.mass-spec', 'ivd.poct']),
    );
  });

  it("lists for a park's team only the leads it may open (A–C); an admin sees tier D too", async () => {
    const teamList = await getJson<Ranked>(`${park()}/ranked-leads`, analyst);
    expect(teamList.body.items.map((i) => i.leadId)).toEqual([massSpecLead]);
    for (const item of teamList.body.items) {
      const lead = await getJson(`${system.urls.leads}/v1/profiles/${item.leadId}`, analyst);
      expect(lead.status, 'a listed lead always opens').toBe(200);
    }
    const adminList = await getJson<Ranked>(`${park()}/ranked-leads?tier=D`, admin);
    expect(adminList.body.items.map((i) => i.leadId)).toEqual([furnitureLead]);
    expect((await getJson(`${park()}/ranked-leads?tier=D`, analyst)).body).toMatchObject({ items: [] });
    const hidden = await getJson(`${system.urls.matching}/v1/leads/${furnitureLead}/matches`, analyst);
    expect(hidden.status).toBe(404);
  });

  it('previews a draft without publishing it', async () => {
    const { body: catalog } = await getJson<Catalog>(park(), manager);
    const draft = {
      ...catalog,
      directions: catalog.directions.filter((d) => !d.code.startsWith('ivd.mass-spec')),
    };
    const res = await postJson(`${park()}/what-if`, { catalog: draft, limit: 10 }, manager);
    expect(res.status).toBe(200);
    const whatIf = (await res.json()) as {
      tierDown: { leadId: string }[];
      total: number;
      baseVersion: number;
    };
    expect(whatIf.total).toBe(2);
    expect(whatIf.baseVersion).toBe(1);
    expect(whatIf.tierDown.map((c) => c.leadId)).toContain(massSpecLead);
    const versions = await getJson<{ items: unknown[] }>(`${park()}/catalog/versions`, manager);
    expect(versions.body.items).toHaveLength(1);
  });

  it('refuses an invalid catalog, listing what is wrong, and analysts may not publish', async () => {
    const { body: catalog } = await getJson<Catalog>(park(), manager);
    const bad = { ...catalog, directions: [{ code: 'no.such-code', kind: 'sub-sector', weight: 1 }] };
    const res = await put(`${park()}/catalog`, { catalog: bad }, manager);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors[0]?.path).toBe('catalog.directions.0.code');
    expect((await put(`${park()}/catalog`, { catalog }, analyst)).status).toBe(403);
  });

  it('publishes a new version, re-ranks in the background and records who and when', async () => {
    const { body: catalog } = await getJson<Catalog>(park(), manager);
    const draft = {
      ...catalog,
      directions: catalog.directions.filter((d) => !d.code.startsWith('ivd.mass-spec')),
    };
    const tierOf = async () =>
      (await getJson<Ranked>(`${park()}/ranked-leads`, admin)).body.items.find(
        (i) => i.leadId === massSpecLead,
      )?.tier;
    const before = await tierOf();
    const preview = await postJson(`${park()}/what-if`, { catalog: draft }, manager);
    const predicted = ((await preview.json()) as { top: { leadId: string; tier: string }[] }).top.find(
      (c) => c.leadId === massSpecLead,
    )?.tier;
    expect(predicted).not.toBe(before);

    const res = await put(
      `${park()}/catalog`,
      { catalog: draft, note: 'mass spec moved to another park' },
      manager,
    );
    expect(res.status).toBe(202);
    expect(((await res.json()) as { version: number }).version).toBe(2);

    await expect
      .poll(async () => (await getJson<{ status: string; done: number }>(`${park()}/rerank`, analyst)).body, {
        timeout: 10_000,
      })
      .toMatchObject({ status: 'done', done: 2, total: 2 });
    // The published outcome is what the preview predicted.
    expect(await tierOf()).toBe(predicted);

    const versions = await getJson<{ items: { version: number; publishedBy: string; note?: string }[] }>(
      `${park()}/catalog/versions`,
      manager,
    );
    expect(versions.body.items[0]).toMatchObject({
      version: 2,
      publishedBy: 'dadukou-manager',
      note: 'mass spec moved to another park',
    });
    const matches = await getJson<{ items: { parkId: string; catalogVersion: number }[] }>(
      `${system.urls.matching}/v1/leads/${massSpecLead}/matches`,
      admin,
    );
    expect(matches.body.items.find((m) => m.parkId === 'dadukou-ivd')?.catalogVersion).toBe(2);
  });
});
