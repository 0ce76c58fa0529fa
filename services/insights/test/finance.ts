import { createEvent, Events, type OrderStatus, type ProductType } from '@parkmatch/contracts';
import type { ReadModelEvent } from '../src/read-model/events.ts';

// firm-services' events as it publishes them (financing needs, pushes, answers, R&D orders,
// service vouchers), and a first quarter of 2026 of them over the leads of scenario.ts, small
// enough to count by hand (the counts are in financing/financing.test.ts).

const at = (iso: string) => new Date(iso);
const FIRM = '集庆生物科技有限公司';
const park = (parkId: string | undefined) => (parkId === undefined ? {} : { parkId });
const meta = (leadId: string, when: string) => ({ key: leadId, source: 'test', occurredAt: at(when) });
const who = (when: string) => ({ by: 'someone', at: when });

export function needRegistered(
  leadId: string,
  needId: string,
  amountCny: number,
  when: string,
  parkId?: string,
): ReadModelEvent {
  return {
    name: 'financeNeedRegistered',
    event: createEvent(Events.financeNeedRegistered, {
      ...meta(leadId, when),
      payload: {
        leadId,
        ...park(parkId),
        firmName: FIRM,
        needId,
        amountCny,
        purpose: 'working-capital',
        termMonths: 12,
        urgency: 'normal',
        ...who(when),
      },
    }),
  };
}

export function needPushed(
  leadId: string,
  needId: string,
  product: { bankId: string; productId: string; type: ProductType },
  amountCny: number,
  when: string,
  parkId?: string,
): ReadModelEvent {
  return {
    name: 'financeNeedPushed',
    event: createEvent(Events.financeNeedPushed, {
      ...meta(leadId, when),
      payload: {
        leadId,
        ...park(parkId),
        firmName: FIRM,
        needId,
        bankId: product.bankId,
        productId: product.productId,
        productName: '测试贷',
        productType: product.type,
        amountCny,
        termMonths: 12,
        urgency: 'normal',
        score: 80,
        officers: ['officer-a'],
        ...who(when),
      },
    }),
  };
}

export function needAnswered(
  leadId: string,
  needId: string,
  product: { bankId: string; productId: string },
  answer:
    | { status: 'reviewing' }
    | { status: 'offered'; amountCny: number; ratePct: number }
    | { status: 'declined'; reason: string },
  when: string,
  parkId?: string,
): ReadModelEvent {
  return {
    name: 'financeNeedAnswered',
    event: createEvent(Events.financeNeedAnswered, {
      ...meta(leadId, when),
      payload: {
        leadId,
        ...park(parkId),
        firmName: FIRM,
        needId,
        bankId: product.bankId,
        productId: product.productId,
        status: answer.status,
        ...(answer.status === 'offered'
          ? { offer: { amountCny: answer.amountCny, ratePct: answer.ratePct, termMonths: 12 } }
          : {}),
        ...(answer.status === 'declined' ? { reason: answer.reason } : {}),
        ...who(when),
      },
    }),
  };
}

export function orderPlaced(
  leadId: string,
  orderId: string,
  subPlatform: 'rnd' | 'clinical' | 'testing',
  totalCny: number,
  voucherCny: number,
  when: string,
  parkId?: string,
): ReadModelEvent {
  return {
    name: 'rndOrderPlaced',
    event: createEvent(Events.rndOrderPlaced, {
      ...meta(leadId, when),
      payload: {
        leadId,
        ...park(parkId),
        firmName: FIRM,
        orderId,
        serviceId: 'str-authentication',
        operatorId: 'operator-a',
        subPlatform,
        totalCny,
        voucherCny,
        ...who(when),
      },
    }),
  };
}

export function orderChanged(
  leadId: string,
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  when: string,
  parkId?: string,
): ReadModelEvent {
  return {
    name: 'rndOrderChanged',
    event: createEvent(Events.rndOrderChanged, {
      ...meta(leadId, when),
      payload: {
        leadId,
        ...park(parkId),
        firmName: FIRM,
        orderId,
        operatorId: 'operator-a',
        from,
        to,
        ...who(when),
      },
    }),
  };
}

export function voucherApplied(
  leadId: string,
  applicationId: string,
  requestedCny: number,
  when: string,
  parkId?: string,
): ReadModelEvent {
  return {
    name: 'voucherApplied',
    event: createEvent(Events.voucherApplied, {
      ...meta(leadId, when),
      payload: { leadId, ...park(parkId), firmName: FIRM, applicationId, requestedCny, ...who(when) },
    }),
  };
}

export function voucherDecided(
  leadId: string,
  applicationId: string,
  decision: { decision: 'approved'; grantedCny: number } | { decision: 'rejected'; reason: string },
  when: string,
  parkId?: string,
): ReadModelEvent {
  return {
    name: 'voucherDecided',
    event: createEvent(Events.voucherDecided, {
      ...meta(leadId, when),
      payload: { leadId, ...park(parkId), firmName: FIRM, applicationId, ...decision, ...who(when) },
    }),
  };
}

export function voucherMoved(
  leadId: string,
  entryId: string,
  kind: 'grant' | 'spend' | 'refund' | 'expire',
  amountCny: number,
  balanceAfterCny: number,
  when: string,
  parkId?: string,
): ReadModelEvent {
  return {
    name: 'voucherMoved',
    event: createEvent(Events.voucherMoved, {
      ...meta(leadId, when),
      payload: {
        leadId,
        ...park(parkId),
        firmName: FIRM,
        entryId,
        kind,
        // Signed, as the ledger keeps it: a spend or an expiry takes away.
        amountCny: kind === 'spend' || kind === 'expire' ? -amountCny : amountCny,
        balanceAfterCny,
        ...who(when),
      },
    }),
  };
}

const t = (local: string) => new Date(`${local}+08:00`).toISOString();
const A1 = { bankId: 'bank-a', productId: 'a-bridge', type: 'bridge-loan' } as const;
const B1 = { bankId: 'bank-b', productId: 'b-value', type: 'commercial-value-loan' } as const;
const A2 = { bankId: 'bank-a', productId: 'a-relending', type: 'sci-tech-relending' } as const;
const DADUKOU = 'dadukou-ivd';

// L1 (Dadukou's): need N1 of 5 M on 20 Jan, pushed to two banks on 21 Jan; bank A reviews
//   (22 Jan) and offers 4 M (26 Jan: 5 days); bank B declines (3 Feb: 13 days). Vouchers:
//   applied 200 k on 10 Jan, 150 k approved and granted 15 Jan; order O1 (testing, 20 k, half
//   by voucher) placed 10 Feb, accepted 11 Feb, completed 5 Mar.
// L4 (Bio-City's from 3 Feb; its events name no park, so the owner counts): need N2 of 2 M on
//   1 Mar, pushed 2 Mar, declined 9 Mar (7 days); order O2 (R&D, 8 k) placed 20 Mar, still
//   open; need N3 of 1 M on 2 Apr (after Q1).
// L3 (nobody's): a voucher application of 50 k on 20 Feb, rejected 25 Feb (the city's only).
export const FINANCE_SCENARIO: ReadModelEvent[] = [
  needRegistered('L1', 'N1', 5_000_000, t('2026-01-20T10:00:00'), DADUKOU),
  needPushed('L1', 'N1', A1, 5_000_000, t('2026-01-21T10:00:00'), DADUKOU),
  needPushed('L1', 'N1', B1, 5_000_000, t('2026-01-21T10:00:00'), DADUKOU),
  needAnswered('L1', 'N1', A1, { status: 'reviewing' }, t('2026-01-22T10:00:00'), DADUKOU),
  needAnswered(
    'L1',
    'N1',
    A1,
    { status: 'offered', amountCny: 4_000_000, ratePct: 3.85 },
    t('2026-01-26T10:00:00'),
    DADUKOU,
  ),
  needAnswered(
    'L1',
    'N1',
    B1,
    { status: 'declined', reason: '抵押物不足' },
    t('2026-02-03T10:00:00'),
    DADUKOU,
  ),
  voucherApplied('L1', 'VA1', 200_000, t('2026-01-10T10:00:00'), DADUKOU),
  voucherDecided(
    'L1',
    'VA1',
    { decision: 'approved', grantedCny: 150_000 },
    t('2026-01-15T10:00:00'),
    DADUKOU,
  ),
  voucherMoved('L1', 'E1', 'grant', 150_000, 150_000, t('2026-01-15T10:00:00'), DADUKOU),
  orderPlaced('L1', 'O1', 'testing', 20_000, 10_000, t('2026-02-10T10:00:00'), DADUKOU),
  voucherMoved('L1', 'E2', 'spend', 10_000, 140_000, t('2026-02-10T10:00:00'), DADUKOU),
  orderChanged('L1', 'O1', 'placed', 'accepted', t('2026-02-11T10:00:00'), DADUKOU),
  orderChanged('L1', 'O1', 'accepted', 'completed', t('2026-03-05T10:00:00'), DADUKOU),

  needRegistered('L4', 'N2', 2_000_000, t('2026-03-01T10:00:00')),
  needPushed('L4', 'N2', A2, 2_000_000, t('2026-03-02T10:00:00')),
  needAnswered('L4', 'N2', A2, { status: 'declined', reason: '企业成立年限不足' }, t('2026-03-09T10:00:00')),
  orderPlaced('L4', 'O2', 'rnd', 8_000, 0, t('2026-03-20T10:00:00')),
  needRegistered('L4', 'N3', 1_000_000, t('2026-04-02T10:00:00')),

  voucherApplied('L3', 'VA2', 50_000, t('2026-02-20T10:00:00')),
  voucherDecided('L3', 'VA2', { decision: 'rejected', reason: '不符合条件' }, t('2026-02-25T10:00:00')),
];
