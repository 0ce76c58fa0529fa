import { APPEAL_CATEGORY_LABELS, APPEAL_STATUS_LABELS, parkName, STAGE_LABELS } from '@parkmatch/contracts';
import { canWorkLead, type Principal } from '@parkmatch/service-kit';
import { shanghaiDate } from '../calendar.ts';
import type { LeadRepository, LeadSummary } from '../lead/repository.ts';
import { type AppealDoc, isOverdue } from '../ledgers/appeals/appeal.ts';
import type { FiguresDoc } from '../ledgers/figures/figures.ts';
import type { LedgerRepositories } from '../ledgers/repositories.ts';
import type { VisitDoc } from '../ledgers/visits/visit.ts';
import { type Column, type SheetSource, sheetOf } from './sheet.ts';

// The two ledgers (两本台账) as sheets, read through the ledgers' own repositories with the
// caller's scope: the 一企一策 ledger of every lead the caller's park owns (city-wide staff:
// every owned lead) as three sheets (the firms with liaison and expectations, visits and
// talks, appeals), and the 重点培育 ledger's monthly figures. Rows go firm by firm, oldest
// first within a firm, as a ledger is read.

const parkNameOf = (parkId: string): string => parkName(parkId).zh;

/** A ledger row with the firm it belongs to. */
interface OfFirm<T> {
  firm: LeadSummary | undefined;
  entry: T;
}

/** The firm columns every ledger sheet starts with. */
function firmColumns<T extends { parkId: string; leadId: string }>(): Column<OfFirm<T>>[] {
  return [
    {
      header: '企业名称',
      kind: 'text',
      width: 36,
      value: (r) => r.firm?.profile.firm.name ?? r.entry.leadId,
    },
    { header: '统一社会信用代码', kind: 'text', width: 22, value: (r) => r.firm?.profile.firm.creditCode },
    { header: '归属园区', kind: 'text', width: 26, value: (r) => parkNameOf(r.entry.parkId) },
  ];
}

/** Every lead the caller may keep the ledger of (its park owns it, or the caller is city-wide), once. */
function ownedLeads(leads: LeadRepository, principal: Principal): () => Promise<LeadSummary[]> {
  let owned: Promise<LeadSummary[]> | undefined;
  return () => {
    owned ??= (async () => {
      const all: LeadSummary[] = [];
      for await (const page of leads.visiblePages(principal))
        all.push(...page.filter((lead) => canWorkLead(principal, lead)));
      return all.sort(
        (a, b) =>
          (a.owner?.parkId ?? '').localeCompare(b.owner?.parkId ?? '') ||
          a.profile.firm.name.localeCompare(b.profile.firm.name, 'zh') ||
          a._id.localeCompare(b._id),
      );
    })();
    return owned;
  };
}

/** Rows of each owned lead's entries, firm by firm (a page per firm). */
async function* perFirm<T>(
  firms: () => Promise<LeadSummary[]>,
  entriesOf: (lead: LeadSummary) => Promise<T[]>,
): AsyncGenerator<OfFirm<T>[]> {
  for (const firm of await firms()) {
    const entries = await entriesOf(firm);
    if (entries.length > 0) yield entries.map((entry) => ({ firm, entry }));
  }
}

/** The ledger workbook's sheets for this caller, at `now` (what is overdue). */
export function ledgerSheets(
  leads: LeadRepository,
  ledgers: LedgerRepositories,
  principal: Principal,
  now: Date,
): SheetSource[] {
  const owned = ownedLeads(leads, principal);
  const today = shanghaiDate(now);

  const firms: Column<LeadSummary>[] = [
    { header: '企业名称', kind: 'text', width: 36, value: (l) => l.profile.firm.name },
    { header: '统一社会信用代码', kind: 'text', width: 22, value: (l) => l.profile.firm.creditCode },
    {
      header: '归属园区',
      kind: 'text',
      width: 26,
      value: (l) => (l.owner ? parkNameOf(l.owner.parkId) : undefined),
    },
    { header: '阶段', kind: 'text', width: 10, value: (l) => STAGE_LABELS[l.stage].zh },
    { header: '进入阶段日期', kind: 'date', width: 13, value: (l) => l.stageEnteredAt },
    { header: '联络员', kind: 'text', width: 14, value: (l) => l.liaison?.username },
    {
      header: '预计年产值(元)',
      kind: 'money',
      width: 18,
      value: (l) => l.expectations?.expectedAnnualOutputCny,
    },
    {
      header: '预计年销售额(元)',
      kind: 'money',
      width: 18,
      value: (l) => l.expectations?.expectedAnnualSalesCny,
    },
  ];

  const visits: Column<OfFirm<VisitDoc>>[] = [
    ...firmColumns<VisitDoc>(),
    { header: '走访日期', kind: 'date', width: 13, value: (r) => r.entry.date },
    { header: '参与人员', kind: 'text', width: 24, value: (r) => r.entry.participants.join('、') },
    { header: '洽谈内容', kind: 'text', width: 48, value: (r) => r.entry.summary },
    { header: '下一步', kind: 'text', width: 30, value: (r) => r.entry.nextStep },
    { header: '下一步期限', kind: 'date', width: 13, value: (r) => r.entry.nextStepDueOn },
    { header: '记录人', kind: 'text', width: 14, value: (r) => r.entry.by },
    { header: '记录时间', kind: 'datetime', width: 17, value: (r) => r.entry.createdAt },
  ];

  const appeals: Column<OfFirm<AppealDoc>>[] = [
    ...firmColumns<AppealDoc>(),
    {
      header: '诉求类别',
      kind: 'text',
      width: 12,
      value: (r) => APPEAL_CATEGORY_LABELS[r.entry.category].zh,
    },
    { header: '诉求事项', kind: 'text', width: 30, value: (r) => r.entry.title },
    { header: '诉求内容', kind: 'text', width: 48, value: (r) => r.entry.description },
    { header: '责任部门', kind: 'text', width: 20, value: (r) => r.entry.department },
    { header: '办理期限', kind: 'date', width: 13, value: (r) => r.entry.dueOn },
    { header: '状态', kind: 'text', width: 10, value: (r) => APPEAL_STATUS_LABELS[r.entry.status].zh },
    { header: '是否逾期', kind: 'text', width: 10, value: (r) => (isOverdue(r.entry, today) ? '是' : '否') },
    {
      header: '办理结果',
      kind: 'text',
      width: 40,
      value: (r) => r.entry.resolution ?? r.entry.rejectionReason,
    },
    { header: '提出人', kind: 'text', width: 14, value: (r) => r.entry.openedBy },
    { header: '提出时间', kind: 'datetime', width: 17, value: (r) => r.entry.openedAt },
    { header: '办结时间', kind: 'datetime', width: 17, value: (r) => r.entry.closedAt },
  ];

  const figures: Column<OfFirm<FiguresDoc>>[] = [
    ...firmColumns<FiguresDoc>(),
    { header: '月份', kind: 'text', width: 9, value: (r) => r.entry.month },
    { header: '主营业务', kind: 'text', width: 30, value: (r) => r.entry.mainBusiness },
    { header: '生产规模', kind: 'text', width: 30, value: (r) => r.entry.productionScale },
    { header: '营业收入(元)', kind: 'money', width: 18, value: (r) => r.entry.revenueCny },
    { header: '税收(元)', kind: 'money', width: 16, value: (r) => r.entry.taxCny },
    { header: '从业人数', kind: 'integer', width: 10, value: (r) => r.entry.employees },
    { header: '当月取得注册证(件)', kind: 'integer', width: 12, value: (r) => r.entry.certificatesObtained },
    { header: '填报人', kind: 'text', width: 14, value: (r) => r.entry.reportedBy },
    { header: '填报时间', kind: 'datetime', width: 17, value: (r) => r.entry.reportedAt },
    { header: '更正次数', kind: 'integer', width: 10, value: (r) => r.entry.history.length },
  ];

  async function* firmPages(): AsyncGenerator<LeadSummary[]> {
    const all = await owned();
    for (let i = 0; i < all.length; i += 500) yield all.slice(i, i + 500);
  }
  async function* appealsOf(lead: LeadSummary): AsyncGenerator<AppealDoc[]> {
    for (let after: { openedAt: string; id: string } | undefined; ; ) {
      const page = await ledgers.appeals.list(principal, { leadId: lead._id, today, limit: 500, after });
      if (page.length > 0) yield page;
      const last = page.at(-1);
      if (page.length < 500 || !last) return;
      after = { openedAt: last.openedAt, id: last._id };
    }
  }
  const keyFirms = async () => [...(await leads.keyFirms(principal))];

  return [
    sheetOf('一企一策·企业', firms, firmPages()),
    sheetOf(
      '一企一策·走访洽谈',
      visits,
      perFirm(owned, async (lead) => (await ledgers.visits.forLead(principal, lead._id)).reverse()),
    ),
    sheetOf(
      '一企一策·企业诉求',
      appeals,
      perFirm(owned, async (lead) => {
        const all: AppealDoc[] = [];
        for await (const page of appealsOf(lead)) all.push(...page);
        return all.reverse();
      }),
    ),
    sheetOf(
      '重点培育·月度数据',
      figures,
      perFirm(keyFirms, async (lead) => (await ledgers.figures.forLead(principal, lead._id)).reverse()),
    ),
  ];
}
