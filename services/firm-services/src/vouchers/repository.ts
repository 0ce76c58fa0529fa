import { type OutboxEntry, type OutboxFields, updateWithEvents, withEvents } from '@parkmatch/service-kit';
import {
  type Collection,
  type DocumentStore,
  DuplicateKeyError,
  type Filter,
  NO_OUTBOX,
} from '@parkmatch/store';
import type { AccountDoc } from './account.ts';

/**
 * The `vouchers` collection: one account per firm, its ledger inside it. Every change is a
 * compare-and-set on the account's revision (like the leads' pipeline revision): it is written,
 * with its events, only when nobody changed the account since it was read — so two orders
 * spending at once can never both spend the same balance.
 */
export class VoucherRepository {
  static readonly COLLECTION = 'vouchers';
  readonly #accounts: Collection<AccountDoc & OutboxFields>;

  private constructor(accounts: Collection<AccountDoc & OutboxFields>) {
    this.#accounts = accounts;
  }

  static async open(store: DocumentStore): Promise<VoucherRepository> {
    const accounts = store.collection<AccountDoc & OutboxFields>(VoucherRepository.COLLECTION);
    await accounts.createIndex({ keys: { parkId: 1, _id: 1 }, purpose: 'a park’s voucher accounts' });
    await accounts.createIndex({
      keys: { expiresOn: 1 },
      purpose: 'the expiry sweep: accounts past their day',
    });
    return new VoucherRepository(accounts);
  }

  get(leadId: string): Promise<AccountDoc | null> {
    return this.#accounts.findOne({ _id: leadId }, { projection: NO_OUTBOX });
  }

  list(filter: Filter): Promise<AccountDoc[]> {
    return this.#accounts.find(filter, { sort: { _id: 1 }, limit: 500, projection: NO_OUTBOX });
  }

  /** Accounts whose expiry day is before `day` and that still hold a balance. */
  expiredWithBalance(day: string): Promise<AccountDoc[]> {
    return this.#accounts.find(
      { expiresOn: { $lt: day }, balanceCny: { $gt: 0 } },
      { limit: 500, projection: NO_OUTBOX },
    );
  }

  /** The firm's account follows it to the park that owns it now. */
  async moveToPark(leadId: string, parkId: string): Promise<void> {
    await this.#accounts.updateOne({ _id: leadId, parkId: { $ne: parkId } }, { $set: { parkId } });
  }

  /**
   * Writes `account` (read at `account.revision`, a new one at 0) with its events; false when
   * somebody wrote it first (the caller reads again and retries).
   */
  async write(account: AccountDoc, events: readonly OutboxEntry[]): Promise<boolean> {
    // The park is the firm's owner park, kept by moveToPark alone (a write never puts back an old one).
    const { revision, _id, parkId: _parkId, ...fields } = account;
    if (revision === 0) {
      try {
        await this.#accounts.insertOne(withEvents({ ...account, revision: 1 }, events));
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    }
    const { matched } = await this.#accounts.updateOne(
      { _id, revision },
      updateWithEvents({ $set: { ...fields, revision: revision + 1 } }, events),
    );
    return matched === 1;
  }
}
