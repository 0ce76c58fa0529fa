import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, createMetrics, createTokenService, type Principal } from '@parkmatch/service-kit';
import { createStore, type DocumentStore } from '@parkmatch/store';
import { createFirmServicesApp } from '../src/app.ts';
import { demoOrgs, demoProducts, demoServices } from '../src/demo-data.ts';
import { productDoc } from '../src/finance/products.ts';
import { NeedRepository, ProductRepository } from '../src/finance/repository.ts';
import type { FirmDoc } from '../src/firms/facts.ts';
import { FirmRepository } from '../src/firms/repository.ts';
import { OrgRepository } from '../src/orgs/repository.ts';
import { OrderRepository, ServiceRepository } from '../src/rnd/repository.ts';
import { VoucherRepository } from '../src/vouchers/repository.ts';

// For tests: the firm-services app on a fresh local store with the demo catalogue (banks,
// products, operators, services), tokens for any principal, firms put straight into the store
// (as the consumers would have folded them), and a clock to set.

export const PARK = 'gaoxin';
export const OTHER_PARK = 'dadukou-ivd';
export const LEAD = '0190a000-0000-7000-8000-000000000001';
export const OTHER_LEAD = '0190a000-0000-7000-8000-000000000002';

/** A 专精特新 IVD firm of the Gaoxin park, founded 2016, 60 million CNY a year. */
export const firm = (overrides: Partial<FirmDoc> = {}): FirmDoc => ({
  _id: LEAD,
  name: '重庆示例诊断科技有限公司',
  revision: 1,
  qualifications: ['high-tech', 'specialised-sme'],
  revenueCny: 60_000_000,
  foundedYear: 2016,
  growthStage: 'growth',
  needs: ['financing', 'rnd-services', 'clinical-samples'],
  declaredSectors: ['ivd'],
  parkId: PARK,
  parkSince: '2026-06-01T00:00:00.000Z',
  liaison: 'gaoxin-liaison',
  ...overrides,
});

export async function openFirmServices(options: { dir?: string } = {}) {
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'parkmatch-firm-services-')));
  const store = await createStore({ kind: 'sqlite', dir });
  const built = await build(store);
  const at = new Date('2026-11-02T02:00:00.000Z');
  for (const { id, input } of demoOrgs())
    await built.orgs.put({ _id: id, ...input, updatedAt: at.toISOString() });
  for (const { id, input } of demoProducts()) await built.products.put(productDoc(id, input, 'admin', at));
  for (const { id, input } of demoServices())
    await built.services.put({ _id: id, ...input, updatedAt: at.toISOString(), updatedBy: 'admin' });
  await built.firms.put(firm());
  return {
    ...built,
    dir,
    async close() {
      await store.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The app over a store (two of them over one data folder are two replicas of the service). */
export async function build(store: DocumentStore) {
  const [orgs, firms, products, needs, services, orders, vouchers] = await Promise.all([
    OrgRepository.open(store),
    FirmRepository.open(store),
    ProductRepository.open(store),
    NeedRepository.open(store),
    ServiceRepository.open(store),
    OrderRepository.open(store),
    VoucherRepository.open(store),
  ]);
  const tokens = createTokenService('firm-services-test-secret-0123456789');
  let written = 0;
  let clock = new Date('2026-11-02T02:00:00.000Z');
  const deps = {
    orgs,
    firms,
    products,
    needs,
    services,
    orders,
    vouchers,
    now: () => clock,
    onEventsWritten: () => written++,
  };
  const app = createFirmServicesApp({
    ...deps,
    tokens,
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    readiness: [],
  });
  const sign = (principal: Principal) => tokens.sign(principal);
  return {
    store,
    ...deps,
    deps,
    tokens,
    app,
    written: () => written,
    setNow: (at: Date | string) => {
      clock = new Date(at);
    },
    sign,
    firmToken: (leadId = LEAD) => sign({ sub: `firm:${leadId}`, role: 'firm', leadId }),
    analyst: (parkId = PARK, sub = `${parkId}-analyst`) => sign({ sub, role: 'analyst', parkId }),
    manager: (parkId?: string) =>
      sign({
        sub: parkId ? `${parkId}-manager` : 'city-manager',
        role: 'manager',
        ...(parkId ? { parkId } : {}),
      }),
    admin: () => sign({ sub: 'admin', role: 'admin' }),
    officer: (sub = 'cqrcb-officer') => sign({ sub, role: 'bank-officer' }),
    operator: (sub = 'testing-operator') => sign({ sub, role: 'service-operator' }),
    send: (method: string, url: string, body?: unknown, token?: string) =>
      app.request(url, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}

export type OpenFirmServices = Awaited<ReturnType<typeof openFirmServices>>;

/** The JSON body of a response, typed as the test expects it. */
export const body = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;
