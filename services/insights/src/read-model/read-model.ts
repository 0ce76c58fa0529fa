import type { ReadModelEvent } from './events.ts';
import { factsOf } from './facts.ts';
import { fold } from './fold.ts';
import { emptyLeadState, type LeadState } from './lead-state.ts';
import { LeadTable } from './lead-table.ts';
import type { LeadStateRepository } from './repository.ts';

/**
 * The read model in memory, kept in step with its store: the facts of every lead (what the
 * metrics scan), and the states of the leads folded lately (an LRU; the others are read from
 * the store when an event comes for them). A batch of events is folded, written as one store
 * write, and only then put in memory, so memory never shows what the store does not hold.
 * Batches are applied one at a time (the consumers of several topics share one model).
 */
export class ReadModel {
  /** Dense, for scans; `#slot` finds a lead's place in it. */
  readonly #table = new LeadTable();
  readonly #slot = new Map<string, number>();
  readonly #states = new Map<string, LeadState>();
  readonly #cacheSize: number;
  readonly #repository: LeadStateRepository;
  #queue: Promise<unknown> = Promise.resolve();
  #version = 0;
  #events = 0;

  private constructor(repository: LeadStateRepository, cacheSize: number) {
    this.#repository = repository;
    this.#cacheSize = cacheSize;
  }

  /** A model over a generation's collection, its facts loaded whole (a page of states at a time). */
  static async load(
    repository: LeadStateRepository,
    options: { cacheSize?: number } = {},
  ): Promise<ReadModel> {
    const model = new ReadModel(repository, options.cacheSize ?? 20_000);
    for await (const page of repository.pages()) for (const state of page) model.#putFacts(state);
    return model;
  }

  get generation(): number {
    return this.#repository.generation;
  }

  /** Goes up on every change: a cache key for what is computed from the model. */
  get version(): number {
    return this.#version;
  }

  get size(): number {
    return this.#table.size;
  }

  /** Events folded by this instance since it loaded (a redelivered one included). */
  get eventsSeen(): number {
    return this.#events;
  }

  /** Every lead's facts (a live view: do not keep it across awaits). */
  facts(): LeadTable {
    return this.#table;
  }

  /** A lead's state as stored. */
  async state(leadId: string): Promise<LeadState | undefined> {
    return this.#states.get(leadId) ?? (await this.#repository.byIds([leadId]))[0];
  }

  /** Folds a batch and stores the leads it changed in one write; resolves with how many changed. */
  apply(events: readonly ReadModelEvent[]): Promise<number> {
    const run = this.#queue.then(() => this.#apply(events));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(events: readonly ReadModelEvent[]): Promise<number> {
    const stored = await this.#statesOf(events);
    const changed = new Map<string, LeadState>();
    for (const input of events) {
      const leadId = input.event.payload.leadId;
      const before = changed.get(leadId) ?? stored.get(leadId) ?? emptyLeadState(leadId);
      const after = fold(before, input);
      if (after !== before) changed.set(leadId, after);
    }
    await this.#repository.write([...changed.values()]);
    for (const state of changed.values()) {
      this.#putFacts(state);
      this.#remember(state);
    }
    this.#events += events.length;
    if (changed.size > 0) this.#version++;
    return changed.size;
  }

  /** The stored states of the batch's leads: from memory, the rest in one read. */
  async #statesOf(events: readonly ReadModelEvent[]): Promise<Map<string, LeadState>> {
    const states = new Map<string, LeadState>();
    const missing: string[] = [];
    for (const { event } of events) {
      const leadId = event.payload.leadId;
      if (states.has(leadId) || missing.includes(leadId)) continue;
      const cached = this.#states.get(leadId);
      if (cached) states.set(leadId, cached);
      else if (this.#slot.has(leadId)) missing.push(leadId); // known, not in memory
    }
    if (missing.length > 0)
      for (const state of await this.#repository.byIds(missing)) states.set(state._id, state);
    return states;
  }

  #remember(state: LeadState): void {
    this.#states.delete(state._id);
    this.#states.set(state._id, state);
    if (this.#states.size > this.#cacheSize) this.#states.delete(this.#states.keys().next().value as string);
  }

  #putFacts(state: LeadState): void {
    const facts = factsOf(state);
    let slot = this.#slot.get(state._id);
    if (slot === undefined) {
      slot = this.#table.size;
      this.#slot.set(state._id, slot);
    }
    this.#table.set(slot, facts);
  }
}
