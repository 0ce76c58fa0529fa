import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { creditCodeCheckChar, type ParkRating, type Profile, type ProfileInput } from '@parkmatch/contracts';
import {
  createLogger,
  createMetrics,
  createTokenService,
  type Principal,
  RevocationList,
} from '@parkmatch/service-kit';
import { type Collection, createStore, type OutboxEntry } from '@parkmatch/store';
import { UserRepository } from '../src/accounts/repository.ts';
import { ensureAdmin } from '../src/accounts/routes.ts';
import { createLeadsApp } from '../src/app.ts';
import { createLead } from '../src/lead/lead.ts';
import { type LeadDoc, LeadRepository } from '../src/lead/repository.ts';
import { openLedgerRepositories } from '../src/ledgers/repositories.ts';

// For tests: the leads app on a fresh local store, tokens for any principal, and leads
// already rated by parks (as the ratings consumer would have recorded).

/** A valid profile; `seed` varies the firm (its credit code) so several leads can coexist. */
export function profileInput(seed = 1, overrides: Partial<ProfileInput['project']> = {}): ProfileInput {
  const body = `91500000MA${String(1_000_000 + seed).padStart(7, '0')}`;
  return {
    firm: {
      name: `测试生物科技有限公司${seed}`,
      creditCode: body + creditCodeCheckChar(body),
      province: '福建',
      city: '厦门',
    },
    project: { title: 'POCT 试剂生产', type: 'production', description: '胶体金快检试剂', ...overrides },
    contact: { name: '陈经理', phone: '13800000001' },
    consent: { dataUse: true },
  };
}

export async function openLeads(options: { trustedProxies?: readonly string[] } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'parkmatch-leads-'));
  const store = await createStore({ kind: 'sqlite', dir });
  const leads = await LeadRepository.open(store);
  const users = await UserRepository.open(store);
  const ledgers = await openLedgerRepositories(store);
  await ensureAdmin(users, { username: 'admin', password: 'admin' });
  // As in the service: tokens checked against the revocations this store holds.
  const revocations = await RevocationList.open(store);
  const tokens = createTokenService('leads-test-secret-leads-test', { revocations });
  let written = 0;
  let clock = new Date('2026-11-02T02:00:00.000Z');
  const app = createLeadsApp({
    leads,
    users,
    ledgers,
    tokens,
    revocations,
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    readiness: [],
    onEventsWritten: () => written++,
    now: () => clock,
  });

  return {
    store,
    leads,
    users,
    ledgers,
    tokens,
    revocations,
    app,
    /** How many writes left events in the outbox. */
    written: () => written,
    /** The app's clock (every use case reads it): set it to test dates and due times. */
    setNow: (at: Date | string) => {
      clock = new Date(at);
    },
    /** The raw `leads` collection, to look at what was stored. */
    leadDocs: (): Collection<LeadDoc> => store.collection<LeadDoc>(LeadRepository.COLLECTION),
    /** The events a document's writes left waiting in its collection's outbox, oldest first. */
    waitingEvents: (docId: string, collection = LeadRepository.COLLECTION): Promise<OutboxEntry[]> =>
      store.outbox(collection).waiting(docId),
    token: (principal: Principal) => tokens.sign(principal),
    analyst: (parkId: string, sub = `${parkId}-analyst`) => tokens.sign({ sub, role: 'analyst', parkId }),
    manager: (parkId?: string, sub = parkId ? `${parkId}-manager` : 'city-manager') =>
      tokens.sign({ sub, role: 'manager', ...(parkId ? { parkId } : {}) }),
    admin: () => tokens.sign({ sub: 'admin', role: 'admin' }),
    /** A lead stored as if submitted and rated by these parks. */
    async ratedLead(ratings: Record<string, ParkRating>, seed = 1): Promise<string> {
      const input = profileInput(seed);
      const id = `0190a000-0000-7000-8000-${String(seed).padStart(12, '0')}`;
      await leads.insert({ ...createLead(id, input as Profile, clock), parks: ratings }, []);
      return id;
    },
    /** A JSON request to the app. */
    send: (method: string, url: string, body?: unknown, token?: string) =>
      app.request(url, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type OpenLeads = Awaited<ReturnType<typeof openLeads>>;
