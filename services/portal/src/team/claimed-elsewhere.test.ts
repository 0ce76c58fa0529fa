import { ProfileInput } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { openPortal, PROFILE, type Visitor } from '../../test/portal.ts';

// 首报首谈 on the lead page: a park that rated a lead another park claimed sees who owns it and
// where it stands, and a line where the contact would be — never the contact, the owner's
// liaison, the facts of its deal, its history, or an action it may not take.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  const res = await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' });
  expect(res.status).toBe(303);
}

/** A lead Dadukou claimed and signed (with a liaison, a note and the agreed investment); Fuling rated it C. */
function signedByDadukou() {
  const { fakes, visitor } = openPortal();
  const leadId = fakes.addLead(ProfileInput.parse(PROFILE), {
    'dadukou-ivd': { tier: 'A', score: 85.9 },
    fuling: { tier: 'C', score: 31 },
  });
  fakes.claim(leadId, 'dadukou-ivd');
  const lead = fakes.leads.get(leadId);
  if (!lead) throw new Error('no lead');
  lead.stage = 'signed';
  lead.liaison = { username: 'dadukou-2', by: 'dadukou-manager', since: '2026-02-01T02:00:00.000Z' };
  lead.facts = { signed: { agreedInvestmentCny: 150_000_000, signedOn: '2026-03-10' } };
  lead.history.push({
    kind: 'stage',
    at: '2026-03-10T02:00:00.000Z',
    by: 'dadukou',
    from: 'negotiating',
    to: 'signed',
    note: '签约仪式已举行',
    facts: { agreedInvestmentCny: 150_000_000, signedOn: '2026-03-10' },
  });
  return { fakes, visitor, leadId };
}

const OWNER = '大渡口体外诊断产业集聚区';

describe('a lead another park claimed, on the lead page', () => {
  it('says who owns it instead of the contact, without the deal, the history or any action', async () => {
    const { visitor, leadId } = signedByDadukou();
    const member = visitor();
    await signIn(member, 'fuling');
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(html).toContain(PROFILE.firm.name);
    expect(html).toContain(PROFILE.project.title);
    expect(html).toContain(`认领园区：${OWNER}`);
    expect(html).toContain('<span class="stage-name">签约</span>');
    expect(html).toContain(`已由「${OWNER}」认领（首报首谈），联系方式仅对认领园区可见。`);
    expect(html).toContain('按首报首谈，该企业由认领园区对接，请勿自行联系。');
    expect(html).toContain('进展记录仅对认领园区可见。');
    for (const hidden of [
      PROFILE.contact.name,
      PROFILE.contact.phone as string,
      'tel:',
      'dadukou-2', // the liaison
      '15,000', // 协议投资额 in 万元
      '签约仪式已举行',
      '企业已撤回',
      '尚未指定联络员',
    ])
      expect(html, hidden).not.toContain(hidden);
    // No action: no claim, no move, no transfer, no ledger form.
    expect(html).not.toMatch(/<form method="post" action="\/team\/leads\//);
    expect(html).toContain('只有认领园区的团队可以推进此线索');

    const en = await (await member.get(`/team/leads/${leadId}?lang=en`)).text();
    expect(en).toContain(
      `Claimed by “Dadukou IVD Cluster” (first to report and talk, 首报首谈); the firm’s contact details are for the claiming park only.`,
    );
    expect(en).toContain('The history is for the claiming park only.');
    expect(en).not.toContain(PROFILE.contact.phone as string);
  });

  it('keeps the contact, the liaison, the facts and the history for the owner park and city-wide staff', async () => {
    const { visitor, leadId } = signedByDadukou();
    for (const username of ['dadukou', 'city-manager']) {
      const member = visitor();
      await signIn(member, username);
      const html = await (await member.get(`/team/leads/${leadId}`)).text();
      expect(html).toContain(PROFILE.contact.phone as string);
      expect(html).toContain('dadukou-2');
      expect(html).toContain('15,000 万元');
      expect(html).toContain('签约仪式已举行');
      expect(html).not.toContain('联系方式仅对认领园区可见');
    }
  });

  it('shows the contact of a lead nobody owns to every park that rated it A–C', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE), {
      'dadukou-ivd': { tier: 'A', score: 85.9 },
      fuling: { tier: 'C', score: 31 },
    });
    const member = visitor();
    await signIn(member, 'fuling');
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(html).toContain(PROFILE.contact.phone as string);
    expect(html).toContain('认领此线索');
  });
});
