import type { EventBus, Subscription } from '@parkmatch/bus';
import { CONSUMER_GROUPS, type EventOf, Events } from '@parkmatch/contracts';
import { type Collection, type DocumentStore, DuplicateKeyError } from '@parkmatch/store';
import type { TokenRevocations } from './auth.ts';
import { consumeEvents } from './events.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

// Revoking tokens that every service verifies on its own.
//
// Why an epoch per subject and not short-lived tokens with refresh: every service checks
// tokens itself (no call to leads per request), the portal keeps a team member's token in
// its sealed cookie for the whole session, and a firm's private link *is* its token for 90
// days. Short access tokens would need a refresh flow in the portal and a second kind of
// firm link, and would still leave a revoked token working until it expires. Instead each
// token carries its subject's epoch (`ep`); leads raises the epoch (disable, password
// change or reset, sign-out everywhere, a re-issued or withdrawn firm link) in the same
// write as `leads.access.revoked.v1`, which the outbox publishes at least once. Every
// service keeps the highest epoch per subject in its own store (its own consumer group,
// idempotent: epochs only go up) and in memory, and refuses a token below it. Revocation
// reaches every service as fast as any event (milliseconds locally), survives restarts,
// and costs one map lookup per request.

export interface RevocationDoc {
  _id: string; // the subject: a username, or `firm:<leadId>`
  epoch: number;
  /** When it was revoked. */
  at: string;
  /** When this store learnt of it (what other instances look for). */
  storedAt: string;
}

export const REVOCATIONS_COLLECTION = 'token_revocations';

export type AccessRevoked = EventOf<typeof Events.accessRevoked>;

/** The revocations a service knows: in its store, and in memory for the verifier. */
export class RevocationList implements TokenRevocations {
  readonly #docs: Collection<RevocationDoc>;
  readonly #epochs = new Map<string, number>();
  #since = '';
  #timer: NodeJS.Timeout | undefined;

  private constructor(docs: Collection<RevocationDoc>) {
    this.#docs = docs;
  }

  /** Opens the list and loads every stored revocation. */
  static async open(store: DocumentStore): Promise<RevocationList> {
    const docs = store.collection<RevocationDoc>(REVOCATIONS_COLLECTION);
    await docs.createIndex({
      keys: { storedAt: 1 },
      purpose: 'revocations recorded since the last look (other instances of the service)',
    });
    const list = new RevocationList(docs);
    await list.refresh();
    return list;
  }

  minEpoch(subject: string): number {
    return this.#epochs.get(subject) ?? 0;
  }

  /** Records revocations (idempotent: a lower or equal epoch changes nothing). */
  async apply(revocations: readonly { subject: string; epoch: number; at: string }[]): Promise<void> {
    for (const { subject, epoch, at } of revocations) {
      this.#remember(subject, epoch);
      try {
        // Raise the stored epoch only; a newer one stored already stays (no match, and the
        // upsert then collides with its _id, which is fine).
        await this.#docs.updateOne(
          { _id: subject, epoch: { $lt: epoch } },
          { $set: { epoch, at, storedAt: new Date().toISOString() } },
          { upsert: true },
        );
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
  }

  /** Loads what other instances recorded since the last look (all of it the first time). */
  async refresh(): Promise<void> {
    // A minute of overlap: the instances' clocks need not agree to the millisecond.
    const since = this.#since ? new Date(Date.parse(this.#since) - 60_000).toISOString() : '';
    const docs = await this.#docs.find(since ? { storedAt: { $gte: since } } : {});
    for (const doc of docs) {
      this.#remember(doc._id, doc.epoch);
      if (doc.storedAt > this.#since) this.#since = doc.storedAt;
    }
  }

  /** Looks again every `intervalMs` (a service with several instances shares its store). */
  startRefreshing(intervalMs: number, onError: (error: unknown) => void): void {
    this.#timer ??= setInterval(() => this.refresh().catch(onError), intervalMs);
    this.#timer.unref();
  }

  stopRefreshing(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #remember(subject: string, epoch: number): void {
    if (epoch > this.minEpoch(subject)) this.#epochs.set(subject, epoch);
  }
}

export interface FollowedRevocations {
  list: RevocationList;
  close(): Promise<void>;
}

/**
 * The service's revocation list, loaded from its store and kept current from
 * `leads.access.revoked.v1` (its own consumer group, from the oldest event).
 */
export async function followRevocations({
  bus,
  store,
  service,
  logger,
  metrics,
  refreshMs = 5_000,
}: {
  bus: EventBus;
  store: DocumentStore;
  service: string;
  logger: Logger;
  metrics?: Metrics;
  refreshMs?: number;
}): Promise<FollowedRevocations> {
  const list = await RevocationList.open(store);
  const subscription: Subscription = await consumeEvents({
    bus,
    definition: Events.accessRevoked,
    group: revocationGroup(service),
    handleBatch: (events) => list.apply(events.map((e) => e.payload)),
    logger,
    ...(metrics ? { metrics } : {}),
  });
  list.startRefreshing(refreshMs, (error) =>
    logger.warn({ err: error }, 'could not load token revocations; keeping the ones known'),
  );
  return {
    list,
    async close() {
      list.stopRefreshing();
      await subscription.close();
    },
  };
}

/** Each service's own group: every service must hear of every revocation. */
export const revocationGroup = (service: string): string =>
  `${service}.${CONSUMER_GROUPS.tokenRevocations.group}`;
