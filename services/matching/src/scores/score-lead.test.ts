import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labelledLead, openMatching } from '../../test/open-matching.ts';
import { matchId } from './repository.ts';
import { scoreLeads, withdrawLeads } from './score-lead.ts';

// Storing a lead's scores: once per revision, the profile before its scores, and a
// redelivery after a failed write finishing the job.

let t: Awaited<ReturnType<typeof openMatching>>;
beforeEach(async () => {
  t = await openMatching();
});
afterEach(() => t.close());

const score = (lead = labelledLead(0)) => scoreLeads(t, [lead], new Date());
const parks = () => t.engine.catalogs().length;

describe('scoreLeads', () => {
  it('stores a score at every park, each announced once, and a redelivery writes nothing', async () => {
    expect(await score()).toBe(parks());
    expect(await score()).toBe(0);
    const stored = await t.storedMatches().find({ leadId: 'lead-000' });
    expect(stored).toHaveLength(parks());
    for (const m of stored) expect(await t.announced(m._id)).toBe(1);
    const atPark = stored.find((m) => m.parkId === 'dadukou-ivd');
    expect(atPark?.hasDirection).toEqual(
      Object.fromEntries(atPark?.matchedDirections.map((d) => [d.code.replaceAll('.', ':'), true]) ?? []),
    );
    const ranked = await t.matches.ranked('dadukou-ivd', { limit: 10 });
    expect(ranked.items.map((m) => [m.leadId, m.score])).toEqual([['lead-000', atPark?.score]]);
  });

  it('ignores an older revision once a newer one is stored', async () => {
    const lead = labelledLead(0);
    expect(await score({ ...lead, revision: 2 })).toBe(parks());
    expect(await score({ ...lead, revision: 1 })).toBe(0);
    expect((await t.profiles.revisions([lead.leadId])).get(lead.leadId)).toEqual({
      revision: 2,
      withdrawn: false,
    });
    const [match] = await t.matches.byIds([matchId(lead.leadId, 'dadukou-ivd')]);
    expect(match?.profileRevision).toBe(2);
  });

  it('keeps the profile when the scores fail to store, and the redelivery stores them', async () => {
    const write = t.matches.write.bind(t.matches);
    t.matches.write = async () => {
      throw new Error('disk full');
    };
    await expect(score()).rejects.toThrow('disk full');
    expect((await t.profiles.revisions(['lead-000'])).get('lead-000')).toEqual({
      revision: 1,
      withdrawn: false,
    });
    expect(await t.storedMatches().countDocuments({ leadId: 'lead-000' })).toBe(0);

    t.matches.write = write;
    expect(await score()).toBe(parks());
  });

  it('scores a batch in one pass: the newest revision of each lead, once', async () => {
    const a = labelledLead(1);
    const b = labelledLead(2);
    const written = await scoreLeads(t, [a, { ...b, revision: 2 }, b, { ...a, revision: 3 }], new Date());
    expect(written).toBe(2 * parks());
    expect(await t.profiles.revisions([a.leadId, b.leadId])).toEqual(
      new Map([
        [a.leadId, { revision: 3, withdrawn: false }],
        [b.leadId, { revision: 2, withdrawn: false }],
      ]),
    );
    const stored = await t.storedMatches().find({ leadId: { $in: [a.leadId, b.leadId] } });
    expect(stored.map((m) => m.profileRevision).sort()).toEqual([
      ...Array(parks()).fill(2),
      ...Array(parks()).fill(3),
    ]);
    for (const m of stored) expect(await t.announced(m._id)).toBe(1);
  });

  it('takes a withdrawn lead out of every ranked list, erases its profile, and never scores it again', async () => {
    const kept = labelledLead(1);
    const gone = labelledLead(2);
    await scoreLeads(t, [kept, gone], new Date());
    await withdrawLeads(t, [gone.leadId], new Date());
    await withdrawLeads(t, [gone.leadId], new Date()); // redelivered: the same
    expect(await t.storedMatches().countDocuments({ leadId: gone.leadId })).toBe(0);
    expect(await t.storedMatches().countDocuments({ leadId: kept.leadId })).toBe(parks());
    const ranked = await t.matches.ranked('dadukou-ivd', { limit: 100 });
    expect(ranked.items.map((m) => m.leadId)).toEqual([kept.leadId]);
    expect(await t.profiles.byIds([gone.leadId])).toEqual(new Map());
    expect(JSON.stringify(await t.store.collection('profiles').findOne({ _id: gone.leadId }))).not.toContain(
      gone.profile.firm.name,
    );
    expect(await t.profiles.count()).toBe(1);
    // A revision arriving after the withdrawal (another topic, no order between them) is dropped.
    expect(await scoreLeads(t, [{ ...gone, revision: 2 }], new Date())).toBe(0);
    const pages = [];
    for await (const page of t.profiles.pages({ size: 10 })) pages.push(...page.map((l) => l.leadId));
    expect(pages).toEqual([kept.leadId]);
  });

  it('lets no withdrawal land between a revision’s check and its writes (the two topics side by side)', async () => {
    const lead = labelledLead(3);
    // The firm submits and withdraws at once: both consumers run side by side.
    await Promise.all([scoreLeads(t, [lead], new Date()), withdrawLeads(t, [lead.leadId], new Date())]);
    expect(await t.storedMatches().countDocuments({ leadId: lead.leadId })).toBe(0);
    expect(await t.profiles.byIds([lead.leadId])).toEqual(new Map());
    expect((await t.matches.ranked('dadukou-ivd', { limit: 10 })).items).toEqual([]);
  });

  it('marks a lead withdrawn before its profile arrived, and drops the profile when it does', async () => {
    const late = labelledLead(3);
    await withdrawLeads(t, [late.leadId], new Date());
    expect(await scoreLeads(t, [late], new Date())).toBe(0);
    expect(await t.storedMatches().countDocuments({ leadId: late.leadId })).toBe(0);
  });
});
