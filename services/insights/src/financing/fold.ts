import type { FinancingEvent } from './events.ts';
import {
  emptyFinanceState,
  type FinanceState,
  type MoveRecord,
  type OrderRecord,
  type Outcome,
  type PushRecord,
  type Stamp,
} from './state.ts';

// The financing fold, pure: a firm's finance state and one event in, the state after it out.
// The read model's fold calls it once per event id (a redelivered event never gets here), and
// the result depends on the set of events, not their order (see state.ts).

/** Instants compare as text once they are all in one form (the one toISOString gives). */
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const iso = (at: string): string => (CANONICAL.test(at) ? at : new Date(at).toISOString());

/** By time, then by event id (UUIDv7: a stable tie-break). */
const later = (a: Stamp, b: Stamp | undefined): boolean =>
  !b || a.at > b.at || (a.at === b.at && a.eventId > b.eventId);
const earlier = (at: string, held: string | undefined): boolean => held === undefined || at < held;

const money = (value: number): number => (Number.isFinite(value) ? Math.abs(value) : 0);
const withPark = (parkId: string | undefined) => (parkId === undefined ? {} : { parkId });

export const pushKey = (needId: string, productId: string): string => `${needId} ${productId}`;

export function foldFinancing(held: FinanceState | undefined, input: FinancingEvent): FinanceState {
  const state = held ?? emptyFinanceState();
  const eventId = input.event.id;
  switch (input.name) {
    case 'financeNeedRegistered': {
      const p = input.event.payload;
      const need = {
        ...withPark(p.parkId),
        amountCny: money(p.amountCny),
        purpose: p.purpose,
        at: iso(p.at),
        eventId,
      };
      if (!later(need, state.needs[p.needId])) return state;
      return { ...state, needs: { ...state.needs, [p.needId]: need } };
    }
    case 'financeNeedPushed': {
      const p = input.event.payload;
      const key = pushKey(p.needId, p.productId);
      const known = state.pushes[key];
      const pushed = { productType: p.productType, amountCny: money(p.amountCny), at: iso(p.at), eventId };
      if (known?.pushed && !later(pushed, known.pushed)) return state;
      const push: PushRecord = {
        ...known,
        needId: p.needId,
        productId: p.productId,
        bankId: p.bankId,
        ...withPark(p.parkId ?? known?.parkId),
        pushed,
      };
      return { ...state, pushes: { ...state.pushes, [key]: push } };
    }
    case 'financeNeedAnswered': {
      const p = input.event.payload;
      const key = pushKey(p.needId, p.productId);
      const held = state.pushes[key];
      // The push event's park stands; an answer only fills it in while the push is not known.
      const known: PushRecord = {
        needId: p.needId,
        productId: p.productId,
        bankId: p.bankId,
        ...held,
        ...withPark(held?.parkId ?? p.parkId),
      };
      const at = iso(p.at);
      if (p.status === 'reviewing') {
        const reviewingAt = earlier(at, known.reviewingAt) ? at : known.reviewingAt;
        return {
          ...state,
          pushes: { ...state.pushes, [key]: { ...known, ...(reviewingAt ? { reviewingAt } : {}) } },
        };
      }
      const outcome: Outcome = {
        status: p.status,
        at,
        eventId,
        ...(p.offer ? { amountCny: money(p.offer.amountCny), termMonths: p.offer.termMonths } : {}),
        ...(p.offer?.ratePct === undefined ? {} : { ratePct: p.offer.ratePct }),
        ...(p.reason === undefined ? {} : { reason: p.reason.trim() }),
      };
      const kept = later(outcome, known.outcome) ? outcome : known.outcome;
      return {
        ...state,
        pushes: { ...state.pushes, [key]: { ...known, ...(kept ? { outcome: kept } : {}) } },
      };
    }
    case 'rndOrderPlaced': {
      const p = input.event.payload;
      const known: OrderRecord = state.orders[p.orderId] ?? { reached: {} };
      const placed = {
        subPlatform: p.subPlatform,
        totalCny: money(p.totalCny),
        voucherCny: money(p.voucherCny),
        at: iso(p.at),
        eventId,
      };
      if (known.placed && !later(placed, known.placed)) return state;
      const order = { ...known, ...withPark(p.parkId ?? known.parkId), placed };
      return { ...state, orders: { ...state.orders, [p.orderId]: order } };
    }
    case 'rndOrderChanged': {
      const p = input.event.payload;
      const held: OrderRecord = state.orders[p.orderId] ?? { reached: {} };
      const known = { ...held, ...withPark(held.parkId ?? p.parkId) };
      const at = iso(p.at);
      const reached = earlier(at, known.reached[p.to]) ? { ...known.reached, [p.to]: at } : known.reached;
      const order = { ...known, reached };
      return { ...state, orders: { ...state.orders, [p.orderId]: order } };
    }
    case 'voucherApplied': {
      const p = input.event.payload;
      const known = state.applications[p.applicationId] ?? {};
      const applied = { requestedCny: money(p.requestedCny), at: iso(p.at), eventId };
      if (known.applied && !later(applied, known.applied)) return state;
      const application = { ...known, ...withPark(p.parkId ?? known.parkId), applied };
      return { ...state, applications: { ...state.applications, [p.applicationId]: application } };
    }
    case 'voucherDecided': {
      const p = input.event.payload;
      const held = state.applications[p.applicationId] ?? {};
      const known = { ...held, ...withPark(held.parkId ?? p.parkId) };
      const decided = {
        decision: p.decision,
        grantedCny: p.decision === 'approved' ? money(p.grantedCny ?? 0) : 0,
        at: iso(p.at),
        eventId,
      };
      const application = {
        ...known,
        decided: known.decided && !later(decided, known.decided) ? known.decided : decided,
      };
      return { ...state, applications: { ...state.applications, [p.applicationId]: application } };
    }
    case 'voucherMoved': {
      const p = input.event.payload;
      const move: MoveRecord = {
        ...withPark(p.parkId),
        kind: p.kind,
        amountCny: money(p.amountCny),
        at: iso(p.at),
        eventId,
      };
      // One entry, one event; should it come twice under two ids, the later one stands.
      if (!later(move, state.moves[p.entryId])) return state;
      return { ...state, moves: { ...state.moves, [p.entryId]: move } };
    }
  }
}
