import { MongoClient } from 'mongodb';
import { assertCollectionName } from '../guard.ts';
import type { Collection, Doc, DocumentStore } from '../port.ts';
import { MongoCollection } from './collection.ts';

export interface MongoStoreOptions {
  /** A replica set (transactions back insertMany), e.g. mongodb://mongo:27017/?replicaSet=rs0 */
  url: string;
  database: string;
}

/** The production DocumentStore: connects before resolving, so a wrong URL fails at startup. */
export async function createMongoStore({ url, database }: MongoStoreOptions): Promise<DocumentStore> {
  // ignoreUndefined: an undefined field is left out, as JSON (and the embedded store) does.
  const client = new MongoClient(url, { ignoreUndefined: true });
  await client.connect();
  const db = client.db(database);
  const collections = new Map<string, MongoCollection<Doc>>();
  let closed = false;

  return {
    kind: 'mongo',
    collection<T extends Doc>(name: string): Collection<T> {
      if (closed) throw new Error('the store is closed');
      assertCollectionName(name);
      let collection = collections.get(name);
      if (!collection) {
        collection = new MongoCollection(client, db.collection<Doc>(name));
        collections.set(name, collection);
      }
      return collection as unknown as Collection<T>;
    },
    async ping() {
      if (closed) throw new Error('the store is closed');
      await db.command({ ping: 1 });
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
