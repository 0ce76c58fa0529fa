import type { Principal } from '@parkmatch/service-kit';
import { type Collection, type DocumentStore, DuplicateKeyError, type Filter } from '@parkmatch/store';
import type { Adapters } from '../channels/adapters.ts';
import { type Channel, DeliveryError, type OutgoingMessage } from '../channels/port.ts';
import { purgeEntries } from '../inbox/repository.ts';
import { isBankKey } from '../notification/notification.ts';

// Banks' inboxes: the needs pushed to a bank, one entry per push, read by the officers it was
// addressed to (the bank's members when it was pushed). Written by the delivery machinery like
// a park team's inbox: the inbox target names whose inbox — a park id, or `bank:<bankId>` here —
// and an entry is keyed by its notification's id, so a delivery run twice writes one entry.

export interface BankInboxEntry {
  /** The notification's id. */
  _id: string;
  bankId: string;
  leadId: string;
  firmName: string;
  productName: string;
  kind: string;
  title: { zh: string; en: string };
  lines: { zh: string[]; en: string[] };
  link: string | null;
  /** `user:<officer>` for each officer it is addressed to. */
  audience: string[];
  occurredAt: string;
  createdAt: string;
  readAt: string | null;
}

export function bankInboxEntryOf(message: OutgoingMessage, bankKey: string, now: Date): BankInboxEntry {
  const facts = message.facts;
  if (!facts)
    throw new DeliveryError(`${message.kind} carries no firm: no bank inbox entry`, { permanent: true });
  if (facts.parkId !== bankKey)
    throw new DeliveryError(`message for ${facts.parkId} sent to the inbox of ${bankKey}`, {
      permanent: true,
    });
  return {
    _id: message.id,
    bankId: bankKey.slice('bank:'.length),
    leadId: facts.leadId,
    firmName: facts.firmName,
    productName: facts.projectTitle,
    kind: message.kind,
    title: message.subject,
    lines: message.lines,
    link: message.link ?? null,
    audience: (facts.audience?.usernames ?? []).map((u) => `user:${u}`),
    occurredAt: message.occurredAt,
    createdAt: now.toISOString(),
    readAt: null,
  };
}

/** Only admins see every bank's entries; an officer those addressed to it. */
function readerFilter(principal: Principal): Filter {
  return principal.role === 'admin' ? {} : { audience: { $in: [`user:${principal.sub}`] } };
}

/** The `bank_inbox` collection. */
export class BankInboxRepository {
  readonly #entries: Collection<BankInboxEntry>;

  private constructor(entries: Collection<BankInboxEntry>) {
    this.#entries = entries;
  }

  static async open(store: DocumentStore): Promise<BankInboxRepository> {
    const entries = store.collection<BankInboxEntry>('bank_inbox');
    // A bank's inbox holds a few entries a day: read newest first, narrowed to the reader's.
    await entries.createIndex({ keys: { createdAt: -1 }, purpose: "an officer's bank inbox, newest first" });
    return new BankInboxRepository(entries);
  }

  /** Adds an entry; one already there (the same notification) is left as it is. */
  async add(entry: BankInboxEntry): Promise<void> {
    try {
      await this.#entries.insertOne(entry);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  list(
    principal: Principal,
    query: {
      bankId?: string | undefined;
      unread?: boolean | undefined;
      before?: string | undefined;
      limit: number;
    },
  ): Promise<BankInboxEntry[]> {
    const filter: Filter = { ...readerFilter(principal) };
    if (query.bankId) filter.bankId = query.bankId;
    if (query.unread === true) filter.readAt = null;
    if (query.unread === false) filter.readAt = { $ne: null };
    if (query.before) filter.createdAt = { $lt: query.before };
    return this.#entries.find(filter, { sort: { createdAt: -1, _id: 1 }, limit: query.limit });
  }

  /** Removes entries made before `readBefore` that were read, and before `unreadBefore` that were not. */
  purge(readBefore: Date, unreadBefore: Date): Promise<number> {
    return purgeEntries(this.#entries, readBefore, unreadBefore);
  }

  /** Marks one of the reader's entries read (once); null when it has no such entry. */
  async markRead(principal: Principal, id: string, now: Date): Promise<BankInboxEntry | null> {
    const scope: Filter = { ...readerFilter(principal), _id: id };
    const existing = await this.#entries.findOne(scope);
    if (!existing || existing.readAt !== null) return existing;
    return (
      (await this.#entries.findOneAndUpdate(
        { ...scope, readAt: null },
        { $set: { readAt: now.toISOString() } },
      )) ?? this.#entries.findOne(scope)
    );
  }
}

/** The inbox adapter, taught banks' inboxes: a `bank:` target goes to them, any other to the park's. */
export function bankInboxChannel(
  parks: Channel,
  banks: BankInboxRepository,
  now: () => Date = () => new Date(),
): Channel {
  return {
    type: 'inbox',
    async send(message, target) {
      if (!isBankKey(target.address)) return parks.send(message, target);
      await banks.add(bankInboxEntryOf(message, target.address, now()));
    },
    ...(parks.close ? { close: () => parks.close?.() ?? Promise.resolve() } : {}),
  };
}

/** The adapters with the inbox one taught banks' inboxes. */
export function withBankInbox(adapters: Adapters, banks: BankInboxRepository): Adapters {
  return adapters.inbox ? { ...adapters, inbox: bankInboxChannel(adapters.inbox, banks) } : adapters;
}
