import type { Stage } from '@parkmatch/contracts';
import type { Collection, DocumentStore, UpdateById } from '@parkmatch/store';
import { groupLoad } from '../batching.ts';
import { type LeadFacts, newer, type ParkRating, unknownLead } from './facts.ts';

/** The `lead-facts` collection: notifications' own read model of the leads it announces. */
export class LeadFactsRepository {
  readonly #facts: Collection<LeadFacts>;

  private constructor(facts: Collection<LeadFacts>) {
    this.#facts = facts;
  }

  static async open(store: DocumentStore): Promise<LeadFactsRepository> {
    return new LeadFactsRepository(store.collection<LeadFacts>('lead-facts'));
  }

  /** A lead's facts (an unknown lead's empty ones); concurrent reads are made as one query. */
  async get(leadId: string): Promise<LeadFacts> {
    return (await this.#load(leadId)) ?? unknownLead(leadId);
  }

  readonly #load = groupLoad<LeadFacts>(async (ids) => {
    const found = await this.#facts.find({ _id: { $in: ids } });
    return new Map(found.map((f) => [f._id, f]));
  });

  async getMany(leadIds: readonly string[]): Promise<Map<string, LeadFacts>> {
    const found = await this.#facts.find({ _id: { $in: [...new Set(leadIds)] } });
    return new Map(leadIds.map((id) => [id, found.find((f) => f._id === id) ?? unknownLead(id)]));
  }

  /** Scores of one batch, in event order, in one write. */
  async recordScores(
    scores: readonly {
      leadId: string;
      parkId: string;
      firmName: string;
      projectTitle: string;
      rating: ParkRating;
    }[],
  ): Promise<void> {
    if (scores.length === 0) return;
    const ops: UpdateById[] = scores.map((s) => ({
      _id: s.leadId,
      upsert: true,
      update: {
        $set: { firmName: s.firmName, projectTitle: s.projectTitle, [`parks.${s.parkId}`]: s.rating },
        $setOnInsert: { owner: null, stage: null, liaison: null, withdrawnAt: null },
      },
    }));
    await this.#facts.bulkUpdateById(ops);
  }

  async recordOwner(leadId: string, parkId: string, at: string): Promise<LeadFacts> {
    return this.#change(leadId, (f) => (newer(f.owner, at) ? { owner: { parkId, at } } : {}));
  }

  /**
   * A transfer: the receiving park owns the lead, and the liaison the old park named before it
   * is no longer the lead's (one the receiving park named after it, seen first, stays).
   */
  async recordTransfer(leadId: string, toParkId: string, at: string): Promise<LeadFacts> {
    return this.#change(leadId, (f) => {
      if (!newer(f.owner, at)) return {}; // the same transfer again, or an older one
      const owner = { parkId: toParkId, at, transferred: true };
      return f.liaison && f.liaison.at < at ? { owner, liaison: null } : { owner };
    });
  }

  async recordStage(leadId: string, stage: Stage, at: string): Promise<LeadFacts> {
    return this.#change(leadId, (f) => (newer(f.stage, at) ? { stage: { stage, at } } : {}));
  }

  /** A liaison named before the lead's latest transfer was the old park's: it is not kept. */
  async recordLiaison(leadId: string, username: string, at: string): Promise<LeadFacts> {
    return this.#change(leadId, (f) =>
      newer(f.liaison, at) && !(f.owner?.transferred && at < f.owner.at) ? { liaison: { username, at } } : {},
    );
  }

  async recordWithdrawn(leadId: string, at: string): Promise<LeadFacts> {
    return this.#change(leadId, () => ({ withdrawnAt: at }));
  }

  /** Reads, decides, writes the changed fields only (each field has one writer topic). */
  async #change(leadId: string, decide: (facts: LeadFacts) => Partial<LeadFacts>): Promise<LeadFacts> {
    const facts = await this.get(leadId);
    const changes = decide(facts);
    if (Object.keys(changes).length === 0) return facts;
    const { _id, ...fresh } = unknownLead(leadId);
    await this.#facts.updateOne(
      { _id: leadId },
      { $set: changes, $setOnInsert: withoutKeys(fresh, changes) },
      { upsert: true },
    );
    return { ...facts, ...changes };
  }
}

function withoutKeys<T extends object>(object: T, keys: object): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([k]) => !(k in keys))) as Partial<T>;
}
