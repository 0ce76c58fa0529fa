import { createEvent, Events, type FiguresInput } from '@parkmatch/contracts';
import { HttpProblem, outboxEntry, type Principal } from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import { shanghaiMonth } from '../../calendar.ts';
import { assertNotWithdrawn } from '../../lead/lead.ts';
import { ledgerLead } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';
import {
  classifyReport,
  type FiguresDoc,
  figuresId,
  monthProblems,
  type Report,
  reported,
} from './figures.ts';

/** How many times a report is tried again when another report of the month came first. */
const ATTEMPTS = 3;

export interface ReportOutcome {
  figures: FiguresDoc;
  kind: Report['kind'];
}

/**
 * Reports a key firm's figures for a month: the month's first entry, nothing new (the same
 * figures again), or a correction that keeps the earlier figures in the entry's history.
 * The figuresReported event goes in the same write; a report that changes nothing has none.
 */
export async function reportFigures(
  deps: LedgerDeps,
  principal: Principal,
  leadId: string,
  month: string,
  input: FiguresInput,
): Promise<ReportOutcome> {
  const lead = await ledgerLead(deps.leads, principal, leadId);
  assertNotWithdrawn(lead);
  const now = deps.now();
  const errors = monthProblems(month, shanghaiMonth(now));
  if (errors.length > 0)
    throw new HttpProblem(
      400,
      { zh: '该月份不可填报，见 errors', en: 'figures cannot be reported for this month; see errors' },
      { errors },
    );

  const parkId = lead.owner.parkId;
  const at = now.toISOString();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = await deps.ledgers.figures.get(leadId, month);
    const report = classifyReport(existing, input);
    if (report.kind === 'same' && existing) return { figures: existing, kind: 'same' };

    const event = createEvent(Events.figuresReported, {
      key: leadId,
      source: 'leads',
      occurredAt: now,
      payload: {
        leadId,
        parkId,
        month,
        revenueCny: input.revenueCny,
        taxCny: input.taxCny,
        employees: input.employees,
        certificatesObtained: input.certificatesObtained,
        correction: report.kind === 'correction',
        by: principal.sub,
        at,
      },
    });
    const events = [outboxEntry(Events.figuresReported, event)];
    const figures = { ...input, parkId, reportedBy: principal.sub, reportedAt: at };

    if (!existing) {
      const first: FiguresDoc = {
        _id: figuresId(leadId, month),
        leadId,
        month,
        ...figures,
        history: [],
        revision: 1,
      };
      try {
        await deps.ledgers.figures.insert(first, events);
      } catch (error) {
        if (error instanceof DuplicateKeyError) continue; // another first report came first
        throw error;
      }
      deps.onEventsWritten();
      return { figures: first, kind: 'first' };
    }

    const corrected = await deps.ledgers.figures.updateAt(
      existing._id,
      existing.revision,
      { $set: figures, $push: { history: reported(existing) } },
      events,
    );
    if (!corrected) continue; // another correction came first
    deps.onEventsWritten();
    return { figures: corrected, kind: 'correction' };
  }
  throw new HttpProblem(409, {
    zh: '该月数据正被同时修改，请稍后重试',
    en: 'the month’s figures are being changed by others at the same time; retry',
  });
}
