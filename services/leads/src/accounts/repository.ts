import type { Role } from '@parkmatch/service-kit';
import type { Collection, DocumentStore } from '@parkmatch/store';

export interface User {
  _id: string; // the username
  role: Role;
  parkId?: string;
  passwordHash: string;
  createdAt: string;
}

/** The `users` collection: team accounts. */
export class UserRepository {
  readonly #users: Collection<User>;

  private constructor(users: Collection<User>) {
    this.#users = users;
  }

  static async open(store: DocumentStore): Promise<UserRepository> {
    return new UserRepository(store.collection<User>('users'));
  }

  get(username: string): Promise<User | null> {
    return this.#users.findOne({ _id: username });
  }

  /** Throws DuplicateKeyError when the username is taken. */
  async insert(user: User): Promise<void> {
    await this.#users.insertOne(user);
  }
}
