import { ProfileInput } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { creditCode, openPortal, PROFILE, type Visitor } from '../../test/portal.ts';

// The catalog's what-if names every lead it lists by its firm — those that left the top too,
// which matching's answer gives only by id — and its page fits a phone.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  expect((await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' })).status).toBe(303);
}

/** The fakes, with matching's what-if answering as the real one does when leads leave the top. */
const openPortalWithLeavers = (leftTop: () => string[]) =>
  openPortal({
    answer: async (request, fakes) => {
      if (!request.url.endsWith('/what-if')) return undefined;
      const init = { method: request.method, headers: request.headers, body: await request.text() };
      const response = await fakes.fetch(request.url, init);
      if (!response.ok) return response;
      return Response.json({ ...((await response.json()) as Record<string, unknown>), leftTop: leftTop() });
    },
  });

const FIELDS = {
  rows: '2',
  'd.0.code': 'ivd.mass-spec',
  'd.0.kind': 'sub-sector',
  'd.0.weight': '0.9',
  'd.1.code': 'ivd.poct',
  'd.1.kind': 'sub-sector',
  'd.1.weight': '0.8',
};

describe('the catalog’s what-if', () => {
  it('names the leads that left the top by their firms, never by their ids', async () => {
    const gone = '00000000-0000-4000-8000-00000000ffff';
    let leaver = '';
    const { fakes, visitor } = openPortalWithLeavers(() => [leaver, gone]);
    fakes.addLead(ProfileInput.parse(PROFILE));
    leaver = fakes.addLead(
      ProfileInput.parse({
        ...PROFILE,
        firm: {
          ...PROFILE.firm,
          name: '博奥即时检测科技有限公司',
          creditCode: creditCode('91500000MA5U7W1'),
        },
      }),
    );
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const { csrf } = await manager.form('/team/catalog');
    const preview = await (await manager.post('/team/catalog/preview', { _csrf: csrf, ...FIELDS })).text();
    const left = preview.slice(
      preview.indexOf('<dt>跌出前列</dt>'),
      preview.indexOf('</dl>', preview.indexOf('跌出前列')),
    );
    // Named from the park's ranked list (the catalog in force), linked to the lead.
    expect(left).toContain(`<a href="/team/leads/${leaver}">博奥即时检测科技有限公司</a>`);
    // A lead no list names any more: said so in words, still linked.
    expect(left).toContain(`<a href="/team/leads/${gone}">一条线索（名称暂不可见，点击查看）</a>`);
    expect(left).not.toContain(`>${leaver}<`);
    expect(left).not.toContain(`>${gone}<`);
    expect(fakes.calls).toContain('GET /v1/parks/dadukou-ivd/ranked-leads?limit=20');
  });

  it('asks for no names when the what-if names every lead itself', async () => {
    const { fakes, visitor } = openPortal();
    fakes.addLead(ProfileInput.parse(PROFILE));
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const { csrf } = await manager.form('/team/catalog');
    const preview = await (await manager.post('/team/catalog/preview', { _csrf: csrf, ...FIELDS })).text();
    expect(preview).toContain('<dt>跌出前列</dt><dd>无</dd>');
    expect(fakes.calls.some((call) => call.includes('/ranked-leads'))).toBe(false);
  });
});

describe('the catalog on a phone', () => {
  // Checked in Chromium at 390×844: the page was 834 px wide, because the visually hidden
  // labels of the table's controls (absolutely placed) escaped the table's scrolling box. The
  // box is positioned now, so they stay inside it and only the table scrolls.
  it('keeps its tables in scrolling boxes that hold their hidden labels', async () => {
    const { fakes, visitor } = openPortal();
    fakes.addLead(ProfileInput.parse(PROFILE));
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const page = await (await manager.get('/team/catalog')).text();
    expect(page).toContain('<div class="table-wrap"><table class="data catalog">');
    expect(page).toContain('<label class="visually-hidden" for="f-d-0-code">');
    const css = /href="(\/assets\/portal\.[^"]*\.css|\/assets\/portal\.css[^"]*)"/.exec(page)?.[1] ?? '';
    expect(css).not.toBe('');
    const sheet = await (await manager.get(css)).text();
    const wrap = /\.table-wrap \{([^}]*)\}/.exec(sheet)?.[1] ?? '';
    expect(wrap).toContain('overflow-x: auto');
    expect(wrap).toContain('position: relative');
  });
});
