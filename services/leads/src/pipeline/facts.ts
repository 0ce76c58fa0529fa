import { STAGE_LABELS, type Stage, StageFacts } from '@parkmatch/contracts';
import { type FieldError, fieldErrors } from '@parkmatch/service-kit';
import { needsFacts } from './stages.ts';

// The facts a move records about the stage it enters (签约 investment, 注册 entity, …), checked
// against contracts' StageFacts and the calendar: what happened is not in the future, a
// resume date is. Pure: `today` is the caller's Shanghai calendar date.

/** Dates of things that happened: on or before today. */
const HAPPENED_ON = ['signedOn', 'registeredOn', 'startedOn'];
/** Dates still to come: after today. */
const COMING_ON = ['resumeOn'];

export type FactsCheck = { ok: true; facts: Record<string, unknown> } | { ok: false; errors: FieldError[] };

const error = (path: string, message: string, messageEn: string, code: string): FieldError => ({
  path,
  message,
  messageEn,
  code,
});

/** Checks the facts given for entering `to`; on success, the facts as they are stored. */
export function checkFacts(to: Stage, given: Record<string, unknown>, today: string): FactsCheck {
  if (!needsFacts(to)) {
    const label = STAGE_LABELS[to];
    return {
      ok: false,
      errors: [
        error(
          'facts',
          `「${label.zh}」阶段没有要记录的事实`,
          `the stage ${label.en} records no facts`,
          'unexpected',
        ),
      ],
    };
  }
  const parsed = StageFacts[to].safeParse(given);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['facts', ...issue.path] }));
    // One error a field: a negative amount breaks both "not negative" and "positive".
    const errors = fieldErrors(issues).filter((e, i, all) => all.findIndex((o) => o.path === e.path) === i);
    return { ok: false, errors };
  }
  const facts: Record<string, unknown> = parsed.data;
  const errors = [...dateErrors(facts, today), ...reasonErrors(facts)];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, facts };
}

function dateErrors(facts: Record<string, unknown>, today: string): FieldError[] {
  return Object.entries(facts).flatMap(([field, value]) => {
    if (typeof value !== 'string') return [];
    if (HAPPENED_ON.includes(field) && value > today)
      return [
        error(
          `facts.${field}`,
          `不能晚于今天（${today}）`,
          `must not be after today (${today})`,
          'future_date',
        ),
      ];
    if (COMING_ON.includes(field) && value <= today)
      return [
        error(`facts.${field}`, `须晚于今天（${today}）`, `must be after today (${today})`, 'past_date'),
      ];
    return [];
  });
}

/** A lead lost for another reason says which. */
function reasonErrors(facts: Record<string, unknown>): FieldError[] {
  if (facts.reason !== 'other' || facts.detail !== undefined) return [];
  return [error('facts.detail', '原因为「其他」时须说明', 'say what the other reason is', 'required')];
}
