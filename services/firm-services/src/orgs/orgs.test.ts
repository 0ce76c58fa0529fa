import type { Org } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, type OpenFirmServices, openFirmServices } from '../../test/open-firm-services.ts';

let t: OpenFirmServices;
beforeEach(async () => {
  t = await openFirmServices();
});
afterEach(() => t.close());

describe('banks and operators', () => {
  it('an admin keeps them; nobody else may; an id keeps its kind', async () => {
    const bank = { kind: 'bank', name: { zh: '重庆示例银行' }, members: ['demo-officer'] };
    const res = await t.send('PUT', '/v1/orgs/demo-bank', bank, await t.admin());
    expect(res.status).toBe(200);
    expect(await body<Org>(res)).toEqual({ id: 'demo-bank', ...bank });
    expect((await t.send('PUT', '/v1/orgs/demo-bank', bank, await t.officer('demo-officer'))).status).toBe(
      403,
    );
    expect(
      (await t.send('PUT', '/v1/orgs/demo-bank', { ...bank, kind: 'operator' }, await t.admin())).status,
    ).toBe(409);
    expect((await t.send('PUT', '/v1/orgs/Bad_Id', bank, await t.admin())).status).toBe(400);
    const banks = await body<{ items: Org[] }>(
      await t.send('GET', '/v1/orgs?kind=bank', undefined, await t.firmToken()),
    );
    expect(banks.items.map((o) => o.id)).toEqual([
      'bank-of-chongqing',
      'biomed-venture-fund',
      'cqrcb',
      'demo-bank',
      'three-gorges-bank',
    ]);
  });

  it('a new member acts for the bank at once: an officer added can keep its products', async () => {
    const product = {
      bankId: 'three-gorges-bank',
      name: { zh: '科技贷' },
      type: 'commercial-value-loan',
      amountCny: [1_000_000, 5_000_000],
      termMonths: [12, 24],
      ratePct: [3.8, 4.5],
    };
    const newcomer = await t.officer('sanxia-newcomer');
    expect((await t.send('PUT', '/v1/finance/products/sanxia-tech', product, newcomer)).status).toBe(403);
    await t.send(
      'PUT',
      '/v1/orgs/three-gorges-bank',
      { kind: 'bank', name: { zh: '重庆三峡银行' }, members: ['sanxia-officer', 'sanxia-newcomer'] },
      await t.admin(),
    );
    expect((await t.send('PUT', '/v1/finance/products/sanxia-tech', product, newcomer)).status).toBe(201);
  });
});
