import { LOST_REASONS } from '@parkmatch/contracts';
import { isFinancingEvent } from '../financing/events.ts';
import { foldFinancing } from '../financing/fold.ts';
import type { ReadModelEvent } from './events.ts';
import type { LeadState, LiaisonChange, Move, OwnerChange, VisitFacts } from './lead-state.ts';

// The fold, pure: a lead's state and one event in, the state after it out (the same object
// when the event changes nothing). The result depends on the set of events applied, not
// their order (see lead-state.ts), and applying an event twice is applying it once.

/** Instants compare as text once they are all in one form (the one toISOString gives, as the services send). */
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const iso = (at: string): string => (CANONICAL.test(at) ? at : new Date(at).toISOString());

/** Order of events of one kind: by time, then by id (UUIDv7, time-ordered: a stable tie-break). */
const before = (a: { at: string; eventId: string }, b: { at: string; eventId: string }): boolean =>
  a.at < b.at || (a.at === b.at && a.eventId < b.eventId);

function insertSorted<T extends { at: string; eventId: string }>(list: readonly T[], item: T): T[] {
  const next = [...list];
  let i = next.length;
  while (i > 0 && before(item, next[i - 1] as T)) i--;
  next.splice(i, 0, item);
  return next;
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

const lostReason = (value: unknown): Move['lostReason'] =>
  (LOST_REASONS as readonly unknown[]).includes(value) ? (value as Move['lostReason']) : undefined;

export function fold(state: LeadState, input: ReadModelEvent): LeadState {
  const { event } = input;
  if (state.applied.includes(event.id)) return state; // redelivered: already in
  const next = { ...state, applied: [...state.applied, event.id] };
  if (isFinancingEvent(input)) {
    next.finance = foldFinancing(next.finance, input);
    return next;
  }
  const occurredAt = iso(event.occurredAt);

  switch (input.name) {
    case 'leadSubmitted': {
      if (!next.submittedAt || occurredAt < next.submittedAt) next.submittedAt = occurredAt;
      return next;
    }
    case 'leadScored': {
      const p = input.event.payload;
      const directions = p.matchedDirections.map((d) => d.code);
      const rating = {
        tier: p.tier,
        score: p.score,
        directions,
        profileRevision: p.profileRevision,
        at: occurredAt,
        eventId: event.id,
      };
      const current = next.ratings[p.parkId];
      const newer =
        !current ||
        p.profileRevision > current.profileRevision ||
        (p.profileRevision === current.profileRevision && !before(rating, current));
      if (newer) next.ratings = { ...next.ratings, [p.parkId]: rating };
      const intake = next.intake[p.parkId];
      if (!intake || before(rating, intake))
        next.intake = {
          ...next.intake,
          [p.parkId]: { tier: p.tier, directions, at: occurredAt, eventId: event.id },
        };
      return next;
    }
    case 'leadClaimed': {
      const p = input.event.payload;
      const change: OwnerChange = { eventId: event.id, kind: 'claimed', parkId: p.parkId, at: iso(p.at) };
      next.owners = insertSorted(next.owners, change);
      return next;
    }
    case 'leadTransferred': {
      const p = input.event.payload;
      const change: OwnerChange = {
        eventId: event.id,
        kind: 'transferred',
        parkId: p.toParkId,
        fromParkId: p.fromParkId,
        at: iso(p.at),
      };
      next.owners = insertSorted(next.owners, change);
      return next;
    }
    case 'stageChanged': {
      const p = input.event.payload;
      const facts = p.facts ?? {};
      const move: Move = {
        eventId: event.id,
        from: p.from,
        to: p.to,
        parkId: p.parkId,
        at: iso(p.at),
        enteredFromAt: iso(p.enteredFromAt),
      };
      const investment = p.to === 'signed' ? num(facts.agreedInvestmentCny) : undefined;
      if (investment !== undefined) move.agreedInvestmentCny = investment;
      const output =
        p.to === 'construction' || p.to === 'operating' ? num(facts.expectedAnnualOutputCny) : undefined;
      if (output !== undefined) move.expectedAnnualOutputCny = output;
      const reason = p.to === 'lost' ? lostReason(facts.reason) : undefined;
      if (reason !== undefined) move.lostReason = reason;
      next.moves = insertSorted(next.moves, move);
      return next;
    }
    case 'profileWithdrawn': {
      const at = iso(input.event.payload.at);
      if (!next.withdrawnAt || at < next.withdrawnAt) next.withdrawnAt = at;
      return next;
    }
    case 'appealOpened': {
      const p = input.event.payload;
      const known = next.appeals[p.appealId];
      next.appeals = {
        ...next.appeals,
        [p.appealId]: {
          ...known,
          parkId: p.parkId,
          category: p.category,
          dueOn: p.dueOn,
          openedAt: iso(p.at),
        },
      };
      return next;
    }
    case 'appealClosed': {
      const p = input.event.payload;
      const known = next.appeals[p.appealId];
      next.appeals = {
        ...next.appeals,
        [p.appealId]: {
          parkId: known?.parkId ?? p.parkId,
          category: known?.category ?? p.category,
          dueOn: known?.dueOn ?? p.dueOn,
          openedAt: known?.openedAt ?? iso(p.openedAt),
          closedAt: iso(p.at),
          outcome: p.outcome,
        },
      };
      return next;
    }
    case 'figuresReported': {
      const p = input.event.payload;
      const report = {
        parkId: p.parkId,
        revenueCny: p.revenueCny,
        certificatesObtained: p.certificatesObtained,
        at: iso(p.at),
        eventId: event.id,
      };
      const current = next.figures[p.month];
      if (!current || before(current, report)) next.figures = { ...next.figures, [p.month]: report };
      return next;
    }
    case 'liaisonAssigned': {
      const p = input.event.payload;
      const change: LiaisonChange = {
        eventId: event.id,
        parkId: p.parkId,
        liaison: p.liaison,
        at: iso(p.at),
      };
      next.liaisons = insertSorted(next.liaisons ?? [], change);
      return next;
    }
    case 'visitLogged': {
      const p = input.event.payload;
      const visit: VisitFacts = { parkId: p.parkId, date: p.date, at: iso(p.at), eventId: event.id };
      const current = next.visits?.[p.visitId];
      // One visit, one event; should it come twice under two ids, the later one stands.
      if (!current || before(current, visit)) next.visits = { ...next.visits, [p.visitId]: visit };
      return next;
    }
  }
}

/** Folds events into states (a map by lead id), returning the leads whose state changed. */
export function foldAll(
  states: Map<string, LeadState>,
  events: Iterable<ReadModelEvent>,
  initial: (leadId: string) => LeadState,
): Set<string> {
  const changed = new Set<string>();
  for (const input of events) {
    const leadId = input.event.payload.leadId;
    const before = states.get(leadId) ?? initial(leadId);
    const after = fold(before, input);
    if (after !== before) {
      states.set(leadId, after);
      changed.add(leadId);
    }
  }
  return changed;
}
