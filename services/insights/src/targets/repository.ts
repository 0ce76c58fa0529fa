import { type Collection, type DocumentStore, DuplicateKeyError, type Filter } from '@parkmatch/store';
import { type TargetDoc, targetId } from './target.ts';

/** The `targets` collection: managers' targets, one per scope (a park or the city) and year. */
export class TargetRepository {
  readonly #targets: Collection<TargetDoc>;

  private constructor(targets: Collection<TargetDoc>) {
    this.#targets = targets;
  }

  static async open(store: DocumentStore): Promise<TargetRepository> {
    const targets = store.collection<TargetDoc>('targets');
    await targets.createIndex({ keys: { scope: 1, year: 1 }, purpose: 'a scope’s targets by year' });
    return new TargetRepository(targets);
  }

  get(scope: string, year: number): Promise<TargetDoc | null> {
    return this.#targets.findOne({ _id: targetId(scope, year) });
  }

  /** Targets of these scopes (all when undefined), optionally of one year, by scope then year. */
  list(scopes: readonly string[] | undefined, year?: number): Promise<TargetDoc[]> {
    const filter: Filter = {};
    if (scopes) filter.scope = { $in: [...scopes] };
    if (year !== undefined) filter.year = year;
    return this.#targets.find(filter, { sort: { scope: 1, year: 1 } });
  }

  /**
   * Stores the target if it is still as read (`updatedAt` of the version read, null: none yet);
   * false when someone changed it meanwhile.
   */
  async save(doc: TargetDoc, readAt: string | null): Promise<boolean> {
    if (readAt === null) {
      try {
        await this.#targets.insertOne(doc);
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    }
    const result = await this.#targets.replaceOne({ _id: doc._id, updatedAt: readAt }, doc);
    return result.matched === 1;
  }
}
