import { createEvent, Events, type Order, type VoucherAccount } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, LEAD, type OpenFirmServices, openFirmServices } from '../../test/open-firm-services.ts';
import { NeedRepository } from '../finance/repository.ts';
import type { NeedView } from '../finance/schemas.ts';
import { OrderRepository } from '../rnd/repository.ts';
import { ledgerProblems } from '../vouchers/account.ts';
import { VoucherRepository } from '../vouchers/repository.ts';
import { firmDocsCloser } from './close.ts';
import { onWithdrawn } from './consumers.ts';

// QA: after a firm withdrew its profile, the park's team page still offered to approve its
// pending voucher application and the bank's page to answer its financing need. firm-services
// now closes what the firm left open when the withdrawal comes, and refuses anything new (409).

let t: OpenFirmServices;
beforeEach(async () => {
  t = await openFirmServices();
});
afterEach(() => t.close());

type Problem = { status: number; detail: string; closed?: string };

const withdrawal = createEvent(Events.profileWithdrawn, {
  key: LEAD,
  source: 'leads',
  payload: { leadId: LEAD, by: `firm:${LEAD}`, at: '2026-11-03T01:00:00.000Z' },
});
const withdraw = () => onWithdrawn(t.firms, firmDocsCloser(t.deps))([withdrawal]);

/** Every event waiting in a collection's outbox, by topic. */
const topics = async (collection: string) =>
  (
    await Promise.all(
      (
        await t.store.collection<{ _id: string }>(collection).find({})
      ).map((d) => t.store.outbox(collection).waiting(d._id)),
    )
  )
    .flat()
    .map((e) => e.topic)
    .sort();

/** The firm with a need pushed to two banks, vouchers, a pending application and two orders. */
async function firmWithOpenThings() {
  const firm = await t.firmToken();
  const need = await body<NeedView>(
    await t.send(
      'POST',
      '/v1/finance/needs',
      {
        leadId: LEAD,
        amountCny: 5_000_000,
        purpose: 'rnd',
        termMonths: 24,
        collateral: ['none'],
        urgency: 'normal',
      },
      firm,
    ),
  );
  const pushed = await t.send(
    'POST',
    `/v1/finance/needs/${need.id}/pushes`,
    { productIds: ['cqbank-sci-tech-relending', 'cqrcb-value-loan'] },
    firm,
  );
  expect(pushed.status).toBe(200);
  const reviewing = await t.send(
    'POST',
    `/v1/finance/needs/${need.id}/pushes/cqrcb-value-loan/answer`,
    { status: 'reviewing' },
    await t.officer('cqrcb-officer'),
  );
  expect(reviewing.status).toBe(200);
  const apply = async (requestedCny: number) =>
    body<VoucherAccount>(
      await t.send(
        'POST',
        '/v1/vouchers/applications',
        { leadId: LEAD, requestedCny, purpose: '检测' },
        firm,
      ),
    );
  const first = (await apply(2_000)).applications[0]?.id;
  const granted = await t.send(
    'POST',
    `/v1/vouchers/${LEAD}/applications/${first}/decision`,
    { decision: 'approved', grantedCny: 2_000 },
    await t.analyst(),
  );
  expect(granted.status).toBe(200);
  const pending = (await apply(5_000)).applications[1]?.id as string;
  const place = async (voucherCny: number) =>
    body<Order>(
      await t.send(
        'POST',
        '/v1/rnd/orders',
        { leadId: LEAD, serviceId: 'str-authentication', quantity: 1, voucherCny },
        firm,
      ),
    );
  const placed = await place(500);
  const accepted = await place(0);
  const accept = await t.send(
    'POST',
    `/v1/rnd/orders/${accepted.id}/status`,
    { status: 'accepted' },
    await t.operator(),
  );
  expect(accept.status).toBe(200);
  return { need, pending, placed, accepted };
}

describe('a firm that withdrew its profile', () => {
  it('has its needs closed, its pending applications and unaccepted orders closed, once, however often the event comes', async () => {
    const open = await firmWithOpenThings();
    const before = {
      needs: await topics(NeedRepository.COLLECTION),
      vouchers: await topics(VoucherRepository.COLLECTION),
      orders: await topics(OrderRepository.COLLECTION),
    };
    await withdraw();
    await withdraw(); // at least once: the second delivery changes nothing

    // The need: closed with why, its pushes as the banks left them; no event (none says "closed").
    const need = await body<NeedView>(
      await t.send('GET', `/v1/finance/needs/${open.need.id}`, undefined, await t.analyst()),
    );
    expect(need.closed).toEqual({
      because: 'withdrawn',
      reason: {
        zh: '企业已撤回项目信息，该融资需求已关闭，无需再答复',
        en: 'the firm withdrew its profile; the need is closed and needs no answer',
      },
      at: '2026-11-03T01:00:00.000Z',
    });
    expect(need.pushes.map((p) => p.status)).toEqual(['pushed', 'reviewing']);
    const seenByBank = await body<{ items: NeedView[] }>(
      await t.send('GET', '/v1/finance/needs', undefined, await t.officer('cqbank-officer')),
    );
    expect(seenByBank.items.map((n) => n.closed?.because)).toEqual(['withdrawn']);
    expect(await topics(NeedRepository.COLLECTION)).toEqual(before.needs);

    // The pending application: rejected with the reason, announced once; the grant stays.
    const account = await body<VoucherAccount>(
      await t.send('GET', `/v1/vouchers/${LEAD}`, undefined, await t.analyst()),
    );
    expect(account.applications.map((a) => [a.status, a.decidedBy])).toEqual([
      ['approved', 'gaoxin-analyst'],
      ['rejected', 'system'],
    ]);
    expect(account.applications[1]?.reason).toContain('企业已撤回项目信息');
    const pendingList = await body<{ items: VoucherAccount[] }>(
      await t.send('GET', '/v1/vouchers?pending=true', undefined, await t.analyst()),
    );
    expect(pendingList.items).toEqual([]);

    // The order nobody accepted: cancelled, its voucher part given back; the accepted one stays.
    const orders = await body<{ items: Order[] }>(
      await t.send('GET', `/v1/rnd/orders?leadId=${LEAD}`, undefined, await t.analyst()),
    );
    const status = new Map(orders.items.map((o) => [o.id, o]));
    expect(status.get(open.placed.id)?.status).toBe('cancelled');
    expect(status.get(open.placed.id)?.reason).toContain('企业已撤回项目信息');
    expect(status.get(open.accepted.id)?.status).toBe('accepted');
    expect(account.ledger.map((e) => [e.kind, e.amountCny])).toEqual([
      ['grant', 2_000],
      ['spend', -500],
      ['refund', 500],
    ]);
    const stored = await t.vouchers.get(LEAD);
    expect(stored && ledgerProblems(stored)).toEqual([]);

    const added = (now: string[], then: string[]) => {
      const rest = [...now];
      for (const topic of then) rest.splice(rest.indexOf(topic), 1);
      return rest;
    };
    expect(added(await topics(VoucherRepository.COLLECTION), before.vouchers)).toEqual([
      'vouchers.application.decided.v1',
      'vouchers.balance.moved.v1',
    ]);
    expect(added(await topics(OrderRepository.COLLECTION), before.orders)).toEqual([
      'rnd.order.status-changed.v1',
    ]);

    // The operator still completes the order it accepted.
    const done = await t.send(
      'POST',
      `/v1/rnd/orders/${open.accepted.id}/report`,
      { kind: 'link', url: 'https://reports.example.com/str.pdf' },
      await t.operator(),
    );
    expect(done.status).toBe(200);
  });

  it('refuses anything new for it with 409 problem+json in both languages: answers, decisions, needs, pushes, applications, orders', async () => {
    const open = await firmWithOpenThings();
    await withdraw();
    const firm = await t.firmToken();
    const refused = [
      await t.send(
        'POST',
        `/v1/finance/needs/${open.need.id}/pushes/cqbank-sci-tech-relending/answer`,
        { status: 'offered', offer: { amountCny: 5_000_000, ratePct: 3, termMonths: 24 } },
        await t.officer('cqbank-officer'),
      ),
      await t.send(
        'POST',
        `/v1/finance/needs/${open.need.id}/pushes/cqrcb-value-loan/answer`,
        { status: 'declined', reason: '不符合' },
        await t.officer('cqrcb-officer'),
      ),
      await t.send(
        'POST',
        `/v1/vouchers/${LEAD}/applications/${open.pending}/decision`,
        { decision: 'approved', grantedCny: 1_000 },
        await t.analyst(),
      ),
      await t.send(
        'POST',
        `/v1/finance/needs/${open.need.id}/pushes`,
        { productIds: ['cqbank-ip-credit'] },
        await t.analyst(),
      ),
      await t.send(
        'POST',
        '/v1/finance/needs',
        {
          leadId: LEAD,
          amountCny: 1_000_000,
          purpose: 'rnd',
          termMonths: 12,
          collateral: ['none'],
          urgency: 'normal',
        },
        firm,
      ),
      await t.send(
        'POST',
        '/v1/vouchers/applications',
        { leadId: LEAD, requestedCny: 1_000, purpose: '检测' },
        firm,
      ),
      await t.send(
        'POST',
        '/v1/rnd/orders',
        { leadId: LEAD, serviceId: 'str-authentication', quantity: 1 },
        firm,
      ),
    ];
    for (const res of refused) {
      expect(res.status, res.url).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await body<Problem>(res)).detail).toMatch(/withdrew its profile/);
    }
    const zh = await t.app.request(
      `/v1/finance/needs/${open.need.id}/pushes/cqbank-sci-tech-relending/answer`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'accept-language': 'zh-CN',
          authorization: `Bearer ${await t.officer('cqbank-officer')}`,
        },
        body: JSON.stringify({ status: 'reviewing' }),
      },
    );
    expect(zh.status).toBe(409);
    expect(await body<Problem>(zh)).toMatchObject({
      detail: '企业已撤回项目信息，该融资需求已关闭，无需再答复',
      closed: 'withdrawn',
    });
    // Nothing was answered: the pushes are as the banks left them.
    const need = await t.needs.get(open.need.id);
    expect(need?.pushes.map((p) => p.status)).toEqual(['pushed', 'reviewing']);
  });

  it('refuses a bank’s answer even before the close has run (the firm is marked withdrawn first)', async () => {
    const open = await firmWithOpenThings();
    await t.firms.setWithdrawn(LEAD);
    const res = await t.send(
      'POST',
      `/v1/finance/needs/${open.need.id}/pushes/cqbank-sci-tech-relending/answer`,
      { status: 'reviewing' },
      await t.officer('cqbank-officer'),
    );
    expect(res.status).toBe(409);
  });
});
