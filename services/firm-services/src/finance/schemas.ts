import {
  AnswerInput,
  BilingualText,
  FinancingNeed,
  FinancingNeedInput,
  GATES,
  Offer,
  ProductMatch,
} from '@parkmatch/contracts';
import { z } from 'zod';
import { wan } from '../money.ts';
import { OPTIONAL_FACTS } from './engine/index.ts';

// The finance API's bodies and answers where firm-services says more than the shared contracts:
// a plausible amount (an upper bound whose message names its unit), a need closed with its
// firm's withdrawal, and the gates a match leaves to confirm. Each extends the contract's schema,
// so a client reading the contract alone still reads these.

/**
 * The most a financing need (or an offer for one) may ask: 10 亿元 (100,000 万元). 渝企金服 takes
 * SMEs' needs for banks' credit products — the largest product of the demo catalogue lends 1 亿元,
 * and a medium-sized industrial firm (工信部 中小企业划型标准) has under 4 亿元 of revenue a
 * year — so a need above 10 亿元 is a project or syndicated loan, not one these products serve.
 * Mostly it is a unit mistake: the form asks 万元, and a sum of 10 万元 or more typed in 元 lands
 * above the bound (QA typed 5,000,000 meaning 元 and registered 500 亿元).
 */
export const MAX_NEED_CNY = 1_000_000_000;

const plausible = (what: { zh: string; en: string }) => {
  const most = wan(MAX_NEED_CNY);
  return z
    .number()
    .min(10_000, `${what.zh}至少 1 万元 / ${what.en} must be at least 1 ×10,000 CNY (CNY 10,000)`)
    .max(
      MAX_NEED_CNY,
      `${what.zh}不能超过 ${most.zh}（10 亿元），请核对单位是否为万元 / ${what.en} can be at most ${most.en} (CNY 1 billion); check the amount is in 10,000 CNY`,
    );
};

export const NeedInput = FinancingNeedInput.extend({
  amountCny: plausible({ zh: '融资金额', en: 'the amount' }).meta({
    description: `Amount in CNY (元), 10,000 to ${MAX_NEED_CNY.toLocaleString('en-US')} (10 亿元)`,
  }),
}).meta({ id: 'FinancingNeedInput' });

const [reviewing, offered, declined] = AnswerInput.options;
export const AnswerBody = z
  .discriminatedUnion('status', [
    reviewing,
    offered.extend({
      offer: Offer.extend({ amountCny: plausible({ zh: '授信金额', en: 'the amount' }) }),
    }),
    declined,
  ])
  .meta({ id: 'AnswerInput' });

/** Why a need is closed, when it is: its firm withdrew its profile (nobody answers it any more). */
export const NeedClosed = z
  .object({ because: z.enum(['withdrawn']), reason: BilingualText, at: z.iso.datetime() })
  .meta({ id: 'FinancingNeedClosed' });
export type NeedClosed = z.infer<typeof NeedClosed>;

export const NeedView = FinancingNeed.extend({
  closed: NeedClosed.optional().meta({
    description: 'Set when the need is closed: no push is made or answered any more',
  }),
}).meta({ id: 'FinancingNeed' });
export type NeedView = z.infer<typeof NeedView>;
export const NeedViewList = z.object({ items: z.array(NeedView) }).meta({ id: 'FinancingNeedList' });

export const ToConfirm = z
  .object({ gate: z.enum(GATES), fact: z.enum(OPTIONAL_FACTS), reason: BilingualText })
  .meta({ id: 'GateToConfirm' });

export const Match = ProductMatch.extend({
  toConfirm: z.array(ToConfirm).meta({
    description:
      'Gates not checked because the firm has not given the fact they need: the product is not ruled out, the bank confirms',
  }),
}).meta({ id: 'ProductMatch' });

export const MatchList = z
  .object({
    needId: z.string(),
    items: z.array(Match),
    missingFacts: z.array(z.enum(OPTIONAL_FACTS)).meta({
      description:
        'Optional profile facts the firm has not given that some product checks: adding them to the profile settles what is to confirm',
    }),
  })
  .meta({ id: 'ProductMatchList' });
