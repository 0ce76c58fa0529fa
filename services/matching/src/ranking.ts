import type { Logger } from '@parkmatch/service-kit';
import type { RankEntry, RankIndex } from './domain/rank-index.ts';
import type { MatchDoc, Repositories } from './repositories.ts';

// Keeps the in-memory RankIndex in step with the matches collection: a full load at
// start, then every write this process makes, and a catch-up on `updatedAt` for writes
// made by other instances of the service.

const PROJECTION = {
  leadId: 1,
  parkId: 1,
  score: 1,
  tier: 1,
  'matchedDirections.code': 1,
  updatedAt: 1,
} as const;

export function rankEntryOf(
  doc: Pick<MatchDoc, 'leadId' | 'score' | 'tier' | 'matchedDirections'>,
): RankEntry {
  return {
    leadId: doc.leadId,
    score: doc.score,
    tier: doc.tier,
    directions: doc.matchedDirections.map((d) => d.code),
  };
}

export interface RankingFollower {
  /** Loads every stored match; returns how many. */
  load(): Promise<number>;
  /** Applies matches written since the last call (by any instance). */
  catchUp(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function followRanking(repos: Repositories, index: RankIndex, logger: Logger): RankingFollower {
  let watermark = '';
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const apply = (doc: MatchDoc) => {
    index.upsert(doc.parkId, rankEntryOf(doc));
    if (doc.updatedAt > watermark) watermark = doc.updatedAt;
  };

  return {
    async load() {
      // One pass: paging with a sort would cost a top-k over the remainder for every page.
      const docs = await repos.matches.find({}, { projection: PROJECTION });
      for (const doc of docs) apply(doc);
      return docs.length;
    },
    async catchUp() {
      // $gte, not $gt: writes in the same millisecond as the watermark are applied again (idempotent).
      const docs = await repos.matches.find(watermark ? { updatedAt: { $gte: watermark } } : {}, {
        projection: PROJECTION,
      });
      for (const doc of docs) apply(doc);
      return docs.length;
    },
    start(intervalMs = 2_000) {
      timer = setInterval(() => {
        running = this.catchUp().catch((error: unknown) =>
          logger.warn({ err: error }, 'ranking catch-up failed'),
        );
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
