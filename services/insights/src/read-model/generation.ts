import { CONSUMER_GROUPS } from '@parkmatch/contracts';
import type { Collection, DocumentStore } from '@parkmatch/store';

// Which generation of the read model is served, and which consumer group feeds it. A rebuild
// folds the whole history into generation n+1 with a fresh group reading every topic from its
// first event, then activates it; the running service sees the change and swaps (served.ts).

export interface ActiveGeneration {
  _id: 'active';
  generation: number;
  /** The consumer group that feeds it. */
  group: string;
  activatedAt: string;
  /** Set by a rebuild: how many events it folded, into how many leads, how long it took. */
  rebuilt?: { events: number; leads: number; tookMs: number };
}

export const FIRST_GENERATION: ActiveGeneration = {
  _id: 'active',
  generation: 1,
  group: CONSUMER_GROUPS.insightsReadModel.group,
  activatedAt: new Date(0).toISOString(),
};

/** A fresh group for a rebuild into `generation` (a new one each try: an old try's group has moved on). */
export const rebuildGroup = (generation: number, run: string): string =>
  `${CONSUMER_GROUPS.insightsReadModel.group}.g${generation}.${run}`;

/** The `read_model` collection: one document saying which generation is active. */
export class GenerationRepository {
  readonly #meta: Collection<ActiveGeneration>;

  private constructor(meta: Collection<ActiveGeneration>) {
    this.#meta = meta;
  }

  static async open(store: DocumentStore): Promise<GenerationRepository> {
    return new GenerationRepository(store.collection<ActiveGeneration>('read_model'));
  }

  /** The generation served (the first when none was ever activated). */
  async active(): Promise<ActiveGeneration> {
    return (await this.#meta.findOne({ _id: 'active' })) ?? FIRST_GENERATION;
  }

  async activate(active: Omit<ActiveGeneration, '_id'>): Promise<void> {
    await this.#meta.replaceOne({ _id: 'active' }, { _id: 'active', ...active }, { upsert: true });
  }
}
