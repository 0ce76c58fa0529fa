import type { Order, VoucherAccount } from '@parkmatch/contracts';
import { HttpProblem } from '@parkmatch/service-kit';
import { createStore } from '@parkmatch/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  body,
  build,
  LEAD,
  type OpenFirmServices,
  OTHER_PARK,
  openFirmServices,
} from '../../test/open-firm-services.ts';
import { ledgerProblems, spend } from '../vouchers/account.ts';
import { VoucherRepository } from '../vouchers/repository.ts';
import { changeAccount } from '../vouchers/vouchers.ts';
import type { OrderDoc } from './order.ts';
import { settleOrders } from './orders.ts';
import { OrderRepository } from './repository.ts';

let t: OpenFirmServices;
beforeEach(async () => {
  t = await openFirmServices();
});
afterEach(() => {
  vi.restoreAllMocks();
  return t.close();
});

type Problem = {
  status: number;
  errors?: { path: string; code?: string; message: string; messageEn?: string }[];
};

/** The firm holds `amount` CNY of vouchers (applied, approved by its park). */
async function grant(amount: number, expiresOn = '2027-10-31'): Promise<void> {
  const applied = await body<VoucherAccount>(
    await t.send(
      'POST',
      '/v1/vouchers/applications',
      { leadId: LEAD, requestedCny: amount, purpose: '检测服务' },
      await t.firmToken(),
    ),
  );
  const id = applied.applications.at(-1)?.id;
  const res = await t.send(
    'POST',
    `/v1/vouchers/${LEAD}/applications/${id}/decision`,
    { decision: 'approved', grantedCny: amount, expiresOn },
    await t.analyst(),
  );
  expect(res.status).toBe(200);
}
const order = (overrides: Record<string, unknown> = {}) => ({
  leadId: LEAD,
  serviceId: 'str-authentication',
  quantity: 2,
  voucherCny: 0,
  ...overrides,
});
const place = async (input: Record<string, unknown>, token?: string) =>
  t.send('POST', '/v1/rnd/orders', input, token ?? (await t.firmToken()));
const storedOrders = () => t.store.collection<OrderDoc>(OrderRepository.COLLECTION).find({});
const account = () => t.vouchers.get(LEAD);

describe('orders and vouchers', () => {
  it('orders an STR authentication paid half by voucher: the order, its event and the ledger agree', async () => {
    await grant(10_000);
    const res = await place(order({ voucherCny: 800 }));
    expect(res.status).toBe(201);
    const placed = await body<Order>(res);
    expect(placed).toMatchObject({
      status: 'placed',
      totalCny: 1_600,
      voucherCny: 800,
      firmPaysCny: 800,
      operatorId: 'gaoxin-testing-center',
      parkId: 'gaoxin',
    });
    const stored = await account();
    expect(stored?.balanceCny).toBe(9_200);
    expect(stored?.ledger.at(-1)).toMatchObject({
      kind: 'spend',
      amountCny: -800,
      orderId: placed.id,
      balanceAfterCny: 9_200,
    });
    expect(stored && ledgerProblems(stored)).toEqual([]);
    expect((await t.store.outbox(OrderRepository.COLLECTION).waiting(placed.id)).map((e) => e.topic)).toEqual(
      ['rnd.order.placed.v1'],
    );
    expect(
      (await t.store.outbox(VoucherRepository.COLLECTION).waiting(LEAD)).map((e) => e.topic).at(-1),
    ).toBe('vouchers.balance.moved.v1');
  });

  it('refuses an unknown service, a voucher part above the total or the balance, no voucher, an expired one — 422, nothing stored, balance untouched', async () => {
    expect((await place(order({ voucherCny: 100 }))).status).toBe(422); // no voucher yet
    await grant(1_000, '2026-11-30');
    const before = await account();
    const cases: [Record<string, unknown>, string, string][] = [
      [order({ serviceId: 'no-such-service' }), 'serviceId', 'unknown'],
      [order({ voucherCny: 1_601 }), 'voucherCny', 'too_big'],
      [order({ voucherCny: 1_200 }), 'voucherCny', 'insufficient'],
    ];
    for (const [input, path, code] of cases) {
      const res = await place(input);
      expect(res.status, JSON.stringify(input)).toBe(422);
      expect((await body<Problem>(res)).errors?.map((e) => [e.path, e.code])).toEqual([[path, code]]);
    }
    t.setNow('2026-12-01T01:00:00.000Z');
    const expired = await place(order({ voucherCny: 100 }));
    expect(expired.status).toBe(422);
    expect((await body<Problem>(expired)).errors?.[0]?.code).toBe('expired');
    expect(await storedOrders()).toEqual([]);
    expect(await account()).toEqual(before);
    expect((await place(order({ quantity: 0 }))).status).toBe(400);
  });

  it('spends a balance at most once under truly concurrent orders from two replicas (compare-and-set on the account)', async () => {
    await grant(10_000);
    const replica = await build(await createStore({ kind: 'sqlite', dir: t.dir }));
    const conflicts = vi.spyOn(VoucherRepository.prototype, 'write');
    try {
      const token = await t.firmToken();
      // 25 orders of 800 CNY each by voucher against 10,000 CNY: 12 fit, 13 must be refused.
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          (i % 2 ? replica : t).send(
            'POST',
            '/v1/rnd/orders',
            order({ quantity: 1, voucherCny: 800 }),
            token,
          ),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(12);
      expect(statuses.filter((s) => s === 422)).toHaveLength(13);
      // They did race: some writes lost the compare-and-set and were tried again.
      const lost = (await Promise.all(conflicts.mock.results.map((r) => r.value))).filter(
        (won) => won === false,
      );
      expect(lost.length).toBeGreaterThan(0);
      const stored = await account();
      expect(stored?.balanceCny).toBe(400);
      expect(stored && ledgerProblems(stored)).toEqual([]);
      const orders = await storedOrders();
      expect(orders).toHaveLength(12);
      expect(orders.every((o) => o.status === 'placed')).toBe(true);
      const spentFor = stored?.ledger
        .filter((e) => e.kind === 'spend')
        .map((e) => e.orderId)
        .sort();
      expect(spentFor).toEqual(orders.map((o) => o._id).sort());
    } finally {
      await replica.store.close();
    }
  });

  it('pays one order at most once, even when two replicas spend for it at the same moment', async () => {
    await grant(10_000);
    const replica = await build(await createStore({ kind: 'sqlite', dir: t.dir }));
    try {
      const now = new Date('2026-11-02T02:00:00.000Z');
      const payFor = (deps: typeof t.deps, entryId: string) =>
        changeAccount(deps, LEAD, (current) => ({
          outcome: spend(current, 'order-1', 3_000, 'firm', now, entryId),
        })).then(
          () => 'paid',
          (error: unknown) => (error instanceof HttpProblem ? error.status : 'threw'),
        );
      const outcomes = await Promise.all([
        payFor(t.deps, 'e1'),
        payFor(replica.deps, 'e2'),
        payFor(t.deps, 'e3'),
      ]);
      expect(outcomes.sort()).toEqual([409, 409, 'paid']);
      const stored = await account();
      expect(stored?.balanceCny).toBe(7_000);
      expect(stored && ledgerProblems(stored)).toEqual([]);
    } finally {
      await replica.store.close();
    }
  });

  it('the operator accepts and completes with a report file; the firm downloads it; other operators see nothing', async () => {
    const placed = await body<Order>(await place(order()));
    const operator = await t.operator('testing-operator');
    expect(
      (
        await t.send(
          'POST',
          `/v1/rnd/orders/${placed.id}/status`,
          { status: 'accepted' },
          await t.operator('rnd-operator'),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await t.send(
          'POST',
          `/v1/rnd/orders/${placed.id}/status`,
          { status: 'accepted' },
          await t.firmToken(),
        )
      ).status,
    ).toBe(403);
    expect(
      (await t.send('POST', `/v1/rnd/orders/${placed.id}/status`, { status: 'accepted' }, operator)).status,
    ).toBe(200);
    const pdf = Buffer.from('%PDF-1.4 STR profile: 100% match ATCC CCL-2');
    const report = {
      kind: 'file',
      name: 'STR报告.pdf',
      contentType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    };
    const done = await t.send('POST', `/v1/rnd/orders/${placed.id}/report`, report, operator);
    expect(done.status).toBe(200);
    expect(await body<Order>(done)).toMatchObject({
      status: 'completed',
      report: { kind: 'file', sizeBytes: pdf.length },
    });
    const file = await t.send('GET', `/v1/rnd/orders/${placed.id}/report`, undefined, await t.firmToken());
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(pdf);
    expect(
      (await t.send('GET', `/v1/rnd/orders/${placed.id}`, undefined, await t.analyst(OTHER_PARK))).status,
    ).toBe(404);
    const mine = await body<{ items: Order[] }>(await t.send('GET', '/v1/rnd/orders', undefined, operator));
    expect(mine.items.map((o) => o.id)).toEqual([placed.id]);
    expect(
      (
        await body<{ items: Order[] }>(
          await t.send('GET', '/v1/rnd/orders', undefined, await t.operator('clinical-operator')),
        )
      ).items,
    ).toEqual([]);
  });

  it('tells an operator that cancelling is not its move (403), and a firm that accepting is not its', async () => {
    const placed = await body<Order>(await place(order()));
    const cancel = { status: 'cancelled', reason: '改期' };
    const operator = await t.operator('testing-operator');
    expect((await t.send('POST', `/v1/rnd/orders/${placed.id}/status`, cancel, operator)).status).toBe(403);
    const accept = { status: 'accepted' };
    expect(
      (await t.send('POST', `/v1/rnd/orders/${placed.id}/status`, accept, await t.firmToken())).status,
    ).toBe(403);
    // Moves of theirs from a status that does not allow them: 409.
    expect((await t.send('POST', `/v1/rnd/orders/${placed.id}/status`, accept, operator)).status).toBe(200);
    expect((await t.send('POST', `/v1/rnd/orders/${placed.id}/status`, accept, operator)).status).toBe(409);
    expect(
      (await t.send('POST', `/v1/rnd/orders/${placed.id}/status`, cancel, await t.firmToken())).status,
    ).toBe(409);
  });

  it('refuses an oversized report and completing an order not accepted', async () => {
    const placed = await body<Order>(await place(order()));
    const operator = await t.operator('testing-operator');
    const big = {
      kind: 'file',
      name: 'big.pdf',
      contentType: 'application/pdf',
      contentBase64: Buffer.alloc(200 * 1024).toString('base64'),
    };
    expect((await t.send('POST', `/v1/rnd/orders/${placed.id}/report`, big, operator)).status).toBe(413);
    const link = { kind: 'link', url: 'https://reports.example.cn/str/123' };
    expect((await t.send('POST', `/v1/rnd/orders/${placed.id}/report`, link, operator)).status).toBe(409);
    const bad = {
      kind: 'file',
      name: 'x.exe',
      contentType: 'application/x-msdownload',
      contentBase64: 'AAAA',
    };
    expect((await t.send('POST', `/v1/rnd/orders/${placed.id}/report`, bad, operator)).status).toBe(400);
  });

  it('gives the voucher part back when the operator declines or the firm cancels, once', async () => {
    await grant(5_000);
    const a = await body<Order>(await place(order({ voucherCny: 1_600 })));
    const b = await body<Order>(await place(order({ voucherCny: 800 })));
    expect((await account())?.balanceCny).toBe(2_600);
    const declined = await t.send(
      'POST',
      `/v1/rnd/orders/${a.id}/status`,
      { status: 'declined', reason: '样本量不足' },
      await t.operator('testing-operator'),
    );
    expect(declined.status).toBe(200);
    expect(
      (
        await t.send(
          'POST',
          `/v1/rnd/orders/${b.id}/status`,
          { status: 'cancelled', reason: '改期' },
          await t.firmToken(),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await t.send(
          'POST',
          `/v1/rnd/orders/${b.id}/status`,
          { status: 'cancelled', reason: '改期' },
          await t.firmToken(),
        )
      ).status,
    ).toBe(409);
    const stored = await account();
    expect(stored?.balanceCny).toBe(5_000);
    expect(stored?.ledger.map((e) => e.kind)).toEqual(['grant', 'spend', 'spend', 'refund', 'refund']);
    expect(stored && ledgerProblems(stored)).toEqual([]);
    expect(await settleOrders(t.deps)).toBe(0);
  });

  it('settles what a crash interrupted: an unpaid pending order is removed, a paid one placed', async () => {
    await grant(5_000);
    const now = new Date('2026-11-02T02:00:00.000Z');
    const pending = (id: string) => ({
      _id: id,
      leadId: LEAD,
      firmName: 'x',
      serviceId: 'str-authentication',
      serviceName: { zh: 'STR' },
      operatorId: 'gaoxin-testing-center',
      subPlatform: 'testing' as const,
      quantity: 1,
      unitPriceCny: 800,
      totalCny: 800,
      voucherCny: 800,
      firmPaysCny: 0,
      status: 'payment-pending' as const,
      history: [{ status: 'placed' as const, by: 'firm', at: now.toISOString() }],
      by: 'firm',
      at: now.toISOString(),
    });
    await t.orders.insert(pending('unpaid'), []);
    await t.orders.insert(pending('paid'), []);
    const acc = await account();
    if (!acc) throw new Error('no account');
    const spent = spend(acc, 'paid', 800, 'firm', now, 'e1');
    if (!spent.ok) throw new Error('spend refused');
    await t.vouchers.write(spent.account, []);
    expect(await settleOrders(t.deps)).toBe(0); // too recent: a request may still be finishing it
    t.setNow('2026-11-02T02:05:00.000Z');
    expect(await settleOrders(t.deps)).toBe(2);
    expect(await t.orders.get('unpaid')).toBeNull();
    expect((await t.orders.get('paid'))?.status).toBe('placed');
  });

  it('suggests the services the firm’s profile needs, with why', async () => {
    const res = await t.send('GET', `/v1/rnd/suggestions?leadId=${LEAD}`, undefined, await t.firmToken());
    expect(res.status).toBe(200);
    const { items } = await body<{ items: { service: { id: string }; because: { zh: string }[] }[] }>(res);
    // Each answers one of its needs (R&D services, clinical samples): the quickest first.
    expect(items.map((i) => i.service.id)).toEqual([
      'mycoplasma-test',
      'str-authentication',
      'lentivirus-titre',
      'clinical-sample-access',
      'stable-cell-line',
      'gmp-pilot-batch',
      'antibody-humanisation',
      'ivd-clinical-trial',
    ]);
    expect(items.find((i) => i.service.id === 'clinical-sample-access')?.because[0]?.zh).toContain(
      '临床样本',
    );
    expect(items.some((i) => i.service.id === 'device-pretest')).toBe(false); // registration: not asked for
  });
});
