// Decoding of the stream replies ioredis hands back untyped.

export interface StreamEntry {
  readonly id: string;
  readonly key: string;
  readonly value: string;
}

function asArray(reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw new Error(`unexpected redis reply: ${JSON.stringify(reply)}`);
  return reply;
}

/** `[id, [field, value, ...]]` pairs; entries whose data is gone (nil) are returned as `missing`. */
export function decodeEntries(reply: unknown): { entries: StreamEntry[]; missing: string[] } {
  const entries: StreamEntry[] = [];
  const missing: string[] = [];
  for (const item of asArray(reply)) {
    const [id, fields] = asArray(item);
    if (typeof id !== 'string') throw new Error('stream entry without id');
    if (!Array.isArray(fields)) {
      missing.push(id);
      continue;
    }
    const data = new Map<unknown, unknown>();
    for (let i = 0; i + 1 < fields.length; i += 2) data.set(fields[i], fields[i + 1]);
    entries.push({ id, key: String(data.get('k') ?? ''), value: String(data.get('v') ?? '') });
  }
  return { entries, missing };
}

/** XREADGROUP on one stream: `[[stream, entries]]`, or null when the block timed out. */
export function decodeRead(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  const [stream] = asArray(reply);
  const [, entries] = asArray(stream);
  return decodeEntries(entries).entries;
}

/** XAUTOCLAIM: `[next cursor, entries, deleted ids]` (deleted ids only since Redis 7). */
export function decodeAutoClaim(reply: unknown): {
  cursor: string;
  entries: StreamEntry[];
  missing: string[];
} {
  const [cursor, entries] = asArray(reply);
  return { cursor: String(cursor), ...decodeEntries(entries) };
}

/** XPENDING (extended form): id -> times delivered. */
export function decodeDeliveryCounts(reply: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of asArray(reply)) {
    const [id, , , delivered] = asArray(row);
    counts.set(String(id), Number(delivered));
  }
  return counts;
}

export interface GroupInfo {
  readonly name: string;
  /** Delivered to a consumer, not yet acknowledged. */
  readonly pending: number;
  readonly lastDeliveredId: string;
  /** Entries not yet delivered to the group; null when Redis cannot tell (before 7.0, or after deletions). */
  readonly lag: number | null;
}

/** XINFO GROUPS: one `[field, value, ...]` list per group. */
export function decodeGroups(reply: unknown): GroupInfo[] {
  return asArray(reply).map((row) => {
    const fields = asArray(row);
    const data = new Map<unknown, unknown>();
    for (let i = 0; i + 1 < fields.length; i += 2) data.set(fields[i], fields[i + 1]);
    const lag = data.get('lag');
    return {
      name: String(data.get('name')),
      pending: Number(data.get('pending') ?? 0),
      lastDeliveredId: String(data.get('last-delivered-id') ?? '0-0'),
      lag: typeof lag === 'number' ? lag : null,
    };
  });
}
