import type { DeliveryAttempt } from '@parkmatch/contracts';
import { type Principal, parkFilter } from '@parkmatch/service-kit';
import { type Collection, type DocumentStore, DuplicateKeyError, type Filter } from '@parkmatch/store';
import { type GroupCommit, groupCommit, groupLoad } from '../batching.ts';
import type { NotificationDoc } from '../notification/notification.ts';
import { type DeliveryDoc, queuedView } from './delivery.ts';
import type { PlannedDelivery } from './plan.ts';

/**
 * The `deliveries` collection: the outcome of each (notification, channel, recipient) that
 * was attempted — its attempts, its status, the dead letters. A delivery planned but not yet
 * attempted has no record: it is a job in the queue and an entry in its notification's plan
 * (`NotificationDoc.deliveries`), shown as `queued`. So the common case — sent at the first
 * attempt — costs one insert, committed with those of concurrent jobs.
 */
export class DeliveryRepository {
  readonly #deliveries: Collection<DeliveryDoc>;
  readonly #insert: GroupCommit<DeliveryDoc>;
  readonly #load: (id: string) => Promise<DeliveryDoc | null>;

  private constructor(deliveries: Collection<DeliveryDoc>) {
    this.#deliveries = deliveries;
    this.#insert = groupCommit(async (docs) => {
      try {
        await deliveries.insertMany(docs);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        // Recorded meanwhile (a replay raced a stalled job): the first outcome stands.
        for (const doc of docs) await deliveries.insertOne(doc).catch(ignoreDuplicate);
      }
    });
    this.#load = groupLoad(async (ids) => {
      const found = await deliveries.find({ _id: { $in: ids } });
      return new Map(found.map((d) => [d._id, d]));
    });
  }

  static async open(store: DocumentStore): Promise<DeliveryRepository> {
    const deliveries = store.collection<DeliveryDoc>('deliveries');
    await deliveries.createIndex({ keys: { notificationId: 1 }, purpose: "a notification's delivery log" });
    await deliveries.createIndex({
      keys: { status: 1, updatedAt: -1 },
      purpose: 'the dead letters, newest first (and counts by status)',
    });
    return new DeliveryRepository(deliveries);
  }

  /** A delivery's record (null while it was never attempted); concurrent jobs' reads are one query. */
  get(id: string): Promise<DeliveryDoc | null> {
    return this.#load(id);
  }

  /**
   * Logs an attempt: the first one inserts the record, later ones (retries, replays) update it.
   * Resolves once committed — a job finishes only after its outcome is durable.
   */
  async attempted(
    planned: PlannedDelivery,
    existing: DeliveryDoc | null,
    attempt: DeliveryAttempt,
    status: 'delivered' | 'retrying' | 'dead',
    now: Date,
  ): Promise<void> {
    const at = now.toISOString();
    const outcome = {
      status,
      lastError: attempt.error,
      updatedAt: at,
      ...(status === 'delivered' ? { deliveredAt: at } : {}),
    };
    if (!existing) {
      await this.#insert({
        ...planned,
        attempts: [attempt],
        queuedAt: at,
        deliveredAt: null,
        replays: 0,
        ...outcome,
      });
      return;
    }
    await this.#deliveries.updateOne({ _id: planned._id }, { $set: outcome, $push: { attempts: attempt } });
  }

  /** A delivery that cannot be made (its channel was removed): recorded, never tried again. */
  async skipped(planned: PlannedDelivery, reason: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.#deliveries.replaceOne(
      { _id: planned._id },
      {
        ...planned,
        status: 'skipped',
        attempts: [],
        queuedAt: at,
        deliveredAt: null,
        lastError: reason,
        replays: 0,
        updatedAt: at,
      },
      { upsert: true },
    );
  }

  /** A notification's delivery log: every planned delivery, with its record when it was attempted. */
  async forNotification(notification: NotificationDoc): Promise<DeliveryDoc[]> {
    const records = await this.#deliveries.find(
      { notificationId: notification._id },
      { sort: { queuedAt: 1, _id: 1 } },
    );
    const recorded = new Set(records.map((r) => r._id));
    const waiting = (notification.deliveries ?? [])
      .filter((p) => !recorded.has(p._id))
      .map((p) => queuedView(p, notification.createdAt));
    return [...records, ...waiting];
  }

  deadLetters(
    principal: Principal,
    query: { before?: string | undefined; limit: number },
  ): Promise<DeliveryDoc[]> {
    const filter: Filter = { ...parkFilter(principal), status: 'dead' };
    if (query.before) filter.updatedAt = { $lt: query.before };
    return this.#deliveries.find(filter, { sort: { updatedAt: -1, _id: 1 }, limit: query.limit });
  }

  /** A dead letter back in the queue, counted as a replay; null when it is not dead. */
  replay(id: string, now: Date): Promise<DeliveryDoc | null> {
    return this.#deliveries.findOneAndUpdate(
      { _id: id, status: 'dead' },
      { $set: { status: 'retrying', updatedAt: now.toISOString() }, $inc: { replays: 1 } },
    );
  }

  /**
   * Removes delivery records last changed before `before` (delivered, skipped) and dead letters
   * (and records stuck in `retrying`: nothing retries for days) before `deadBefore`.
   */
  async purge(before: Date, deadBefore: Date): Promise<number> {
    const done = await this.#deliveries.deleteMany({
      status: { $in: ['delivered', 'skipped'] },
      updatedAt: { $lt: before.toISOString() },
    });
    const dead = await this.#deliveries.deleteMany({
      status: { $in: ['dead', 'retrying', 'queued'] },
      updatedAt: { $lt: deadBefore.toISOString() },
    });
    return done + dead;
  }

  /** The notifications that still have a dead letter (their wording is needed for a replay). */
  async notificationsWithDeadLetters(): Promise<string[]> {
    const dead = await this.#deliveries.find({ status: 'dead' }, { projection: { notificationId: 1 } });
    return [...new Set(dead.map((d) => d.notificationId))];
  }

  countByStatus(status: DeliveryDoc['status']): Promise<number> {
    return this.#deliveries.countDocuments({ status });
  }
}

function ignoreDuplicate(error: unknown): void {
  if (!(error instanceof DuplicateKeyError)) throw error;
}
