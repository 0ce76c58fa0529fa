import { describe, expect, it } from 'vitest';
import {
  type AccountDoc,
  apply,
  aYearAfter,
  closePending,
  decide,
  expire,
  isExpired,
  ledgerProblems,
  newAccount,
  refund,
  shanghaiDay,
  spend,
} from './account.ts';

const now = new Date('2026-11-02T02:00:00.000Z');
const application = (id: string, requestedCny = 100_000) => ({
  id,
  requestedCny,
  purpose: '细胞鉴定与病毒检测',
  status: 'pending' as const,
  by: 'firm:x',
  at: now.toISOString(),
});
const ok = (outcome: ReturnType<typeof spend>): AccountDoc => {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
  return outcome.account;
};
const granted = (amount: number, expiresOn?: string): AccountDoc =>
  ok(
    decide(
      apply(newAccount({ leadId: 'L', firmName: 'F' }), application('a1', amount)),
      'a1',
      { decision: 'approved', grantedCny: amount, ...(expiresOn ? { expiresOn } : {}) },
      'gaoxin',
      now,
      'g1',
    ),
  );

describe('voucher account', () => {
  it('grants, spends, refunds and expires, and the ledger adds up at every step', () => {
    let account = granted(100_000);
    expect(account).toMatchObject({ balanceCny: 100_000, grantedTotalCny: 100_000, expiresOn: '2027-11-02' });
    account = ok(spend(account, 'o1', 30_000, 'firm', now, 's1'));
    account = ok(spend(account, 'o2', 50_000, 'firm', now, 's2'));
    account = ok(refund(account, 'o1', 'op', now, 'r1'));
    expect(account.balanceCny).toBe(50_000);
    expect(ledgerProblems(account)).toEqual([]);
    const later = new Date('2027-11-03T00:00:00.000Z');
    expect(isExpired(account, later)).toBe(true);
    account = ok(expire(account, 'system', later, 'x1'));
    expect(account.balanceCny).toBe(0);
    expect(account.ledger.map((e) => [e.kind, e.amountCny, e.balanceAfterCny])).toEqual([
      ['grant', 100_000, 100_000],
      ['spend', -30_000, 70_000],
      ['spend', -50_000, 20_000],
      ['refund', 30_000, 50_000],
      ['expire', -50_000, 0],
    ]);
    expect(ledgerProblems(account)).toEqual([]);
  });

  it('never goes below zero, never spends an order twice, never spends when expired or never granted', () => {
    const account = granted(10_000, '2026-12-31');
    expect(spend(account, 'o1', 10_001, 'f', now, 's')).toEqual({
      ok: false,
      refusal: { code: 'insufficient', balanceCny: 10_000 },
    });
    const spent = ok(spend(account, 'o1', 4_000, 'f', now, 's'));
    expect(spend(spent, 'o1', 1, 'f', now, 's2')).toEqual({
      ok: false,
      refusal: { code: 'double-spend', orderId: 'o1' },
    });
    expect(spend(spent, 'o2', 1, 'f', new Date('2026-12-31T16:00:00.000Z'), 's3')).toEqual({
      ok: false,
      refusal: { code: 'expired', expiresOn: '2026-12-31' },
    });
    expect(spend(null, 'o3', 1, 'f', now, 's4')).toEqual({ ok: false, refusal: { code: 'no-voucher' } });
    expect(refund(spent, 'o9', 'f', now, 'r')).toEqual({ ok: false, refusal: { code: 'nothing-to-refund' } });
    const refunded = ok(refund(spent, 'o1', 'f', now, 'r'));
    expect(refund(refunded, 'o1', 'f', now, 'r2').ok).toBe(false);
  });

  it('keeps every grant within the 300,000 CNY cap, and decides an application once', () => {
    let account = granted(250_000);
    account = apply(account, application('a2'));
    expect(decide(account, 'a2', { decision: 'approved', grantedCny: 60_000 }, 'gaoxin', now, 'g2')).toEqual({
      ok: false,
      refusal: { code: 'over-cap', remainingCny: 50_000 },
    });
    account = ok(decide(account, 'a2', { decision: 'approved', grantedCny: 50_000 }, 'gaoxin', now, 'g2'));
    expect(account.grantedTotalCny).toBe(300_000);
    expect(decide(account, 'a2', { decision: 'rejected', reason: 'x' }, 'gaoxin', now, 'g3')).toEqual({
      ok: false,
      refusal: { code: 'decided', status: 'approved' },
    });
    expect(decide(account, 'nope', { decision: 'rejected', reason: 'x' }, 'gaoxin', now, 'g3').ok).toBe(
      false,
    );
    expect(ledgerProblems(account)).toEqual([]);
  });

  it('grants at most what the application asked for', () => {
    const account = apply(newAccount({ leadId: 'L', firmName: 'F' }), application('a1', 1_000));
    expect(decide(account, 'a1', { decision: 'approved', grantedCny: 50_000 }, 'gaoxin', now, 'g1')).toEqual({
      ok: false,
      refusal: { code: 'over-requested', requestedCny: 1_000 },
    });
    expect(
      ok(decide(account, 'a1', { decision: 'approved', grantedCny: 1_000 }, 'gaoxin', now, 'g1')).balanceCny,
    ).toBe(1_000);
  });

  it('closes the pending applications of a withdrawn firm, and only those', () => {
    let account = granted(10_000);
    account = apply(apply(account, application('a2')), application('a3'));
    const { account: closed, closed: ids } = closePending(account, 'system', now);
    expect(ids).toEqual(['a2', 'a3']);
    expect(closed.applications.map((a) => [a.id, a.status, a.decidedBy])).toEqual([
      ['a1', 'approved', 'gaoxin'],
      ['a2', 'rejected', 'system'],
      ['a3', 'rejected', 'system'],
    ]);
    expect(closed.balanceCny).toBe(10_000);
    expect(closePending(closed, 'system', now).closed).toEqual([]);
  });

  it('writes off what an expired grant left before a new grant, so the ledger still adds up', () => {
    let account = granted(20_000, '2026-11-30');
    account = apply(account, application('a2'));
    const later = new Date('2027-01-05T02:00:00.000Z');
    account = ok(decide(account, 'a2', { decision: 'approved', grantedCny: 30_000 }, 'gaoxin', later, 'g2'));
    expect(account.ledger.map((e) => e.kind)).toEqual(['grant', 'expire', 'grant']);
    expect(account).toMatchObject({ balanceCny: 30_000, expiresOn: '2028-01-05' });
    expect(ledgerProblems(account)).toEqual([]);
  });

  it('finds a ledger that does not add up', () => {
    const account = granted(10_000);
    expect(ledgerProblems({ ...account, balanceCny: 9_000 })).toEqual(['balance 9000, ledger says 10000']);
  });

  it('counts days in Asia/Shanghai', () => {
    expect(shanghaiDay(new Date('2026-11-02T16:30:00.000Z'))).toBe('2026-11-03');
    expect(aYearAfter('2028-02-29')).toBe('2029-02-28');
  });
});
