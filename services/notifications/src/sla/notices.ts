import { parkName } from '@parkmatch/contracts';
import type { LeadFacts } from '../lead-facts/facts.ts';
import { leadFactsAt } from '../notification/from-pipeline.ts';
import type { Audience, NotificationDoc } from '../notification/notification.ts';
import { joinLines, line, shanghaiTime } from '../notification/wording.ts';
import { type ClockDoc, type Step, stepKind } from './clock.ts';

// What a clock says at each step: a reminder and an overdue notice to the lead's liaison (the
// park's team while it has none), an escalation to the park's managers. One notification
// per clock and step. Pure.

const LABELS = {
  'first-contact': { zh: '首次接洽', en: 'First contact' },
  'site-visit': { zh: '实地考察', en: 'Site visit' },
  appeal: { zh: '诉求办结', en: 'Appeal answer' },
} as const;

export const noticeId = (clockId: string, step: Step) => `sla_${clockId}_${step}`;

export function clockNotice(clock: ClockDoc, step: Step, lead: LeadFacts, now: Date): NotificationDoc {
  const label = LABELS[clock.kind];
  const firm = lead.firmName;
  const audience: Audience =
    step === 'escalate'
      ? { to: 'managers' }
      : clock.liaison
        ? { to: 'accounts', usernames: [clock.liaison] }
        : { to: 'team' };
  const subjects = {
    remind: { zh: `${label.zh}今日到期：${firm}`, en: `${label.en} due today: ${firm}` },
    overdue: { zh: `${label.zh}已逾期：${firm}`, en: `${label.en} overdue: ${firm}` },
    escalate: {
      zh: `逾期提请关注｜${label.zh}：${firm}`,
      en: `Escalated, overdue ${label.en.toLowerCase()}: ${firm}`,
    },
  };
  const allowance =
    clock.kind === 'appeal'
      ? line(`办结期限：${clock.dueOn}`, `Due on ${clock.dueOn}`)
      : line(
          `期限：${clock.dueOn}（${clock.days}个工作日）`,
          `Due on ${clock.dueOn} (${clock.days} working days)`,
        );
  const park = parkName(clock.parkId);
  const at = step === 'remind' ? clock.remindAt : step === 'overdue' ? clock.dueAt : clock.escalateAt;
  return {
    _id: noticeId(clock._id, step),
    kind: stepKind(clock.kind, step),
    parkId: clock.parkId,
    leadId: clock.leadId,
    tier: null,
    audience,
    subject: subjects[step],
    lines: joinLines(
      allowance,
      line(
        `计时自 ${shanghaiTime(clock.startedAt ?? at)}（北京时间）`,
        `Counting from ${shanghaiTime(clock.startedAt ?? at)} (Beijing time)`,
      ),
      line(`园区：${park.zh}`, `Park: ${park.en}`),
      line(`联络员：${clock.liaison ?? '未指定'}`, `Liaison: ${clock.liaison ?? 'none named'}`),
    ),
    facts: leadFactsAt(lead, clock.parkId, audience),
    occurredAt: at,
    createdAt: now.toISOString(),
  };
}
