import { randomUUID } from 'node:crypto';
import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { MongoClient } from 'mongodb';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, describe } from 'vitest';
import { runStoreContract } from '../contract.case.ts';
import type { DocumentStore } from '../port.ts';
import { createMongoStore } from './store.ts';

// Runs the contract against MONGO_URL (a replica set) when set, else against a MongoDB
// container when a Docker engine answers; otherwise the suite is skipped, saying why.

type Target = { url: string } | { container: true } | { skip: string };

async function findMongo(): Promise<Target> {
  const url = process.env.MONGO_URL;
  if (url) return { url };
  try {
    await getContainerRuntimeClient();
    return { container: true };
  } catch (error) {
    return { skip: `MONGO_URL is not set and no Docker engine answers (${(error as Error).message})` };
  }
}

const target = await findMongo();
if ('skip' in target) process.stderr.write(`\n[store] SKIPPED mongo contract suite: ${target.skip}\n\n`);

describe.skipIf('skip' in target)('mongo adapter', () => {
  const databasePrefix = `store_contract_${randomUUID().slice(0, 8)}`;
  const databases = new Map<DocumentStore, string>();
  let container: StartedMongoDBContainer | undefined;
  let url = '';

  beforeAll(async () => {
    if ('url' in target) url = target.url;
    else {
      container = await new MongoDBContainer('mongo:8.0').start();
      url = `${container.getConnectionString()}/?directConnection=true`;
    }
  });

  afterAll(async () => {
    if (container) {
      await container.stop();
    } else if (url) {
      const client = await new MongoClient(url).connect();
      await Promise.all([...new Set(databases.values())].map((name) => client.db(name).dropDatabase()));
      await client.close();
    }
  });

  async function openDatabase(database: string): Promise<DocumentStore> {
    const store = await createMongoStore({ url, database });
    databases.set(store, database);
    return store;
  }

  runStoreContract({
    name: 'mongo (official driver)',
    open: () => openDatabase(`${databasePrefix}_${databases.size}`),
    reopen: (closed) => openDatabase(databases.get(closed) as string),
  });
});
