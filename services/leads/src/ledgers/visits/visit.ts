import type { Visit, VisitInput } from '@parkmatch/contracts';
import type { FieldError } from '@parkmatch/service-kit';

// A visit or talk in the 一企一策 ledger, and the rules on it that need today's date.

export interface VisitDoc {
  _id: string;
  leadId: string;
  /** The park that owns the lead and keeps its ledger. */
  parkId: string;
  date: string;
  participants: string[];
  summary: string;
  nextStep?: string | undefined;
  nextStepDueOn?: string | undefined;
  by: string;
  createdAt: string;
}

/**
 * What is wrong with a visit logged on `today` of a lead received on `receivedOn` (both
 * Asia/Shanghai dates), field by field; empty when nothing. A visit of the lead's firm takes
 * place between the day the lead was received and today.
 */
export function visitProblems(input: VisitInput, today: string, receivedOn?: string): FieldError[] {
  const problems: FieldError[] = [];
  if (input.date > today)
    problems.push({
      path: 'date',
      message: `不能晚于今天（${today}）`,
      messageEn: `must not be in the future (today is ${today}, Asia/Shanghai)`,
      code: 'future',
    });
  else if (receivedOn !== undefined && input.date < receivedOn)
    problems.push({
      path: 'date',
      message: `不能早于线索接收日期（${receivedOn}）`,
      messageEn: `must not be before the day the lead was received (${receivedOn})`,
      code: 'before_received',
    });
  if (input.nextStepDueOn !== undefined && input.nextStepDueOn < input.date)
    problems.push({
      path: 'nextStepDueOn',
      message: '不能早于走访日期',
      messageEn: 'must not be before the date of the visit',
      code: 'before-date',
    });
  if (input.nextStepDueOn !== undefined && input.nextStep === undefined)
    problems.push({
      path: 'nextStep',
      message: '填写下一步期限时必填',
      messageEn: 'required with nextStepDueOn',
      code: 'required',
    });
  return problems;
}

export function visitView({ _id, ...visit }: VisitDoc): Visit {
  return { id: _id, ...visit };
}
