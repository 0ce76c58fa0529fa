import type { EventOf, Events } from '@parkmatch/contracts';
import { type Collection, type DocumentStore, DuplicateKeyError } from '@parkmatch/store';

// Who owns each lead, from the leads service's claims (首报首谈) and transfers: the owner park's
// team sees its own park's score of the lead whatever the tier (access.ts's canSeeRatingAt), as
// it may open the lead itself. The two topics keep no order between them and an event may come
// twice: the newest `at` wins, whatever came first.

export interface LeadOwnerDoc {
  _id: string; // leadId
  parkId: string;
  /** When the park became the owner (the claim's or the transfer's time). */
  at: string;
}

/** The `lead-owners` collection: one small record per owned lead. */
export class LeadOwnerRepository {
  static readonly COLLECTION = 'lead-owners';
  readonly #owners: Collection<LeadOwnerDoc>;

  private constructor(owners: Collection<LeadOwnerDoc>) {
    this.#owners = owners;
  }

  static async open(store: DocumentStore): Promise<LeadOwnerRepository> {
    return new LeadOwnerRepository(store.collection<LeadOwnerDoc>(LeadOwnerRepository.COLLECTION));
  }

  /** The lead's owner park, or null while nobody has claimed it. */
  async get(leadId: string): Promise<LeadOwnerDoc | null> {
    return this.#owners.findOne({ _id: leadId });
  }

  /**
   * Records owners, each unless a newer one is stored. Each change is one conditional write
   * (no read before it), so a claim and a transfer handled at once cannot undo each other.
   */
  async record(owners: readonly LeadOwnerDoc[]): Promise<void> {
    const newest = new Map<string, LeadOwnerDoc>();
    for (const owner of owners) {
      const seen = newest.get(owner._id);
      if (!seen || seen.at < owner.at) newest.set(owner._id, owner);
    }
    await Promise.all([...newest.values()].map((owner) => this.#record(owner)));
  }

  async #record(owner: LeadOwnerDoc): Promise<void> {
    const moveIfOlder = () =>
      this.#owners.updateOne(
        { _id: owner._id, at: { $lt: owner.at } },
        { $set: { parkId: owner.parkId, at: owner.at } },
      );
    if ((await moveIfOlder()).matched > 0) return;
    try {
      await this.#owners.insertOne(owner);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      await moveIfOlder(); // stored meanwhile, or already there (as new as this one, or newer)
    }
  }
}

/** The consumer of claims (首报首谈), a batch at a time: the claiming park owns the lead. */
export function onClaims(deps: { owners: LeadOwnerRepository }) {
  return (events: readonly EventOf<typeof Events.leadClaimed>[]): Promise<void> =>
    deps.owners.record(events.map(({ payload: p }) => ({ _id: p.leadId, parkId: p.parkId, at: p.at })));
}

/** The consumer of transfers, a batch at a time: the receiving park owns the lead. */
export function onTransfers(deps: { owners: LeadOwnerRepository }) {
  return (events: readonly EventOf<typeof Events.leadTransferred>[]): Promise<void> =>
    deps.owners.record(events.map(({ payload: p }) => ({ _id: p.leadId, parkId: p.toParkId, at: p.at })));
}
