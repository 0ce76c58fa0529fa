import type { NotificationKind, SlaClockKind, SlaClockView, Tier } from '@parkmatch/contracts';
import type { WorkingCalendar } from './calendar.ts';
import { dateOf, endOf, instantOf } from './dates.ts';

// An SLA clock, derived from stored facts: when it started (a claim, a first contact, an
// appeal), its deadline in working days, when it stopped (the stage moved, the appeal was
// closed). Nothing lives in memory: a sweep reads the clocks whose next step is due. Pure.

export interface ClockDoc {
  _id: string;
  kind: SlaClockKind;
  parkId: string;
  leadId: string;
  appealId: string | null;
  liaison: string | null;
  /** The lead's tier at the park when the clock started (the policy's allowance depends on it). */
  tier: Tier | null;
  /** Null while only the stop is known (events of different topics come in any order). */
  startedAt: string | null;
  /** The deadline's date (Shanghai) and the working days allowed (0 for an appeal's own date). */
  dueOn: string;
  days: number;
  remindAt: string;
  dueAt: string;
  escalateAt: string;
  stoppedAt: string | null;
  status: 'running' | 'stopped';
  remindedAt: string | null;
  overdueAt: string | null;
  escalatedAt: string | null;
  /** When the sweep must look at it next; null once stopped or every step is done. */
  nextAt: string | null;
}

export type Step = 'remind' | 'overdue' | 'escalate';

/** The reminder goes out at 09:00 on the deadline's working day. */
const REMIND_AT = '09:00';

export interface Deadlines {
  dueOn: string;
  remindAt: string;
  dueAt: string;
  escalateAt: string;
}

/** A deadline `days` working days after the start day (the start day does not count), and the steps around it. */
export function workingDayDeadlines(
  startedAt: Date,
  days: number,
  escalateAfterDays: number,
  calendar: WorkingCalendar,
): Deadlines {
  const dueOn = calendar.addWorkdays(dateOf(startedAt), days);
  return stepsAround(dueOn, startedAt, escalateAfterDays, calendar);
}

/** A deadline on a given date (an appeal's due date): the reminder on its last working day. */
export function dateDeadlines(
  dueOn: string,
  startedAt: Date,
  escalateAfterDays: number,
  calendar: WorkingCalendar,
): Deadlines {
  return stepsAround(dueOn, startedAt, escalateAfterDays, calendar);
}

function stepsAround(
  dueOn: string,
  startedAt: Date,
  escalateAfterDays: number,
  calendar: WorkingCalendar,
): Deadlines {
  const remind = instantOf(calendar.workdayOnOrBefore(dueOn), REMIND_AT);
  const escalateOn = calendar.addWorkdays(dueOn, escalateAfterDays);
  return {
    dueOn,
    remindAt: new Date(Math.max(remind.getTime(), startedAt.getTime())).toISOString(),
    dueAt: endOf(dueOn).toISOString(),
    escalateAt: endOf(escalateOn).toISOString(),
  };
}

/** The next step's time, or null when none is left (or the clock stopped). */
export function nextAt(
  clock: Pick<
    ClockDoc,
    'status' | 'startedAt' | 'remindAt' | 'dueAt' | 'escalateAt' | 'remindedAt' | 'overdueAt' | 'escalatedAt'
  >,
): string | null {
  if (clock.status !== 'running' || !clock.startedAt) return null;
  if (!clock.remindedAt && !clock.overdueAt) return clock.remindAt;
  if (!clock.overdueAt) return clock.dueAt;
  if (!clock.escalatedAt) return clock.escalateAt;
  return null;
}

/**
 * The steps to announce now. A reminder whose deadline has already passed is dropped (the
 * overdue notice says more); the escalation goes to other people, so it is never dropped.
 */
export function dueSteps(clock: ClockDoc, now: Date): Step[] {
  if (clock.status !== 'running' || !clock.startedAt) return [];
  const t = now.toISOString();
  const steps: Step[] = [];
  const overdue = !clock.overdueAt && clock.dueAt <= t;
  if (!clock.remindedAt && !clock.overdueAt && !overdue && clock.remindAt <= t) steps.push('remind');
  if (overdue) steps.push('overdue');
  if (!clock.escalatedAt && clock.escalateAt <= t) steps.push('escalate');
  return steps;
}

export function stepKind(kind: SlaClockKind, step: Step): NotificationKind {
  if (step === 'remind') return kind === 'appeal' ? 'appeal-due' : 'sla-due';
  return step === 'overdue' ? 'sla-overdue' : 'sla-escalated';
}

export function clockView(c: ClockDoc): SlaClockView {
  return {
    id: c._id,
    kind: c.kind,
    parkId: c.parkId,
    leadId: c.leadId,
    appealId: c.appealId,
    liaison: c.liaison,
    startedAt: c.startedAt ?? '',
    remindAt: c.remindAt,
    dueAt: c.dueAt,
    escalateAt: c.escalateAt,
    stoppedAt: c.stoppedAt,
    status: c.status,
    remindedAt: c.remindedAt,
    overdueAt: c.overdueAt,
    escalatedAt: c.escalatedAt,
  };
}
