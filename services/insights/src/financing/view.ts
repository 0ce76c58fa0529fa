import { Distribution, MetricPeriod, MetricScope, PRODUCT_TYPES, SUB_PLATFORMS } from '@parkmatch/contracts';
import { z } from 'zod';

// What `GET /v1/metrics/financing` answers: financing demanded, pushed to banks, offered and
// declined (渝企金服), service vouchers and R&D orders (研发共享服务平台), per park or for the city
// over a period. Every figure's definition is in its description.

const Count = z.number().int().nonnegative();
const Cny = z.number();
const Rate = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .meta({ description: 'The share, 0 to 1; null when there is nothing to divide by' });
const Label = z.object({ zh: z.string(), en: z.string() });

/** The counts every row (the period, a month, a park) carries. */
const RowCounts = {
  needs: Count.meta({ description: 'Financing needs registered during the period (financing demanded)' }),
  needsAmountCny: Cny.meta({ description: 'The amount those needs ask for, CNY' }),
  pushes: Count.meta({
    description:
      'Pushes made during the period: a need sent to one bank product (a need sent to two banks: 2)',
  }),
  offers: Count.meta({
    description: 'Pushes a bank answered with an offer during the period (financing granted by the bank)',
  }),
  offeredAmountCny: Cny.meta({ description: 'The amounts of those offers, CNY' }),
  declined: Count.meta({ description: 'Pushes a bank declined during the period' }),
  vouchersGrantedCny: Cny.meta({
    description: 'Service vouchers approved during the period: the amounts the park granted, CNY',
  }),
  vouchersSpentCny: Cny.meta({ description: 'Vouchers spent during the period (ledger spends), CNY' }),
  ordersPlaced: Count.meta({ description: 'R&D service orders placed during the period' }),
  ordersCompleted: Count.meta({
    description: 'R&D service orders completed (report attached) during the period',
  }),
};

export const FinancingView = z
  .object({
    scope: MetricScope,
    period: MetricPeriod,
    financing: z
      .object({
        needs: RowCounts.needs,
        needsAmountCny: RowCounts.needsAmountCny,
        pushes: RowCounts.pushes,
        needsPushed: Count.meta({ description: 'Needs with a push during the period, each need once' }),
        pushedAmountCny: Cny.meta({
          description: 'The amounts asked by the pushes of the period, CNY (per push)',
        }),
        reviewing: Count.meta({ description: 'Pushes a bank marked as under review during the period' }),
        offers: RowCounts.offers,
        offeredAmountCny: RowCounts.offeredAmountCny,
        needsWithOffer: Count.meta({
          description: 'Needs whose first offer came during the period, each need once (needs granted)',
        }),
        declined: RowCounts.declined,
        offerRate: Rate.meta({
          description: '`offers` / (`offers` + `declined`): of the answers in the period',
        }),
        daysToAnswer: Distribution.meta({
          description:
            'Calendar days (Shanghai) from a push to its offer or decline, over the pushes answered during the period',
        }),
        awaitingAtEnd: Count.meta({
          description: 'Pushes made by `asOf` with neither an offer nor a decline by then',
        }),
      })
      .meta({ description: '渝企金服: needs registered, pushed to banks, and the banks’ answers' }),
    declineReasons: z.array(z.object({ reason: z.string(), count: Count })).meta({
      description:
        'The reasons banks gave for the declines of the period, most frequent first (the first 50)',
    }),
    byProductType: z
      .array(
        z.object({
          type: z.enum(PRODUCT_TYPES),
          label: Label,
          pushes: Count,
          offers: Count,
          offeredAmountCny: Cny,
          declined: Count,
        }),
      )
      .meta({ description: 'Pushes, offers and declines of the period by the type of product pushed to' }),
    vouchers: z
      .object({
        applications: Count.meta({ description: 'Voucher applications submitted during the period' }),
        requestedCny: Cny.meta({ description: 'The amounts those applications asked for, CNY' }),
        approved: Count.meta({ description: 'Applications approved during the period' }),
        grantedCny: RowCounts.vouchersGrantedCny,
        rejected: Count.meta({ description: 'Applications rejected during the period' }),
        spentCny: Cny.meta({ description: 'Ledger spends during the period (paid for orders), CNY' }),
        refundedCny: Cny.meta({
          description: 'Ledger refunds during the period (orders declined or cancelled), CNY',
        }),
        expiredCny: Cny.meta({ description: 'Balances expired during the period, CNY' }),
        balanceAtEndCny: Cny.meta({
          description:
            'The vouchers left at `asOf`: every ledger movement up to then (grants and refunds add, spends and ' +
            'expiries take away), CNY',
        }),
        firmsWithBalance: Count.meta({ description: 'Firms with a balance above zero at `asOf`' }),
      })
      .meta({ description: 'Service vouchers (服务券): applications, grants, spending and the balance' }),
    orders: z
      .object({
        placed: RowCounts.ordersPlaced,
        totalCny: Cny.meta({ description: 'The value of the orders placed during the period, CNY' }),
        voucherCny: Cny.meta({ description: 'Of that, paid by voucher, CNY' }),
        firmPaysCny: Cny.meta({ description: 'Of that, paid by the firms themselves, CNY' }),
        accepted: Count.meta({ description: 'Orders an operator accepted during the period' }),
        completed: RowCounts.ordersCompleted,
        declined: Count.meta({ description: 'Orders an operator declined during the period' }),
        cancelled: Count.meta({ description: 'Orders cancelled during the period' }),
        openAtEnd: Count.meta({
          description: 'Orders placed by `asOf` and neither completed, declined nor cancelled by then',
        }),
      })
      .meta({ description: 'R&D service platform (研发共享服务平台) orders' }),
    bySubPlatform: z
      .array(
        z.object({
          subPlatform: z.enum(SUB_PLATFORMS),
          label: Label,
          placed: Count,
          totalCny: Cny,
          voucherCny: Cny,
          completed: Count,
        }),
      )
      .meta({ description: 'Orders placed and completed during the period by sub-platform' }),
    byMonth: z
      .array(z.object({ month: z.string(), ...RowCounts }))
      .meta({ description: 'The period’s counts month by month' }),
    byPark: z
      .array(
        z.object({
          parkId: z.string(),
          name: Label,
          ...RowCounts,
          voucherBalanceAtEndCny: Cny.meta({
            description: 'The park’s firms’ voucher balance at `asOf`, CNY',
          }),
        }),
      )
      .meta({
        description:
          'The counts per park: the park each event named (the park owning the firm’s lead then), else the park ' +
          'owning the lead at that moment',
      }),
  })
  .meta({ id: 'FinancingView' });
export type FinancingView = z.infer<typeof FinancingView>;
