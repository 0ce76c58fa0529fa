import {
  createEvent,
  Events,
  type LeadHistoryEntry,
  type MoveRequest,
  parkName,
  STAGE_LABELS,
  type Stage,
} from '@parkmatch/contracts';
import {
  canWorkLead,
  type FieldError,
  HttpProblem,
  hasManagerRights,
  outboxEntry,
  type Principal,
} from '@parkmatch/service-kit';
import type { Update } from '@parkmatch/store';
import { shanghaiDate } from '../calendar.ts';
import { assertMayDate, leadBounds, stepTime } from '../history-import.ts';
import type { Lead } from '../lead/lead.ts';
import type { PipelineDeps } from './deps.ts';
import { checkFacts, factFloors } from './facts.ts';
import { changedMeanwhile, pipelineRevisionOf } from './problems.ts';
import { checkMove, type PipelinePosition, type Requirement } from './stages.ts';
import { visibleLead } from './visible-lead.ts';

// A move of a lead in the pipeline: by its owner park's team (or city-wide staff), legal by
// the stage machine, with what the move needs, made on the revision the caller read.

/** Moves the lead; 409 when it is stale, illegal or unclaimed, 400/403 when something is missing. */
export async function moveStage(
  deps: PipelineDeps,
  principal: Principal,
  leadId: string,
  request: MoveRequest,
): Promise<Lead> {
  assertMayDate(principal, request.at, 'at');
  const lead = await visibleLead(deps.leads, principal, leadId);
  const owner = lead.owner;
  if (!owner)
    throw new HttpProblem(409, {
      zh: '该线索尚未被认领：请先认领再推进',
      en: 'nobody owns this lead yet: claim it first',
    });
  if (!canWorkLead(principal, lead)) {
    const name = parkName(owner.parkId);
    throw new HttpProblem(403, {
      zh: `该线索由「${name.zh}」负责，只有其团队可以推进`,
      en: `${name.en} owns this lead; only its team may move it`,
    });
  }
  if (request.pipelineRevision !== pipelineRevisionOf(lead)) throw changedMeanwhile(lead);

  const { to } = request;
  const from: PipelinePosition = { stage: lead.stage, heldFrom: lead.heldFrom };
  const check = checkMove(from, to, {
    manager: hasManagerRights(principal),
    note: request.note !== undefined,
    facts: request.facts !== undefined,
  });
  // An admin importing history may say when the move happened: its facts' dates are then
  // checked against that day (a date that happened not after it, a resume date after it).
  const now = deps.now();
  const when = stepTime(principal, request.at, now, 'at', [
    ...leadBounds(lead),
    {
      at: lead.stageEnteredAt,
      zh: '线索进入当前阶段的时间',
      en: 'the time the lead entered its current stage',
    },
  ]);
  const today = shanghaiDate(when);
  if (!check.ok && check.problem === 'illegal') throw illegalMove(lead.stage, to, check.legal);
  if (!check.ok) throw missing(to, check.missing, today);
  let facts: Record<string, unknown> | undefined;
  if (request.facts !== undefined) {
    // Dates of what happened: not after the day of the move, not before the lead was received
    // nor before the date the stage it follows recorded (a 注册 not before its 签约).
    const checked = checkFacts(to, request.facts, today, factFloors(to, lead));
    if (!checked.ok)
      throw new HttpProblem(
        400,
        { zh: '阶段事实有误，见 errors', en: 'the stage facts are invalid; see errors' },
        { errors: checked.errors },
      );
    facts = checked.facts;
  }

  const at = when.toISOString();
  const by = principal.sub;
  const note = request.note;
  const said = { ...(note === undefined ? {} : { note }), ...(facts === undefined ? {} : { facts }) };
  const entry: LeadHistoryEntry = {
    kind: 'stage',
    at,
    by,
    parkId: owner.parkId,
    from: lead.stage,
    to,
    ...said,
  };
  const event = createEvent(Events.stageChanged, {
    key: leadId,
    source: 'leads',
    occurredAt: when,
    payload: {
      leadId,
      parkId: owner.parkId,
      from: lead.stage,
      to,
      ...said,
      enteredFromAt: lead.stageEnteredAt ?? lead.createdAt,
      by,
      at,
    },
  });
  const { heldFrom } = check.position;
  const update: Update = {
    $set: {
      stage: to,
      stageEnteredAt: at,
      updatedAt: now.toISOString(),
      ...(heldFrom ? { heldFrom } : {}),
      ...(facts ? { [`facts.${to}`]: facts } : {}),
    },
    ...(heldFrom ? {} : { $unset: { heldFrom: '' } }),
    $push: { history: entry },
  };
  const moved = await deps.leads.updatePipeline(leadId, request.pipelineRevision, update, [
    outboxEntry(Events.stageChanged, event),
  ]);
  if (!moved) throw changedMeanwhile((await deps.leads.get(leadId)) ?? lead);
  deps.onEventsWritten();
  return moved;
}

function illegalMove(from: Stage, to: Stage, legal: Stage[]): HttpProblem {
  const label = (stage: Stage) => STAGE_LABELS[stage];
  const list = (lang: 'zh' | 'en', none: string) =>
    legal.map((stage) => label(stage)[lang]).join(lang === 'zh' ? '、' : ', ') || none;
  return new HttpProblem(
    409,
    {
      zh: `不能从「${label(from).zh}」移至「${label(to).zh}」；可移至：${list('zh', '无')}`,
      en: `cannot move from ${label(from).en} to ${label(to).en}; legal: ${list('en', 'none')}`,
    },
    { extensions: { stage: from, legal } },
  );
}

const NEEDS_TEXT: Record<Requirement, { zh: string; en: string }> = {
  note: { zh: '说明理由', en: 'a note' },
  manager: { zh: '管理员操作', en: 'a manager' },
  facts: { zh: '阶段事实', en: 'the stage facts' },
};

/** What a legal move lacks: 403 when it needs a manager, else 400, each lack as a field error. */
function missing(to: Stage, needs: Requirement[], today: string): HttpProblem {
  const errors: FieldError[] = needs.flatMap((need): FieldError[] => {
    if (need === 'note')
      return [{ path: 'note', message: '须说明理由', messageEn: 'a note is required', code: 'required' }];
    if (need === 'facts') {
      const checked = checkFacts(to, {}, today);
      return checked.ok ? [] : checked.errors;
    }
    return [];
  });
  const label = STAGE_LABELS[to];
  const detail = {
    zh: `移至「${label.zh}」需要：${needs.map((n) => NEEDS_TEXT[n].zh).join('、')}`,
    en: `moving to ${label.en} needs ${needs.map((n) => NEEDS_TEXT[n].en).join(', ')}`,
  };
  return new HttpProblem(needs.includes('manager') ? 403 : 400, detail, errors.length > 0 ? { errors } : {});
}
