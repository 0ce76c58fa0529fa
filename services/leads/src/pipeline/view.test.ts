import { LeadListPage, TeamLeadView } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads, profileInput } from '../../test/open-leads.ts';
import { BIO_CITY, body, claimedLead, DADUKOU } from '../../test/pipeline-steps.ts';

// 首报首谈: once Dadukou claims a lead, Gaoxin (which rated it A too) still sees the lead, its
// score and its business content, that Dadukou owns it and its stage — never the firm's
// contact, Dadukou's liaison, the facts of its deal or the history of its talks.

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

const GAOXIN = 'gaoxin';
const CONTACT = profileInput(1).contact;
/** What Dadukou recorded of its deal: none of it may reach another park. */
const DEAL = {
  liaison: 'zhang.wei',
  agreedInvestmentCny: 123_450_000,
  entityName: '重庆测试生物落地有限公司',
  note: '对方董事长同意年内落地',
};

/** A lead rated A by Dadukou and Gaoxin, C by Bio-City, claimed by Dadukou and worked to 注册落地. */
async function claimedByDadukou(): Promise<string> {
  const id = await claimedLead(t, DADUKOU, {
    [DADUKOU]: { tier: 'A', score: 85 },
    [GAOXIN]: { tier: 'A', score: 82 },
    [BIO_CITY]: { tier: 'C', score: 45 },
  });
  await t.leadDocs().updateOne(
    { _id: id },
    {
      $set: {
        stage: 'registered',
        stageEnteredAt: '2026-10-20T02:00:00.000Z',
        liaison: { username: DEAL.liaison, by: 'dadukou-manager', since: '2026-09-01T03:00:00.000Z' },
        facts: {
          signed: { agreedInvestmentCny: DEAL.agreedInvestmentCny, signedOn: '2026-10-15' },
          registered: {
            entityName: DEAL.entityName,
            creditCode: '91500104MA60000001',
            registeredCapitalCny: 50_000_000,
            registeredOn: '2026-10-20',
          },
        },
      },
      $push: {
        history: {
          kind: 'stage',
          at: '2026-10-15T02:00:00.000Z',
          by: 'dadukou-analyst',
          from: 'negotiating',
          to: 'signed',
          note: DEAL.note,
          facts: { agreedInvestmentCny: DEAL.agreedInvestmentCny, signedOn: '2026-10-15' },
        },
      },
    },
  );
  return id;
}

async function read(id: string, token: string) {
  const res = await t.send('GET', `/v1/leads/${id}`, undefined, token);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, lead: TeamLeadView.parse(JSON.parse(text)) };
}

const secrets = [
  CONTACT.name,
  CONTACT.phone as string,
  DEAL.liaison,
  String(DEAL.agreedInvestmentCny),
  DEAL.entityName,
  DEAL.note,
];

describe('a lead another park claimed (首报首谈)', () => {
  it("shows a park that rated it its score, the business content, the owner and the stage — not the owner's deal", async () => {
    const id = await claimedByDadukou();
    for (const token of [await t.analyst(GAOXIN), await t.manager(GAOXIN)]) {
      const { text, lead } = await read(id, token);
      expect(lead.owner).toMatchObject({ parkId: DADUKOU });
      expect(lead.stage).toBe('registered');
      expect(lead.stageEnteredAt).toBe('2026-10-20T02:00:00.000Z');
      expect(lead.parks).toEqual({ [GAOXIN]: { tier: 'A', score: 82 } });
      expect(lead.profile.firm).toMatchObject(profileInput(1).firm);
      expect(lead.profile.project).toMatchObject(profileInput(1).project);
      expect(lead.profile.contact).toBeUndefined();
      expect(lead.profile.consent).toBeUndefined();
      expect(lead.liaison).toBeUndefined();
      expect(lead.facts).toEqual({});
      expect(lead.history).toEqual([]);
      expect(lead.legalMoves).toEqual([]);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('keeps the whole lead for the owner park, city-wide staff and admins', async () => {
    const id = await claimedByDadukou();
    for (const token of [
      await t.analyst(DADUKOU),
      await t.manager(DADUKOU),
      await t.manager(),
      await t.admin(),
    ]) {
      const { text, lead } = await read(id, token);
      expect(lead.profile.contact).toEqual(CONTACT);
      expect(lead.liaison?.username).toBe(DEAL.liaison);
      expect(lead.facts.signed).toMatchObject({ agreedInvestmentCny: DEAL.agreedInvestmentCny });
      expect(lead.history.map((e) => e.kind)).toEqual(['claimed', 'stage']);
      for (const secret of secrets) expect(text).toContain(secret);
    }
  });

  it('shows a lead nobody owns whole to every park that rated it A–C: they compete to claim it', async () => {
    const id = await t.ratedLead({ [DADUKOU]: { tier: 'A', score: 85 }, [GAOXIN]: { tier: 'B', score: 70 } });
    const { lead } = await read(id, await t.analyst(GAOXIN));
    expect(lead.profile.contact).toEqual(CONTACT);
    expect(lead.owner).toBeUndefined();
  });

  it("leaves the liaison off the other park's lead list, keeping the owner park", async () => {
    const id = await claimedByDadukou();
    const page = async (token: string) => {
      const res = await t.send('GET', '/v1/leads', undefined, token);
      expect(res.status).toBe(200);
      const item = LeadListPage.parse(await body(res)).items.find((i) => i.id === id);
      if (!item) throw new Error(`${id} is not listed`);
      return item;
    };
    const theirs = await page(await t.analyst(GAOXIN));
    expect(theirs.owner?.parkId).toBe(DADUKOU);
    expect(theirs.stage).toBe('registered');
    expect(theirs.rating).toMatchObject({ parkId: GAOXIN, tier: 'A' });
    expect(theirs.liaison).toBeUndefined();
    expect((await page(await t.analyst(DADUKOU))).liaison?.username).toBe(DEAL.liaison);
    expect((await page(await t.manager())).liaison?.username).toBe(DEAL.liaison);
  });
});
