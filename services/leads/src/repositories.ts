import type { Role } from '@parkmatch/service-kit';
import { OUTBOX_INDEX, type OutboxFields } from '@parkmatch/service-kit';
import type { Collection, DocumentStore } from '@parkmatch/store';
import type { Lead } from './domain/lead.ts';

export interface User {
  _id: string; // the username
  role: Role;
  parkId?: string;
  passwordHash: string;
  createdAt: string;
}

export type LeadDoc = Lead & OutboxFields;

export interface Repositories {
  leads: Collection<LeadDoc>;
  users: Collection<User>;
  /** Collections whose documents carry outbox entries. */
  outboxCollections: string[];
}

export async function openRepositories(store: DocumentStore): Promise<Repositories> {
  const leads = store.collection<LeadDoc>('leads');
  const users = store.collection<User>('users');
  await leads.createIndex({
    keys: { 'profile.firm.creditCode': 1 },
    unique: true,
    purpose: 'one profile per firm: a second submission is a conflict, not a duplicate lead',
  });
  await leads.createIndex({ keys: { stage: 1, updatedAt: -1 }, purpose: 'team lists of leads by stage' });
  await leads.createIndex(OUTBOX_INDEX);
  return { leads, users, outboxCollections: ['leads'] };
}
