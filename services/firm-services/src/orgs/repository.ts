import type { Collection, DocumentStore } from '@parkmatch/store';
import type { OrgDoc } from './org.ts';

/** The `orgs` collection: banks and service operators with their member accounts. */
export class OrgRepository {
  static readonly COLLECTION = 'orgs';
  readonly #orgs: Collection<OrgDoc>;

  private constructor(orgs: Collection<OrgDoc>) {
    this.#orgs = orgs;
  }

  static async open(store: DocumentStore): Promise<OrgRepository> {
    const orgs = store.collection<OrgDoc>(OrgRepository.COLLECTION);
    await orgs.createIndex({ keys: { kind: 1, _id: 1 }, purpose: 'the banks, or the operators, by id' });
    await orgs.createIndex({ keys: { members: 1 }, purpose: 'the organisations an account acts for' });
    return new OrgRepository(orgs);
  }

  get(id: string): Promise<OrgDoc | null> {
    return this.#orgs.findOne({ _id: id });
  }

  list(kind?: OrgDoc['kind']): Promise<OrgDoc[]> {
    return this.#orgs.find(kind ? { kind } : {}, { sort: { _id: 1 } });
  }

  /** Creates or replaces an organisation; its kind never changes (false when it would). */
  async put(org: OrgDoc): Promise<boolean> {
    const existing = await this.get(org._id);
    if (existing && existing.kind !== org.kind) return false;
    await this.#orgs.replaceOne({ _id: org._id }, org, { upsert: true });
    return true;
  }
}
