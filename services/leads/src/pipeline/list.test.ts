import type { LeadListPage } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { BIO_CITY, body, claimedLead, DADUKOU, listIds, moveTo } from '../../test/pipeline-steps.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

const rename = (id: string, name: string) =>
  t.leadDocs().updateOne({ _id: id }, { $set: { 'profile.firm.name': name } });

describe('the teams’ lead list', () => {
  it("shows a park's team its A–C leads and those it owns, city-wide staff all, newest activity first", async () => {
    t.setNow('2026-11-01T02:00:00Z');
    const ratedA = await t.ratedLead({ [DADUKOU]: { tier: 'A', score: 80 } }, 1);
    const ratedD = await t.ratedLead({ [DADUKOU]: { tier: 'D', score: 10 } }, 2);
    const bioCitys = await t.ratedLead(
      { [BIO_CITY]: { tier: 'B', score: 60 }, [DADUKOU]: { tier: 'D', score: 9 } },
      3,
    );
    t.setNow('2026-11-02T02:00:00Z');
    await t.send('POST', `/v1/leads/${bioCitys}/claim`, {}, await t.analyst(BIO_CITY));
    const transfer = { toParkId: DADUKOU, reason: '企业要求', pipelineRevision: 2 }; // claimed: at 2
    const transferred = await t.send('POST', `/v1/leads/${bioCitys}/transfer`, transfer, await t.admin());
    expect(transferred.status).toBe(200);
    const dadukou = await t.analyst(DADUKOU);
    expect(await listIds(t, '', dadukou)).toEqual([bioCitys, ratedA]);
    expect(await listIds(t, '', await t.analyst(BIO_CITY))).toEqual([bioCitys]); // it rated it B
    expect(await listIds(t, '', await t.analyst('fuling'))).toEqual([]);
    expect(await listIds(t, '', await t.manager())).toEqual([bioCitys, ratedD, ratedA]);
  });

  it('shows firm, title, stage, owner, the caller’s rating and calendar days in stage (the liaison to those who work the lead)', async () => {
    const id = await claimedLead(t, DADUKOU, {
      [DADUKOU]: { tier: 'A', score: 81 },
      [BIO_CITY]: { tier: 'B', score: 70 },
    });
    await t
      .leadDocs()
      .updateOne(
        { _id: id },
        { $set: { liaison: { username: 'dadukou-li', by: 'x', since: '2026-11-02T02:00:00.000Z' } } },
      );
    t.setNow('2026-11-02T15:00:00Z'); // 23:00 in Shanghai
    await moveTo(t, id, 'contacted', await t.analyst(DADUKOU));
    t.setNow('2026-11-05T01:00:00Z');
    const page = await body<LeadListPage>(
      await t.send('GET', '/v1/leads', undefined, await t.analyst(BIO_CITY)),
    );
    expect(page).toEqual({
      items: [
        {
          id,
          firmName: '测试生物科技有限公司1',
          creditCode: expect.stringMatching(/^91500000MA1000001/),
          projectTitle: 'POCT 试剂生产',
          stage: 'contacted',
          stageEnteredAt: '2026-11-02T15:00:00.000Z',
          daysInStage: 3,
          pipelineRevision: 3,
          owner: { parkId: DADUKOU, by: `${DADUKOU}-analyst`, since: '2026-11-02T02:00:00.000Z' },
          // No liaison: Dadukou's, and Bio-City does not own the lead (首报首谈; view.test.ts).
          rating: { parkId: BIO_CITY, tier: 'B', score: 70 },
          updatedAt: '2026-11-02T15:00:00.000Z',
        },
      ],
      nextCursor: null,
    });
    const city = await body<LeadListPage>(await t.send('GET', '/v1/leads', undefined, await t.manager()));
    expect(city.items[0]?.rating).toEqual({ parkId: DADUKOU, tier: 'A', score: 81 });
    expect(city.items[0]?.liaison?.username).toBe('dadukou-li');
  });

  it('filters by stage, owner, liaison and tier', async () => {
    const rating = { [DADUKOU]: { tier: 'A', score: 80 }, [BIO_CITY]: { tier: 'C', score: 35 } } as const;
    const owned = await claimedLead(t, DADUKOU, rating, 1);
    const theirs = await claimedLead(t, BIO_CITY, rating, 2);
    const free = await t.ratedLead({ [DADUKOU]: { tier: 'B', score: 60 } }, 3);
    await moveTo(t, owned, 'contacted', await t.analyst(DADUKOU));
    await t
      .leadDocs()
      .updateOne(
        { _id: theirs },
        { $set: { liaison: { username: 'bio-wang', by: 'x', since: '2026-11-02T02:00:00.000Z' } } },
      );
    const token = await t.analyst(DADUKOU);
    expect(await listIds(t, '?stage=contacted', token)).toEqual([owned]);
    expect(await listIds(t, '?stage=lead', token)).toEqual([free, theirs]);
    expect(await listIds(t, `?owner=${DADUKOU}`, token)).toEqual([owned]);
    expect(await listIds(t, `?owner=${BIO_CITY}`, token)).toEqual([theirs]);
    expect(await listIds(t, '?owner=none', token)).toEqual([free]);
    // Bio-City's own search finds its liaison's lead; Dadukou's finds nothing of it (a rival's liaison).
    expect(await listIds(t, '?liaison=bio-wang', await t.analyst(BIO_CITY))).toEqual([theirs]);
    expect(await listIds(t, '?liaison=bio-wang', token)).toEqual([]);
    expect(await listIds(t, `?liaison=bio-wang&owner=${BIO_CITY}`, token)).toEqual([]);
    expect(await listIds(t, '?tier=B', token)).toEqual([free]);
    expect(await listIds(t, '?tier=C', await t.analyst(BIO_CITY))).toEqual([theirs, owned]);
    expect(await listIds(t, '?tier=B&stage=contacted', token)).toEqual([]);
    expect((await t.send('GET', '/v1/leads?stage=done', undefined, token)).status).toBe(400);
    expect((await t.send('GET', '/v1/leads?owner=nowhere', undefined, token)).status).toBe(400);
  });

  it('searches firm names (Chinese substrings) and credit codes, taking the text literally', async () => {
    const rated = { [DADUKOU]: { tier: 'A', score: 80 } } as const;
    const bio = await t.ratedLead(rated, 1);
    const med = await t.ratedLead(rated, 2);
    const dotted = await t.ratedLead(rated, 3);
    await rename(bio, '重庆博奥生物科技有限公司');
    await rename(med, '重庆迈瑞医疗器械有限公司');
    await rename(dotted, '重庆(.*)检测技术有限公司');
    const token = await t.analyst(DADUKOU);
    const search = (q: string) => listIds(t, `?q=${encodeURIComponent(q)}`, token);
    expect(await search('生物')).toEqual([bio]);
    expect(await search('医疗器械')).toEqual([med]);
    expect(await search('重庆')).toEqual([dotted, med, bio]);
    expect(await search('(.*)')).toEqual([dotted]);
    expect(await search('.*')).toEqual([dotted]);
    expect(await search('91500000ma1000002')).toEqual([med]);
    expect(await search('有限公司2')).toEqual([]);
  });

  it('pages newest first with an opaque cursor, and refuses a forged one', async () => {
    const ids: string[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      t.setNow(`2026-11-0${seed}T02:00:00Z`);
      ids.push(await t.ratedLead({ [DADUKOU]: { tier: 'B', score: 60 } }, seed));
    }
    const token = await t.analyst(DADUKOU);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: LeadListPage = await body<LeadListPage>(
        await t.send('GET', `/v1/leads${query}`, undefined, token),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const forged = await t.send('GET', '/v1/leads?cursor=bm90LWEtY3Vyc29y', undefined, token);
    expect(forged.status).toBe(400);
    expect((await body(forged)).errors).toMatchObject([{ path: 'cursor' }]);
  });
});
