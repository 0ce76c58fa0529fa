import { DirectionColumns, MoveColumns, SpellColumns, Vocabulary } from './columns.ts';
import { type LeadFacts, stageIndex } from './facts.ts';
import { PARK_IDS, TIERS, type Tier } from './facts-vocabulary.ts';

/** Slots of `intakeTier` per lead: the city's (best) tier, then each park's. */
export const INTAKE_STRIDE = PARK_IDS.length + 1;
const tierCode = (tier: Tier | undefined): number => (tier === undefined ? 0 : TIERS.indexOf(tier) + 1);
const SIGNED = stageIndex('signed');

// Every lead's facts by slot, with the scalars a scan filters on in typed arrays: a lead that
// does not count for a question is passed over without touching its object (100,000 objects
// scattered in the heap cost a scan more than the arithmetic on them).

export class LeadTable {
  readonly facts: LeadFacts[] = [];
  /** When it entered 线索 (NaN: unknown). */
  intakeMs = new Float64Array(1024);
  /** The last instant anything happened to it. */
  lastMs = new Float64Array(1024);
  /** The parks whose lead it is (rated A–C or owned). */
  parksMask = new Int32Array(1024);
  /** Its stage after its last event, as an index into FUNNEL_ORDER (-1: not in the pipeline). */
  endStage = new Int8Array(1024);
  /** The parks holding it after its last event. */
  endHolder = new Int32Array(1024);
  appeals = new Int32Array(1024);
  /** Liaisons named plus visits logged (0: nothing in the 一企一策 ledger). */
  ledger = new Int32Array(1024);
  /** The first and last instant of the ledger's activity (a visit's day, a liaison named; ±Infinity: none). */
  ledgerFirstMs = new Float64Array(1024);
  ledgerLastMs = new Float64Array(1024);
  /** Bit i: the lead has a move into FUNNEL_ORDER[i] (a scan skips the moves of a lead without the one it counts). */
  movedTo = new Int32Array(1024);
  /**
   * Tier at intake, by scope: at `slot × INTAKE_STRIDE` the best over the parks (the city's),
   * then park i's at `+ 1 + i`; 1 … 4 for A … D (TIERS order + 1), 0: not scored.
   */
  intakeTier = new Int8Array(1024 * INTAKE_STRIDE);
  /** The park of the first claim (-1: never claimed), its working-day index, and intake's. */
  claimPark = new Int8Array(1024);
  claimWork = new Float64Array(1024);
  intakeWork = new Float64Array(1024);
  /**
   * Reached 签约, by scope: bit 0 for the city (any move into it), bit 1 + i for park i (a move
   * into it made by park i, or by no park while the lead was park i's — moveInScope).
   */
  signedIn = new Int32Array(1024);
  /** Every lead's moves and stays, packed (columns.ts). */
  readonly moves = new MoveColumns();
  readonly spells = new SpellColumns();
  /** The directions matched at intake, by scope, as ids in `directionNames` (columns.ts). */
  readonly directions = new DirectionColumns();
  readonly directionNames = new Vocabulary();

  static of(facts: Iterable<LeadFacts>): LeadTable {
    const table = new LeadTable();
    for (const f of facts) table.set(table.size, f);
    return table;
  }

  get size(): number {
    return this.facts.length;
  }

  /** Puts a lead's facts in a slot (the next free one to add a lead). */
  set(slot: number, facts: LeadFacts): void {
    if (slot >= this.intakeMs.length) this.#grow();
    this.facts[slot] = facts;
    this.intakeMs[slot] = facts.intakeMs ?? Number.NaN;
    this.lastMs[slot] = facts.lastMs;
    this.parksMask[slot] = facts.parksMask;
    this.endStage[slot] = facts.end?.stageIndex ?? -1;
    this.endHolder[slot] = facts.end?.holderMask ?? 0;
    this.appeals[slot] = facts.appeals.length;
    this.ledger[slot] = facts.liaisons.length + facts.visits.length;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const v of facts.visits) {
      if (v.ms < first) first = v.ms;
      if (v.ms > last) last = v.ms;
    }
    for (const l of facts.liaisons) {
      if (l.ms < first) first = l.ms;
      if (l.ms > last) last = l.ms;
    }
    this.ledgerFirstMs[slot] = first;
    this.ledgerLastMs[slot] = last;
    let movedTo = 0;
    for (const m of facts.moves) movedTo |= 1 << m.toIndex;
    this.movedTo[slot] = movedTo;
    const at = slot * INTAKE_STRIDE;
    this.intakeTier[at] = tierCode(facts.bestIntakeTier);
    for (let p = 0; p < PARK_IDS.length; p++)
      this.intakeTier[at + 1 + p] = tierCode(facts.ratings[p]?.intakeTier);
    this.claimPark[slot] = facts.claim?.park ?? -1;
    this.claimWork[slot] = facts.claim?.work ?? Number.NaN;
    this.intakeWork[slot] = facts.intakeWork;
    let signedIn = 0;
    for (const m of facts.moves) {
      if (m.toIndex !== SIGNED) continue;
      signedIn |= 1 | ((m.park === -1 ? facts.parksMask : 1 << m.park) << 1);
    }
    this.signedIn[slot] = signedIn;
    this.moves.put(slot, facts);
    this.spells.put(slot, facts);
    this.directions.put(slot, facts, this.directionNames);
    if (this.moves.wasteful || this.spells.wasteful || this.directions.wasteful) this.#repack();
  }

  /** Writes every lead's rows again, side by side, leaving out the rows of their earlier versions. */
  #repack(): void {
    this.moves.reset();
    this.spells.reset();
    this.directions.reset();
    for (let slot = 0; slot < this.facts.length; slot++) {
      const facts = this.facts[slot] as LeadFacts;
      this.moves.put(slot, facts);
      this.spells.put(slot, facts);
      this.directions.put(slot, facts, this.directionNames);
    }
  }

  #grow(): void {
    const size = this.intakeMs.length * 2;
    const grow = <A extends Float64Array | Int32Array | Int8Array>(old: A, make: (n: number) => A): A => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.intakeMs = grow(this.intakeMs, (n) => new Float64Array(n));
    this.lastMs = grow(this.lastMs, (n) => new Float64Array(n));
    this.parksMask = grow(this.parksMask, (n) => new Int32Array(n));
    this.endStage = grow(this.endStage, (n) => new Int8Array(n));
    this.endHolder = grow(this.endHolder, (n) => new Int32Array(n));
    this.appeals = grow(this.appeals, (n) => new Int32Array(n));
    this.ledger = grow(this.ledger, (n) => new Int32Array(n));
    this.ledgerFirstMs = grow(this.ledgerFirstMs, (n) => new Float64Array(n));
    this.ledgerLastMs = grow(this.ledgerLastMs, (n) => new Float64Array(n));
    this.movedTo = grow(this.movedTo, (n) => new Int32Array(n));
    this.claimPark = grow(this.claimPark, (n) => new Int8Array(n));
    this.claimWork = grow(this.claimWork, (n) => new Float64Array(n));
    this.intakeWork = grow(this.intakeWork, (n) => new Float64Array(n));
    this.signedIn = grow(this.signedIn, (n) => new Int32Array(n));
    const tiers = new Int8Array(size * INTAKE_STRIDE);
    tiers.set(this.intakeTier);
    this.intakeTier = tiers;
  }
}
