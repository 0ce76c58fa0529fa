import type { VoucherAccount } from '@parkmatch/contracts';
import { createStore } from '@parkmatch/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  body,
  build,
  firm,
  LEAD,
  type OpenFirmServices,
  OTHER_PARK,
  openFirmServices,
  PARK,
} from '../../test/open-firm-services.ts';
import { ledgerProblems } from './account.ts';
import { VoucherRepository } from './repository.ts';
import { expireVouchers } from './vouchers.ts';

let t: OpenFirmServices;
beforeEach(async () => {
  t = await openFirmServices();
});
afterEach(() => t.close());

type Problem = {
  status: number;
  errors?: { path: string; code?: string; message: string; messageEn?: string }[];
};

async function applied(requestedCny = 100_000): Promise<VoucherAccount> {
  const res = await t.send(
    'POST',
    '/v1/vouchers/applications',
    { leadId: LEAD, requestedCny, purpose: '细胞鉴定、病毒滴度检测' },
    await t.firmToken(),
  );
  expect(res.status).toBe(201);
  return body<VoucherAccount>(res);
}
const pendingId = (account: VoucherAccount) =>
  account.applications.find((a) => a.status === 'pending')?.id ?? '';
const decide = async (applicationId: string, decision: unknown, token?: string) =>
  t.send(
    'POST',
    `/v1/vouchers/${LEAD}/applications/${applicationId}/decision`,
    decision,
    token ?? (await t.analyst()),
  );
const topics = async () =>
  (await t.store.outbox(VoucherRepository.COLLECTION).waiting(LEAD)).map((e) => e.topic);

describe('service vouchers', () => {
  it('the firm applies, its park approves up to the cap; the account shows the grant in its ledger', async () => {
    const account = await applied(120_000);
    expect(account).toMatchObject({
      capCny: 300_000,
      grantedTotalCny: 0,
      balanceCny: 0,
      applications: [{ status: 'pending', requestedCny: 120_000 }],
    });
    const res = await decide(pendingId(account), {
      decision: 'approved',
      grantedCny: 100_000,
      expiresOn: '2027-06-30',
    });
    expect(res.status).toBe(200);
    const approved = await body<VoucherAccount>(res);
    expect(approved).toMatchObject({
      grantedTotalCny: 100_000,
      balanceCny: 100_000,
      expiresOn: '2027-06-30',
      expired: false,
    });
    expect(approved.ledger.map((e) => [e.kind, e.amountCny, e.balanceAfterCny])).toEqual([
      ['grant', 100_000, 100_000],
    ]);
    expect(await topics()).toEqual([
      'vouchers.application.submitted.v1',
      'vouchers.application.decided.v1',
      'vouchers.balance.moved.v1',
    ]);
    const seen = await body<VoucherAccount>(
      await t.send('GET', `/v1/vouchers/${LEAD}`, undefined, await t.firmToken()),
    );
    expect(seen.balanceCny).toBe(100_000);
  });

  it('only the firm’s park decides: not the firm, not another park, not a bank', async () => {
    const id = pendingId(await applied());
    const grant = { decision: 'approved', grantedCny: 10_000 };
    expect((await decide(id, grant, await t.firmToken())).status).toBe(403);
    expect((await decide(id, grant, await t.analyst(OTHER_PARK))).status).toBe(404);
    expect((await decide(id, grant, await t.officer())).status).toBe(403);
    expect((await decide(id, grant, await t.manager(PARK))).status).toBe(200);
    expect((await decide(id, { decision: 'rejected', reason: '重复' })).status).toBe(409);
  });

  it('refuses a grant over the cap or expiring in the past (422), leaving the account as it was', async () => {
    const first = pendingId(await applied(300_000));
    expect((await decide(first, { decision: 'approved', grantedCny: 250_000 })).status).toBe(200);
    const second = pendingId(await applied(100_000));
    const before = await t.vouchers.get(LEAD);
    const over = await decide(second, { decision: 'approved', grantedCny: 60_000 });
    expect(over.status).toBe(422);
    // QA: the refusal named `voucherCny`, a field the decision does not have.
    expect((await body<Problem>(over)).errors).toEqual([
      {
        path: 'grantedCny',
        code: 'over_cap',
        message: '超过每家企业 300,000 元的服务券上限，最多还可批准 50,000 元',
        messageEn: 'over the CNY 300,000 cap per firm; at most CNY 50,000 more can be granted',
      },
    ]);
    const past = await decide(second, { decision: 'approved', grantedCny: 10_000, expiresOn: '2026-10-01' });
    expect(past.status).toBe(422);
    expect((await body<Problem>(past)).errors?.map((e) => [e.path, e.code])).toEqual([['expiresOn', 'past']]);
    const tooBig = await decide(second, { decision: 'approved', grantedCny: 300_001 });
    expect(tooBig.status).toBe(400);
    // QA: “不能大于 300000” — the cap in 元 with separators, as the field is typed.
    expect((await body<Problem>(tooBig)).errors?.map((e) => [e.path, e.message])).toEqual([
      ['grantedCny', '批准金额不能超过每家企业 300,000 元的服务券上限'],
    ]);
    expect(await t.vouchers.get(LEAD)).toEqual(before);
  });

  it('grants at most what the firm applied for (422 on grantedCny), leaving the account as it was', async () => {
    // QA: granting 50,000 on an application for 1,000 succeeded.
    const id = pendingId(await applied(1_000));
    const before = await t.vouchers.get(LEAD);
    const more = await decide(id, { decision: 'approved', grantedCny: 50_000 });
    expect(more.status).toBe(422);
    expect((await body<Problem>(more)).errors).toEqual([
      {
        path: 'grantedCny',
        code: 'over_requested',
        message: '批准金额不能超过企业申请的 1,000 元',
        messageEn: 'the grant cannot exceed the CNY 1,000 the firm applied for',
      },
    ]);
    expect(await t.vouchers.get(LEAD)).toEqual(before);
    const less = await decide(id, { decision: 'approved', grantedCny: 800 });
    expect(less.status).toBe(200);
    expect((await body<VoucherAccount>(less)).applications[0]).toMatchObject({
      status: 'approved',
      requestedCny: 1_000,
      grantedCny: 800,
    });
  });

  it('lists a park’s accounts with pending applications to its team', async () => {
    await applied();
    const mine = await body<{ items: VoucherAccount[] }>(
      await t.send('GET', '/v1/vouchers?pending=true', undefined, await t.analyst()),
    );
    expect(mine.items.map((a) => a.leadId)).toEqual([LEAD]);
    const other = await body<{ items: VoucherAccount[] }>(
      await t.send('GET', '/v1/vouchers', undefined, await t.analyst(OTHER_PARK)),
    );
    expect(other.items).toEqual([]);
    expect((await t.send('GET', '/v1/vouchers', undefined, await t.firmToken())).status).toBe(403);
  });

  it('writes off an expired balance in the ledger (the sweep), once', async () => {
    const id = pendingId(await applied());
    await decide(id, { decision: 'approved', grantedCny: 50_000, expiresOn: '2026-11-30' });
    t.setNow('2026-12-01T00:00:00.000Z');
    expect(await expireVouchers(t.deps)).toBe(1);
    expect(await expireVouchers(t.deps)).toBe(0);
    const account = await t.vouchers.get(LEAD);
    expect(account?.ledger.map((e) => [e.kind, e.amountCny])).toEqual([
      ['grant', 50_000],
      ['expire', -50_000],
    ]);
    expect(account && ledgerProblems(account)).toEqual([]);
  });

  it('two replicas approving at once never grant past the cap', async () => {
    const a = pendingId(await applied(200_000));
    const account = await applied(200_000);
    const b = account.applications[1]?.id ?? '';
    const replica = await build(await createStore({ kind: 'sqlite', dir: t.dir }));
    try {
      const token = await t.analyst();
      const results = await Promise.all([
        t.send(
          'POST',
          `/v1/vouchers/${LEAD}/applications/${a}/decision`,
          { decision: 'approved', grantedCny: 200_000 },
          token,
        ),
        replica.send(
          'POST',
          `/v1/vouchers/${LEAD}/applications/${b}/decision`,
          { decision: 'approved', grantedCny: 200_000 },
          token,
        ),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      const stored = await t.vouchers.get(LEAD);
      expect(stored?.grantedTotalCny).toBe(200_000);
      expect(stored && ledgerProblems(stored)).toEqual([]);
    } finally {
      await replica.store.close();
    }
  });

  it('a firm another park owns now is decided by that park', async () => {
    const id = pendingId(await applied());
    await t.firms.put(firm({ parkId: OTHER_PARK, parkSince: '2026-11-01T00:00:00.000Z' }));
    expect(
      (await decide(id, { decision: 'approved', grantedCny: 1_000 }, await t.analyst(PARK))).status,
    ).toBe(404);
    expect(
      (await decide(id, { decision: 'approved', grantedCny: 1_000 }, await t.analyst(OTHER_PARK))).status,
    ).toBe(200);
  });
});
