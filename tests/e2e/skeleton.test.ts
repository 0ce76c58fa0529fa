import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WEB_SERVICE } from '../../scripts/services.ts';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { creditCode, massSpecProfile } from './fixtures.ts';

// The walking skeleton: three services as separate OS processes on a real Redis.
// profile → leads → event → matching scores every park → event → notifications job → inbox.

interface Matches {
  leadId: string;
  items: { parkId: string; score: number; tier: string }[];
}
interface Inbox {
  items: { leadId: string; parkId: string; tier: string; title: { zh: string } }[];
}

/** A POST that reads the answer even when the server stops reading the body early. */
function rawPost(url: string, body: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    req.end(body);
  });
}

describe('walking skeleton', () => {
  let system: TestSystem;
  let admin: string;

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start();
    admin = await signIn(system.urls.leads, 'admin', 'admin');
    for (const [username, parkId] of [
      ['dadukou', 'dadukou-ivd'],
      ['changshou', 'changshou'],
    ] as const) {
      const res = await postJson(
        `${system.urls.leads}/v1/users`,
        { username, password: 'demo1234', role: 'analyst', parkId },
        admin,
      );
      expect(res.status).toBe(201);
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('takes a profile through matching to the park team’s inbox', async () => {
    const submitted = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile());
    expect(submitted.status).toBe(201);
    const { id, accessToken } = (await submitted.json()) as { id: string; accessToken: string };
    expect(accessToken).toBeTruthy();

    const matchesUrl = `${system.urls.matching}/v1/leads/${id}/matches`;
    await expect
      .poll(async () => (await getJson<Matches>(matchesUrl, admin)).body.items?.length, {
        timeout: 5_000,
        interval: 100,
      })
      .toBe(6);
    const { body } = await getJson<Matches>(matchesUrl, admin);
    expect(body.items).toHaveLength(6);
    expect(body.items[0]?.parkId).toBe('dadukou-ivd');

    const ranked = await getJson<{ items: { leadId: string; matchedDirections: { code: string }[] }[] }>(
      `${system.urls.matching}/v1/parks/dadukou-ivd/ranked-leads?direction=ivd.mass-spec`,
      admin,
    );
    const mine = ranked.body.items.find((item) => item.leadId === id);
    expect(mine?.matchedDirections.map((d) => d.code)).toContain('ivd.mass-spec');

    await expect
      .poll(
        async () =>
          (await getJson<Inbox>(`${system.urls.notifications}/v1/inbox`, admin)).body.items.map(
            (i) => i.leadId,
          ),
        { timeout: 5_000, interval: 100 },
      )
      .toContain(id);
  });

  it('takes a withdrawn profile out of every ranked list', async () => {
    const submitted = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1PX33'));
    const { id, accessToken } = (await submitted.json()) as { id: string; accessToken: string };
    const matchesUrl = `${system.urls.matching}/v1/leads/${id}/matches`;
    await expect
      .poll(async () => (await getJson<Matches>(matchesUrl, admin)).body.items?.length, {
        timeout: 5_000,
        interval: 100,
      })
      .toBe(6);
    const withdrawn = await fetch(`${system.urls.leads}/v1/profiles/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(withdrawn.status).toBe(204);
    await expect
      .poll(async () => (await getJson<Matches>(matchesUrl, admin)).body.items?.length ?? 0, {
        timeout: 5_000,
        interval: 100,
      })
      .toBe(0);
    const ranked = await getJson<{ items: { leadId: string }[] }>(
      `${system.urls.matching}/v1/parks/dadukou-ivd/ranked-leads?limit=200`,
      admin,
    );
    expect(ranked.status).toBe(200);
    expect(ranked.body.items.map((item) => item.leadId)).not.toContain(id);
  });

  it('shows an analyst only its park, and a firm only its own profile', async () => {
    const res = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1PX99'));
    const { id, accessToken } = (await res.json()) as { id: string; accessToken: string };
    const dadukou = await signIn(system.urls.leads, 'dadukou', 'demo1234');
    const changshou = await signIn(system.urls.leads, 'changshou', 'demo1234');

    await expect
      .poll(
        async () =>
          (await getJson<Inbox>(`${system.urls.notifications}/v1/inbox`, dadukou)).body.items.some(
            (i) => i.leadId === id,
          ),
        { timeout: 5_000, interval: 100 },
      )
      .toBe(true);
    const theirs = await getJson<Inbox>(`${system.urls.notifications}/v1/inbox`, dadukou);
    expect(theirs.body.items.every((i) => i.parkId === 'dadukou-ivd')).toBe(true);
    const other = await getJson<Inbox>(`${system.urls.notifications}/v1/inbox`, changshou);
    expect(other.body.items.some((i) => i.leadId === id)).toBe(false);
    expect(
      (await getJson(`${system.urls.notifications}/v1/inbox?parkId=dadukou-ivd`, changshou)).status,
    ).toBe(403);

    const own = await getJson<{ id: string }>(`${system.urls.leads}/v1/profiles/${id}`, accessToken);
    expect(own.status).toBe(200);
    const firstLead = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1PX77'));
    const otherFirm = ((await firstLead.json()) as { accessToken: string }).accessToken;
    // Another firm's lead answers like one that does not exist (403 would tell it exists).
    expect((await getJson(`${system.urls.leads}/v1/profiles/${id}`, otherFirm)).status).toBe(404);
    expect((await getJson(`${system.urls.notifications}/v1/inbox`, accessToken)).status).toBe(403);
    expect((await getJson(`${system.urls.notifications}/v1/inbox`)).status).toBe(401);
  });

  it('rejects bad input with problem+json and stores nothing', async () => {
    const url = `${system.urls.leads}/v1/profiles`;
    const good = massSpecProfile('MA1PX55');
    const send = (body: string, type = 'application/json') =>
      fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

    const badJson = await send('{"firm": ');
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('content-type')).toContain('application/problem+json');

    const unknownField = await send(JSON.stringify({ ...good, firm: { ...good.firm, surprise: 1 } }));
    expect(unknownField.status).toBe(400);
    const problem = (await unknownField.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain('firm');

    const wrongType = await send(
      JSON.stringify({ ...good, project: { ...good.project, floorAreaM2: 'big' } }),
    );
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'project.floorAreaM2',
    );

    const operator = await send(JSON.stringify({ ...good, firm: { ...good.firm, name: { $gt: '' } } }));
    expect(operator.status).toBe(400);
    expect(((await operator.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('firm.name.$gt');

    const valid = creditCode('91320500MA1BAD1');
    const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('1') ? '2' : '1'}`;
    const badCode = await send(JSON.stringify({ ...good, firm: { ...good.firm, creditCode: wrongCheck } }));
    expect(badCode.status).toBe(400);

    // The server answers 413 as soon as it sees Content-Length, before the body is sent.
    const huge = await rawPost(
      url,
      JSON.stringify({ ...good, project: { ...good.project, description: 'x'.repeat(300_000) } }),
    );
    expect(huge.status).toBe(413);

    expect((await send('firm=1', 'application/x-www-form-urlencoded')).status).toBe(415);

    // None of the rejected requests stored the firm: the valid profile is still new.
    expect((await send(JSON.stringify(good))).status).toBe(201);
    expect((await send(JSON.stringify(good))).status).toBe(409);
  });

  it('serves health, readiness, metrics, OpenAPI and docs on every service', async () => {
    // Every API service: the web portal has pages, not an API (its own tests cover it).
    const apis = Object.entries(system.urls).filter(([name]) => name !== WEB_SERVICE);
    for (const [, url] of apis) {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status, '/metrics is for admins').toBe(401);
      const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
      expect(await metrics.text()).toContain('http_request_duration_seconds');
      const spec = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string; paths: object };
      expect(spec.openapi).toBe('3.1.0');
      expect(Object.keys(spec.paths).length).toBeGreaterThan(0);
      expect(await (await fetch(`${url}/docs`)).text()).toContain('swagger');
    }
  });

  it('shuts down gracefully on SIGTERM', async () => {
    expect(await system.stopService('notifications')).toBe(0);
  });
});
