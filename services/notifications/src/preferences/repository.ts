import type { QuietHours, SubscriptionRule } from '@parkmatch/contracts';
import type { Principal } from '@parkmatch/service-kit';
import type { Collection, DocumentStore } from '@parkmatch/store';
import { accountOf, parkSubscriber, type SubscriberDoc } from './subscriber.ts';

/** The `subscribers` collection: accounts and parks with their rules and quiet hours. */
export class SubscriberRepository {
  readonly #subscribers: Collection<SubscriberDoc>;
  /** Accounts recorded by this process, with the role and park they were recorded with. */
  readonly #seen = new Map<string, string>();

  private constructor(subscribers: Collection<SubscriberDoc>) {
    this.#subscribers = subscribers;
  }

  static async open(store: DocumentStore): Promise<SubscriberRepository> {
    const subscribers = store.collection<SubscriberDoc>('subscribers');
    await subscribers.createIndex({
      keys: { scope: 1 },
      purpose: "who may hear of a park's notifications: its accounts, city-wide staff and the park itself",
    });
    return new SubscriberRepository(subscribers);
  }

  /**
   * Records an account the first time it is seen (and when its role or park changed), so
   * notifications can reach it: the leads service owns accounts, this service learns them
   * from the tokens they present.
   */
  async touch(principal: Principal, now: Date): Promise<void> {
    const fresh = accountOf(principal, now);
    const key = `${fresh.role}|${fresh.parkId}|${fresh.scope}`;
    if (this.#seen.get(fresh._id) === key) return;
    const existing = await this.get(fresh._id);
    if (`${existing?.role}|${existing?.parkId}|${existing?.scope}` !== key) {
      const { _id, rules: _r, quietHours: _q, updatedAt: _u, ...identity } = fresh;
      await this.#subscribers.updateOne(
        { _id },
        { $set: identity, $setOnInsert: { rules: null, quietHours: null, updatedAt: null } },
        { upsert: true },
      );
    }
    this.#seen.set(fresh._id, key);
  }

  /** The account's subscriber document, recorded now if it was not. */
  async account(principal: Principal, now: Date): Promise<SubscriberDoc> {
    await this.touch(principal, now);
    return (await this.get(accountOf(principal, now)._id)) ?? accountOf(principal, now);
  }

  get(id: string): Promise<SubscriberDoc | null> {
    return this.#subscribers.findOne({ _id: id });
  }

  async park(parkId: string, now: Date): Promise<SubscriberDoc> {
    return (await this.get(`park:${parkId}`)) ?? parkSubscriber(parkId, now);
  }

  /** Everyone who may hear of these parks' notifications. */
  forParks(parkIds: readonly string[]): Promise<SubscriberDoc[]> {
    return this.#subscribers.find({ scope: { $in: [...parkIds, 'all'] } });
  }

  /** Every subscriber (the digest picks those whose rules ask for it). */
  async all(): Promise<SubscriberDoc[]> {
    return this.#subscribers.find({});
  }

  /** Replaces an account's or a park's rules and quiet hours. */
  async save(
    subscriber: SubscriberDoc,
    preferences: { rules: SubscriptionRule[]; quietHours: QuietHours | null },
    now: Date,
  ): Promise<SubscriberDoc> {
    const updatedAt = now.toISOString();
    const { _id, rules: _r, quietHours: _q, updatedAt: _u, ...identity } = subscriber;
    const saved = await this.#subscribers.findOneAndUpdate(
      { _id },
      { $set: { ...identity, ...preferences, updatedAt } },
      { upsert: true },
    );
    return saved ?? { ...subscriber, ...preferences, updatedAt };
  }

  /** Takes a removed channel out of every rule that named it (a rule left with none goes). */
  async dropChannel(subscriberId: string, channelId: string, now: Date): Promise<void> {
    const subscriber = await this.get(subscriberId);
    if (!subscriber?.rules) return;
    const rules = subscriber.rules
      .map((rule) => ({ ...rule, channels: rule.channels.filter((c) => c !== channelId) }))
      .filter((rule) => rule.channels.length > 0);
    await this.#subscribers.updateOne(
      { _id: subscriberId },
      { $set: { rules, updatedAt: now.toISOString() } },
    );
  }
}
