import { type Principal, parkScope } from '@parkmatch/service-kit';
import type { Collection, DocumentStore } from '@parkmatch/store';
import type { ChannelDoc } from './channel.ts';

/** The `channels` collection: where subscribers' notifications go out, secrets sealed. */
export class ChannelRepository {
  readonly #channels: Collection<ChannelDoc>;

  private constructor(channels: Collection<ChannelDoc>) {
    this.#channels = channels;
  }

  static async open(store: DocumentStore): Promise<ChannelRepository> {
    const channels = store.collection<ChannelDoc>('channels');
    await channels.createIndex({
      keys: { subscriber: 1 },
      purpose: "a subscriber's channels (fan-out, its list)",
    });
    await channels.createIndex({
      keys: { parkId: 1 },
      purpose: "the channels of a park's team, for its managers",
    });
    return new ChannelRepository(channels);
  }

  async insert(channel: ChannelDoc): Promise<void> {
    await this.#channels.insertOne(channel);
  }

  get(id: string): Promise<ChannelDoc | null> {
    return this.#channels.findOne({ _id: id });
  }

  ofSubscribers(subscribers: readonly string[]): Promise<ChannelDoc[]> {
    return this.#channels.find({ subscriber: { $in: [...subscribers] } });
  }

  /** The principal's own channels and those of the parks it may see (shared robots). */
  visibleTo(principal: Principal, parkId?: string): Promise<ChannelDoc[]> {
    const scope = parkScope(principal);
    const parks = parkId ? [parkId] : scope === 'all' ? null : [...scope];
    const parkChannels =
      parks === null
        ? { subscriber: { $gte: 'park:', $lt: 'park;' } } // every park's (';' follows ':')
        : { subscriber: { $in: parks.map((p) => `park:${p}`) } };
    return this.#channels.find(
      { $or: [{ subscriber: `account:${principal.sub}` }, parkChannels] },
      { sort: { createdAt: 1, _id: 1 } },
    );
  }

  async remove(id: string): Promise<boolean> {
    return (await this.#channels.deleteOne({ _id: id })) > 0;
  }
}
