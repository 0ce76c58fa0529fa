import { createEvent, Events } from '@parkmatch/contracts';
import {
  type AccessRevoked,
  HttpProblem,
  type OutboxFields,
  outboxEntry,
  type Role,
  updateWithEvents,
} from '@parkmatch/service-kit';
import {
  type Collection,
  type DocumentStore,
  type Filter,
  NO_OUTBOX,
  type Update,
  withoutOutbox,
} from '@parkmatch/store';

export interface User {
  _id: string; // the username
  role: Role;
  parkId?: string;
  passwordHash: string;
  createdAt: string;
  /** A disabled account cannot sign in, and its tokens were revoked when it was disabled. */
  disabled?: boolean;
  /** Raised on every revocation; tokens carry it (`ep`) and one lower is refused (absent: 0). */
  tokenEpoch?: number;
  updatedAt?: string;
}

/** The roles of a park's team (its other accounts, if any, are not on its roster). */
export const TEAM_ROLES = ['analyst', 'manager'] as const;

export type RevocationReason = AccessRevoked['payload']['reason'];

/** Tries of a revoking write when the account changes under it. */
const ATTEMPTS = 3;

/** The `users` collection: team accounts (with an outbox: revocations are announced). */
export class UserRepository {
  static readonly COLLECTION = 'users';
  readonly #users: Collection<User & OutboxFields>;

  private constructor(users: Collection<User & OutboxFields>) {
    this.#users = users;
  }

  static async open(store: DocumentStore): Promise<UserRepository> {
    const users = store.collection<User & OutboxFields>(UserRepository.COLLECTION);
    await users.createIndex({ keys: { parkId: 1 }, purpose: 'account list: a park’s accounts' });
    return new UserRepository(users);
  }

  get(username: string): Promise<User | null> {
    return this.#users.findOne({ _id: username }, { projection: NO_OUTBOX });
  }

  /** Accounts by username, of one park when given. */
  list(parkId?: string): Promise<User[]> {
    return this.#users.find(parkId ? { parkId } : {}, { sort: { _id: 1 }, projection: NO_OUTBOX });
  }

  /**
   * A park's team as its members see one another: its analysts and managers whose accounts
   * are not disabled, by username (whom a lead's liaison may be picked from).
   */
  roster(parkId: string): Promise<User[]> {
    return this.#users.find(
      { parkId, role: { $in: [...TEAM_ROLES] }, disabled: { $ne: true } },
      { sort: { _id: 1 }, projection: NO_OUTBOX },
    );
  }

  /** Throws DuplicateKeyError when the username is taken. */
  async insert(user: User): Promise<void> {
    await this.#users.insertOne(user);
  }

  /**
   * Applies `update` to the account and revokes every token issued to it so far, in one
   * write with the `leads.access.revoked.v1` that tells every service. Returns the account
   * after the change and the revocation (null when there is no such account).
   */
  async revoke(
    username: string,
    update: Update,
    { reason, by, at }: { reason: RevocationReason; by: string; at: string },
  ): Promise<{ user: User; revocation: AccessRevoked['payload'] } | null> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await this.get(username);
      if (!current) return null;
      const from = current.tokenEpoch ?? 0;
      const revocation = { subject: username, epoch: from + 1, reason, by, at };
      const event = createEvent(Events.accessRevoked, {
        key: username,
        source: 'leads',
        payload: revocation,
      });
      // Compare-and-set on the epoch: two revocations at once each raise it once.
      const atEpoch: Filter =
        from === 0 ? { $or: [{ tokenEpoch: 0 }, { tokenEpoch: { $exists: false } }] } : { tokenEpoch: from };
      const user = await this.#users.findOneAndUpdate(
        { $and: [{ _id: username }, atEpoch] },
        updateWithEvents({ ...update, $set: { ...update.$set, tokenEpoch: from + 1, updatedAt: at } }, [
          outboxEntry(Events.accessRevoked, event),
        ]),
      );
      const plain = withoutOutbox<User>(user);
      if (plain) return { user: plain, revocation };
    }
    throw new HttpProblem(409, {
      zh: `账号 ${username} 正在被修改，请稍后再试`,
      en: `account ${username} kept changing meanwhile; try again`,
    });
  }

  /** Changes the account without revoking anything (enabling it again). */
  async update(username: string, update: Update): Promise<User | null> {
    return withoutOutbox<User>(await this.#users.findOneAndUpdate({ _id: username }, update));
  }
}
