import type { EventOf, Events, Urgency } from '@parkmatch/contracts';
import { parkName } from '@parkmatch/contracts';
import type { LeadFacts } from '../lead-facts/facts.ts';
import { leadFactsAt } from '../notification/from-pipeline.ts';
import { type Audience, bankKey, type NotificationDoc } from '../notification/notification.ts';
import { joinLines, line, shanghaiTime } from '../notification/wording.ts';

// The financing notifications, worded (Chinese first): a need pushed to a bank, for the bank's
// officers; a bank's offer or decline, for the firm's liaison (or the park's team). The id is
// the event's: the same event twice is the same notification. Pure.

export type NeedPushed = EventOf<typeof Events.financeNeedPushed>;
export type NeedAnswered = EventOf<typeof Events.financeNeedAnswered>;

const URGENCY: Record<Urgency, { zh: string; en: string }> = {
  normal: { zh: '一般', en: 'normal' },
  urgent: { zh: '较急', en: 'urgent' },
  emergency: { zh: '紧急', en: 'emergency' },
};

/** `500 万元` from 10,000 CNY up, else `8,000 元`; the English in CNY. */
export function amount(cny: number): { zh: string; en: string } {
  const en = `${cny.toLocaleString('en-US')} CNY`;
  if (cny >= 10_000)
    return { zh: `${(cny / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`, en };
  return { zh: `${cny.toLocaleString('zh-CN')} 元`, en };
}

/** For the bank's officers (its inbox, and their own channels): a firm's need pushed to one of its products. */
export function fromNeedPushed(event: NeedPushed, now: Date): NotificationDoc {
  const p = event.payload;
  const key = bankKey(p.bankId);
  const money = amount(p.amountCny);
  const urgency = URGENCY[p.urgency];
  const audience: Audience = { to: 'accounts', usernames: [...p.officers] };
  const park = p.parkId ? parkName(p.parkId) : undefined;
  return {
    _id: `ev_${event.id}`,
    kind: 'finance-pushed',
    parkId: key,
    leadId: p.leadId,
    tier: null,
    audience,
    subject: {
      zh: `融资需求推送：${p.firmName}（${p.productName}）`,
      en: `Financing need pushed to you: ${p.firmName} (${p.productName})`,
    },
    lines: joinLines(
      line(
        `需求金额 ${money.zh}，期限 ${p.termMonths} 个月，紧急程度：${urgency.zh}`,
        `${money.en} over ${p.termMonths} months, ${urgency.en}`,
      ),
      line(`产品匹配得分 ${Math.round(p.score)}`, `Product match score ${Math.round(p.score)}`),
      park ? line(`所在园区：${park.zh}`, `Park: ${park.en}`) : { zh: [], en: [] },
      line(
        `推送人 ${p.by}，时间 ${shanghaiTime(p.at)}；请审核后答复（授信或说明原因）`,
        `Pushed by ${p.by} at ${shanghaiTime(p.at)} (Beijing time); please answer with an offer or a reason`,
      ),
    ),
    facts: {
      parkId: key,
      leadId: p.leadId,
      tier: null,
      score: null,
      firmName: p.firmName,
      projectTitle: p.productName,
      reasons: { zh: [], en: [] },
      audience: { usernames: [...p.officers] },
    },
    occurredAt: event.occurredAt,
    createdAt: now.toISOString(),
  };
}

/**
 * For the park owning the firm's lead: a bank's offer or decline, addressed to the firm's liaison
 * (the team when none is named). Null for `reviewing` (nothing to act on) and when no park owns
 * the lead (no team to tell).
 */
export function fromNeedAnswered(
  event: NeedAnswered,
  ctx: { lead: LeadFacts; now: Date },
): NotificationDoc | null {
  const p = event.payload;
  if (p.status === 'reviewing') return null;
  const parkId = p.parkId ?? ctx.lead.owner?.parkId;
  if (!parkId) return null;
  const liaison = p.liaison ?? ctx.lead.liaison?.username;
  const audience: Audience = liaison ? { to: 'accounts', usernames: [liaison] } : { to: 'team' };
  const firm = p.firmName;
  const bank = `${p.bankId}（${p.productId}）`;
  const offer = p.status === 'offered' ? p.offer : undefined;
  const when = line(
    `答复人 ${p.by}，时间 ${shanghaiTime(p.at)}`,
    `Answered by ${p.by} at ${shanghaiTime(p.at)} (Beijing time)`,
  );
  const rate = offer?.ratePct === undefined ? undefined : offer.ratePct;
  const lines = offer
    ? joinLines(
        line(
          `${bank} 授信 ${amount(offer.amountCny).zh}，期限 ${offer.termMonths} 个月` +
            (rate === undefined ? '' : `，年利率 ${rate}%`),
          `${p.bankId} (${p.productId}) offers ${amount(offer.amountCny).en} over ${offer.termMonths} months` +
            (rate === undefined ? '' : ` at ${rate}% a year`),
        ),
        when,
      )
    : joinLines(
        line(`${bank} 未予授信`, `${p.bankId} (${p.productId}) declined`),
        line(`原因：${p.reason ?? '未说明'}`, `Reason: ${p.reason ?? 'none given'}`),
        when,
      );
  return {
    _id: `ev_${event.id}`,
    kind: 'finance-answered',
    parkId,
    leadId: p.leadId,
    tier: ctx.lead.parks[parkId]?.tier ?? null,
    audience,
    subject: offer
      ? { zh: `银行已授信：${firm}`, en: `Bank offer for ${firm}` }
      : { zh: `银行未予授信：${firm}`, en: `Bank declined ${firm}` },
    lines,
    facts: { ...leadFactsAt(ctx.lead, parkId, audience), firmName: firm },
    occurredAt: event.occurredAt,
    createdAt: ctx.now.toISOString(),
  };
}
