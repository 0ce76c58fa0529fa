import { describe, expect, it } from 'vitest';
import { csrfOf, openPortal, type Visitor } from '../../test/portal.ts';

// Managers set targets on insights from the portal: the form, the service's field errors
// beside the fields, the history of changes; analysts only look.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  expect((await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' })).status).toBe(303);
}

describe('setting targets', () => {
  it('sets a park’s target in 万元, then changes it, with both settings in the history', async () => {
    const { fakes, visitor } = openPortal();
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const page = await (await manager.get('/team/targets')).text();
    expect(page).toContain('尚未设定目标');
    expect(page).toContain('<label for="f-year">目标年份');
    expect(page).toContain('<label for="f-targets-revenueCny">产业营收');
    const csrf = csrfOf(page);
    const set = await manager.post('/team/targets?scope=dadukou-ivd', {
      _csrf: csrf,
      year: '2027',
      'targets.firms': '300',
      'targets.revenueCny': '2000000',
      'baseline.year': '2022',
      'baseline.firms': '206',
      note: '十四五目标',
    });
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toBe('/team/targets?scope=dadukou-ivd&year=2027&saved=1#target-2027');
    expect(fakes.bodies.get('PUT /v1/targets')).toEqual({
      scope: 'dadukou-ivd',
      year: 2027,
      targets: { firms: 300, revenueCny: 2e10 },
      baseline: { year: 2022, firms: 206 },
      note: '十四五目标',
    });
    await manager.post('/team/targets?scope=dadukou-ivd', {
      _csrf: csrf,
      year: '2027',
      'targets.firms': '320',
    });
    const after = await (await manager.get('/team/targets?year=2027&saved=1')).text();
    expect(after).toContain('目标已保存');
    expect(after).toContain('修改记录 (2)');
    expect(after).toContain('十四五目标');
    expect(after).toContain('dadukou-manager');
    // The form for 2027 starts from the target in force.
    expect(after).toContain('id="f-targets-firms" name="targets.firms" type="text" value="320"');
  });

  it('puts the service’s field errors beside the fields, and its form-wide ones above', async () => {
    const { visitor } = openPortal();
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const { csrf } = await manager.form('/team/targets');
    const refused = await manager.post('/team/targets', { _csrf: csrf, year: '1999', 'targets.firms': '' });
    expect(refused.status).toBe(200);
    const html = await refused.text();
    expect(html).toContain('id="f-year-error">须不小于 2000');
    expect(html).toContain('至少给出一项指标');
    expect(html).toContain('href="#f-year"');
    expect(html).toContain('value="1999"');
    const en = await (
      await manager.post('/team/targets?lang=en', { _csrf: csrf, year: 'soon', 'targets.firms': '-1' })
    ).text();
    expect(en).toContain('id="f-targets-firms-error">Enter a whole number, not negative');
  });

  it('lets city-wide staff choose the city or a park; shows analysts the targets without the form', async () => {
    const { visitor } = openPortal();
    const city = visitor();
    await signIn(city, 'city-manager');
    const page = await (await city.get('/team/targets?scope=city')).text();
    expect(page).toMatch(/<option value="city" selected>全市/);
    expect(page).toContain('action="/team/targets?scope=city"');
    const analyst = visitor();
    await signIn(analyst, 'dadukou');
    const read = await (await analyst.get('/team/targets')).text();
    expect(read).toContain('目标由管理者设定');
    expect(read).not.toContain('保存目标');
  });
});
