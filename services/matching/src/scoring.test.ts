import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchId } from './repositories.ts';
import { scoreLead } from './scoring.ts';
import { labelledLead, openTestRepositories } from './test-repositories.ts';

// Storing a lead's scores: once per revision, the profile before its scores, and a
// redelivery after a failed write finishing the job.

let t: Awaited<ReturnType<typeof openTestRepositories>>;
beforeEach(async () => {
  t = await openTestRepositories();
});
afterEach(() => t.close());

const score = (lead = labelledLead(0)) =>
  scoreLead(t.repos, t.ranking, (l) => t.engine.match(l), lead, new Date());
const parks = () => t.engine.catalogs().length;

describe('scoreLead', () => {
  it('stores a score at every park, each announced once, and a redelivery writes nothing', async () => {
    expect(await score()).toBe(parks());
    expect(await score()).toBe(0);
    const stored = await t.repos.matches.find({ leadId: 'lead-000' });
    expect(stored).toHaveLength(parks());
    expect(stored.every((m) => m._outbox?.length === 1)).toBe(true);
    expect(t.ranking.get('dadukou-ivd', 'lead-000')?.score).toBe(
      stored.find((m) => m.parkId === 'dadukou-ivd')?.score,
    );
  });

  it('ignores an older revision once a newer one is stored', async () => {
    const lead = labelledLead(0);
    expect(await score({ ...lead, revision: 2 })).toBe(parks());
    expect(await score({ ...lead, revision: 1 })).toBe(0);
    expect((await t.repos.profiles.findOne({ _id: lead.leadId }))?.revision).toBe(2);
    const match = await t.repos.matches.findOne({ _id: matchId(lead.leadId, 'dadukou-ivd') });
    expect(match?.profileRevision).toBe(2);
  });

  it('keeps the profile when the scores fail to store, and the redelivery stores them', async () => {
    const write = t.repos.matches.bulkUpdateById.bind(t.repos.matches);
    t.repos.matches.bulkUpdateById = async () => {
      throw new Error('disk full');
    };
    await expect(score()).rejects.toThrow('disk full');
    expect(await t.repos.profiles.findOne({ _id: 'lead-000' })).not.toBeNull();
    expect(await t.repos.matches.countDocuments({ leadId: 'lead-000' })).toBe(0);

    t.repos.matches.bulkUpdateById = write;
    expect(await score()).toBe(parks());
  });
});
