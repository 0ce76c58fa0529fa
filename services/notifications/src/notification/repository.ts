import type { NotificationKind } from '@parkmatch/contracts';
import { type Principal, parkFilter } from '@parkmatch/service-kit';
import { type Collection, type DocumentStore, DuplicateKeyError, type Filter } from '@parkmatch/store';
import { groupLoad } from '../batching.ts';
import type { NotificationDoc } from './notification.ts';

/** The `notifications` collection: every notification made, the head of its delivery log. */
export class NotificationRepository {
  readonly #notifications: Collection<NotificationDoc>;

  private constructor(notifications: Collection<NotificationDoc>) {
    this.#notifications = notifications;
  }

  static async open(store: DocumentStore): Promise<NotificationRepository> {
    const notifications = store.collection<NotificationDoc>('notifications');
    await notifications.createIndex({
      keys: { parkId: 1, createdAt: -1 },
      purpose: "a park's delivery log, newest first",
    });
    await notifications.createIndex({
      keys: { createdAt: -1 },
      purpose: 'the delivery log of city-wide staff, newest first',
    });
    await notifications.createIndex({
      keys: { parkId: 1, kind: 1, occurredAt: 1 },
      purpose: "a digest: one park's notifications of one kind on one day",
    });
    return new NotificationRepository(notifications);
  }

  /**
   * Stores the notifications not stored yet. Those stored before (the same fact announced
   * again) keep their wording; their plan gains the deliveries planned only now (a subscriber
   * who joined meanwhile).
   */
  async add(notifications: readonly NotificationDoc[]): Promise<void> {
    if (notifications.length === 0) return;
    const unique = [...new Map(notifications.map((n) => [n._id, n])).values()];
    const known = new Map(
      (await this.#notifications.find({ _id: { $in: unique.map((n) => n._id) } })).map((n) => [n._id, n]),
    );
    const fresh = unique.filter((n) => !known.has(n._id));
    await this.#insert(fresh);
    for (const n of unique) {
      const stored = known.get(n._id);
      if (!stored) continue;
      const planned = new Set((stored.deliveries ?? []).map((d) => d._id));
      const more = (n.deliveries ?? []).filter((d) => !planned.has(d._id));
      if (more.length > 0)
        await this.#notifications.updateOne(
          { _id: n._id },
          { $set: { deliveries: [...(stored.deliveries ?? []), ...more] } },
        );
    }
  }

  /** Removes notifications made before `before`, except those named in `keep` (a dead letter's). */
  purge(before: Date, keep: readonly string[] = []): Promise<number> {
    return this.#notifications.deleteMany({
      createdAt: { $lt: before.toISOString() },
      ...(keep.length > 0 ? { _id: { $nin: [...keep] } } : {}),
    });
  }

  async #insert(fresh: NotificationDoc[]): Promise<void> {
    if (fresh.length === 0) return;
    try {
      await this.#notifications.insertMany(fresh);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      // Another instance stored some meanwhile: one at a time.
      for (const n of fresh) {
        try {
          await this.#notifications.insertOne(n);
        } catch (e) {
          if (!(e instanceof DuplicateKeyError)) throw e;
        }
      }
    }
  }

  /** One notification; concurrent reads (delivery jobs) are made as one query. */
  get(id: string): Promise<NotificationDoc | null> {
    return this.#load(id);
  }

  readonly #load = groupLoad<NotificationDoc>(async (ids) => {
    const found = await this.#notifications.find({ _id: { $in: ids } });
    return new Map(found.map((n) => [n._id, n]));
  });

  getMany(ids: readonly string[]): Promise<NotificationDoc[]> {
    return this.#notifications.find({ _id: { $in: [...ids] } });
  }

  /** The principal's notifications, newest first. */
  list(
    principal: Principal,
    query: {
      parkId?: string | undefined;
      kind?: NotificationKind | undefined;
      before?: string | undefined;
      limit: number;
    },
  ): Promise<NotificationDoc[]> {
    const filter: Filter = { ...parkFilter(principal) };
    if (query.parkId) filter.parkId = query.parkId;
    if (query.kind) filter.kind = query.kind;
    if (query.before) filter.createdAt = { $lt: query.before };
    return this.#notifications.find(filter, { sort: { createdAt: -1, _id: 1 }, limit: query.limit });
  }

  /** One park's notifications of these kinds that happened in [from, to). */
  happened(parkIds: readonly string[], kinds: readonly NotificationKind[], from: string, to: string) {
    return this.#notifications.find({
      parkId: { $in: [...parkIds] },
      kind: { $in: [...kinds] },
      occurredAt: { $gte: from, $lt: to },
    });
  }
}
