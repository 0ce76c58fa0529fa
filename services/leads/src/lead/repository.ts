import type { ParkRating, Stage, Tier } from '@parkmatch/contracts';
import {
  leadFilter,
  type OutboxEntry,
  type OutboxFields,
  type Principal,
  parkFilter,
  updateWithEvents,
  withEvents,
} from '@parkmatch/service-kit';
import {
  type Collection,
  type DocumentStore,
  type Filter,
  NO_OUTBOX,
  type Update,
  withoutOutbox,
} from '@parkmatch/store';
import type { Lead } from './lead.ts';

// One live lead per firm: the unique index on the credit code says so. A firm that withdraws
// (PIPL) must be free to submit again, yet the port has no partial index (and a unique index
// counts a missing field as null, so two leads without a code would collide): a withdrawal
// therefore moves the firm's code to `withdrawnCreditCode` and leaves in the indexed field a
// value of the lead's own (`withdrawn:<leadId>`). The repository hides this: every lead it
// gives back carries the firm's real code, and the list's search finds it in either field.

/** A lead as stored: with its outbox, and for a withdrawn lead the firm's credit code set aside. */
export type LeadDoc = Lead &
  OutboxFields & {
    /** A withdrawn lead: the firm's credit code (`profile.firm.creditCode` holds a placeholder). */
    withdrawnCreditCode?: string;
  };

/** What a withdrawn lead's indexed credit code holds: its own, never a firm's. */
export const releasedCreditCode = (leadId: string): string => `withdrawn:${leadId}`;

/**
 * The fields a withdrawal sets (with its other changes, in the same write) so that the unique
 * index no longer holds the firm's credit code: the firm may submit a new profile.
 */
export function releaseCreditCode(lead: Pick<Lead, '_id' | 'profile'>): Record<string, string> {
  return {
    'profile.firm.creditCode': releasedCreditCode(lead._id),
    withdrawnCreditCode: lead.profile.firm.creditCode,
  };
}

/** A stored lead as the service works with it: the firm's real credit code, no outbox. */
function fromStore<T extends Pick<Lead, 'profile'>>(
  doc: (T & OutboxFields & { withdrawnCreditCode?: string }) | null,
): T | null {
  const lead = withoutOutbox(doc);
  if (!lead) return null;
  const { withdrawnCreditCode, ...rest } = lead;
  if (withdrawnCreditCode === undefined) return rest as unknown as T;
  const { profile } = rest;
  return {
    ...rest,
    profile: { ...profile, firm: { ...profile.firm, creditCode: withdrawnCreditCode } },
  } as unknown as T;
}

/** The leads of a read, as fromStore gives each. */
const allFromStore = <T extends Pick<Lead, 'profile'>>(docs: readonly (T & OutboxFields)[]): T[] =>
  docs.map((doc) => fromStore(doc) as T);

/** A lead as lists show it: without its history. */
export type LeadSummary = Omit<Lead, 'history'>;

/** Where a page of the lead list ended: the last lead's activity time and id. */
export interface LeadListPosition {
  updatedAt: string;
  id: string;
}

/** A page of the teams' lead list: newest activity first. */
export interface LeadListQuery {
  /** The leads the caller may see: access.ts's `leadFilter`. */
  visible: Filter;
  stage?: Stage | undefined;
  /** The owner park; null: leads nobody owns yet. */
  owner?: string | null | undefined;
  /** The liaison's username. */
  liaison?: string | undefined;
  /** Rated this tier by one of these parks. */
  tier?: { tier: Tier; parkIds: readonly string[] } | undefined;
  /** Text the firm's name or credit code contains (any case); plain text, never a pattern. */
  text?: string | undefined;
  limit: number;
  after?: LeadListPosition | undefined;
}

/** `text` as a regular expression that matches it literally. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The `leads` collection: every lead, each with the events announcing its changes. */
export class LeadRepository {
  static readonly COLLECTION = 'leads';
  readonly #leads: Collection<LeadDoc>;

  private constructor(leads: Collection<LeadDoc>) {
    this.#leads = leads;
  }

  static async open(store: DocumentStore): Promise<LeadRepository> {
    const leads = store.collection<LeadDoc>(LeadRepository.COLLECTION);
    await leads.createIndex({
      keys: { 'profile.firm.creditCode': 1 },
      unique: true,
      purpose: 'one profile per firm: a second submission is a conflict, not a duplicate lead',
    });
    await leads.createIndex({ keys: { stage: 1, updatedAt: -1 }, purpose: 'team lists of leads by stage' });
    await leads.createIndex({
      keys: { updatedAt: -1, _id: -1 },
      purpose: 'team lead list: newest activity first, paged by (updatedAt, _id)',
    });
    await leads.createIndex({
      keys: { 'owner.parkId': 1, updatedAt: -1 },
      purpose: 'team lead list: the leads a park owns, newest activity first',
    });
    await leads.createIndex({
      keys: { 'liaison.username': 1, updatedAt: -1 },
      purpose: 'team lead list: a liaison’s leads, newest activity first',
    });
    await leads.createIndex({
      keys: { 'owner.parkId': 1, stage: 1 },
      purpose: '重点培育 ledger: a park’s leads at 投产 (operating)',
    });
    await leads.createIndex({
      keys: { 'owner.parkId': 1, 'keyFirm.onLedger': 1 },
      purpose: '重点培育 ledger: a park’s leads put on it by hand',
    });
    await LeadRepository.#releaseWithdrawn(leads);
    return new LeadRepository(leads);
  }

  /**
   * Leads withdrawn before withdrawals released the credit code still hold their firm's: release
   * it now, so those firms too may submit again. Idempotent; a handful of leads at most.
   */
  static async #releaseWithdrawn(leads: Collection<LeadDoc>): Promise<void> {
    const holding = await leads.find(
      { stage: 'withdrawn', withdrawnCreditCode: { $exists: false } },
      { projection: NO_OUTBOX },
    );
    for (const lead of holding)
      await leads.updateOne(
        { _id: lead._id, withdrawnCreditCode: { $exists: false } },
        { $set: releaseCreditCode(lead) },
      );
  }

  /** Throws DuplicateKeyError when the firm (credit code) already has a lead. */
  async insert(lead: Lead, events: readonly OutboxEntry[]): Promise<void> {
    await this.#leads.insertOne(withEvents(lead, events));
  }

  async get(id: string): Promise<Lead | null> {
    return fromStore(await this.#leads.findOne({ _id: id }, { projection: NO_OUTBOX }));
  }

  /**
   * Applies `update` (with its events) if the lead is still at `revision`: a compare-and-set,
   * so two concurrent writers cannot both win. Returns the lead after the update, or null
   * when it changed meanwhile (or does not exist).
   */
  async updateAt(
    id: string,
    revision: number,
    update: Update,
    events: readonly OutboxEntry[],
  ): Promise<Lead | null> {
    return fromStore(
      await this.#leads.findOneAndUpdate({ _id: id, revision }, updateWithEvents(update, events)),
    );
  }

  /**
   * A change of the lead's pipeline (owner, liaison, stage) made on `pipelineRevision`:
   * applied with its events and the next revision only if the lead is still at that
   * revision (compare-and-set), so a stale move is refused, never lost. Returns the lead
   * after the change, or null when it changed meanwhile (or does not exist). `where` adds
   * conditions the lead must also meet (a claim: nobody owns it).
   */
  async updatePipeline(
    id: string,
    pipelineRevision: number,
    update: Update,
    events: readonly OutboxEntry[],
    where: Filter = {},
  ): Promise<Lead | null> {
    // Leads stored before the closed loop have no revision yet: they are at 1.
    const atRevision =
      pipelineRevision === 1
        ? { $or: [{ pipelineRevision: 1 }, { pipelineRevision: { $exists: false } }] }
        : { pipelineRevision };
    const current = { _id: id, ...atRevision };
    return fromStore(
      await this.#leads.findOneAndUpdate(
        Object.keys(where).length === 0 ? current : { $and: [current, where] },
        updateWithEvents(
          { ...update, $set: { ...update.$set, pipelineRevision: pipelineRevision + 1 } },
          events,
        ),
      ),
    );
  }

  /**
   * Raises the firm's access epoch from `from` (compare-and-set), with the events announcing
   * it: every firm token of the lead issued before stops working. Null when it changed meanwhile.
   */
  async raiseAccessEpoch(id: string, from: number, events: readonly OutboxEntry[]): Promise<Lead | null> {
    const atEpoch =
      from === 0 ? { $or: [{ accessEpoch: 0 }, { accessEpoch: { $exists: false } }] } : { accessEpoch: from };
    return fromStore(
      await this.#leads.findOneAndUpdate(
        { $and: [{ _id: id }, atEpoch] },
        updateWithEvents({ $set: { accessEpoch: from + 1 } }, events),
      ),
    );
  }

  /**
   * A change of the lead's ledger fields (expectations, key-firm mark) for its owner park:
   * applied only while `parkId` still owns the lead. Returns the lead after the change, or
   * null when another park owns it now (or it does not exist).
   */
  async updateOwned(id: string, parkId: string, update: Update): Promise<Lead | null> {
    return fromStore(await this.#leads.findOneAndUpdate({ _id: id, 'owner.parkId': parkId }, update));
  }

  /**
   * The leads on the 重点培育 ledger that the principal may read (of one park when given):
   * those put on it by hand, and those at 投产 that were not taken off it. By park, then firm.
   */
  async keyFirms(principal: Principal, parkId?: string): Promise<Lead[]> {
    const docs = await this.#leads.find(
      {
        $and: [
          parkFilter(principal, 'owner.parkId'),
          { 'owner.parkId': parkId ?? { $exists: true } },
          {
            $or: [{ 'keyFirm.onLedger': true }, { stage: 'operating', 'keyFirm.onLedger': { $ne: false } }],
          },
        ],
      },
      { sort: { 'owner.parkId': 1, 'profile.firm.name': 1, _id: 1 }, projection: NO_OUTBOX },
    );
    return allFromStore(docs);
  }

  /** A page of the teams' lead list (see LeadListQuery), and where the next one starts. */
  async list(query: LeadListQuery): Promise<{ leads: LeadSummary[]; next: LeadListPosition | null }> {
    const conditions: Filter[] = [query.visible];
    if (query.stage) conditions.push({ stage: query.stage });
    if (query.owner === null) conditions.push({ 'owner.parkId': { $exists: false } });
    else if (query.owner) conditions.push({ 'owner.parkId': query.owner });
    if (query.liaison) conditions.push({ 'liaison.username': query.liaison });
    if (query.tier) {
      const { tier, parkIds } = query.tier;
      conditions.push(
        parkIds.length > 0
          ? { $or: parkIds.map((parkId) => ({ [`parks.${parkId}.tier`]: tier })) }
          : { _id: { $in: [] } },
      );
    }
    if (query.text) {
      const contains = { $regex: literally(query.text), $options: 'i' };
      conditions.push({
        $or: [
          { 'profile.firm.name': contains },
          // A withdrawn lead's firm is found by its code too (never by its placeholder).
          { 'profile.firm.creditCode': contains, withdrawnCreditCode: { $exists: false } },
          { withdrawnCreditCode: contains },
        ],
      });
    }
    if (query.after) {
      const { updatedAt, id } = query.after;
      conditions.push({ $or: [{ updatedAt: { $lt: updatedAt } }, { updatedAt, _id: { $lt: id } }] });
    }
    const docs = await this.#leads.find(
      { $and: conditions },
      { sort: { updatedAt: -1, _id: -1 }, limit: query.limit + 1, projection: { ...NO_OUTBOX, history: 0 } },
    );
    const leads: LeadSummary[] = allFromStore(docs.slice(0, query.limit));
    const last = leads.at(-1);
    const next = docs.length > query.limit && last ? { updatedAt: last.updatedAt, id: last._id } : null;
    return { leads, next };
  }

  /**
   * Records how parks rated leads (and which of each park's directions a lead fits), many in
   * one write. Idempotent (the same ratings leave the same documents); a rating of a lead this
   * service does not hold is ignored.
   */
  async recordRatings(
    ratings: readonly { leadId: string; parkId: string; rating: ParkRating; fits?: readonly string[] }[],
  ): Promise<void> {
    // One update per lead (a lead's six parks usually arrive together): each update rewrites
    // the whole lead document, so merging them saves five rewrites of six. Later wins.
    const byLead = new Map<string, Record<string, ParkRating | readonly string[]>>();
    for (const { leadId, parkId, rating, fits } of ratings) {
      byLead.set(leadId, {
        ...byLead.get(leadId),
        [`parks.${parkId}`]: rating,
        ...(fits ? { [`fits.${parkId}`]: fits } : {}),
      });
    }
    if (byLead.size === 0) return;
    await this.#leads.bulkUpdateById([...byLead].map(([_id, $set]) => ({ _id, update: { $set } })));
  }

  /**
   * Every lead the principal may see (access.ts's leadFilter), a page at a time, for exports
   * that stream tens of thousands of leads. In id order (submission order), not by activity
   * as `list`: ids never change, so a lead moved while an export runs is neither skipped nor
   * repeated. Each page is one query from where the last ended.
   */
  async *visiblePages(principal: Principal, pageSize = 500): AsyncGenerator<LeadSummary[]> {
    const visible = leadFilter(principal);
    let after: string | undefined;
    for (;;) {
      const page: LeadSummary[] = await this.#leads.find(
        after === undefined ? visible : { $and: [visible, { _id: { $gt: after } }] },
        { sort: { _id: 1 }, limit: pageSize, projection: { ...NO_OUTBOX, history: 0 } },
      );
      if (page.length > 0) yield allFromStore(page);
      const last = page.at(-1);
      if (page.length < pageSize || !last) return;
      after = last._id;
    }
  }
}
