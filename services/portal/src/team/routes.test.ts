import { ProfileInput } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { csrfOf, openPortal, PROFILE, type Visitor } from '../../test/portal.ts';

async function signIn(member: Visitor, next?: string) {
  const { csrf } = await member.form(`/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  return member.post('/signin', {
    _csrf: csrf,
    username: 'dadukou',
    password: 'demo1234',
    ...(next ? { next } : {}),
  });
}

const xss = `<script>alert(1)</script><img src=x onerror=alert(2)>`;

describe('the team’s pages', () => {
  it('send a visitor to sign in and back to the page asked for', async () => {
    const { visitor } = openPortal();
    const member = visitor();
    const asked = await member.get('/team/leads?tier=A');
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe(`/signin?next=${encodeURIComponent('/team/leads?tier=A')}`);
    const signedIn = await signIn(member, '/team/leads?tier=A');
    expect(signedIn.headers.get('location')).toBe('/team/leads?tier=A');
  });

  it('never send anyone elsewhere after signing in (open redirect)', async () => {
    const { visitor } = openPortal();
    const res = await signIn(visitor(), '//evil.example/team');
    expect(res.headers.get('location')).toBe('/team/inbox');
  });

  it('keep the token in an HttpOnly, SameSite=Lax cookie, Secure over https', async () => {
    const { app } = openPortal();
    const page = await app.request('https://portal.test/signin');
    const cookie = page.headers.getSetCookie().find((line) => line.startsWith('pm_session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    const plain = await app.request('http://portal.test/signin');
    expect(plain.headers.getSetCookie().join()).not.toMatch(/Secure/);
  });

  it('say so when the password is wrong', async () => {
    const { visitor } = openPortal();
    const member = visitor();
    const { csrf } = await member.form('/signin');
    const html = await (
      await member.post('/signin', { _csrf: csrf, username: 'dadukou', password: 'nope' })
    ).text();
    expect(html).toContain('用户名或密码错误');
    expect(html).toContain('value="dadukou"');
  });

  it('send a firm-services account (a bank’s officer) to its own page: it has no team pages', async () => {
    const { visitor } = openPortal();
    const member = visitor();
    const { csrf } = await member.form('/signin');
    const res = await member.post('/signin', { _csrf: csrf, username: 'bank-officer', password: 'demo1234' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/bank');
    const team = await member.get('/team/inbox');
    expect(team.status).toBe(303);
    expect(team.headers.get('location')).toBe('/bank');
  });

  it('show the inbox with the unread count, and mark an entry read', async () => {
    const { fakes, visitor } = openPortal();
    fakes.addLead(ProfileInput.parse(PROFILE));
    const member = visitor();
    await signIn(member);
    const { html, csrf } = await member.form('/team/inbox');
    expect(html).toContain('1 未读');
    expect(html).toContain('新线索（A级）：谱析质谱仪器有限公司');
    const id = /action="\/team\/inbox\/([^/]+)\/read"/.exec(html)?.[1] ?? '';
    const read = await member.post(`/team/inbox/${id}/read`, {
      _csrf: csrf,
      back: '/team/inbox?show=unread',
    });
    expect(read.headers.get('location')).toBe('/team/inbox?show=unread');
    expect(await (await member.get('/team/inbox?show=unread')).text()).toContain('没有未读消息');
  });

  it('pass the ranked list’s filters to matching and page with its cursor', async () => {
    const { fakes, visitor } = openPortal();
    fakes.addLead(ProfileInput.parse(PROFILE));
    const member = visitor();
    await signIn(member);
    const html = await (await member.get('/team/leads?tier=B&direction=ivd.mass-spec&minScore=60')).text();
    expect(fakes.calls).toContain(
      'GET /v1/parks/dadukou-ivd/ranked-leads?limit=20&tier=B&direction=ivd.mass-spec&minScore=60',
    );
    expect(html).toContain('临床质谱'); // the direction by its label
    expect(html).toMatch(
      /href="\/team\/leads\?park=dadukou-ivd&amp;tier=B&amp;direction=ivd.mass-spec&amp;minScore=60&amp;cursor=next-page&amp;from=1"/,
    );
    const bad = await (await member.get('/team/leads?minScore=abc')).text();
    expect(bad).toContain('最低得分应为 0 到 100 之间的数字');
  });

  it('show a lead with its score, components, directions and the evidence marked in the text', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    const member = visitor();
    await signIn(member);
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(html).toContain('85.9');
    expect(html).toContain('方向契合');
    expect(html).toContain('<mark>质谱仪</mark>');
    expect(html).toContain('<mark>LC-MS/MS</mark>');
    expect(html).toContain('13800000000');
  });

  it('escape what firms wrote on the inbox, the ranked list and the lead page', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(
      ProfileInput.parse({
        ...PROFILE,
        firm: { ...PROFILE.firm, name: xss },
        project: { ...PROFILE.project, title: xss, description: `质谱仪${xss}`, products: [xss] },
      }),
    );
    const member = visitor();
    await signIn(member);
    for (const path of ['/team/inbox', '/team/leads', `/team/leads/${leadId}`]) {
      const html = await (await member.get(path)).text();
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('keep a form posted after the session ended, and send it after signing in again', async () => {
    let now = Date.parse('2026-01-05T02:00:00Z');
    const { fakes, visitor } = openPortal({ idleMs: 30 * 60_000, now: () => now });
    fakes.addLead(ProfileInput.parse(PROFILE));
    const member = visitor();
    await signIn(member);
    const { html, csrf } = await member.form('/team/inbox');
    const id = /action="\/team\/inbox\/([^/]+)\/read"/.exec(html)?.[1] ?? '';

    now += 45 * 60_000; // idle too long
    const kept = await member.post(`/team/inbox/${id}/read`, { _csrf: csrf, back: '/team/inbox' });
    const signInHtml = await kept.text();
    expect(signInHtml).toContain('已为您保留');
    expect(fakes.inbox[0]?.readAt).toBeNull();
    const resume = /name="resume" value="([^"]+)"/.exec(signInHtml)?.[1] ?? '';
    const signedIn = await member.post('/signin', {
      _csrf: csrfOf(signInHtml),
      username: 'dadukou',
      password: 'demo1234',
      resume,
    });
    const continueHtml = await signedIn.text();
    expect(continueHtml).toContain(`action="/team/inbox/${id}/read"`);
    expect(continueHtml).toContain('name="back" value="/team/inbox"');
    const sent = await member.post(`/team/inbox/${id}/read`, {
      _csrf: csrfOf(continueHtml),
      back: '/team/inbox',
    });
    expect(sent.status).toBe(303);
    expect(fakes.inbox[0]?.readAt).not.toBeNull();
  });

  it('sign out with the form, and refuse a sign-out posted from another site', async () => {
    const { visitor } = openPortal();
    const member = visitor();
    await signIn(member);
    const { csrf } = await member.form('/team/inbox');
    const forged = await member.post('/signout', { _csrf: csrf }, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect((await member.get('/team/inbox')).status).toBe(200);
    const out = await member.post('/signout', { _csrf: csrf });
    expect(out.headers.get('location')).toBe('/signin?signedout=1');
    expect((await member.get('/team/inbox')).status).toBe(303);
  });
});
