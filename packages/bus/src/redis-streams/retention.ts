import type { Redis } from 'ioredis';
import { decodeGroups } from './entries.ts';

// Retention, Kafka style but safer: an entry leaves a partition stream once it is older than the
// retention AND every consumer group on the stream has acknowledged it. A group that is behind
// (or down) keeps what it has not handled — unless none of its consumers came by for longer
// than the retention and a day (a group given up, e.g. an insights generation replaced by a
// rebuild). A group created later with `fromBeginning` finds the retained window.

/** Stream ids (`<ms>-<seq>`) in order. */
export function compareIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

/** The first id after `id`. */
const successor = (id: string): string => {
  const [ms = '0', seq = '0'] = id.split('-');
  return `${ms}-${Number(seq) + 1}`;
};

export interface GroupPosition {
  /** The last entry delivered to the group. */
  readonly lastDeliveredId: string;
  /** The oldest entry delivered and not yet acknowledged, if any. */
  readonly oldestPendingId?: string;
  /** Since when (ms) none of its consumers read; absent when it has none yet. */
  readonly idleMs?: number | undefined;
}

const DAY_MS = 86_400_000;
/** After this long without a read, a group no longer holds entries back. */
export const abandonedAfter = (retentionMs: number): number => retentionMs + DAY_MS;

/**
 * The id below which a stream's entries may be dropped (XTRIM MINID): nothing newer than
 * now − retention, nothing a group still needs (pending, or not yet delivered) unless the group
 * was given up.
 */
export function trimFloor(groups: readonly GroupPosition[], now: number, retentionMs: number): string {
  let floor = `${Math.max(0, Math.floor(now - retentionMs))}-0`;
  for (const group of groups) {
    if (group.idleMs !== undefined && group.idleMs > abandonedAfter(retentionMs)) continue;
    const needed = group.oldestPendingId ?? successor(group.lastDeliveredId);
    if (compareIds(needed, floor) < 0) floor = needed;
  }
  return floor;
}

/**
 * Trims each stream down to its floor; returns how many entries went. `~`: Redis drops whole
 * nodes of the stream only (cheap), so a few entries below the floor may stay until next time.
 */
export async function trimStreams(
  redis: Redis,
  streams: readonly string[],
  retentionMs: number,
  now = Date.now(),
): Promise<number> {
  let trimmed = 0;
  for (const stream of streams) {
    let groups: ReturnType<typeof decodeGroups>;
    try {
      groups = decodeGroups(await redis.call('XINFO', 'GROUPS', stream));
    } catch (error) {
      if (error instanceof Error && /no such key/i.test(error.message)) continue;
      throw error;
    }
    const positions: GroupPosition[] = await Promise.all(
      groups.map(async ({ name, pending, lastDeliveredId }) => {
        const idleMs = consumersIdle(await redis.call('XINFO', 'CONSUMERS', stream, name));
        if (pending === 0) return { lastDeliveredId, idleMs };
        // XPENDING summary: [count, oldest id, newest id, consumers]
        const [, oldest] = (await redis.call('XPENDING', stream, name)) as [number, string | null];
        return { lastDeliveredId, idleMs, ...(oldest ? { oldestPendingId: oldest } : {}) };
      }),
    );
    const floor = trimFloor(positions, now, retentionMs);
    trimmed += Number(await redis.call('XTRIM', stream, 'MINID', '~', floor));
  }
  return trimmed;
}

/** XINFO CONSUMERS: the least idle time of a group's consumers, undefined when it has none. */
function consumersIdle(reply: unknown): number | undefined {
  if (!Array.isArray(reply) || reply.length === 0) return undefined;
  let least = Number.POSITIVE_INFINITY;
  for (const fields of reply as unknown[][]) {
    for (let i = 0; i + 1 < fields.length; i += 2)
      if (fields[i] === 'idle') least = Math.min(least, Number(fields[i + 1]));
  }
  return Number.isFinite(least) ? least : undefined;
}
