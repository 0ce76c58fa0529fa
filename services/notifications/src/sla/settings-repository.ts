import type { SlaPolicy } from '@parkmatch/contracts';
import type { Collection, DocumentStore } from '@parkmatch/store';
import { createCalendar, type DayOverride, type WorkingCalendar } from './calendar.ts';
import { DEFAULT_SLA_POLICY } from './policy.ts';

interface PolicyDoc extends SlaPolicy {
  _id: string;
  updatedBy: string;
  updatedAt: string;
}

interface OverrideDoc extends DayOverride {
  _id: string;
  updatedBy: string;
  updatedAt: string;
}

/** The `sla-policies` (one per park) and `working-day-overrides` (one per date) collections. */
export class SlaSettingsRepository {
  readonly #policies: Collection<PolicyDoc>;
  readonly #overrides: Collection<OverrideDoc>;
  #calendar: WorkingCalendar = createCalendar();

  private constructor(policies: Collection<PolicyDoc>, overrides: Collection<OverrideDoc>) {
    this.#policies = policies;
    this.#overrides = overrides;
  }

  static async open(store: DocumentStore): Promise<SlaSettingsRepository> {
    const repository = new SlaSettingsRepository(
      store.collection<PolicyDoc>('sla-policies'),
      store.collection<OverrideDoc>('working-day-overrides'),
    );
    await repository.reloadCalendar();
    return repository;
  }

  async policy(parkId: string): Promise<SlaPolicy> {
    const doc = await this.#policies.findOne({ _id: parkId });
    if (!doc) return DEFAULT_SLA_POLICY;
    const { _id, updatedBy: _b, updatedAt: _a, ...policy } = doc;
    return policy;
  }

  async setPolicy(parkId: string, policy: SlaPolicy, by: string, now: Date): Promise<void> {
    await this.#policies.replaceOne(
      { _id: parkId },
      { _id: parkId, ...policy, updatedBy: by, updatedAt: now.toISOString() },
      { upsert: true },
    );
  }

  /** The calendar with the override table as last loaded. */
  calendar(): WorkingCalendar {
    return this.#calendar;
  }

  /** Reads the override table again (other instances may have changed it). */
  async reloadCalendar(): Promise<WorkingCalendar> {
    const overrides = await this.#overrides.find({});
    this.#calendar = createCalendar(
      new Map(overrides.map((o) => [o._id, { workday: o.workday, note: o.note }])),
    );
    return this.#calendar;
  }

  async overrides(): Promise<{ date: string; workday: boolean; note: string }[]> {
    const docs = await this.#overrides.find({}, { sort: { _id: 1 } });
    return docs.map((o) => ({ date: o._id, workday: o.workday, note: o.note }));
  }

  async setOverride(date: string, day: DayOverride, by: string, now: Date): Promise<void> {
    await this.#overrides.replaceOne(
      { _id: date },
      { _id: date, ...day, updatedBy: by, updatedAt: now.toISOString() },
      { upsert: true },
    );
    await this.reloadCalendar();
  }

  async removeOverride(date: string): Promise<boolean> {
    const removed = (await this.#overrides.deleteOne({ _id: date })) > 0;
    await this.reloadCalendar();
    return removed;
  }
}
