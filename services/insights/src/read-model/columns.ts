import type { LeadFacts } from './facts.ts';

// Every lead's moves and stays (spells) packed in typed arrays, a lead's rows side by side:
// the scans that walk them (funnel, conversion, time in stage) read a few numbers in a row
// instead of chasing an object per move through the heap. A lead whose rows change is written
// over its old rows when they fit, else after the last row; the rows left behind are reclaimed
// when they come to half of the whole (LeadTable repacks).

const grown = <A extends Float64Array | Int32Array | Int8Array>(old: A, size: number): A => {
  const next = new (old.constructor as new (n: number) => A)(size);
  next.set(old);
  return next;
};

abstract class Packed {
  /** Per slot: the first row and the number of rows. */
  start = new Int32Array(1024);
  count = new Int32Array(1024);
  #used = 0;
  #garbage = 0;

  protected abstract get capacity(): number;
  protected abstract growRows(size: number): void;

  /** Rows for a slot's `n` rows: its old ones if they fit, else new ones at the end. */
  protected place(slot: number, n: number): number {
    if (slot >= this.start.length) {
      const size = Math.max(slot + 1, this.start.length * 2);
      this.start = grown(this.start, size);
      this.count = grown(this.count, size);
    }
    const had = this.count[slot] as number;
    let first = this.start[slot] as number;
    if (n > had) {
      this.#garbage += had;
      first = this.#used;
      this.#used += n;
      if (this.#used > this.capacity) this.growRows(Math.max(this.#used, this.capacity * 2));
    } else this.#garbage += had - n;
    this.start[slot] = first;
    this.count[slot] = n;
    return first;
  }

  /** True when the rows left behind are half of all rows (time to repack). */
  get wasteful(): boolean {
    return this.#used > 65_536 && this.#garbage * 2 > this.#used;
  }

  reset(): void {
    this.#used = 0;
    this.#garbage = 0;
    this.count.fill(0);
  }
}

/** Each move: when, the stage entered (FUNNEL_ORDER index and pipeline rank), the park that made it. */
export class MoveColumns extends Packed {
  ms = new Float64Array(4096);
  to = new Int8Array(4096);
  rank = new Int8Array(4096);
  park = new Int8Array(4096);

  protected get capacity(): number {
    return this.ms.length;
  }

  protected growRows(size: number): void {
    this.ms = grown(this.ms, size);
    this.to = grown(this.to, size);
    this.rank = grown(this.rank, size);
    this.park = grown(this.park, size);
  }

  put(slot: number, facts: LeadFacts): void {
    const moves = facts.moves;
    const first = this.place(slot, moves.length);
    for (let k = 0; k < moves.length; k++) {
      const m = moves[k] as LeadFacts['moves'][number];
      this.ms[first + k] = m.ms;
      this.to[first + k] = m.toIndex;
      this.rank[first + k] = m.toRank;
      this.park[first + k] = m.park;
    }
  }
}

/** Each stay: when it was entered and left (OPEN: still there), its days and working days, its stage and park. */
export class SpellColumns extends Packed {
  enterMs = new Float64Array(4096);
  leaveMs = new Float64Array(4096);
  enterDay = new Float64Array(4096);
  leaveDay = new Float64Array(4096);
  enterWork = new Float64Array(4096);
  leaveWork = new Float64Array(4096);
  stage = new Int8Array(4096);
  park = new Int8Array(4096);

  protected get capacity(): number {
    return this.leaveMs.length;
  }

  protected growRows(size: number): void {
    this.enterMs = grown(this.enterMs, size);
    this.leaveMs = grown(this.leaveMs, size);
    this.enterDay = grown(this.enterDay, size);
    this.leaveDay = grown(this.leaveDay, size);
    this.enterWork = grown(this.enterWork, size);
    this.leaveWork = grown(this.leaveWork, size);
    this.stage = grown(this.stage, size);
    this.park = grown(this.park, size);
  }

  put(slot: number, facts: LeadFacts): void {
    const spells = facts.spells;
    const first = this.place(slot, spells.length);
    for (let k = 0; k < spells.length; k++) {
      const s = spells[k] as LeadFacts['spells'][number];
      this.enterMs[first + k] = s.enterMs;
      this.leaveMs[first + k] = s.leaveMs;
      this.enterDay[first + k] = s.enterDay;
      this.leaveDay[first + k] = s.leaveDay;
      this.enterWork[first + k] = s.enterWork;
      this.leaveWork[first + k] = s.leaveWork;
      this.stage[first + k] = s.stageIndex;
      this.park[first + k] = s.park;
    }
  }
}

/**
 * Names given small integer ids in the order first seen (the directions a lead matched at intake
 * are catalog codes, an open list): a scan counts into arrays indexed by id and names the rows
 * it returns at the end. Ids are never taken back, so a table's columns stay valid as it grows.
 */
export class Vocabulary {
  readonly names: string[] = [];
  readonly #ids = new Map<string, number>();

  id(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.#ids.set(name, id);
    }
    return id;
  }

  get size(): number {
    return this.names.length;
  }
}

/**
 * Each direction matched at intake, by scope: its id in a Vocabulary and the scope (0: the city's
 * union over the parks, 1 + i: park i's own), a lead's rows in scope order.
 */
export class DirectionColumns extends Packed {
  id = new Int32Array(4096);
  scope = new Int8Array(4096);

  protected get capacity(): number {
    return this.id.length;
  }

  protected growRows(size: number): void {
    this.id = grown(this.id, size);
    this.scope = grown(this.scope, size);
  }

  put(slot: number, facts: LeadFacts, names: Vocabulary): void {
    let n = facts.intakeDirections.length;
    for (const r of facts.ratings) n += r?.intakeDirections.length ?? 0;
    let k = this.place(slot, n);
    for (const d of facts.intakeDirections) {
      this.id[k] = names.id(d);
      this.scope[k++] = 0;
    }
    for (let p = 0; p < facts.ratings.length; p++)
      for (const d of facts.ratings[p]?.intakeDirections ?? []) {
        this.id[k] = names.id(d);
        this.scope[k++] = p + 1;
      }
  }
}
