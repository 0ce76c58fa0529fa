import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build as buildFirmServices } from '@parkmatch/firm-services/test/open-firm-services.ts';
import { openInsights } from '@parkmatch/insights/test/open-insights.ts';
import { UserRepository } from '@parkmatch/leads/src/accounts/repository.ts';
import { createLeadsApp } from '@parkmatch/leads/src/app.ts';
import { LeadRepository } from '@parkmatch/leads/src/lead/repository.ts';
import { openLedgerRepositories } from '@parkmatch/leads/src/ledgers/repositories.ts';
import { createMatchingApp } from '@parkmatch/matching/src/app.ts';
import { openMatching } from '@parkmatch/matching/test/open-matching.ts';
import { appWithoutRedis } from '@parkmatch/notifications/test/open-app.ts';
import { createLogger, createMetrics, createTokenService, type ServiceApp } from '@parkmatch/service-kit';
import { createStore } from '@parkmatch/store';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The standing rule: every API is described in OpenAPI that a client generator can use —
// an operationId on each operation, servers, security declared where a token is needed —
// and `redocly lint` with the recommended rules passes with no error and no warning.
// Each service's app is built as its main.ts builds it, on real repositories over a
// temporary local store; only the infrastructure behind them (bus, Redis jobs) is left out.

const tokens = createTokenService('openapi-test-secret-openapi-test-secret');
const common = (service: string) => ({
  tokens,
  logger: createLogger(service, 'silent'),
  metrics: createMetrics(service),
  readiness: [],
});

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function tempStore(service: string) {
  const dir = await mkdtemp(path.join(tmpdir(), `parkmatch-openapi-${service}-`));
  const store = await createStore({ kind: 'sqlite', dir });
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return store;
}

const services: Record<string, () => Promise<ServiceApp>> = {
  async leads() {
    const store = await tempStore('leads');
    const [leads, users, ledgers] = await Promise.all([
      LeadRepository.open(store),
      UserRepository.open(store),
      openLedgerRepositories(store),
    ]);
    return createLeadsApp({ ...common('leads'), leads, users, ledgers });
  },
  async matching() {
    const matching = await openMatching();
    cleanups.push(() => matching.close());
    return createMatchingApp({
      ...common('matching'),
      ...matching,
      // The BullMQ queue needs Redis; no request of this test publishes a catalog.
      reranking: {
        enqueue: () => Promise.reject(new Error('re-ranking is not available in this test')),
      },
    });
  },
  async notifications() {
    return appWithoutRedis(await tempStore('notifications'), common('notifications'));
  },
  async insights() {
    const insights = await openInsights({ secret: 'openapi-test-secret-openapi-test-secret' });
    cleanups.push(() => insights.close());
    return insights.app;
  },
  async 'firm-services'() {
    return (await buildFirmServices(await tempStore('firm-services'))).app;
  },
};

/** Where each service is reached on the local defaults (`npm start`); its `servers` entry says so. */
const BASE_URLS: Record<string, string> = {
  leads: 'http://127.0.0.1:3001',
  matching: 'http://127.0.0.1:3002',
  notifications: 'http://127.0.0.1:3003',
  insights: 'http://127.0.0.1:3004',
  'firm-services': 'http://127.0.0.1:3005',
};

/**
 * Problems that are right where they are, each at one JSON pointer of one document (as in a
 * `.redocly.lint-ignore.yaml`), with the reason. An entry that no longer matches fails the test.
 */
const EXCEPTIONS: { service: string; ruleId: string; pointer: string; why: string }[] = [
  {
    service: 'matching',
    ruleId: 'operation-4xx-response',
    pointer: '#/paths/~1v1~1parks/get/responses',
    why: 'the public park list takes no parameters, body or token: no 4xx answer is possible',
  },
];

const documentRef = (service: string) => `/${service}/openapi.json`;

/** The exceptions as redocly's ignore map: document → rule → JSON pointers. */
function ignoreOf(exceptions: typeof EXCEPTIONS): Record<string, Record<string, Set<string>>> {
  const ignore: Record<string, Record<string, Set<string>>> = {};
  for (const { service, ruleId, pointer } of exceptions) {
    const rules = ignore[documentRef(service)] ?? {};
    rules[ruleId] = (rules[ruleId] ?? new Set()).add(pointer);
    ignore[documentRef(service)] = rules;
  }
  return ignore;
}

/**
 * `redocly lint`'s recommended rules, none turned off, plus three that keep the document
 * useful to client generators: every tag an operation uses is declared (with a description,
 * which `tag-description` then checks), every parameter is described, and every 4xx answer is
 * RFC 9457 problem+json as the services send it.
 */
const lintConfig = createConfig(
  {
    extends: ['recommended'],
    rules: {
      'operation-tag-defined': 'error',
      'parameter-description': 'error',
      'operation-4xx-problem-details-rfc7807': 'error',
    },
  },
  { ignore: ignoreOf(EXCEPTIONS) },
);

/** One line a developer can act on: severity, rule, where in the document, what. */
function describeProblem(problem: NormalizedProblem): string {
  const where = problem.location
    .map((l) => (l.pointer === undefined ? `line ${l.start.line}:${l.start.col}` : l.pointer))
    .join(', ');
  return `${problem.severity} ${problem.ruleId} at ${where || '(document)'}: ${problem.message}`;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}
type Document = {
  servers?: { url: string }[];
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
};

function operationsOf(document: Document) {
  return Object.entries(document.paths).flatMap(([pathName, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path: pathName, method, operation }] : [];
    }),
  );
}

describe.each(Object.keys(services))('%s service', (name) => {
  const baseUrl = BASE_URLS[name]!;
  let app: ServiceApp;
  let status: number;
  let source: string;
  let document: Document;

  beforeAll(async () => {
    app = await services[name]!();
    const res = await app.request(`${baseUrl}/openapi.json`);
    status = res.status;
    source = await res.text();
    document = JSON.parse(source) as Document;
  });

  it('serves GET /openapi.json, with its own base URL as the server', () => {
    expect(status).toBe(200);
    expect(document.servers).toEqual([expect.objectContaining({ url: baseUrl })]);
  });

  it('passes redocly lint (recommended rules) with no errors and no warnings', async () => {
    const problems = await lintFromString({
      source,
      absoluteRef: documentRef(name),
      config: await lintConfig,
    });
    // The failure lists every problem: rule, JSON pointer into the document and message.
    expect(problems.filter((p) => !p.ignored).map(describeProblem)).toEqual([]);
    const stale = EXCEPTIONS.filter(
      (e) =>
        e.service === name &&
        !problems.some((p) => p.ignored && p.ruleId === e.ruleId && p.location[0]?.pointer === e.pointer),
    );
    expect(stale, 'exceptions that no longer apply: remove them').toEqual([]);
  });

  it('declares bearer security exactly on the operations that answer 401 without a token', async () => {
    const mismatches: string[] = [];
    for (const { path: pathName, method, operation } of operationsOf(document)) {
      const declared = operation.security?.some((requirement) => 'bearer' in requirement) ?? false;
      const url = pathName.replace(/\{[^}]+\}/g, 'x1');
      const res = await app.request(url, {
        method: method.toUpperCase(),
        ...(['post', 'put', 'patch'].includes(method)
          ? { headers: { 'content-type': 'application/json' }, body: '{}' }
          : {}),
      });
      const needsToken = res.status === 401;
      if (declared !== needsToken)
        mismatches.push(
          `${operation.operationId ?? '(no operationId)'} ${method.toUpperCase()} ${pathName}: ` +
            `security ${declared ? 'declares' : 'does not declare'} bearer, but without a token it answers ${res.status}`,
        );
    }
    expect(mismatches).toEqual([]);
  });
});
