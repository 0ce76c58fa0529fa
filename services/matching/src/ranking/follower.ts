import type { Logger } from '@parkmatch/service-kit';
import type { MatchRepository, RankedScore } from '../scores/repository.ts';
import type { RankEntry, RankIndex } from './rank-index.ts';

// Keeps the in-memory RankIndex in step with the matches collection: a full load at
// start, then every score this process writes (`apply`), and a catch-up on `updatedAt`
// for scores written by other instances of the service.

export function rankEntryOf(
  score: Pick<RankedScore, 'leadId' | 'score' | 'tier' | 'matchedDirections'>,
): RankEntry {
  return {
    leadId: score.leadId,
    score: score.score,
    tier: score.tier,
    directions: score.matchedDirections.map((d) => d.code),
  };
}

export interface RankingFollower {
  /** Applies scores as they are written (ScoreBook.onRecorded). */
  apply(scores: readonly RankedScore[]): void;
  /** Loads every stored score; returns how many. */
  load(): Promise<number>;
  /** Applies scores written since the last call (by any instance). */
  catchUp(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function followRanking(matches: MatchRepository, index: RankIndex, logger: Logger): RankingFollower {
  let watermark = '';
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  // Own writes do not move the watermark: another instance may write older timestamps later.
  const apply = (scores: readonly RankedScore[]) => {
    for (const score of scores) index.upsert(score.parkId, rankEntryOf(score));
  };
  // $gte, not $gt: writes in the same millisecond as the watermark are applied again (idempotent).
  const catchUp = async () => {
    const scores = await matches.rankedSince(watermark || undefined);
    apply(scores);
    for (const score of scores) if (score.updatedAt > watermark) watermark = score.updatedAt;
    return scores.length;
  };

  return {
    apply,
    load: catchUp,
    catchUp,
    start(intervalMs = 2_000) {
      timer = setInterval(() => {
        running = catchUp().catch((error: unknown) => logger.warn({ err: error }, 'ranking catch-up failed'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
