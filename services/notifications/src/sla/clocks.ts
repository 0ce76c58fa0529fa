import { PARK_IDS, type SlaClockKind, type Tier } from '@parkmatch/contracts';
import type { PipelineClocks } from '../consumers/on-pipeline.ts';
import type { LeadFacts } from '../lead-facts/facts.ts';
import { type ClockDoc, type Deadlines, dateDeadlines, nextAt, workingDayDeadlines } from './clock.ts';
import { allowance } from './policy.ts';
import type { ClockRepository } from './repository.ts';
import type { SlaSettingsRepository } from './settings-repository.ts';

// The clocks the closed loop starts and stops:
// - first contact: from the lead's arrival at a park as a key lead (tier A or B: nobody has to
//   claim it for the clock to run), else from a claim (or a transfer in), until the lead
//   leaves 线索; a claim stops the other parks' clocks; a claim dated before the arrival (an
//   office importing its history) moves the start back to the claim;
// - site visit: from entering 初步接洽 until it leaves it (keyed by when it entered, which
//   the leaving event carries as `enteredFromAt`, so the two meet whatever their order);
// - an appeal: from its opening until it is closed, due on its own date.

/** A lead scored at a park as a key lead (A or B) that was not one there before. */
export interface Arrival {
  leadId: string;
  parkId: string;
  /** When it was scored (the event's time). */
  at: string;
}

export const firstContactId = (leadId: string, parkId: string) => `fc_${leadId}_${parkId}`;
export const siteVisitId = (leadId: string, enteredAt: string) => `sv_${leadId}_${enteredAt}`;
export const appealClockId = (appealId: string) => `ap_${appealId}`;

export function createClocks(deps: {
  clocks: ClockRepository;
  settings: SlaSettingsRepository;
}): PipelineClocks & {
  /** Key leads (tier A or B) new at a park: their first-contact clock starts on arrival. */
  arrived(arrivals: readonly Arrival[], leads: ReadonlyMap<string, LeadFacts>): Promise<void>;
  reschedule(parkId?: string): Promise<number>;
} {
  const { clocks, settings } = deps;

  function clockDoc(
    id: string,
    kind: SlaClockKind,
    fields: {
      parkId: string;
      leadId: string;
      appealId?: string;
      liaison: string | null;
      tier?: Tier | null;
      startedAt: string | null;
      days: number;
    },
    deadlines: Deadlines,
  ): ClockDoc {
    const doc: ClockDoc = {
      _id: id,
      kind,
      parkId: fields.parkId,
      leadId: fields.leadId,
      appealId: fields.appealId ?? null,
      liaison: fields.liaison,
      tier: fields.tier ?? null,
      startedAt: fields.startedAt,
      days: fields.days,
      ...deadlines,
      stoppedAt: null,
      status: 'running',
      remindedAt: null,
      overdueAt: null,
      escalatedAt: null,
      nextAt: null,
    };
    return { ...doc, nextAt: nextAt(doc) };
  }

  async function workingDaysClock(
    id: string,
    kind: 'first-contact' | 'site-visit',
    lead: LeadFacts,
    parkId: string,
    at: string,
  ): Promise<ClockDoc> {
    const policy = await settings.policy(parkId);
    const tier = lead.parks[parkId]?.tier ?? null;
    const days = allowance(policy, kind, tier);
    const deadlines = workingDayDeadlines(new Date(at), days, policy.escalateAfterDays, settings.calendar());
    const liaison = lead.liaison?.username ?? null;
    return clockDoc(id, kind, { parkId, leadId: lead._id, liaison, tier, startedAt: at, days }, deadlines);
  }

  async function startWorkingDays(
    id: string,
    kind: 'first-contact' | 'site-visit',
    lead: LeadFacts,
    parkId: string,
    at: string,
  ) {
    await clocks.start(await workingDaysClock(id, kind, lead, parkId, at));
  }

  /** A clock whose start is not known yet: what a stop seen first leaves behind. */
  const placeholder = (id: string, kind: SlaClockKind, leadId: string, parkId: string) => () =>
    clockDoc(
      id,
      kind,
      { parkId, leadId, liaison: null, startedAt: null, days: 0 },
      { dueOn: '', remindAt: '', dueAt: '', escalateAt: '' },
    );

  async function stopAll(leadId: string, at: string, which: (c: ClockDoc) => boolean = () => true) {
    for (const clock of await clocks.forLead(leadId))
      if (clock.status === 'running' && which(clock)) await clocks.stop(clock._id, at, () => clock);
  }

  return {
    async arrived(arrivals, leads) {
      for (const { leadId, parkId, at } of arrivals) {
        const lead = leads.get(leadId);
        if (!lead || lead.withdrawnAt) continue;
        if (lead.owner && lead.owner.parkId !== parkId) continue; // another park's lead now
        if (lead.stage && lead.stage.stage !== 'lead') continue; // contacted already
        await startWorkingDays(firstContactId(leadId, parkId), 'first-contact', lead, parkId, at);
      }
    },

    async claimed(event, lead) {
      const p = event.payload;
      // Every other park's first contact ends here, also one whose arrival (a rating, another
      // topic) is handled after the claim: it finds its clock stopped and leaves it so.
      for (const parkId of PARK_IDS) {
        // (Nor the park the lead went to since: a claim seen again after a transfer stops nothing there.)
        if (parkId === p.parkId || parkId === lead.owner?.parkId) continue;
        const other = firstContactId(p.leadId, parkId);
        await clocks.stop(other, p.at, placeholder(other, 'first-contact', p.leadId, parkId));
      }
      if (lead.withdrawnAt) return; // withdrawn since: nothing more to count
      const id = firstContactId(p.leadId, p.parkId);
      const existing = await clocks.get(id);
      if (existing?.startedAt && existing.startedAt > p.at) {
        // The office had the lead before we scored it (its history imported): count from the claim.
        const earlier = await workingDaysClock(id, 'first-contact', lead, p.parkId, p.at);
        await clocks.restart(
          existing.status === 'running'
            ? earlier
            : { ...earlier, status: 'stopped', stoppedAt: existing.stoppedAt, nextAt: null },
        );
        return;
      }
      await startWorkingDays(id, 'first-contact', lead, p.parkId, p.at);
    },

    async transferred(event, lead) {
      const p = event.payload;
      await stopAll(p.leadId, p.at, (c) => c.parkId === p.fromParkId && c.kind === 'first-contact');
      // The clocks that move with the lead (an open appeal's, a site visit's) go to the receiving
      // park's team: the old park's liaison is not theirs (lead facts cleared it; a liaison the
      // receiving park named already, its event seen first, is kept there).
      for (const clock of await clocks.forLead(p.leadId))
        if (clock.status === 'running' && clock.parkId === p.fromParkId)
          await clocks.update(clock._id, { parkId: p.toParkId, liaison: lead.liaison?.username ?? null });
      if (!lead.withdrawnAt && (!lead.stage || lead.stage.stage === 'lead')) {
        const id = firstContactId(p.leadId, p.toParkId);
        const earlier = await clocks.get(id);
        // Its clock there was stopped by the first park's claim: the transfer starts it afresh.
        if (earlier?.status === 'stopped')
          await clocks.restart(await workingDaysClock(id, 'first-contact', lead, p.toParkId, p.at));
        else await startWorkingDays(id, 'first-contact', lead, p.toParkId, p.at);
      }
    },

    async stageChanged(event, lead) {
      const p = event.payload;
      if (p.from === 'lead') {
        const id = firstContactId(p.leadId, p.parkId);
        await clocks.stop(id, p.at, placeholder(id, 'first-contact', p.leadId, p.parkId));
        // Contacted: first contact is over wherever it still runs (a transfer handled before this
        // move, the facts behind, started one at the receiving park).
        await stopAll(p.leadId, p.at, (c) => c.kind === 'first-contact');
      }
      if (p.from === 'contacted') {
        const id = siteVisitId(p.leadId, p.enteredFromAt);
        await clocks.stop(id, p.at, placeholder(id, 'site-visit', p.leadId, p.parkId));
      }
      // A move handled after the firm withdrew (another topic) starts nothing: the withdrawal stopped all.
      if (p.to === 'contacted' && !lead.withdrawnAt)
        await startWorkingDays(siteVisitId(p.leadId, p.at), 'site-visit', lead, p.parkId, p.at);
    },

    async liaisonAssigned(event, lead) {
      // The naming park's running clocks take the lead's liaison as the facts now hold it: a
      // liaison named before a transfer (its event late) is not the lead's any more.
      const liaison = lead.liaison?.username ?? null;
      for (const clock of await clocks.forLead(event.payload.leadId))
        if (clock.status === 'running' && clock.parkId === event.payload.parkId && clock.liaison !== liaison)
          await clocks.update(clock._id, { liaison });
    },

    async appealOpened(event, lead) {
      const p = event.payload;
      if (lead.withdrawnAt) return; // handled after the withdrawal, which stopped every clock
      const policy = await settings.policy(p.parkId);
      const deadlines = dateDeadlines(p.dueOn, new Date(p.at), policy.escalateAfterDays, settings.calendar());
      await clocks.start(
        clockDoc(
          appealClockId(p.appealId),
          'appeal',
          {
            parkId: p.parkId,
            leadId: p.leadId,
            appealId: p.appealId,
            liaison: lead.liaison?.username ?? null,
            startedAt: p.at,
            days: 0,
          },
          deadlines,
        ),
      );
    },

    async appealClosed(event) {
      const p = event.payload;
      const id = appealClockId(p.appealId);
      await clocks.stop(id, p.at, placeholder(id, 'appeal', p.leadId, p.parkId));
    },

    async withdrawn(event) {
      await stopAll(event.payload.leadId, event.payload.at);
    },

    /** Running clocks' deadlines again, after a policy or the override table changed. */
    async reschedule(parkId) {
      const calendar = await settings.reloadCalendar();
      let changed = 0;
      for (const clock of await clocks.running(parkId)) {
        if (!clock.startedAt) continue;
        const policy = await settings.policy(clock.parkId);
        const started = new Date(clock.startedAt);
        const days = clock.kind === 'appeal' ? 0 : allowance(policy, clock.kind, clock.tier);
        const deadlines =
          clock.kind === 'appeal'
            ? dateDeadlines(clock.dueOn, started, policy.escalateAfterDays, calendar)
            : workingDayDeadlines(started, days, policy.escalateAfterDays, calendar);
        const next = { ...clock, ...deadlines, days };
        await clocks.update(clock._id, { ...deadlines, days, nextAt: nextAt(next) });
        changed++;
      }
      return changed;
    },
  };
}
