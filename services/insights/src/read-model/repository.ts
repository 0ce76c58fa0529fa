import type { Collection, DocumentStore } from '@parkmatch/store';
import type { LeadState } from './lead-state.ts';

/**
 * How a lead's state is stored: its JSON as one field. The read model only ever reads its
 * documents by `_id` (whole, at start, or a batch's leads), never by a field inside, so the
 * store need not see inside either; this keeps a write one field per document instead of the
 * dozens of nested paths a state has (measured: see docs/benchmarks.md, Insights).
 */
interface StoredLeadState {
  _id: string;
  /** Format of `state`. */
  v: 1;
  state: string;
}

const decode = (doc: StoredLeadState): LeadState => JSON.parse(doc.state) as LeadState;

/**
 * A generation of the read model's `lead_states` collection: one document per lead. A rebuild
 * folds the whole history into the next generation and then makes it the active one
 * (GenerationRepository), so the one being served is never half-rebuilt.
 */
export class LeadStateRepository {
  readonly #states: Collection<StoredLeadState>;
  readonly generation: number;

  private constructor(states: Collection<StoredLeadState>, generation: number) {
    this.#states = states;
    this.generation = generation;
  }

  static collectionName(generation: number): string {
    return `lead_states_g${generation}`;
  }

  static async open(store: DocumentStore, generation: number): Promise<LeadStateRepository> {
    // Read whole at start (pages by _id) and a batch's leads by _id: no index beyond _id.
    const states = store.collection<StoredLeadState>(LeadStateRepository.collectionName(generation));
    return new LeadStateRepository(states, generation);
  }

  /** Every lead's state, a page at a time (by id). */
  async *pages(size = 5_000): AsyncGenerator<LeadState[]> {
    let after: string | undefined;
    for (;;) {
      const page = await this.#states.find(after === undefined ? {} : { _id: { $gt: after } }, {
        sort: { _id: 1 },
        limit: size,
      });
      if (page.length === 0) return;
      yield page.map(decode);
      after = page.at(-1)?._id;
      if (page.length < size) return;
    }
  }

  /** These leads' states (those stored). */
  async byIds(ids: readonly string[]): Promise<LeadState[]> {
    return (await this.#states.find({ _id: { $in: [...ids] } })).map(decode);
  }

  /** Writes the states as one store write. */
  async write(states: readonly LeadState[]): Promise<void> {
    if (states.length === 0) return;
    await this.#states.bulkUpdateById(
      states.map((state) => ({
        _id: state._id,
        update: { $set: { v: 1, state: JSON.stringify(state) } },
        upsert: true,
      })),
    );
  }

  /** Empties the collection (a rebuild starting over, or an old generation after a swap). */
  clear(): Promise<number> {
    return this.#states.deleteMany({});
  }

  count(): Promise<number> {
    return this.#states.countDocuments({});
  }
}
