import type { FinanceProduct, FinancingNeed, ProductMatch } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  body,
  firm,
  LEAD,
  type OpenFirmServices,
  OTHER_LEAD,
  OTHER_PARK,
  openFirmServices,
  PARK,
} from '../../test/open-firm-services.ts';
import { NeedRepository } from './repository.ts';

let t: OpenFirmServices;
beforeEach(async () => {
  t = await openFirmServices();
});
afterEach(() => t.close());

type Problem = {
  status: number;
  detail: string;
  errors?: { path: string; message: string; messageEn?: string; code?: string }[];
};

const need = (overrides: Record<string, unknown> = {}) => ({
  leadId: LEAD,
  amountCny: 5_000_000,
  purpose: 'rnd',
  termMonths: 24,
  collateral: ['none', 'ip-pledge'],
  urgency: 'normal',
  ...overrides,
});
const waiting = (id: string) => t.store.outbox(NeedRepository.COLLECTION).waiting(id);
const payloads = async (id: string) =>
  (await waiting(id)).map((e) => ({ topic: e.topic, ...JSON.parse(e.value).payload }));

async function registered(token?: string, overrides: Record<string, unknown> = {}): Promise<FinancingNeed> {
  const res = await t.send('POST', '/v1/finance/needs', need(overrides), token ?? (await t.firmToken()));
  expect(res.status).toBe(201);
  return body<FinancingNeed>(res);
}

describe('credit products', () => {
  const product = {
    bankId: 'cqrcb',
    name: { zh: '科技贷' },
    type: 'commercial-value-loan',
    amountCny: [1_000_000, 10_000_000],
    termMonths: [12, 36],
    ratePct: [3.6, 4.2],
    eligibility: { qualificationsAny: ['high-tech'] },
  };

  it('an admin or the bank’s own officer keeps a product (201, then 200); another bank’s officer may not (403)', async () => {
    const created = await t.send('PUT', '/v1/finance/products/cqrcb-tech', product, await t.admin());
    expect(created.status).toBe(201);
    expect(await body<FinanceProduct>(created)).toMatchObject({
      id: 'cqrcb-tech',
      bankName: { zh: '重庆农村商业银行' },
      active: true,
    });
    expect(
      (await t.send('PUT', '/v1/finance/products/cqrcb-tech', product, await t.officer('cqrcb-officer')))
        .status,
    ).toBe(200);
    expect(
      (await t.send('PUT', '/v1/finance/products/cqrcb-tech', product, await t.officer('cqbank-officer')))
        .status,
    ).toBe(403);
    // Nor can it move another bank's product to its own.
    expect(
      (
        await t.send(
          'PUT',
          '/v1/finance/products/cqrcb-tech',
          { ...product, bankId: 'bank-of-chongqing' },
          await t.officer('cqbank-officer'),
        )
      ).status,
    ).toBe(403);
    expect((await t.send('PUT', '/v1/finance/products/cqrcb-tech', product, await t.analyst())).status).toBe(
      403,
    );
  });

  it('refuses an unknown bank (422), crossed ranges and a loan without rates (400 with field paths)', async () => {
    const unknown = await t.send(
      'PUT',
      '/v1/finance/products/x-loan',
      { ...product, bankId: 'no-such-bank' },
      await t.admin(),
    );
    expect(unknown.status).toBe(422);
    expect((await body<Problem>(unknown)).errors?.[0]?.path).toBe('bankId');
    const { ratePct: _rate, ...noRate } = product;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...product, amountCny: [10_000_000, 1_000_000] }, 'amountCny'],
      [noRate, 'ratePct'],
      [{ ...product, eligibility: { minRevenueCny: 5, maxRevenueCny: 1 } }, 'eligibility.maxRevenueCny'],
      [{ ...product, eligibility: { qualificationsAny: ['$gt'] } }, 'eligibility.qualificationsAny.0'],
      [{ ...product, colour: 'red' }, '(body)'],
    ];
    for (const [input, path] of cases) {
      const res = await t.send('PUT', '/v1/finance/products/x-loan', input, await t.admin());
      expect(res.status, JSON.stringify(input)).toBe(400);
      const problem = await body<Problem>(res);
      expect(problem.errors?.map((e) => e.path)).toContain(path);
      expect(problem.errors?.every((e) => e.message && e.messageEn)).toBe(true);
    }
    expect(await t.products.get('x-loan')).toBeNull();
  });

  it('lists the products to anyone signed in, and 404 for an unknown one', async () => {
    const res = await t.send('GET', '/v1/finance/products?bankId=cqrcb', undefined, await t.firmToken());
    expect((await body<{ items: FinanceProduct[] }>(res)).items.map((p) => p.id)).toEqual([
      'cqrcb-bridge',
      'cqrcb-renewal',
      'cqrcb-value-loan',
    ]);
    expect((await t.send('GET', '/v1/finance/products/nope', undefined, await t.firmToken())).status).toBe(
      404,
    );
    expect((await t.send('GET', '/v1/finance/products')).status).toBe(401);
  });
});

describe('financing needs', () => {
  it('the firm registers a need with its registered event in the same write', async () => {
    const registeredNeed = await registered();
    expect(registeredNeed).toMatchObject({
      leadId: LEAD,
      firmName: '重庆示例诊断科技有限公司',
      parkId: PARK,
      pushes: [],
    });
    expect(await payloads(registeredNeed.id)).toEqual([
      expect.objectContaining({
        topic: 'finance.need.registered.v1',
        needId: registeredNeed.id,
        amountCny: 5_000_000,
        parkId: PARK,
      }),
    ]);
    expect(t.written()).toBe(1);
  });

  it('the firm’s park team (its liaison) may register for it; another park, another firm and banks may not', async () => {
    await registered(await t.analyst(PARK, 'gaoxin-liaison'));
    expect((await t.send('POST', '/v1/finance/needs', need(), await t.analyst(OTHER_PARK))).status).toBe(404);
    expect((await t.send('POST', '/v1/finance/needs', need(), await t.firmToken(OTHER_LEAD))).status).toBe(
      404,
    );
    expect((await t.send('POST', '/v1/finance/needs', need(), await t.officer())).status).toBe(403);
    expect(
      (await t.send('POST', '/v1/finance/needs', need({ leadId: 'unknown-firm' }), await t.admin())).status,
    ).toBe(404);
  });

  it('refuses bad needs with field paths, storing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [need({ amountCny: 5 }), 'amountCny'],
      [need({ amountCny: -1 }), 'amountCny'],
      [need({ purpose: 'holiday' }), 'purpose'],
      [need({ collateral: [] }), 'collateral'],
      [need({ termMonths: 0 }), 'termMonths'],
      [{ ...need(), $where: '1' }, '$where'],
    ];
    for (const [input, path] of cases) {
      const res = await t.send('POST', '/v1/finance/needs', input, await t.firmToken());
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect((await body<Problem>(res)).errors?.map((e) => e.path)).toContain(path);
    }
    expect(await t.needs.list({})).toEqual([]);
  });

  it('refuses an implausible amount (over 10 亿元) with a field error that names its unit', async () => {
    // QA typed 5,000,000 meaning 元 into the 万元 box: 500 亿元, registered without a word.
    for (const amountCny of [5_000_000 * 10_000, 1_000_000_001, 1e12]) {
      const res = await t.send('POST', '/v1/finance/needs', need({ amountCny }), await t.firmToken());
      expect(res.status, String(amountCny)).toBe(400);
      expect((await body<Problem>(res)).errors).toEqual([
        expect.objectContaining({
          path: 'amountCny',
          message: '融资金额不能超过 100,000 万元（10 亿元），请核对单位是否为万元',
          messageEn:
            'the amount can be at most 100,000 ×10,000 CNY (CNY 1 billion); check the amount is in 10,000 CNY',
        }),
      ]);
    }
    expect(await t.needs.list({})).toEqual([]);
    expect((await registered(undefined, { amountCny: 1_000_000_000 })).amountCny).toBe(1_000_000_000);
  });

  it('a withdrawn firm registers nothing (409)', async () => {
    await t.firms.put(firm({ withdrawn: true }));
    expect((await t.send('POST', '/v1/finance/needs', need(), await t.firmToken())).status).toBe(409);
  });

  it('matches the need to every product: eligible ones scored with reasons, the rest with their gates', async () => {
    const { id } = await registered();
    const res = await t.send('GET', `/v1/finance/needs/${id}/matches`, undefined, await t.firmToken());
    expect(res.status).toBe(200);
    const { items } = await body<{ items: ProductMatch[] }>(res);
    expect(items).toHaveLength(10);
    const eligible = items.filter((m) => m.eligible);
    expect(eligible.map((m) => m.productId)).toEqual([
      'cqbank-sci-tech-relending',
      'cqrcb-value-loan',
      'cqbank-ip-credit',
    ]);
    for (const m of eligible) {
      expect(m.score).toBeGreaterThan(0);
      expect(m.components?.length).toBe(6);
      expect(m.reasons.length).toBeGreaterThan(0);
    }
    for (const m of items.filter((m) => !m.eligible)) expect(m.excludedBy.length).toBeGreaterThan(0);
    expect(
      items.find((m) => m.productId === 'cqbank-collateral-uplift')?.excludedBy.map((g) => g.gate),
    ).toEqual(['purpose', 'collateral']);
  });

  it('keeps the credit products open to a firm that offers only equipment as security', async () => {
    // QA: ticking only 设备 excluded the three products that lend unsecured (信用).
    const { id } = await registered(undefined, { collateral: ['equipment'] });
    const { items } = await body<{ items: ProductMatch[] }>(
      await t.send('GET', `/v1/finance/needs/${id}/matches`, undefined, await t.firmToken()),
    );
    expect(items.filter((m) => m.eligible).map((m) => m.productId)).toEqual([
      'cqbank-sci-tech-relending',
      'cqrcb-value-loan',
      'cqbank-ip-credit',
    ]);
    expect(items.flatMap((m) => m.excludedBy.map((g) => g.reason.zh)).join('\n')).not.toContain(
      '信用（无抵押）',
    );
  });

  it('does not rule every product out when the firm left optional facts empty: it says what is to confirm and which facts are missing', async () => {
    // QA: no revenue, founding year or growth stage → 0 matches, and no way to fix it.
    const { revenueCny: _r, foundedYear: _f, growthStage: _g, ...withoutFacts } = firm();
    await t.firms.put(withoutFacts);
    const { id } = await registered(undefined, {
      purpose: 'working-capital',
      amountCny: 2_000_000,
      termMonths: 12,
    });
    const res = await t.send('GET', `/v1/finance/needs/${id}/matches`, undefined, await t.firmToken());
    const list = await body<{
      items: (ProductMatch & { toConfirm: { gate: string; fact: string }[] })[];
      missingFacts: string[];
    }>(res);
    expect(list.missingFacts).toEqual(['revenueCny', 'foundedYear', 'growthStage']);
    const eligible = list.items.filter((m) => m.eligible);
    expect(eligible.map((m) => [m.productId, m.toConfirm.map((g) => g.fact)])).toEqual([
      ['cqbank-sci-tech-relending', []],
      ['cqrcb-value-loan', ['revenueCny']],
      ['cqbank-ip-credit', ['revenueCny', 'growthStage']],
      ['cqrcb-renewal', ['foundedYear']],
      ['sanxia-renewal', ['revenueCny', 'foundedYear']],
    ]);
    expect(eligible[1]?.reasons[0]?.zh).toMatch(/^待确认：企业未填报年营收/);
    // A product to confirm can be pushed: the bank checks the fact.
    const pushed = await t.send(
      'POST',
      `/v1/finance/needs/${id}/pushes`,
      { productIds: ['cqrcb-value-loan'] },
      await t.firmToken(),
    );
    expect(pushed.status).toBe(200);
    // With every fact given, nothing is missing.
    await t.firms.put(firm());
    const full = await body<{ missingFacts: string[] }>(
      await t.send('GET', `/v1/finance/needs/${id}/matches`, undefined, await t.firmToken()),
    );
    expect(full.missingFacts).toEqual([]);
  });
});

describe('pushes and answers', () => {
  it('pushes to two banks (one event each, naming the officers), the banks answer, the firm and its liaison see the answers', async () => {
    const { id } = await registered();
    const pushed = await t.send(
      'POST',
      `/v1/finance/needs/${id}/pushes`,
      { productIds: ['cqbank-sci-tech-relending', 'cqrcb-value-loan'] },
      await t.firmToken(),
    );
    expect(pushed.status).toBe(200);
    expect((await body<FinancingNeed>(pushed)).pushes.map((p) => [p.bankId, p.status])).toEqual([
      ['bank-of-chongqing', 'pushed'],
      ['cqrcb', 'pushed'],
    ]);
    const events = (await payloads(id)).filter((e) => e.topic === 'finance.need.pushed.v1');
    expect(events.map((e) => [e.bankId, e.officers])).toEqual([
      ['bank-of-chongqing', ['cqbank-officer']],
      ['cqrcb', ['cqrcb-officer']],
    ]);

    // Pushing one again changes nothing and announces nothing.
    await t.send(
      'POST',
      `/v1/finance/needs/${id}/pushes`,
      { productIds: ['cqrcb-value-loan'] },
      await t.firmToken(),
    );
    expect((await payloads(id)).filter((e) => e.topic === 'finance.need.pushed.v1')).toHaveLength(2);

    // Each bank's officer sees its own push only.
    const inbox = await body<{ items: FinancingNeed[] }>(
      await t.send('GET', '/v1/finance/needs', undefined, await t.officer('cqrcb-officer')),
    );
    expect(inbox.items.map((n) => n.pushes.map((p) => p.bankId))).toEqual([['cqrcb']]);
    expect(
      (await t.send('GET', '/v1/finance/needs', undefined, await t.officer('sanxia-officer'))).status,
    ).toBe(200);
    expect(
      (await t.send('GET', `/v1/finance/needs/${id}`, undefined, await t.officer('sanxia-officer'))).status,
    ).toBe(404);
    expect(
      (await t.send('GET', `/v1/finance/needs/${id}/matches`, undefined, await t.officer('cqrcb-officer')))
        .status,
    ).toBe(403);

    const answer = (productId: string, input: unknown, token: string) =>
      t.send('POST', `/v1/finance/needs/${id}/pushes/${productId}/answer`, input, token);
    const cqrcb = await t.officer('cqrcb-officer');
    const cqbank = await t.officer('cqbank-officer');
    expect((await answer('cqrcb-value-loan', { status: 'reviewing' }, cqrcb)).status).toBe(200);
    // Another bank's officer cannot answer for it.
    expect((await answer('cqrcb-value-loan', { status: 'declined', reason: '不符合' }, cqbank)).status).toBe(
      404,
    );
    const offer = { status: 'offered', offer: { amountCny: 4_000_000, ratePct: 3.9, termMonths: 24 } };
    const offered = await answer('cqrcb-value-loan', offer, cqrcb);
    expect(offered.status).toBe(200);
    expect(
      (await answer('cqbank-sci-tech-relending', { status: 'declined', reason: '额度已满' }, cqbank)).status,
    ).toBe(200);
    // An offer is final.
    expect((await answer('cqrcb-value-loan', { status: 'declined', reason: '改变主意' }, cqrcb)).status).toBe(
      409,
    );

    const answered = (await payloads(id)).filter((e) => e.topic === 'finance.need.answered.v1');
    expect(answered.map((e) => [e.bankId, e.status, e.liaison])).toEqual([
      ['cqrcb', 'reviewing', 'gaoxin-liaison'],
      ['cqrcb', 'offered', 'gaoxin-liaison'],
      ['bank-of-chongqing', 'declined', 'gaoxin-liaison'],
    ]);

    for (const token of [await t.firmToken(), await t.analyst(PARK, 'gaoxin-liaison')]) {
      const seen = await body<FinancingNeed>(
        await t.send('GET', `/v1/finance/needs/${id}`, undefined, token),
      );
      expect(seen.pushes.map((p) => [p.productId, p.status, p.offer?.amountCny ?? p.reason])).toEqual([
        ['cqbank-sci-tech-relending', 'declined', '额度已满'],
        ['cqrcb-value-loan', 'offered', 4_000_000],
      ]);
    }
    expect(
      (await t.send('GET', `/v1/finance/needs/${id}`, undefined, await t.analyst(OTHER_PARK))).status,
    ).toBe(404);
  });

  it('refuses a push to a product out of range or unknown (422, the gates named), storing nothing', async () => {
    const { id } = await registered(undefined, { amountCny: 12_000_000 });
    const before = await t.needs.get(id);
    const res = await t.send(
      'POST',
      `/v1/finance/needs/${id}/pushes`,
      { productIds: ['cqrcb-value-loan', 'cqbank-ip-credit', 'no-such-loan'] },
      await t.firmToken(),
    );
    expect(res.status).toBe(422);
    const problem = await body<Problem>(res);
    expect(problem.errors?.map((e) => [e.path, e.code])).toEqual([
      ['productIds.1', 'gate:amount'],
      ['productIds.2', 'unknown'],
    ]);
    expect(problem.errors?.[0]?.message).toContain('1,200万元');
    expect(await t.needs.get(id)).toEqual(before);
    expect((await waiting(id)).map((e) => e.topic)).toEqual(['finance.need.registered.v1']);
  });

  it('refuses an offer outside the product’s amount, term or rate (422), keeping the push as it was', async () => {
    const { id } = await registered();
    await t.send(
      'POST',
      `/v1/finance/needs/${id}/pushes`,
      { productIds: ['cqrcb-value-loan'] },
      await t.firmToken(),
    );
    const res = await t.send(
      'POST',
      `/v1/finance/needs/${id}/pushes/cqrcb-value-loan/answer`,
      { status: 'offered', offer: { amountCny: 90_000_000, ratePct: 9, termMonths: 6 } },
      await t.officer('cqrcb-officer'),
    );
    expect(res.status).toBe(422);
    const errors = (await body<Problem>(res)).errors;
    expect(errors?.map((e) => e.path)).toEqual(['offer.amountCny', 'offer.termMonths', 'offer.ratePct']);
    // The officer types the offer in 万元: the product's range is said in 万元 (QA: “5000000–100000000 元”).
    expect(errors?.[0]).toMatchObject({
      message: '授信金额须在产品额度 100–3,000 万元之内',
      messageEn: 'the amount must be within the product’s 100–3,000 ×10,000 CNY',
    });
    expect((await t.needs.get(id))?.pushes[0]?.status).toBe('pushed');
    expect(
      (
        await t.send(
          'POST',
          `/v1/finance/needs/${id}/pushes/cqrcb-value-loan/answer`,
          { status: 'declined' },
          await t.officer('cqrcb-officer'),
        )
      ).status,
    ).toBe(400);
  });
});
