import { type Principal, parkFilter } from '@parkmatch/service-kit';
import { type Collection, type DocumentStore, DuplicateKeyError, type Filter } from '@parkmatch/store';
import { type ClockDoc, nextAt } from './clock.ts';

/** The `sla-clocks` collection: every clock, running or stopped, with the steps already announced. */
export class ClockRepository {
  readonly #clocks: Collection<ClockDoc>;

  private constructor(clocks: Collection<ClockDoc>) {
    this.#clocks = clocks;
  }

  static async open(store: DocumentStore): Promise<ClockRepository> {
    const clocks = store.collection<ClockDoc>('sla-clocks');
    await clocks.createIndex({ keys: { nextAt: 1 }, purpose: 'the sweep: clocks whose next step is due' });
    await clocks.createIndex({
      keys: { leadId: 1 },
      purpose: "a lead's clocks (stage moves, transfers, withdrawal)",
    });
    await clocks.createIndex({
      keys: { parkId: 1, status: 1 },
      purpose: "a park's running clocks (list, rescheduling)",
    });
    await clocks.createIndex({
      keys: { nextAt: 1, startedAt: 1 },
      purpose: 'the retention purge: clocks with nothing left to do, started before a date',
    });
    return new ClockRepository(clocks);
  }

  get(id: string): Promise<ClockDoc | null> {
    return this.#clocks.findOne({ _id: id });
  }

  /**
   * Starts a clock once. When its stop was seen first (another topic, earlier), it is stored
   * stopped; when it already started (the same event again), nothing changes.
   */
  async start(clock: ClockDoc): Promise<void> {
    const existing = await this.get(clock._id);
    if (existing?.startedAt) return;
    if (existing) {
      const stopped = { ...clock, status: 'stopped' as const, stoppedAt: existing.stoppedAt, nextAt: null };
      await this.#clocks.replaceOne({ _id: clock._id }, stopped);
      return;
    }
    try {
      await this.#clocks.insertOne({ ...clock, nextAt: nextAt(clock) });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  /** Starts a clock again from an earlier start (a claim dated before the lead's arrival). */
  async restart(clock: ClockDoc): Promise<void> {
    await this.#clocks.replaceOne({ _id: clock._id }, clock);
  }

  /** Stops a clock at `at`; a clock not started yet is remembered as stopped (placeholder). */
  async stop(id: string, at: string, placeholder: () => ClockDoc): Promise<void> {
    const existing = await this.get(id);
    if (!existing) {
      try {
        await this.#clocks.insertOne({ ...placeholder(), status: 'stopped', stoppedAt: at, nextAt: null });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await this.stop(id, at, placeholder);
      }
      return;
    }
    if (existing.status === 'running')
      await this.#clocks.updateOne(
        { _id: id, status: 'running' },
        { $set: { status: 'stopped', stoppedAt: at, nextAt: null } },
      );
  }

  /** Removes clocks with nothing left to announce (stopped, or every step done) that started before `before`. */
  async purge(before: Date): Promise<number> {
    const t = before.toISOString();
    const done = await this.#clocks.deleteMany({ nextAt: null, startedAt: { $lt: t } });
    const stopsOnly = await this.#clocks.deleteMany({ startedAt: null, stoppedAt: { $lt: t } });
    return done + stopsOnly;
  }

  forLead(leadId: string): Promise<ClockDoc[]> {
    return this.#clocks.find({ leadId });
  }

  async update(id: string, fields: Partial<ClockDoc>): Promise<void> {
    await this.#clocks.updateOne({ _id: id }, { $set: fields });
  }

  /** Running clocks whose next step is due at `now`, oldest first. */
  due(now: Date, limit: number): Promise<ClockDoc[]> {
    return this.#clocks.find({ nextAt: { $lte: now.toISOString() } }, { sort: { nextAt: 1, _id: 1 }, limit });
  }

  running(parkId?: string): Promise<ClockDoc[]> {
    return this.#clocks.find({ status: 'running', ...(parkId ? { parkId } : {}) });
  }

  /** The principal's clocks, soonest deadline first. */
  list(
    principal: Principal,
    query: { parkId?: string | undefined; status?: ClockDoc['status'] | undefined; limit: number },
  ) {
    const filter: Filter = { ...parkFilter(principal), startedAt: { $ne: null } };
    if (query.parkId) filter.parkId = query.parkId;
    if (query.status) filter.status = query.status;
    return this.#clocks.find(filter, { sort: { dueAt: 1, _id: 1 }, limit: query.limit });
  }
}
