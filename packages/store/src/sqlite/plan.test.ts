import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doc } from '../port.ts';
import type { SqliteCollection } from './collection.ts';
import { createSqliteStore, type SqliteStore } from './store.ts';

// The filter shapes repositories use are served by indexes: SQLite's own query plan says so.

interface Match extends Doc {
  leadId: string;
  parkId: string;
  score: number;
  updatedAt: string;
  tags: string[];
  _outboxPending?: true;
}

describe('sqlite query plans', () => {
  let store: SqliteStore;
  let matches: SqliteCollection<Match>;

  beforeAll(async () => {
    store = await createSqliteStore({ file: ':memory:' });
    matches = store.collection<Match>('matches');
    await matches.createIndex({ keys: { leadId: 1 }, purpose: "a lead's scores" });
    await matches.createIndex({ keys: { parkId: 1, score: -1 }, purpose: "a park's ranked list" });
    await matches.createIndex({ keys: { updatedAt: 1 }, purpose: 'catch-up since a watermark' });
    await matches.createIndex({ keys: { _outboxPending: 1 }, purpose: 'outbox relay' });
    await matches.insertMany(
      Array.from({ length: 200 }, (_, i) => ({
        _id: `lead-${i}:p${i % 6}`,
        leadId: `lead-${i}`,
        parkId: `p${i % 6}`,
        score: i % 100,
        updatedAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
        tags: ['a', 'b'],
        ...(i % 50 === 0 ? { _outboxPending: true as const } : {}),
      })),
    );
  });
  afterAll(async () => {
    await store.close();
  });

  const plan = (...args: Parameters<SqliteCollection<Match>['explain']>) =>
    matches.explain(...args).join(' | ');

  it('looks up _id $in through the primary key', () => {
    expect(plan({ _id: { $in: ['lead-1:p1', 'lead-2:p2'] } })).toMatch(
      /^SEARCH matches USING INDEX sqlite_autoindex_matches_1 \(_id=\?\)/,
    );
  });

  it('looks up an indexed field by equality and $in', () => {
    expect(plan({ leadId: 'lead-7' })).toMatch(
      /^SEARCH matches USING INDEX matches\/leadId_1 \(<expr>=\?\)$/,
    );
    expect(plan({ leadId: 'lead-7', parkId: { $in: ['p1', 'p2'] } })).toMatch(
      /^SEARCH matches USING INDEX matches\/(leadId_1|parkId_1_score_-1) \(<expr>=\?\)/,
    );
  });

  it('uses both keys of a compound index for equality plus range', () => {
    expect(plan({ parkId: 'p1', score: { $gt: 50 } })).toMatch(
      /^SEARCH matches USING INDEX matches\/parkId_1_score_-1 \(<expr>=\? AND <expr>>\? AND <expr><\?\)$/,
    );
  });

  it('finds outbox documents by the flag alone', () => {
    expect(plan({ _outboxPending: true }, { limit: 100, projection: { _id: 1 } })).toMatch(
      /^SEARCH matches USING INDEX matches\/_outboxPending_1 \(<expr>=\?\)$/,
    );
  });

  it('pages a sort on an indexed field without sorting the matches', () => {
    const top = plan({ parkId: 'p3' }, { sort: { score: -1 }, limit: 50 });
    expect(top).toMatch(/^SEARCH matches USING INDEX matches\/parkId_1_score_-1 \(<expr>=\?\)$/);
    const latest = plan({}, { sort: { updatedAt: -1 }, limit: 10 });
    expect(latest).toMatch(/^SCAN matches USING INDEX matches\/updatedAt_1$/);
    expect(plan({ updatedAt: { $gte: '2023-11-14T22:15:00.000Z' } }, { sort: { updatedAt: 1 } })).toMatch(
      /^SEARCH matches USING INDEX matches\/updatedAt_1 \(<expr>>\?\)$/,
    );
  });

  it('narrows with the index when the rest of the filter needs mingo', () => {
    expect(plan({ leadId: 'lead-7', tags: { $size: 2 } })).toMatch(
      /^SEARCH matches USING INDEX matches\/leadId_1 \(<expr>=\?\)$/,
    );
    expect(plan({ tags: 'a' })).toBe('SCAN matches'); // an array field: every row goes to mingo
  });
});
