import { dayOf, dayOfDate, startOfDay } from '../calendar/days.ts';
import { workdayIndex } from '../calendar/workdays.ts';
import { type FinanceFacts, financeFactsOf } from '../financing/facts.ts';
import {
  FUNNEL_ORDER,
  isWorkableTier,
  PARK_IDS,
  PIPELINE_STAGES,
  type Stage,
  TIER_RANK,
  type Tier,
} from './facts-vocabulary.ts';
import type { LeadState } from './lead-state.ts';

// A lead's state as the metrics read it: numbers only where the queries loop — instants in ms,
// Shanghai day numbers and working-day indexes precomputed, parks as indexes into PARK_IDS and
// bit masks, stages as indexes — and every object of a kind with the same fields, so a query
// over 100,000 leads is a tight scan. Derived once per change of the state (ReadModel keeps it
// beside the state).

/** An open spell's end, and a closed appeal's never. */
export const OPEN = Number.POSITIVE_INFINITY;
/** The index of a park in PARK_IDS; -1: none; -2: a park this build does not know. */
export const parkIndexOf = (parkId: string | undefined): number =>
  parkId === undefined ? -1 : ((PARK_INDEX.get(parkId) ?? -2) as number);
const PARK_INDEX = new Map<string, number>(PARK_IDS.map((id, i) => [id, i]));
export const parkIdOf = (index: number): string | null => PARK_IDS[index] ?? null;
/** Position in the pipeline, 0 (线索) … 7 (投产); -1 for the side exits. */
export const pipelineRank = (stage: Stage): number => (PIPELINE_STAGES as readonly string[]).indexOf(stage);
/** Position in FUNNEL_ORDER: the pipeline, then 搁置, 流失, 已撤回. */
export const stageIndex = (stage: Stage): number => FUNNEL_ORDER.indexOf(stage);
/** A month as one number: year × 12 + month − 1. */
export const monthIndexOfDay = (day: number): number => {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

export interface MoveFact {
  from: Stage;
  to: Stage;
  toIndex: number;
  toRank: number;
  /** The owning park when it moved (-1: a withdrawal of a lead nobody owned). */
  park: number;
  ms: number;
  day: number;
  monthIndex: number;
  investment: number | undefined;
  output: number | undefined;
  lostReason: string | undefined;
}

/** A stay in one stage: entered at `enterMs`, left at `leaveMs` (OPEN: still there). */
export interface Spell {
  stage: Stage;
  stageIndex: number;
  /** The park that owned the lead when it left the stage (the current spell: when it entered). */
  park: number;
  enterMs: number;
  enterDay: number;
  enterWork: number;
  leaveMs: number;
  leaveDay: number;
  leaveWork: number;
}

export interface ParkRatingFact {
  tier: Tier;
  intakeTier: Tier | undefined;
  intakeDirections: readonly string[];
}

export interface AppealFact {
  park: number;
  category: string;
  openedMs: number;
  openedDay: number;
  openedWork: number;
  dueDay: number;
  /** OPEN while open. */
  closedMs: number;
  closedDay: number;
  closedWork: number;
  outcome: 'resolved' | 'rejected' | undefined;
}

export interface FiguresFact {
  month: string;
  park: number;
  revenueCny: number;
  certificates: number;
}

/** A liaison (联络员) named by a park, from `ms` on. */
export interface LiaisonFact {
  park: number;
  name: string;
  ms: number;
  monthIndex: number;
}

/** A visit or talk of the 一企一策 ledger. */
export interface VisitFact {
  park: number;
  /** The Shanghai day of the visit, its first instant and its month (monthIndexOfDay). */
  day: number;
  ms: number;
  monthIndex: number;
  /** The park's liaison for the lead when the visit was logged (undefined: none named yet). */
  liaison: string | undefined;
}

/** Where a lead stands after its last event: what "at the end" figures read when nothing happened since. */
export interface EndState {
  stage: Stage;
  stageIndex: number;
  /** The parks holding it: its owner, or (unowned) the parks whose lead it is. */
  holderMask: number;
  /** The park of its current spell (-1: none). */
  park: number;
  enterMs: number;
  enterDay: number;
  enterWork: number;
  /** The last 协议投资额 and expected annual output recorded. */
  investment: number;
  output: number;
}

export interface LeadFacts {
  id: string;
  /** The last instant anything happened to it (intake, a move, an owner change, an appeal). */
  lastMs: number;
  /** Its state after `lastMs`; undefined before it entered the pipeline. */
  end: EndState | undefined;
  /** When it entered 线索 (submitted); undefined while nothing says when. */
  intakeMs: number | undefined;
  intakeDay: number;
  intakeWork: number;
  /** Parks whose ratings are A–C (bit i: PARK_IDS[i]). */
  workableMask: number;
  /** Parks that rate it A–C or have owned it: the parks whose lead it is. */
  parksMask: number;
  /** By park index. */
  ratings: readonly (ParkRatingFact | undefined)[];
  /** Best tier at intake over the parks, and the directions any park matched at intake (city view). */
  bestIntakeTier: Tier | undefined;
  intakeDirections: readonly string[];
  /** Owner changes in order (claims and transfers). */
  owners: readonly { park: number; ms: number }[];
  /** The first claim (首报首谈). */
  claim: { park: number; ms: number; day: number; work: number } | undefined;
  moves: readonly MoveFact[];
  spells: readonly Spell[];
  appeals: readonly AppealFact[];
  figures: readonly FiguresFact[];
  /** Liaisons named, in time order. */
  liaisons: readonly LiaisonFact[];
  /** Visits by the day visited. */
  visits: readonly VisitFact[];
  /** Financing, R&D orders and vouchers (financing/facts.ts); undefined when none. */
  finance: FinanceFacts | undefined;
}

const ms = (at: string): number => Date.parse(at);

/** The owner (park index) at an instant: the last owner change at or before it; -1 for none. */
export function ownerAt(facts: Pick<LeadFacts, 'owners'>, at: number): number {
  let owner = -1;
  for (const change of facts.owners) {
    if (change.ms > at) break;
    owner = change.park;
  }
  return owner;
}

/** The spell a lead is in at an instant (undefined before it entered the pipeline). */
export function spellAt(facts: Pick<LeadFacts, 'spells'>, at: number): Spell | undefined {
  const spells = facts.spells;
  for (let i = spells.length - 1; i >= 0; i--) {
    const spell = spells[i] as Spell;
    if (spell.enterMs <= at) return spell.leaveMs > at ? spell : undefined;
  }
  return undefined;
}

function moveFact(
  from: Stage,
  to: Stage,
  park: number,
  at: number,
  figures: Pick<MoveFact, 'investment' | 'output' | 'lostReason'>,
): MoveFact {
  const day = dayOf(at);
  return {
    from,
    to,
    toIndex: stageIndex(to),
    toRank: pipelineRank(to),
    park,
    ms: at,
    day,
    monthIndex: monthIndexOfDay(day),
    investment: figures.investment,
    output: figures.output,
    lostReason: figures.lostReason,
  };
}

const NO_FIGURES = { investment: undefined, output: undefined, lostReason: undefined };

/** The moves, a withdrawal among them, with when each left stage was entered. */
function movesOf(
  state: LeadState,
  owners: LeadFacts['owners'],
): { moves: MoveFact[]; enteredFrom: number[] } {
  const moves: MoveFact[] = [];
  const enteredFrom: number[] = [];
  const withdrawnMs = state.withdrawnAt === undefined ? OPEN : ms(state.withdrawnAt);
  for (const m of state.moves) {
    const at = ms(m.at);
    if (at > withdrawnMs) break; // nothing moves a withdrawn lead
    moves.push(
      moveFact(m.from, m.to, parkIndexOf(m.parkId), at, {
        investment: m.agreedInvestmentCny,
        output: m.expectedAnnualOutputCny,
        lostReason: m.lostReason,
      }),
    );
    enteredFrom.push(ms(m.enteredFromAt));
  }
  if (withdrawnMs !== OPEN) {
    const last = moves.at(-1);
    moves.push(
      moveFact(last?.to ?? 'lead', 'withdrawn', ownerAt({ owners }, withdrawnMs), withdrawnMs, NO_FIGURES),
    );
    enteredFrom.push(last?.ms ?? (state.submittedAt === undefined ? withdrawnMs : ms(state.submittedAt)));
  }
  return { moves, enteredFrom };
}

function spell(stage: Stage, park: number, enterMs: number, leaveMs: number): Spell {
  const enterDay = dayOf(enterMs);
  const leaveDay = leaveMs === OPEN ? OPEN : dayOf(leaveMs);
  return {
    stage,
    stageIndex: stageIndex(stage),
    park,
    enterMs,
    enterDay,
    enterWork: workdayIndex(enterDay),
    leaveMs,
    leaveDay,
    leaveWork: leaveMs === OPEN ? OPEN : workdayIndex(leaveDay),
  };
}

function spellsOf(
  moves: readonly MoveFact[],
  enteredFrom: readonly number[],
  intakeMs: number | undefined,
  owners: LeadFacts['owners'],
): Spell[] {
  if (moves.length === 0)
    return intakeMs === undefined ? [] : [spell('lead', ownerAt({ owners }, OPEN), intakeMs, OPEN)];
  const spells = moves.map((m, i) => spell(m.from, m.park, enteredFrom[i] as number, m.ms));
  const last = moves.at(-1) as MoveFact;
  spells.push(spell(last.to, last.park, last.ms, OPEN));
  return spells;
}

const bestTier = (tiers: (Tier | undefined)[]): Tier | undefined =>
  tiers.reduce<Tier | undefined>(
    (best, t) => (t && (!best || TIER_RANK[t] > TIER_RANK[best]) ? t : best),
    undefined,
  );

function minOf(values: number[]): number | undefined {
  let min: number | undefined;
  for (const v of values) if (min === undefined || v < min) min = v;
  return min;
}

function appealsOf(state: LeadState): AppealFact[] {
  return Object.values(state.appeals).map((a) => {
    const openedMs = ms(a.openedAt);
    const closedMs = a.closedAt === undefined ? OPEN : ms(a.closedAt);
    const closedDay = closedMs === OPEN ? OPEN : dayOf(closedMs);
    return {
      park: parkIndexOf(a.parkId),
      category: a.category,
      openedMs,
      openedDay: dayOf(openedMs),
      openedWork: workdayIndex(dayOf(openedMs)),
      dueDay: dayOfDate(a.dueOn),
      closedMs,
      closedDay,
      closedWork: closedDay === OPEN ? OPEN : workdayIndex(closedDay),
      outcome: a.outcome,
    };
  });
}

/** The liaison a park had named for the lead at an instant. */
export function liaisonAt(liaisons: readonly LiaisonFact[], park: number, at: number): string | undefined {
  let name: string | undefined;
  for (const l of liaisons) {
    if (l.ms > at) break;
    if (l.park === park) name = l.name;
  }
  return name;
}

function ledgerOf(state: LeadState): { liaisons: LiaisonFact[]; visits: VisitFact[] } {
  const liaisons = (state.liaisons ?? []).map((l) => {
    const at = ms(l.at);
    return { park: parkIndexOf(l.parkId), name: l.liaison, ms: at, monthIndex: monthIndexOfDay(dayOf(at)) };
  });
  const visits = Object.values(state.visits ?? {})
    .map((v) => {
      const park = parkIndexOf(v.parkId);
      const day = dayOfDate(v.date);
      return {
        park,
        day,
        ms: startOfDay(day),
        monthIndex: monthIndexOfDay(day),
        liaison: liaisonAt(liaisons, park, ms(v.at)),
      };
    })
    .sort((a, b) => a.day - b.day);
  return { liaisons, visits };
}

function endStateOf(
  last: Spell | undefined,
  moves: readonly MoveFact[],
  owners: LeadFacts['owners'],
  parksMask: number,
): EndState | undefined {
  if (!last) return undefined;
  const owner = owners.at(-1)?.park ?? -1;
  let investment = 0;
  let output = 0;
  for (const move of moves) {
    if (move.investment !== undefined) investment = move.investment;
    if (move.output !== undefined) output = move.output;
  }
  return {
    stage: last.stage,
    stageIndex: last.stageIndex,
    holderMask: owner >= 0 ? 1 << owner : parksMask,
    park: last.park,
    enterMs: last.enterMs,
    enterDay: last.enterDay,
    enterWork: last.enterWork,
    investment,
    output,
  };
}

/** Derives what the metrics read from a lead's state. Pure. */
export function factsOf(state: LeadState): LeadFacts {
  const owners = state.owners.map((o) => ({ park: parkIndexOf(o.parkId), ms: ms(o.at) }));
  const firstClaim = state.owners.find((o) => o.kind === 'claimed');
  const intakeMs =
    state.submittedAt !== undefined
      ? ms(state.submittedAt)
      : minOf([
          ...state.moves.map((m) => ms(m.enteredFromAt)),
          ...Object.values(state.intake).map((r) => ms(r.at)),
          ...owners.map((o) => o.ms),
        ]);
  const intakeDay = intakeMs === undefined ? OPEN : dayOf(intakeMs);
  const { moves, enteredFrom } = movesOf(state, owners);
  const ratings: (ParkRatingFact | undefined)[] = PARK_IDS.map(() => undefined);
  let workableMask = 0;
  for (const [parkId, rating] of Object.entries(state.ratings)) {
    const index = parkIndexOf(parkId);
    if (index < 0) continue;
    const intake = state.intake[parkId];
    ratings[index] = {
      tier: rating.tier,
      intakeTier: intake?.tier,
      intakeDirections: intake?.directions ?? [],
    };
    if (isWorkableTier(rating.tier)) workableMask |= 1 << index;
  }
  let parksMask = workableMask;
  for (const owner of owners) if (owner.park >= 0) parksMask |= 1 << owner.park;
  const directions = new Set<string>();
  for (const intake of Object.values(state.intake))
    for (const code of intake.directions) directions.add(code);
  const claimMs = firstClaim === undefined ? undefined : ms(firstClaim.at);
  const spells = spellsOf(moves, enteredFrom, intakeMs, owners);
  const appeals = appealsOf(state);
  const { liaisons, visits } = ledgerOf(state);
  return {
    id: state._id,
    lastMs: Math.max(
      intakeMs ?? 0,
      moves.at(-1)?.ms ?? 0,
      owners.at(-1)?.ms ?? 0,
      ...appeals.map((a) => (a.closedMs === OPEN ? a.openedMs : a.closedMs)),
    ),
    end: endStateOf(spells.at(-1), moves, owners, parksMask),
    intakeMs,
    intakeDay,
    intakeWork: intakeMs === undefined ? OPEN : workdayIndex(intakeDay),
    workableMask,
    parksMask,
    ratings,
    bestIntakeTier: bestTier(Object.values(state.intake).map((r) => r.tier)),
    intakeDirections: [...directions].sort(),
    owners,
    claim:
      firstClaim && claimMs !== undefined
        ? {
            park: parkIndexOf(firstClaim.parkId),
            ms: claimMs,
            day: dayOf(claimMs),
            work: workdayIndex(dayOf(claimMs)),
          }
        : undefined,
    moves,
    spells,
    appeals,
    figures: Object.entries(state.figures)
      .map(([month, f]) => ({
        month,
        park: parkIndexOf(f.parkId),
        revenueCny: f.revenueCny,
        certificates: f.certificatesObtained,
      }))
      .sort((a, b) => (a.month < b.month ? -1 : 1)),
    liaisons,
    visits,
    finance: financeFactsOf(state.finance, (parkId, at) =>
      parkId === undefined ? ownerAt({ owners }, at) : parkIndexOf(parkId),
    ),
  };
}
