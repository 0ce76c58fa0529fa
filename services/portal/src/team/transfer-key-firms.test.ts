import { ProfileInput } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { csrfOf, openPortal, PROFILE, type Visitor } from '../../test/portal.ts';

// Handing a lead to another park (city-wide staff), the 重点培育 mark on the lead page, and
// the key-firm ledger page — on the fake services, each member with its own token.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  expect((await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' })).status).toBe(303);
}

function claimedLead(fakes: ReturnType<typeof openPortal>['fakes']) {
  const leadId = fakes.addLead(ProfileInput.parse(PROFILE), {
    'dadukou-ivd': { tier: 'A', score: 85.9 },
    fuling: { tier: 'C', score: 31 },
  });
  fakes.claim(leadId, 'dadukou-ivd');
  return leadId;
}

describe('transferring a lead to another park', () => {
  it('offers city-wide staff the other parks, checks the reason, and hands the lead over', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = claimedLead(fakes);
    const city = visitor();
    await signIn(city, 'city-manager');
    const page = await (await city.get(`/team/leads/${leadId}`)).text();
    expect(page).toContain('划转其他园区');
    expect(page).toContain('<label for="f-tr-toParkId">划转给');
    expect(page).toContain('<label for="f-tr-reason">划转原因');
    // The owner park is not offered as a destination.
    const options = /<select id="f-tr-toParkId"[\s\S]*?<\/select>/.exec(page)?.[0] ?? '';
    expect(options).not.toContain('value="dadukou-ivd"');
    expect(options).toContain('value="fuling"');

    // The form carries the revision the page showed, as the move forms do.
    const form =
      /<form method="post" action="\/team\/leads\/[^"]+\/transfer"[\s\S]*?<\/form>/.exec(page)?.[0] ?? '';
    const pipelineRevision = /name="pipelineRevision" value="(\d+)"/.exec(form)?.[1] ?? '';
    expect(pipelineRevision).toBe('2'); // claimed: revision 2

    // Without a reason: said beside the field, nothing sent, the choice kept.
    const csrf = csrfOf(page);
    const missing = await city.post(`/team/leads/${leadId}/transfer`, {
      _csrf: csrf,
      pipelineRevision,
      toParkId: 'fuling',
      reason: ' ',
    });
    const again = await missing.text();
    expect(missing.status).toBe(200);
    expect(again).toMatch(/<details class="work-form" id="transfer" open>/);
    expect(again).toContain('id="f-tr-reason-error">请填写此项');
    expect(again).toMatch(/<option value="fuling" selected>/);
    expect(fakes.calls.some((call) => call.includes('/transfer'))).toBe(false);

    // Without the revision (a form from before it was carried): nothing sent.
    const noRevision = await city.post(`/team/leads/${leadId}/transfer`, {
      _csrf: csrf,
      toParkId: 'fuling',
      reason: '企业更看重原料药配套',
    });
    expect(noRevision.status).toBe(200);
    expect(fakes.calls.some((call) => call.includes('/transfer'))).toBe(false);

    const done = await city.post(`/team/leads/${leadId}/transfer`, {
      _csrf: csrf,
      pipelineRevision,
      toParkId: 'fuling',
      reason: '企业更看重原料药配套',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/team/leads/${leadId}?done=transferred#ownership`);
    expect(fakes.bodies.get(`POST /v1/leads/${leadId}/transfer`)).toEqual({
      toParkId: 'fuling',
      reason: '企业更看重原料药配套',
      pipelineRevision: 2,
    });
    const after = await (await city.get(`/team/leads/${leadId}?done=transferred`)).text();
    expect(after).toContain('线索已划转');
    expect(after).toContain('→ 涪陵');
  });

  it('sends the revision the page showed, not the lead’s latest, so a change meanwhile is caught', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = claimedLead(fakes);
    const city = visitor();
    await signIn(city, 'city-manager');
    const page = await (await city.get(`/team/leads/${leadId}`)).text();
    const shown = /name="pipelineRevision" value="(\d+)"[\s\S]*?name="toParkId"/.exec(page)?.[1] ?? '';
    expect(shown).toBe('2');
    // Someone else changes the lead after the page was drawn (it is at 3 now).
    fakes.claim(leadId, 'gaoxin', 'admin');
    const stale = await city.post(`/team/leads/${leadId}/transfer`, {
      _csrf: csrfOf(page),
      pipelineRevision: shown,
      toParkId: 'fuling',
      reason: '企业更看重原料药配套',
    });
    expect(fakes.bodies.get(`POST /v1/leads/${leadId}/transfer`)).toMatchObject({ pipelineRevision: 2 });
    // Refused (409): the page as it stands now says so, and the lead stays with its new owner.
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain('线索已被他人更新');
    expect(fakes.leads.get(leadId)?.owner?.parkId).toBe('gaoxin');
  });

  it('shows the service’s refusal beside the field, and never offers a park’s own team a transfer', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = claimedLead(fakes);
    const city = visitor();
    await signIn(city, 'city-manager');
    const { csrf } = await city.form(`/team/leads/${leadId}`);
    // Posted by hand with the owner park itself: the service's field error comes back inline.
    const refused = await (
      await city.post(`/team/leads/${leadId}/transfer`, {
        _csrf: csrf,
        pipelineRevision: '2',
        toParkId: 'dadukou-ivd',
        reason: '测试',
      })
    ).text();
    expect(refused).toContain('已是归属园区');

    const analyst = visitor();
    await signIn(analyst, 'dadukou');
    expect(await (await analyst.get(`/team/leads/${leadId}`)).text()).not.toContain('划转其他园区');
  });
});

describe('the 重点培育 mark and ledger', () => {
  it('marks a firm by hand from its lead page, lists it on the ledger page, and takes it off', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = claimedLead(fakes);
    const member = visitor();
    await signIn(member, 'dadukou');
    const page = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(page).toContain('未列入重点培育台账');
    const csrf = csrfOf(page);
    const marked = await member.post(`/team/leads/${leadId}/key-firm`, { _csrf: csrf, onLedger: 'true' });
    expect(marked.headers.get('location')).toBe(`/team/leads/${leadId}?done=key-firm#figures`);
    expect(fakes.bodies.get(`PUT /v1/leads/${leadId}/key-firm`)).toEqual({ onLedger: true });
    const after = await (await member.get(`/team/leads/${leadId}?done=key-firm`)).text();
    expect(after).toContain('已列入重点培育台账。（手动标记）');
    expect(after).toContain('移出重点培育台账');

    const ledger = await (await member.get('/team/key-firms?month=2026-02')).text();
    expect(ledger).toContain('<h1>重点培育台账</h1>');
    expect(ledger).toContain(`href="/team/leads/${leadId}#figures">${PROFILE.firm.name}`);
    expect(ledger).toContain('手动标记');
    expect(ledger).toContain('未填报');
    expect(fakes.calls).toContain('GET /v1/ledgers/key-firms?month=2026-02');

    await member.post(`/team/leads/${leadId}/key-firm`, { _csrf: csrf, onLedger: 'false' });
    expect(await (await member.get('/team/key-firms')).text()).toContain('该月没有重点培育企业');
  });

  it('says what to fix for a month that is not one, and lets city-wide staff pick a park', async () => {
    const { visitor } = openPortal();
    const city = visitor();
    await signIn(city, 'city-manager');
    const page = await (await city.get('/team/key-firms?month=2026-13&park=fuling')).text();
    expect(page).toContain('请选择有效月份');
    expect(page).toMatch(/<option value="fuling" selected>/);
    const analyst = visitor();
    await signIn(analyst, 'dadukou');
    expect(await (await analyst.get('/team/key-firms')).text()).not.toContain('name="park"');
  });
});
