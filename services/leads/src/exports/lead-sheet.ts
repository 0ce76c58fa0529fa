import { PARKS, type ProjectType, parkName, STAGE_LABELS } from '@parkmatch/contracts';
import { type Principal, parkScope } from '@parkmatch/service-kit';
import { calendarDaysBetween } from '../calendar.ts';
import { seesWholeLead } from '../lead/claimed-elsewhere.ts';
import type { LeadRepository, LeadSummary } from '../lead/repository.ts';
import { type Column, type SheetSource, sheetOf } from './sheet.ts';

// The lead list as a sheet: the leads the caller may see, one row each, with Chinese
// headers. Never the contact person: an export leaves the system in a file (PIPL), and the
// team reads contacts on the lead itself. A park's team gets its own park's rating; city-wide
// staff get every park's tier. A lead another park owns (首报首谈) keeps its business columns
// and its owner park, but its liaison and the facts of the owner's deal (协议投资额, 落地企业,
// the dates) are left empty (lead/claimed-elsewhere.ts): competing parks do not see each
// other's deals.

const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  production: '生产基地',
  'rnd-center': '研发中心',
  headquarters: '总部',
  platform: '公共平台',
  service: '服务机构',
};

const parkNameOf = (parkId: string): string => parkName(parkId).zh;

/** The facts of a lead's deal (by stage) the caller may see; none of a lead another park owns. */
type DealFacts = LeadSummary['facts'] | undefined;

/** A stage's recorded fact, when it is of the type asked for. */
function fact(facts: DealFacts, stage: string, key: string, type: 'number'): number | undefined;
function fact(facts: DealFacts, stage: string, key: string, type: 'string'): string | undefined;
function fact(facts: DealFacts, stage: string, key: string, type: 'number' | 'string') {
  const value = facts?.[stage]?.[key];
  return typeof value === type ? value : undefined;
}

function ratingColumns(principal: Principal): Column<LeadSummary>[] {
  const scope = parkScope(principal);
  if (scope === 'all') {
    return PARKS.map((park) => ({
      header: `${park.name.zh}评级`,
      kind: 'text' as const,
      width: 14,
      value: (lead: LeadSummary) => lead.parks[park.id]?.tier,
    }));
  }
  // A park's team (one park in practice; each park of its scope otherwise).
  return scope.flatMap((parkId) => {
    const own = scope.length === 1 ? '本园' : parkNameOf(parkId);
    return [
      {
        header: `${own}评级`,
        kind: 'text' as const,
        width: 10,
        value: (lead: LeadSummary) => lead.parks[parkId]?.tier,
      },
      {
        header: `${own}匹配分`,
        kind: 'integer' as const,
        width: 10,
        value: (lead: LeadSummary) => lead.parks[parkId]?.score,
      },
    ];
  });
}

/** The columns of the lead sheet for this caller, at `now` (days in stage). */
export function leadColumns(principal: Principal, now: Date): Column<LeadSummary>[] {
  const deal = (l: LeadSummary): DealFacts => (seesWholeLead(principal, l) ? l.facts : undefined);
  return [
    { header: '企业名称', kind: 'text', width: 36, value: (l) => l.profile.firm.name },
    { header: '统一社会信用代码', kind: 'text', width: 22, value: (l) => l.profile.firm.creditCode },
    {
      header: '所在地',
      kind: 'text',
      width: 14,
      value: (l) => `${l.profile.firm.province} ${l.profile.firm.city}`,
    },
    { header: '项目', kind: 'text', width: 32, value: (l) => l.profile.project.title },
    {
      header: '项目类型',
      kind: 'text',
      width: 10,
      value: (l) => PROJECT_TYPE_LABELS[l.profile.project.type],
    },
    { header: '阶段', kind: 'text', width: 10, value: (l) => STAGE_LABELS[l.stage].zh },
    {
      header: '搁置/流失前阶段',
      kind: 'text',
      width: 14,
      value: (l) => (l.heldFrom ? STAGE_LABELS[l.heldFrom].zh : undefined),
    },
    { header: '进入阶段日期', kind: 'date', width: 13, value: (l) => l.stageEnteredAt ?? l.createdAt },
    {
      header: '本阶段天数',
      kind: 'integer',
      width: 11,
      value: (l) => calendarDaysBetween(new Date(l.stageEnteredAt ?? l.createdAt), now),
    },
    {
      header: '归属园区',
      kind: 'text',
      width: 26,
      value: (l) => (l.owner ? parkNameOf(l.owner.parkId) : undefined),
    },
    {
      header: '联络员',
      kind: 'text',
      width: 14,
      value: (l) => (seesWholeLead(principal, l) ? l.liaison?.username : undefined),
    },
    ...ratingColumns(principal),
    {
      header: '计划投资额(元)',
      kind: 'money',
      width: 18,
      value: (l) => l.profile.project.plannedInvestmentCny,
    },
    {
      header: '协议投资额(元)',
      kind: 'money',
      width: 18,
      value: (l) => fact(deal(l), 'signed', 'agreedInvestmentCny', 'number'),
    },
    {
      header: '签约日期',
      kind: 'date',
      width: 13,
      value: (l) => fact(deal(l), 'signed', 'signedOn', 'string'),
    },
    {
      header: '落地企业',
      kind: 'text',
      width: 30,
      value: (l) => fact(deal(l), 'registered', 'entityName', 'string'),
    },
    {
      header: '注册资本(元)',
      kind: 'money',
      width: 18,
      value: (l) => fact(deal(l), 'registered', 'registeredCapitalCny', 'number'),
    },
    {
      header: '注册日期',
      kind: 'date',
      width: 13,
      value: (l) => fact(deal(l), 'registered', 'registeredOn', 'string'),
    },
    {
      header: '开工日期',
      kind: 'date',
      width: 13,
      value: (l) => fact(deal(l), 'construction', 'startedOn', 'string'),
    },
    {
      header: '投产日期',
      kind: 'date',
      width: 13,
      value: (l) => fact(deal(l), 'operating', 'startedOn', 'string'),
    },
    {
      header: '预计年产值(元)',
      kind: 'money',
      width: 18,
      // The latest word: at 投产, at 开工, else what the firm said in its profile (all a park
      // sees of a lead another park owns).
      value: (l) =>
        fact(deal(l), 'operating', 'expectedAnnualOutputCny', 'number') ??
        fact(deal(l), 'construction', 'expectedAnnualOutputCny', 'number') ??
        l.profile.project.expectedAnnualOutputCny,
    },
    { header: '提交日期', kind: 'date', width: 13, value: (l) => l.createdAt },
    { header: '最后更新', kind: 'datetime', width: 17, value: (l) => l.updatedAt },
    { header: '线索编号', kind: 'text', width: 38, value: (l) => l._id },
  ];
}

/** The lead list sheet of what `principal` may see. */
export function leadSheet(leads: LeadRepository, principal: Principal, now: Date): SheetSource {
  return sheetOf('线索清单', leadColumns(principal, now), leads.visiblePages(principal));
}
