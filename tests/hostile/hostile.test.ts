import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SERVICES, WEB_SERVICE } from '../../scripts/services.ts';
import { loadOperations, type Operation } from '../support/operations.ts';
import { rawRequest } from '../support/raw-http.ts';
import { validRequest } from '../support/requests.ts';
import { changedTables, type StoreDigest, StoreReader } from '../support/store-digest.ts';
import { TestSystem } from '../support/system.ts';
import { buildWorld, type World } from '../support/world.ts';
import { type HostileCase, hostileCases } from './cases.ts';

// Issue 13 (2): every operation the four API services declare in their OpenAPI documents, sent
// the hostile values its schema must refuse (cases.ts). For each case: a 4xx problem+json that
// names the field when the failure is about one, nothing stored (each table of the service's
// SQLite store hashed before and after), no error-level line in the service's log, the process
// still up. One system for the whole suite; cases run one at a time so each is judged alone.

/** Every service but the web portal: the ones that serve an OpenAPI document. */
const API_SERVICES = SERVICES.map((s) => s.name).filter((name) => name !== WEB_SERVICE);
/** BODY_LIMIT_BYTES's default (README). */
const BODY_LIMIT = 262_144;

/**
 * Tables a service writes on its own, whatever a request does: none today. A table named here
 * is left out of the "nothing stored" comparison, so each needs its reason.
 */
const WRITTEN_IN_THE_BACKGROUND = new Set<string>([]);

interface Outcome {
  c: HostileCase;
  status: number;
  problems: string[];
  stored: string[];
  errorLogs: string[];
  crashed: boolean;
}

const errorLines = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .filter((line) => {
      try {
        return (JSON.parse(line) as { level?: number }).level !== undefined && JSON.parse(line).level >= 50;
      } catch {
        return false;
      }
    });

/** Does a field error's path name the case's field (or something inside it)? */
const names = (errorPath: string, field: string) =>
  errorPath === field ||
  errorPath.startsWith(`${field}.`) ||
  errorPath === `query.${field}` ||
  errorPath === `param.${field}`;

function judge(c: HostileCase, status: number, contentType: string, text: string): string[] {
  const problems: string[] = [];
  if (status < 400 || status >= 500) problems.push(`answered ${status}`);
  // The cases are sent with a token that may make the request: a 401 or 403 would mean the
  // input was never looked at.
  if (status === 401 || status === 403) problems.push(`answered ${status}: the input was not examined`);
  if (!/^application\/problem\+json/.test(contentType))
    problems.push(`content-type ${contentType || 'none'}`);
  let body: { status?: number; errors?: { path?: string }[] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    problems.push('body is not JSON');
  }
  if (body.status !== undefined && body.status !== status) problems.push(`problem says ${body.status}`);
  if (c.field && (status === 400 || status === 422)) {
    const paths = (body.errors ?? []).map((e) => String(e.path));
    if (!paths.some((p) => names(p, c.field as string)))
      problems.push(`no field error for ${c.field} (errors: ${paths.join(', ') || 'none'})`);
  }
  return problems;
}

describe('hostile input, generated from the declared operations of every service', () => {
  let system: TestSystem;
  let world: World;
  let operations: Operation[];
  const stores = new Map<string, StoreReader>();

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start([...API_SERVICES]);
    world = await buildWorld(system);
    operations = await loadOperations(Object.fromEntries(API_SERVICES.map((s) => [s, system.urls[s]])));
    for (const s of API_SERVICES) stores.set(s, new StoreReader(path.join(system.dataDir, s)));
    // Let the world's events settle (scores, inbox, ratings) before judging what a case stores.
    let last = '';
    for (let i = 0; i < 60; i++) {
      const now = JSON.stringify(API_SERVICES.map((s) => stores.get(s)?.digest()));
      if (now === last) break;
      last = now;
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);

  afterAll(async () => {
    for (const store of stores.values()) store.close();
    await system?.stop();
  });

  it('answers each case with a 4xx problem naming the field, stores nothing, logs no error, keeps running', async () => {
    const cases: HostileCase[] = [];
    for (const op of operations) {
      const valid = await validRequest(world, op, world.targets.own);
      cases.push(...hostileCases(op, valid, BODY_LIMIT));
    }
    const outcomes: Outcome[] = [];
    const everyStore = () => Object.fromEntries(API_SERVICES.map((s) => [s, stores.get(s)?.digest()]));
    const atStart = everyStore();
    for (const c of cases) {
      const service = c.op.service as (typeof API_SERVICES)[number];
      const store = stores.get(service) as StoreReader;
      const before: StoreDigest = store.digest();
      const logStart = system.logs(service).length;
      const headers = { ...c.headers, ...(c.op.secured ? { authorization: `Bearer ${world.admin}` } : {}) };
      let status = 0;
      let problems: string[];
      try {
        const answer = await rawRequest(system.urls[service], {
          method: c.op.method,
          url: c.url,
          headers,
          ...(c.body !== undefined ? { body: c.body } : {}),
        });
        status = answer.status;
        problems = judge(c, answer.status, answer.contentType, answer.text);
      } catch (error) {
        problems = [`no answer: ${(error as Error).message}`];
      }
      const alive = await fetch(`${system.urls[service]}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      const stored = changedTables(before, store.digest(), WRITTEN_IN_THE_BACKGROUND);
      const errorLogs = errorLines(system.logs(service).slice(logStart));
      outcomes.push({ c, status, problems, stored, errorLogs, crashed: !alive });
      if (!alive) break; // the rest would only repeat it
    }

    // Nothing reached another service either (an accepted input would have sent events).
    const atEnd = everyStore();
    const storedAnywhere = API_SERVICES.flatMap((s) =>
      changedTables(atStart[s] ?? {}, atEnd[s] ?? {}, WRITTEN_IN_THE_BACKGROUND).map((t) => `${s}: ${t}`),
    );

    const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
    const byOp = new Set(outcomes.map((o) => o.c.op.operationId));
    const tally = (key: (o: Outcome) => string) => {
      const counts = new Map<string, number>();
      for (const o of outcomes) counts.set(key(o), (counts.get(key(o)) ?? 0) + 1);
      return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
    };
    process.stdout.write(
      `hostile input: ${outcomes.length} cases tried on ${byOp.size} operations / ` +
        `${count((o) => o.status >= 400 && o.status < 500)} 4xx / ${count((o) => o.status >= 500)} 5xx / ` +
        `${count((o) => o.stored.length > 0)} stored / ${count((o) => o.crashed)} crashes / ` +
        `${count((o) => o.errorLogs.length > 0)} with error logs\n` +
        `  by service: ${tally((o) => o.c.op.service)}\n` +
        `  by answer: ${tally((o) => String(o.status))}\n` +
        `  by kind: ${tally((o) => o.c.kind.replace(/:.*/, ''))}\n`,
    );
    const failures = outcomes
      .filter((o) => o.problems.length || o.stored.length || o.errorLogs.length || o.crashed)
      .map(
        (o) =>
          `${o.c.op.service} ${o.c.op.operationId} ${o.c.name}: ${[
            ...o.problems,
            ...(o.stored.length ? [`stored: ${o.stored.join('; ')}`] : []),
            ...(o.errorLogs.length ? [`error log: ${o.errorLogs[0]?.slice(0, 300)}`] : []),
            ...(o.crashed ? ['process gone'] : []),
          ].join(' | ')}`,
      );
    if (failures.length) process.stdout.write(`${failures.slice(0, 200).join('\n')}\n`);
    // Every service and every operation that takes input was attacked.
    expect(new Set(outcomes.map((o) => o.c.op.service))).toEqual(new Set(API_SERVICES));
    const withInput = operations.filter((op) => op.body || op.parameters.some((p) => p.in !== 'header'));
    expect([...byOp].sort()).toEqual(withInput.map((op) => op.operationId).sort());
    expect(outcomes.length).toBeGreaterThanOrEqual(300);
    expect(failures).toEqual([]);
    expect(storedAnywhere).toEqual([]);
  }, 600_000);
});
