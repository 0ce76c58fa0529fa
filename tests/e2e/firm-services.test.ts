import type { FinancingNeed, Order, ProductMatch, VoucherAccount } from '@parkmatch/contracts';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { creditCode } from './fixtures.ts';

// Issue 14 through the real processes: firm-services learns a firm from the leads service's
// events (profile, claim), never from its store; the firm registers a financing need, pushes it
// to two banks whose officers (accounts of the new bank-officer role) answer; its park grants
// service vouchers and the firm orders an STR authentication paid half by voucher.

const DADUKOU = 'dadukou-ivd';

const ivdFirm = {
  firm: {
    name: '渝新化学发光诊断有限公司',
    creditCode: creditCode('91500104MA61FX1'),
    province: '重庆',
    city: '重庆',
    foundedYear: 2015,
    revenueCny: 80_000_000,
    qualifications: ['high-tech', 'specialised-sme'],
  },
  project: {
    title: '化学发光免疫诊断试剂扩产',
    type: 'production',
    description: '我们生产化学发光免疫分析仪和配套试剂，计划在大渡口扩建试剂产线。',
    growthStage: 'growth',
    needs: ['financing', 'rnd-services'],
    declaredCodes: ['ivd.immuno'],
  },
  contact: { name: '刘经理', phone: '13800000002' },
  consent: { dataUse: true },
};

describe('financing needs and service vouchers through the API', () => {
  let system: TestSystem;
  let leadId: string;
  let firmToken: string;
  let dadukou: string;
  const fs = (path: string) => `${system.urls['firm-services']}${path}`;

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start(['leads', 'matching', 'firm-services']);
    const leads = system.urls.leads;
    const admin = await signIn(leads, 'admin', 'admin');
    for (const [username, role, parkId] of [
      ['dadukou', 'analyst', DADUKOU],
      ['cqrcb-officer', 'bank-officer', undefined],
      ['cqbank-officer', 'bank-officer', undefined],
      ['testing-operator', 'service-operator', undefined],
    ] as const) {
      const res = await postJson(
        `${leads}/v1/users`,
        { username, password: 'demo1234', role, ...(parkId ? { parkId } : {}) },
        admin,
      );
      expect(res.status, username).toBe(201);
    }
    dadukou = await signIn(leads, 'dadukou', 'demo1234');
    // The catalogue, as the demo loader puts it.
    const put = (path: string, body: unknown) =>
      fetch(fs(path), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify(body),
      });
    for (const [id, members] of [
      ['cqrcb', ['cqrcb-officer']],
      ['bank-of-chongqing', ['cqbank-officer']],
    ] as const)
      expect((await put(`/v1/orgs/${id}`, { kind: 'bank', name: { zh: id }, members })).status).toBe(200);
    expect(
      (
        await put('/v1/orgs/testing-center', {
          kind: 'operator',
          name: { zh: '基础检测子平台' },
          members: ['testing-operator'],
        })
      ).status,
    ).toBe(200);
    const loan = {
      type: 'commercial-value-loan',
      termMonths: [12, 36],
      ratePct: [3.6, 4.5],
      eligibility: { qualificationsAny: ['high-tech'] },
    };
    expect(
      (
        await put('/v1/finance/products/cqrcb-value', {
          ...loan,
          bankId: 'cqrcb',
          name: { zh: '商业价值贷' },
          amountCny: [1e6, 3e7],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await put('/v1/finance/products/cqbank-relending', {
          ...loan,
          type: 'sci-tech-relending',
          bankId: 'bank-of-chongqing',
          name: { zh: '科技再贷款' },
          amountCny: [1e6, 5e7],
          ratePct: [2.8, 3.5],
          eligibility: { qualificationsAny: ['specialised-sme'] },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await put('/v1/finance/products/cqrcb-small', {
          ...loan,
          bankId: 'cqrcb',
          name: { zh: '小额信用贷' },
          amountCny: [1e5, 1e6],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await put('/v1/rnd/services/str-authentication', {
          operatorId: 'testing-center',
          subPlatform: 'testing',
          category: 'cell-line-authentication',
          name: { zh: 'STR 细胞鉴定' },
          priceCny: 800,
          unit: { zh: '每样本' },
          leadTimeDays: 5,
          qualifications: ['CMA'],
          servesNeeds: ['rnd-services'],
        })
      ).status,
    ).toBe(201);

    const submitted = await postJson(`${leads}/v1/profiles`, ivdFirm);
    expect(submitted.status).toBe(201);
    ({ id: leadId, accessToken: firmToken } = (await submitted.json()) as {
      id: string;
      accessToken: string;
    });
    await vi.waitFor(
      async () => {
        const { body } = await getJson<{ parks: Record<string, { tier: string }> }>(
          `${leads}/v1/profiles/${leadId}`,
          admin,
        );
        if (!['A', 'B', 'C'].includes(body.parks?.[DADUKOU]?.tier ?? 'D'))
          throw new Error('not rated A–C at Dadukou yet');
      },
      { timeout: 20_000, interval: 200 },
    );
    expect((await postJson(`${leads}/v1/leads/${leadId}/claim`, {}, dadukou)).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('learns the firm and its owner park from the leads service’s events', async () => {
    await vi.waitFor(
      async () => {
        const { status, body } = await getJson<VoucherAccount>(fs(`/v1/vouchers/${leadId}`), dadukou);
        if (status !== 200 || body.parkId !== DADUKOU)
          throw new Error(`not known with its park yet (${status})`);
      },
      { timeout: 20_000, interval: 200 },
    );
  });

  it('registers a need, matches it, pushes it to two banks and gets an offer', async () => {
    const registered = await postJson(
      fs('/v1/finance/needs'),
      {
        leadId,
        amountCny: 5_000_000,
        purpose: 'working-capital',
        termMonths: 24,
        collateral: ['none'],
        urgency: 'normal',
      },
      firmToken,
    );
    expect(registered.status).toBe(201);
    const need = (await registered.json()) as FinancingNeed;
    const { body } = await getJson<{ items: ProductMatch[] }>(
      fs(`/v1/finance/needs/${need.id}/matches`),
      firmToken,
    );
    // Working capital is what a commercial-value loan is for; relending is cheaper but meant for R&D.
    expect(body.items.filter((m) => m.eligible).map((m) => m.productId)).toEqual([
      'cqrcb-value',
      'cqbank-relending',
    ]);
    expect(body.items.find((m) => m.productId === 'cqrcb-small')?.excludedBy.map((g) => g.gate)).toEqual([
      'amount',
    ]);
    expect(
      (await postJson(fs(`/v1/finance/needs/${need.id}/pushes`), { productIds: ['cqrcb-small'] }, firmToken))
        .status,
    ).toBe(422);
    expect(
      (
        await postJson(
          fs(`/v1/finance/needs/${need.id}/pushes`),
          { productIds: ['cqbank-relending', 'cqrcb-value'] },
          firmToken,
        )
      ).status,
    ).toBe(200);
    const officer = await signIn(system.urls.leads, 'cqrcb-officer', 'demo1234');
    const answered = await postJson(
      fs(`/v1/finance/needs/${need.id}/pushes/cqrcb-value/answer`),
      { status: 'offered', offer: { amountCny: 5_000_000, ratePct: 3.8, termMonths: 24 } },
      officer,
    );
    expect(answered.status).toBe(200);
    const seen = await getJson<FinancingNeed>(fs(`/v1/finance/needs/${need.id}`), dadukou);
    expect(seen.body.pushes.map((p) => [p.bankId, p.status])).toEqual([
      ['bank-of-chongqing', 'pushed'],
      ['cqrcb', 'offered'],
    ]);
  });

  it('grants vouchers at the park and pays half an STR authentication with them', async () => {
    const applied = await postJson(
      fs('/v1/vouchers/applications'),
      { leadId, requestedCny: 50_000, purpose: '细胞鉴定' },
      firmToken,
    );
    expect(applied.status).toBe(201);
    const applicationId = ((await applied.json()) as VoucherAccount).applications[0]?.id;
    const decided = await postJson(
      fs(`/v1/vouchers/${leadId}/applications/${applicationId}/decision`),
      { decision: 'approved', grantedCny: 50_000 },
      dadukou,
    );
    expect(decided.status).toBe(200);
    const ordered = await postJson(
      fs('/v1/rnd/orders'),
      { leadId, serviceId: 'str-authentication', quantity: 2, voucherCny: 800 },
      firmToken,
    );
    expect(ordered.status).toBe(201);
    expect((await ordered.json()) as Order).toMatchObject({
      totalCny: 1_600,
      voucherCny: 800,
      firmPaysCny: 800,
    });
    const account = await getJson<VoucherAccount>(fs(`/v1/vouchers/${leadId}`), firmToken);
    expect(account.body.ledger.map((e) => [e.kind, e.amountCny, e.balanceAfterCny])).toEqual([
      ['grant', 50_000, 50_000],
      ['spend', -800, 49_200],
    ]);
    const operator = await signIn(system.urls.leads, 'testing-operator', 'demo1234');
    const mine = await getJson<{ items: Order[] }>(fs('/v1/rnd/orders'), operator);
    expect(mine.body.items).toHaveLength(1);
  });
});
