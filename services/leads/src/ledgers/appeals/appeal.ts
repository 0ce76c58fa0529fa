import type { Appeal, AppealInput, AppealStatus, AppealStatusChange } from '@parkmatch/contracts';
import type { FieldError } from '@parkmatch/service-kit';
import { isClosed } from './status.ts';

// A firm's problem (诉求) in the 一企一策 ledger: who is responsible, by when, how it ended.

export interface AppealDoc {
  _id: string;
  leadId: string;
  /** The park that owns the lead and keeps its ledger. */
  parkId: string;
  category: AppealInput['category'];
  title: string;
  description: string;
  department: string;
  dueOn: string;
  status: AppealStatus;
  resolution?: string;
  rejectionReason?: string;
  /** Adds one on every change: a change made on an older one is stale. */
  revision: number;
  /** Every status the appeal took, the opening first. */
  history: AppealStatusChange[];
  openedBy: string;
  openedAt: string;
  closedAt?: string;
  updatedAt: string;
}

/** Not closed and due before `today` (Asia/Shanghai). */
export function isOverdue(appeal: Pick<AppealDoc, 'status' | 'dueOn'>, today: string): boolean {
  return !isClosed(appeal.status) && appeal.dueOn < today;
}

/** What is wrong with an appeal opened on `today`, field by field; empty when nothing. */
export function appealProblems(input: AppealInput, today: string): FieldError[] {
  return input.dueOn < today
    ? [
        {
          path: 'dueOn',
          message: `不能早于今天（${today}）`,
          messageEn: `must not be in the past (today is ${today}, Asia/Shanghai)`,
          code: 'past',
        },
      ]
    : [];
}

export function appealView({ _id, ...appeal }: AppealDoc, today: string): Appeal {
  return { id: _id, ...appeal, overdue: isOverdue(appeal, today) };
}
