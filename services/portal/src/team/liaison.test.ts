import { ProfileInput } from '@parkmatch/contracts';
import { createLogger, createMetrics } from '@parkmatch/service-kit';
import { describe, expect, it } from 'vitest';
import { FakeServices } from '../../test/fake-services.ts';
import { openPortal, PROFILE, Visitor } from '../../test/portal.ts';
import { createApi } from '../api/index.ts';
import { createPortalApp } from '../app.ts';

// Naming a lead's liaison (联络员) on the lead page: a choice of the owner park's active analysts
// and managers, read from leads with the member's token; the username typed as before when
// leads cannot give that roster.

async function signIn(member: Visitor, username = 'dadukou') {
  const { csrf } = await member.form('/signin');
  const res = await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' });
  expect(res.status).toBe(303);
}

/** The liaison form of a lead page: from its <form> to its end. */
function liaisonForm(html: string, leadId: string): string {
  const start = html.indexOf(`action="/team/leads/${leadId}/liaison"`);
  expect(start, 'the liaison form').toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</form>', start));
}

const optionsOf = (form: string) =>
  [...form.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map(
    ([, value, selected, label]) => ({ value, label, selected: selected !== undefined }),
  );

function ownedLead(fakes: FakeServices) {
  const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
  fakes.claim(leadId, 'dadukou-ivd');
  return leadId;
}

describe('the liaison on the lead page', () => {
  it('offers the owner park’s active analysts and managers, labelled with their role, the label tied to the choice', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = ownedLead(fakes);
    fakes.disabledAccounts.add('dadukou-2');
    const member = visitor();
    await signIn(member);

    const form = liaisonForm(await (await member.get(`/team/leads/${leadId}`)).text(), leadId);
    expect(fakes.calls).toContain('GET /v1/users?parkId=dadukou-ivd');
    expect(form).toContain('<label for="f-l-username">联络员</label>');
    expect(form).toMatch(
      /<select id="f-l-username" name="username" required aria-describedby="f-l-username-hint">/,
    );
    expect(form).toContain('认领园区的分析员和经理（已停用的账号不列出）。');
    // No liaison yet: a first, empty choice, so one is picked on purpose.
    expect(optionsOf(form)).toEqual([
      { value: '', label: '请选择', selected: false },
      { value: 'dadukou', label: 'dadukou（分析员）', selected: false },
      { value: 'dadukou-manager', label: 'dadukou-manager（经理）', selected: false },
    ]);
    // The form's revision and CSRF token are as they were.
    expect(form).toContain('<input type="hidden" name="pipelineRevision" value="2">');
    expect(form).toMatch(/name="_csrf" value="[^"]+"/);

    const en = liaisonForm(await (await member.get(`/team/leads/${leadId}?lang=en`)).text(), leadId);
    expect(en).toContain('<label for="f-l-username">Liaison</label>');
    expect(optionsOf(en).map((o) => o.label)).toEqual([
      'Choose',
      'dadukou (Analyst)',
      'dadukou-manager (Manager)',
    ]);
  });

  it('names the chosen colleague, then shows that liaison chosen', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = ownedLead(fakes);
    const member = visitor();
    await signIn(member);
    const page = `/team/leads/${leadId}`;
    const { csrf } = await member.form(page);

    const res = await member.post(`${page}/liaison`, {
      _csrf: csrf,
      pipelineRevision: '2',
      username: 'dadukou-manager',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${page}?done=liaison#ledger`);
    expect(fakes.bodies.get(`PUT /v1/leads/${leadId}/liaison`)).toEqual({
      username: 'dadukou-manager',
      pipelineRevision: 2,
    });

    const after = await (await member.get(`${page}?done=liaison`)).text();
    expect(after).toContain('联络员已更新。');
    const form = liaisonForm(after, leadId);
    expect(form).toContain('<input type="hidden" name="pipelineRevision" value="3">');
    expect(optionsOf(form)).toEqual([
      { value: 'dadukou', label: 'dadukou（分析员）', selected: false },
      { value: 'dadukou-2', label: 'dadukou-2（分析员）', selected: false },
      { value: 'dadukou-manager', label: 'dadukou-manager（经理）', selected: true },
    ]);

    // A liaison whose account was disabled since stays the chosen one, marked as current.
    fakes.disabledAccounts.add('dadukou-manager');
    const kept = liaisonForm(await (await member.get(page)).text(), leadId);
    expect(optionsOf(kept)[0]).toEqual({
      value: 'dadukou-manager',
      label: 'dadukou-manager（现任）',
      selected: true,
    });
    expect(optionsOf(kept).map((o) => o.value)).toEqual(['dadukou-manager', 'dadukou', 'dadukou-2']);
  });

  it('shows the service’s refusal beside the choice', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = ownedLead(fakes);
    const member = visitor();
    await signIn(member);
    const page = `/team/leads/${leadId}`;
    const { csrf } = await member.form(page);
    const refused = await member.post(`${page}/liaison`, {
      _csrf: csrf,
      pipelineRevision: '2',
      username: 'fuling',
    });
    expect(refused.status).toBe(200);
    const form = liaisonForm(await refused.text(), leadId);
    expect(form).toContain('<p class="error" id="f-l-username-error">不是本园区的账号</p>');
    expect(form).toMatch(
      /<select id="f-l-username" name="username" required aria-describedby="f-l-username-hint f-l-username-error" aria-invalid="true">/,
    );
  });

  it('gives city-wide staff the owner park’s roster', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = ownedLead(fakes);
    const member = visitor();
    await signIn(member, 'city-manager');
    const form = liaisonForm(await (await member.get(`/team/leads/${leadId}`)).text(), leadId);
    expect(fakes.calls).toContain('GET /v1/users?parkId=dadukou-ivd');
    // Leads gives a city manager every account of the park: the portal keeps the active team.
    expect(optionsOf(form).map((o) => o.value)).toEqual(['', 'dadukou', 'dadukou-2', 'dadukou-manager']);
  });

  it('asks for the username as before when leads refuses the roster (an older service)', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = ownedLead(fakes);
    fakes.noRoster = true;
    const member = visitor();
    await signIn(member);
    const page = `/team/leads/${leadId}`;
    const { html, csrf } = await member.form(page);
    const form = liaisonForm(html, leadId);
    expect(form).not.toContain('<select');
    expect(form).toContain('<label for="f-l-username">联络员账号</label>');
    expect(form).toMatch(
      /<input id="f-l-username" name="username" type="text" value="" required autocomplete="off"/,
    );

    const res = await member.post(`${page}/liaison`, {
      _csrf: csrf,
      pipelineRevision: '2',
      username: 'dadukou-2',
    });
    expect(res.status).toBe(303);
    expect(fakes.leads.get(leadId)?.liaison?.username).toBe('dadukou-2');
    const after = liaisonForm(await (await member.get(page)).text(), leadId);
    expect(after).toContain('value="dadukou-2"');
  });

  it('asks for the username when leads fails the roster, and the page still opens', async () => {
    const fakes = new FakeServices();
    const app = createPortalApp({
      api: createApi({
        upstream: {
          leads: 'http://leads.test',
          matching: 'http://matching.test',
          notifications: 'http://notifications.test',
        },
        timeoutMs: 2_000,
        fetch: async (input, init) =>
          new URL(String(input)).pathname === '/v1/users'
            ? new Response('{}', { status: 502 })
            : fakes.fetch(input, init),
      }),
      logger: createLogger('portal', 'silent'),
      metrics: createMetrics('portal'),
      sessionSecret: 'portal-unit-test-session-secret-0123456789',
      sessionIdleMs: 60 * 60_000,
      now: () => fakes.now().getTime(),
    });
    const leadId = ownedLead(fakes);
    const member = new Visitor(app);
    await signIn(member);
    const res = await member.get(`/team/leads/${leadId}`);
    expect(res.status).toBe(200);
    const form = liaisonForm(await res.text(), leadId);
    expect(form).not.toContain('<select');
    expect(form).toContain('<label for="f-l-username">联络员账号</label>');
  });
});
