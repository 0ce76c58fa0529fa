import type { Collection, DocumentStore } from '@parkmatch/store';
import type { InboxEntry } from './domain/inbox.ts';

export interface Repositories {
  inbox: Collection<InboxEntry>;
}

export async function openRepositories(store: DocumentStore): Promise<Repositories> {
  const inbox = store.collection<InboxEntry>('inbox');
  await inbox.createIndex({
    keys: { parkId: 1, createdAt: -1 },
    purpose: "a park team's inbox, newest first",
  });
  return { inbox };
}
