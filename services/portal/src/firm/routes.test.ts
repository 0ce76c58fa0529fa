import { describe, expect, it } from 'vitest';
import { creditCode, filledForm, ORIGIN, openPortal } from '../../test/portal.ts';

describe('the firm’s pages', () => {
  it('submit a profile, show the private link once, and open the status page through it', async () => {
    const { fakes, visitor } = openPortal();
    const firm = visitor();
    const { csrf } = await firm.form('/firm/new');
    const posted = await firm.post('/firm/new', { ...filledForm(), _csrf: csrf });
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location') ?? '';
    expect(location).toMatch(/^\/firm\/[0-9a-f-]{36}\/submitted$/);
    const leadId = location.split('/')[2] ?? '';

    // What reached the leads service: ProfileInput's shape, money in CNY, lists from lines.
    const lead = fakes.leads.get(leadId);
    expect(lead?.profile.project.plannedInvestmentCny).toBe(150_000_000);
    expect(lead?.profile.project.products).toEqual(['三重四极杆液质联用仪', '质谱检测试剂盒']);
    expect(lead?.profile.firm.qualifications).toEqual(['high-tech']);

    const confirmation = await (await firm.get(location)).text();
    const link = /id="private-link" type="text" readonly value="([^"]+)"/.exec(confirmation)?.[1] ?? '';
    expect(link.startsWith(`${ORIGIN}/firm/${leadId}?token=`)).toBe(true);

    // Another browser opens the link: the token goes into its session and out of the address.
    const later = visitor();
    const opened = await later.get(link.replace(ORIGIN, '').replaceAll('&amp;', '&'));
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/firm/${leadId}`);
    const status = await (await later.get(`/firm/${leadId}`)).text();
    expect(status).toContain('临床质谱仪生产基地');
    expect(status).toContain('线索'); // the stage
    expect(status).toContain('大渡口体外诊断产业集聚区'); // a park it fits, by name
    expect(status).not.toMatch(/85\.9|tier/i); // never a score or a tier

    // Without the link, nothing.
    expect((await visitor().get(`/firm/${leadId}`)).status).toBe(403);
  });

  it('refuses a link whose token is not the firm’s for that lead', async () => {
    const { visitor } = openPortal();
    const res = await visitor().get('/firm/00000000-0000-4000-8000-000000000001?token=not-a-token');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('链接无效或已过期');
  });

  it('checks the credit code before sending anything, and keeps what was typed', async () => {
    const { fakes, visitor } = openPortal();
    const firm = visitor();
    const { csrf } = await firm.form('/firm/new');
    const bad = `${creditCode('91320500MA1PX88').slice(0, 17)}0`;
    const res = await firm.post('/firm/new', { ...filledForm({ 'firm.creditCode': bad }), _csrf: csrf });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('统一社会信用代码无效');
    expect(html).toMatch(/id="f-firm-creditCode"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="谱析质谱仪器有限公司"');
    expect(fakes.calls.filter((call) => call.startsWith('POST /v1/profiles'))).toEqual([]);
  });

  it('shows the API’s field errors beside their fields, in Chinese or in English', async () => {
    const { visitor } = openPortal();
    const firm = visitor();
    const { csrf } = await firm.form('/firm/new');
    const fields = filledForm({ 'contact.phone': '12345', 'project.title': '' });
    const zh = await (await firm.post('/firm/new', { ...fields, _csrf: csrf })).text();
    expect(zh).toMatch(/id="f-contact-phone-error">电话号码格式不正确/);
    expect(zh).toContain('href="#f-project-title"');

    const { csrf: csrfEn } = await firm.form('/firm/new?lang=en');
    const en = await (await firm.post('/firm/new', { ...fields, _csrf: csrfEn })).text();
    expect(en).toMatch(/id="f-contact-phone-error">invalid phone number/);
    expect(en).toContain('<html lang="en">');
  });

  it('never submits a form without its CSRF token, and keeps the form filled in', async () => {
    const { fakes, visitor } = openPortal();
    const firm = visitor();
    const res = await firm.post('/firm/new', filledForm());
    const html = await res.text();
    expect(html).toContain('本次未提交');
    expect(html).toContain('value="谱析质谱仪器有限公司"');
    expect(fakes.calls.some((call) => call.startsWith('POST /v1/profiles'))).toBe(false);
    // The page it gave back carries a token that works.
    const again = await firm.post('/firm/new', {
      ...filledForm(),
      _csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
    });
    expect(again.status).toBe(303);
  });

  it('refuses a form posted from another site', async () => {
    const { fakes, visitor } = openPortal();
    const firm = visitor();
    const { csrf } = await firm.form('/firm/new');
    const res = await firm.post(
      '/firm/new',
      { ...filledForm(), _csrf: csrf },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(res.status).toBe(403);
    expect(fakes.calls.some((call) => call.startsWith('POST /v1/profiles'))).toBe(false);
  });

  it('escapes what the firm wrote on every page it shows', async () => {
    const { visitor } = openPortal();
    const firm = visitor();
    const { csrf } = await firm.form('/firm/new');
    const xss = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`;
    const posted = await firm.post('/firm/new', {
      ...filledForm({ 'firm.name': xss, 'project.title': `${xss}标题`, 'project.description': `描述${xss}` }),
      _csrf: csrf,
    });
    const leadId = (posted.headers.get('location') ?? '').split('/')[2] ?? '';
    for (const path of [`/firm/${leadId}`, `/firm/${leadId}/edit`, `/firm/${leadId}/withdraw`]) {
      const html = await (await firm.get(path)).text();
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('updates and withdraws the profile from the same link', async () => {
    const { fakes, visitor } = openPortal();
    const firm = visitor();
    const { csrf } = await firm.form('/firm/new');
    const posted = await firm.post('/firm/new', { ...filledForm(), _csrf: csrf });
    const leadId = (posted.headers.get('location') ?? '').split('/')[2] ?? '';

    const edit = await firm.form(`/firm/${leadId}/edit`);
    expect(edit.html).toContain('value="15000"'); // back in 万元
    const saved = await firm.post(`/firm/${leadId}/edit`, {
      ...filledForm({ 'project.title': '临床质谱仪生产基地（二期）' }),
      _csrf: edit.csrf,
    });
    expect(saved.headers.get('location')).toBe(`/firm/${leadId}?updated=1`);
    expect(fakes.leads.get(leadId)?.profile.project.title).toBe('临床质谱仪生产基地（二期）');

    const withdraw = await firm.form(`/firm/${leadId}/withdraw`);
    const gone = await firm.post(`/firm/${leadId}/withdraw`, { _csrf: withdraw.csrf });
    // Post/Redirect/Get: the confirmation is a page of its own, which a reload shows again.
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe(`/firm/${leadId}/withdrawn`);
    expect(fakes.leads.get(leadId)?.stage).toBe('withdrawn');
    const withdrawals = () => fakes.calls.filter((call) => call === `DELETE /v1/profiles/${leadId}`).length;
    expect(withdrawals()).toBe(1);
    for (let reload = 0; reload < 2; reload++) {
      const page = await firm.get(`/firm/${leadId}/withdrawn`);
      expect(page.status).toBe(200);
      const confirmation = await page.text();
      expect(confirmation).toContain('已撤回');
      expect(confirmation).toContain('href="/firm/new"');
      expect(confirmation).not.toContain(`/firm/${leadId}/edit`);
      expect(confirmation).not.toContain('请通过专属链接打开');
    }
    // The form sent again (back and resend) is not sent on: the confirmation again.
    const again = await firm.post(`/firm/${leadId}/withdraw`, { _csrf: withdraw.csrf });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/firm/${leadId}/withdrawn`);
    expect(withdrawals()).toBe(1);
    // The link was revoked with the withdrawal: the session forgot it, the project's page says it is withdrawn.
    const status = await firm.get(`/firm/${leadId}`);
    expect(status.status).toBe(303);
    expect(status.headers.get('location')).toBe(`/firm/${leadId}/withdrawn`);
    // Another browser, without the link, is not told anything.
    const stranger = visitor();
    expect((await stranger.get(`/firm/${leadId}/withdrawn`)).status).toBe(403);
  });
});
