import { describe, expect, it } from 'vitest';
import { filledForm, ORIGIN, openPortal, type Visitor } from '../../test/portal.ts';
import { fitsOf } from './status-page.ts';

// The firm's status page names, for each park that rated it A–C, which of the park's
// directions the project fits — in the park's public wording, nothing internal.

async function submitted(firm: Visitor) {
  const { csrf } = await firm.form('/firm/new');
  const posted = await firm.post('/firm/new', { ...filledForm(), _csrf: csrf });
  const leadId = (posted.headers.get('location') ?? '').split('/')[2] ?? '';
  const confirmation = await (await firm.get(`/firm/${leadId}/submitted`)).text();
  const link = /id="private-link" type="text" readonly value="([^"]+)"/.exec(confirmation)?.[1] ?? '';
  await firm.get(link.replace(ORIGIN, '').replaceAll('&amp;', '&'));
  return leadId;
}

describe('the parks a firm fits, with their directions', () => {
  it('shows each A–C park with the labels of the directions it fits, never a D park or a score', async () => {
    const { fakes, visitor } = openPortal();
    const firm = visitor();
    const leadId = await submitted(firm);
    const lead = fakes.leads.get(leadId);
    if (!lead) throw new Error('no lead');
    lead.parks = {
      'dadukou-ivd': { tier: 'A', score: 85.9 },
      fuling: { tier: 'D', score: 7.3 },
    };
    // A code the park no longer lists is left out; the D park's fits are never shown.
    lead.fits = { 'dadukou-ivd': ['ivd.mass-spec', 'ivd.retired'], fuling: ['tcm.granules'] };
    const zh = await (await firm.get(`/firm/${leadId}`)).text();
    expect(zh).toContain('大渡口体外诊断产业集聚区');
    expect(zh).toContain('相符的承接方向');
    expect(zh).toMatch(/<ul class="chips"[^>]*><li>临床质谱<\/li><\/ul>/);
    expect(zh).not.toContain('ivd.retired');
    expect(zh).not.toContain('涪陵');
    expect(zh).not.toMatch(/85\.9|7\.3|tcm\.granules/);
    const en = await (await firm.get(`/firm/${leadId}?lang=en`)).text();
    expect(en).toContain('Clinical mass spectrometry');
  });

  it('says the park fits as a whole when no directions were kept (scored before they were)', async () => {
    const { visitor } = openPortal();
    const firm = visitor();
    const leadId = await submitted(firm);
    const page = await (await firm.get(`/firm/${leadId}`)).text();
    expect(page).toContain('该园区的承接方向与您的项目总体相符');
  });

  it('maps codes to the park’s own labels, in the page’s language', () => {
    const parks = [
      {
        id: 'p',
        name: { zh: '园', en: 'Park' },
        version: 1,
        directions: [
          { code: 'a', kind: 'sub-sector' as const, label: { zh: '甲', en: 'A' }, weight: 1 },
          { code: 'b', kind: 'platform' as const, label: { zh: '乙', en: 'B' }, weight: 1 },
        ],
      },
    ];
    const park = { parkId: 'p', name: { zh: '园', en: 'Park' }, directions: ['b', 'x', 'a'] };
    expect(fitsOf(park, parks, 'zh')).toEqual(['乙', '甲']);
    expect(fitsOf(park, parks, 'en')).toEqual(['B', 'A']);
    expect(fitsOf(park, undefined, 'zh')).toEqual([]);
  });
});
