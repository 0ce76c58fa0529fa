import type { Tier } from '@parkmatch/contracts';
import type { NotificationDoc } from '../notification/notification.ts';
import { joinLines, line } from '../notification/wording.ts';
import type { ClockDoc } from '../sla/clock.ts';

// The daily digest of one subscriber: yesterday's new leads by tier and stage moves, what is
// overdue, which appeals are due — one message, Chinese first. Pure.

export interface DigestFacts {
  /** The day it is sent (Shanghai), `YYYY-MM-DD`; "yesterday" is the day before. */
  date: string;
  newLeads: NotificationDoc[];
  stageMoves: NotificationDoc[];
  overdue: ClockDoc[];
  appealsDue: ClockDoc[];
  firmOf: (leadId: string) => string;
}

export const digestId = (subscriberId: string, date: string) => `dg_${subscriberId}_${date}`;

const LIST = 5;

export function digestContent(f: DigestFacts): Pick<NotificationDoc, 'subject' | 'lines'> | null {
  if (f.newLeads.length + f.stageMoves.length + f.overdue.length + f.appealsDue.length === 0) return null;
  const byTier = (tier: Tier) => f.newLeads.filter((n) => n.tier === tier).length;
  const [a, b, c] = [byTier('A'), byTier('B'), byTier('C')];
  const more = (count: number) =>
    count > LIST ? line(`……另有 ${count - LIST} 项`, `…and ${count - LIST} more`) : line('', '');
  const list = <T>(items: T[], zh: (t: T) => string, en: (t: T) => string) =>
    joinLines(...items.slice(0, LIST).map((t) => line(`· ${zh(t)}`, `· ${en(t)}`)), more(items.length));
  // The last bracket of the subject (a firm's name may hold brackets of its own: 某某（厦门）有限公司).
  const stage = (n: NotificationDoc) => /（([^（）]+)）$/.exec(n.subject.zh)?.[1] ?? '';
  const stageEn = (n: NotificationDoc) => /\(([^()]+)\)$/.exec(n.subject.en)?.[1] ?? '';
  const lines = joinLines(
    line(`【昨日新线索】A级 ${a}，B级 ${b}，C级 ${c}`, `New leads yesterday: A ${a}, B ${b}, C ${c}`),
    list(
      f.newLeads.filter((n) => n.tier === 'A'),
      (n) => `A级：${f.firmOf(n.leadId ?? '')}`,
      (n) => `Tier A: ${f.firmOf(n.leadId ?? '')}`,
    ),
    line(`【逾期事项】${f.overdue.length} 项`, `Overdue: ${f.overdue.length}`),
    list(
      f.overdue,
      (k) => `${f.firmOf(k.leadId)}（期限 ${k.dueOn}，联络员 ${k.liaison ?? '未指定'}）`,
      (k) => `${f.firmOf(k.leadId)} (due ${k.dueOn}, liaison ${k.liaison ?? 'none'})`,
    ),
    line(`【昨日阶段变更】${f.stageMoves.length} 项`, `Stage moves yesterday: ${f.stageMoves.length}`),
    list(
      f.stageMoves,
      (n) => `${f.firmOf(n.leadId ?? '')}：${stage(n)}`,
      (n) => `${f.firmOf(n.leadId ?? '')}: ${stageEn(n)}`,
    ),
    line(`【到期诉求】${f.appealsDue.length} 项`, `Appeals due: ${f.appealsDue.length}`),
    list(
      f.appealsDue,
      (k) => `${f.firmOf(k.leadId)}（${k.dueOn}）`,
      (k) => `${f.firmOf(k.leadId)} (${k.dueOn})`,
    ),
  );
  const clean = { zh: lines.zh.filter(Boolean), en: lines.en.filter(Boolean) };
  return {
    subject: {
      zh: `招商日报 ${f.date}：新线索 A${a}/B${b}/C${c}，逾期 ${f.overdue.length} 项`,
      en: `Daily digest ${f.date}: new leads A${a}/B${b}/C${c}, ${f.overdue.length} overdue`,
    },
    lines: clean,
  };
}
