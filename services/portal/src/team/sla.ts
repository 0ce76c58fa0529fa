import type { Appeal, Bilingual, SlaClockView } from '@parkmatch/contracts';
import { formatDate, formatDeadline } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { type Html, html } from '../layout/html.ts';
import { SLA_KIND_LABELS, WORK_TEXT as T } from './work-text.ts';

// Due and overdue badges: from the SLA clocks of the notifications service (first contact,
// site visit, appeals, on Chinese working days) and from an appeal's own due date.

export type SlaState = 'overdue' | 'due' | 'running' | 'closed';

/** Days before its due date an appeal counts as due soon. */
const APPEAL_DUE_SOON_DAYS = 2;

/** A clock: overdue past its deadline, due once its reminder time has come. */
export function clockState(clock: SlaClockView, nowMs: number): SlaState {
  if (clock.status === 'stopped') return 'closed';
  if (clock.overdueAt !== null || Date.parse(clock.dueAt) <= nowMs) return 'overdue';
  if (clock.remindedAt !== null || Date.parse(clock.remindAt) <= nowMs) return 'due';
  return 'running';
}

/** An appeal: closed once resolved or rejected; overdue as the service says; due in the last days. */
export function appealState(appeal: Pick<Appeal, 'status' | 'overdue' | 'dueOn'>, today: string): SlaState {
  if (appeal.status === 'resolved' || appeal.status === 'rejected') return 'closed';
  if (appeal.overdue || appeal.dueOn < today) return 'overdue';
  const left = (Date.parse(`${appeal.dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return left <= APPEAL_DUE_SOON_DAYS ? 'due' : 'running';
}

const STATE_LABELS: Record<SlaState, Bilingual> = {
  overdue: T.overdue,
  due: T.dueSoon,
  running: T.dueBy,
  closed: T.closed,
};

/** A badge: what is due (optional), its state in words (never colour alone) and when. */
export function slaBadge(state: SlaState, when: string, lang: Lang, what?: Bilingual): Html {
  return html`<span class="sla sla-${state}">${what ? html`${pick(what, lang)} · ` : ''}<strong>${pick(STATE_LABELS[state], lang)}</strong> ${when}</span>`;
}

export function clockBadge(clock: SlaClockView, nowMs: number, lang: Lang): Html {
  return slaBadge(
    clockState(clock, nowMs),
    formatDeadline(clock.dueAt, lang),
    lang,
    SLA_KIND_LABELS[clock.kind],
  );
}

export function appealBadge(
  appeal: Pick<Appeal, 'status' | 'overdue' | 'dueOn'>,
  today: string,
  lang: Lang,
): Html {
  return slaBadge(appealState(appeal, today), formatDate(appeal.dueOn, lang), lang);
}

/** The clocks still running for each lead, soonest deadline first. */
export function clocksByLead(clocks: readonly SlaClockView[]): Map<string, SlaClockView[]> {
  const byLead = new Map<string, SlaClockView[]>();
  for (const clock of clocks) {
    if (clock.status !== 'running') continue;
    byLead.set(clock.leadId, [...(byLead.get(clock.leadId) ?? []), clock]);
  }
  for (const list of byLead.values()) list.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return byLead;
}
