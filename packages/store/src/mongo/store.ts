import { MongoClient } from 'mongodb';
import { assertCollectionName } from '../guard.ts';
import { embeddedOutbox } from '../outbox.ts';
import type { Collection, Doc, DocumentStore, Outbox } from '../port.ts';
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
  const outboxes = new Map<string, Outbox>();
  let closed = false;
  const collection = <T extends Doc>(name: string): Collection<T> => {
    if (closed) throw new Error('the store is closed');
    assertCollectionName(name);
    let opened = collections.get(name);
    if (!opened) {
      opened = new MongoCollection(client, db.collection<Doc>(name));
      collections.set(name, opened);
    }
    return opened as unknown as Collection<T>;
  };

  return {
    kind: 'mongo',
    collection,
    outbox(name: string): Outbox {
      let outbox = outboxes.get(name);
      if (!outbox) {
        outbox = embeddedOutbox(collection(name));
        outboxes.set(name, outbox);
      }
      return outbox;
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
