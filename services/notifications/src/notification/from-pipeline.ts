import {
  APPEAL_CATEGORY_LABELS,
  type EventOf,
  type Events,
  parkName,
  STAGE_LABELS,
} from '@parkmatch/contracts';
import type { MessageFacts } from '../channels/port.ts';
import type { LeadFacts } from '../lead-facts/facts.ts';
import { type Audience, inboxAudience, type NotificationDoc } from './notification.ts';
import { joinLines, line, shanghaiDate, shanghaiTime } from './wording.ts';

// The closed loop, announced to the owning park's team: a claim (or a transfer in), a stage
// move, an appeal opened or closed. The id is the event's: the same event twice is the same
// notification. Pure.

type Of<K extends keyof typeof Events> = EventOf<(typeof Events)[K]>;

interface Context {
  lead: LeadFacts;
  now: Date;
}

/** The lead as the inbox shows it: its firm and its latest rating at the park. */
export function leadFactsAt(lead: LeadFacts, parkId: string, audience: Audience): MessageFacts {
  const rating = lead.parks[parkId];
  return {
    parkId,
    leadId: lead._id,
    tier: rating?.tier ?? null,
    score: rating?.score ?? null,
    firmName: lead.firmName,
    projectTitle: lead.projectTitle,
    reasons: rating?.reasons ?? { zh: [], en: [] },
    audience: inboxAudience(audience),
  };
}

function base(
  event: { id: string; occurredAt: string },
  parkId: string,
  { lead, now }: Context,
  audience: Audience = { to: 'team' },
) {
  return {
    _id: `ev_${event.id}`,
    parkId,
    leadId: lead._id,
    tier: lead.parks[parkId]?.tier ?? null,
    audience,
    facts: leadFactsAt(lead, parkId, audience),
    occurredAt: event.occurredAt,
    createdAt: now.toISOString(),
  };
}

export function fromLeadClaimed(event: Of<'leadClaimed'>, ctx: Context): NotificationDoc {
  const p = event.payload;
  const park = parkName(p.parkId);
  return {
    ...base(event, p.parkId, ctx),
    kind: 'lead-claimed',
    subject: { zh: `线索已认领：${ctx.lead.firmName}`, en: `Lead claimed: ${ctx.lead.firmName}` },
    lines: joinLines(
      line(`${park.zh}认领（首报首谈），认领人 ${p.by}`, `Claimed for ${park.en} by ${p.by}`),
      line(`时间：${shanghaiTime(p.at)}`, `At ${shanghaiTime(p.at)} (Beijing time)`),
    ),
  };
}

export function fromLeadTransferred(event: Of<'leadTransferred'>, ctx: Context): NotificationDoc {
  const p = event.payload;
  const from = parkName(p.fromParkId);
  return {
    ...base(event, p.toParkId, ctx),
    kind: 'lead-transferred',
    subject: {
      zh: `线索划转至本园区：${ctx.lead.firmName}`,
      en: `Lead transferred to your park: ${ctx.lead.firmName}`,
    },
    lines: joinLines(
      line(`自${from.zh}划转，操作人 ${p.by}`, `From ${from.en}, by ${p.by}`),
      line(`原因：${p.reason}`, `Reason: ${p.reason}`),
    ),
  };
}

export function fromStageChanged(event: Of<'stageChanged'>, ctx: Context): NotificationDoc {
  const p = event.payload;
  const from = STAGE_LABELS[p.from];
  const to = STAGE_LABELS[p.to];
  return {
    ...base(event, p.parkId, ctx),
    kind: 'stage-changed',
    subject: {
      zh: `阶段变更：${ctx.lead.firmName}（${from.zh} → ${to.zh}）`,
      en: `Stage moved: ${ctx.lead.firmName} (${from.en} → ${to.en})`,
    },
    lines: joinLines(
      line(`${from.zh} → ${to.zh}，操作人 ${p.by}`, `${from.en} → ${to.en}, by ${p.by}`),
      p.note ? line(`说明：${p.note}`, `Note: ${p.note}`) : { zh: [], en: [] },
    ),
  };
}

export function fromAppealOpened(event: Of<'appealOpened'>, ctx: Context): NotificationDoc {
  const p = event.payload;
  const category = APPEAL_CATEGORY_LABELS[p.category];
  return {
    ...base(event, p.parkId, ctx),
    kind: 'appeal-opened',
    subject: {
      zh: `新诉求（${category.zh}）：${ctx.lead.firmName}`,
      en: `New appeal (${category.en}): ${ctx.lead.firmName}`,
    },
    lines: joinLines(
      line(`办结期限：${p.dueOn}`, `Due on ${p.dueOn}`),
      line(`登记人 ${p.by}`, `Opened by ${p.by}`),
    ),
  };
}

export function fromAppealClosed(event: Of<'appealClosed'>, ctx: Context): NotificationDoc {
  const p = event.payload;
  const category = APPEAL_CATEGORY_LABELS[p.category];
  const resolved = p.outcome === 'resolved';
  const late = shanghaiDate(p.at) > p.dueOn;
  return {
    ...base(event, p.parkId, ctx),
    kind: 'appeal-resolved',
    subject: resolved
      ? {
          zh: `诉求已办结（${category.zh}）：${ctx.lead.firmName}`,
          en: `Appeal resolved (${category.en}): ${ctx.lead.firmName}`,
        }
      : {
          zh: `诉求未予解决（${category.zh}）：${ctx.lead.firmName}`,
          en: `Appeal rejected (${category.en}): ${ctx.lead.firmName}`,
        },
    lines: joinLines(
      line(
        `办结人 ${p.by}，期限 ${p.dueOn}${late ? '（已超期）' : ''}`,
        `Closed by ${p.by}; due ${p.dueOn}${late ? ' (late)' : ''}`,
      ),
    ),
  };
}
