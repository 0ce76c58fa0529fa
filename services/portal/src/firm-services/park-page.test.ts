import type { FinancingNeed, VoucherAccount } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { figuresOf } from './park-page.ts';

const need = (amountCny: number, offers: number[]): FinancingNeed => ({
  id: `n${amountCny}`,
  leadId: 'l',
  firmName: 'f',
  amountCny,
  purpose: 'working-capital',
  termMonths: 12,
  collateral: ['none'],
  urgency: 'normal',
  pushes: [
    ...offers.map((amount, i) => ({
      productId: `p${i}`,
      bankId: 'b',
      productName: { zh: 'p' },
      status: 'offered' as const,
      pushedAt: '2026-01-01T00:00:00.000Z',
      pushedBy: 'x',
      score: 80,
      offer: { amountCny: amount, termMonths: 12 },
    })),
    {
      productId: 'declined',
      bankId: 'b',
      productName: { zh: 'p' },
      status: 'declined' as const,
      pushedAt: '2026-01-01T00:00:00.000Z',
      pushedBy: 'x',
      score: 60,
      reason: 'no',
    },
  ],
  by: 'x',
  at: '2026-01-01T00:00:00.000Z',
});

const entry = (
  kind: 'grant' | 'spend' | 'refund' | 'expire',
  amountCny: number,
  balanceAfterCny: number,
) => ({
  id: `${kind}${amountCny}`,
  kind,
  amountCny,
  balanceAfterCny,
  by: 'x',
  at: '2026-01-01T00:00:00.000Z',
});

describe('the park’s firm-services figures', () => {
  it('add up the needs, the offers and the voucher ledger', () => {
    const account: VoucherAccount = {
      leadId: 'l',
      firmName: 'f',
      capCny: 300_000,
      grantedTotalCny: 100_000,
      balanceCny: 99_500,
      expired: false,
      applications: [],
      ledger: [
        entry('grant', 100_000, 100_000),
        entry('spend', -800, 99_200),
        entry('spend', -300, 98_900),
        entry('refund', 300, 99_200),
      ],
    };
    expect(figuresOf([need(5_000_000, [4_000_000]), need(1_000_000, [])], [account])).toEqual({
      needs: 2,
      demandedCny: 6_000_000,
      offers: 1,
      offeredCny: 4_000_000,
      grantedCny: 100_000,
      spentCny: 800,
      balanceCny: 99_500,
    });
  });
});
