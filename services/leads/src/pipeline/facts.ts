import { STAGE_LABELS, type Stage, StageFacts } from '@parkmatch/contracts';
import { type FieldError, fieldErrors } from '@parkmatch/service-kit';
import { shanghaiDate } from '../calendar.ts';
import type { Lead } from '../lead/lead.ts';
import { needsFacts } from './stages.ts';

// The facts a move records about the stage it enters (签约 investment, 注册 entity, …), checked
// against contracts' StageFacts and the calendar: what happened is not in the future and not
// before the lead was received, nor before the date of the stage it follows (registered on or
// after the signing, construction started on or after the registration, production on or after
// construction); a resume date is still to come. Pure: `today` is the caller's Shanghai
// calendar date, the floors come from the lead (factFloors).

/** Dates of things that happened: on or before today, on or after every floor. */
const HAPPENED_ON = ['signedOn', 'registeredOn', 'startedOn'];
/** Dates still to come: after today. */
const COMING_ON = ['resumeOn'];

/** The stages of the loop whose facts carry the date they happened, in order, with that field. */
const DATED_STAGES = [
  ['signed', 'signedOn'],
  ['registered', 'registeredOn'],
  ['construction', 'startedOn'],
  ['operating', 'startedOn'],
] as const satisfies readonly (readonly [Stage, string])[];

/** A calendar date a fact's date may not come before, why, and the error code when it does. */
export interface DateFloor {
  on: string;
  zh: string;
  en: string;
  code: 'before_received' | 'before_previous_stage';
}

/**
 * What the dates of a move into `to` may not come before: the day the lead was received (its
 * creation; for an admin's history import, the `at` it was received) and, for a stage after
 * 签约, the date the latest earlier stage of the loop recorded (a skipped stage has none: the
 * one before it counts).
 */
export function factFloors(to: Stage, lead: Pick<Lead, 'createdAt' | 'facts'>): DateFloor[] {
  const received = shanghaiDate(new Date(lead.createdAt));
  const floors: DateFloor[] = [
    {
      on: received,
      zh: `线索接收日期（${received}）`,
      en: `the day the lead was received (${received})`,
      code: 'before_received',
    },
  ];
  const at = DATED_STAGES.findIndex(([stage]) => stage === to);
  for (let i = at - 1; i >= 0; i--) {
    const [stage, field] = DATED_STAGES[i] as (typeof DATED_STAGES)[number];
    const on = lead.facts?.[stage]?.[field];
    if (typeof on !== 'string') continue;
    const label = STAGE_LABELS[stage];
    floors.push({
      on,
      zh: `「${label.zh}」阶段记录的日期（${on}）`,
      en: `the date recorded at ${label.en} (${on})`,
      code: 'before_previous_stage',
    });
    break;
  }
  return floors;
}

export type FactsCheck = { ok: true; facts: Record<string, unknown> } | { ok: false; errors: FieldError[] };

const error = (path: string, message: string, messageEn: string, code: string): FieldError => ({
  path,
  message,
  messageEn,
  code,
});

/**
 * Checks the facts given for entering `to` on `today`, their dates not before `floors`; on
 * success, the facts as they are stored.
 */
export function checkFacts(
  to: Stage,
  given: Record<string, unknown>,
  today: string,
  floors: readonly DateFloor[] = [],
): FactsCheck {
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
  const errors = [...dateErrors(facts, today, floors), ...reasonErrors(facts)];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, facts };
}

function dateErrors(
  facts: Record<string, unknown>,
  today: string,
  floors: readonly DateFloor[],
): FieldError[] {
  // The latest floor is the one that counts: report that one.
  const floor = [...floors].sort((a, b) => b.on.localeCompare(a.on))[0];
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
    if (HAPPENED_ON.includes(field) && floor && value < floor.on)
      return [error(`facts.${field}`, `不能早于${floor.zh}`, `must not be before ${floor.en}`, floor.code)];
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
