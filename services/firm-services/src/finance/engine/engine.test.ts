import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../demo-data.ts';
import { productDoc } from '../products.ts';
import { closedGates, gatesToConfirm, matchNeed, scoreProduct, WEIGHTS } from './index.ts';
import type { FirmTerms, NeedTerms } from './types.ts';

const at = new Date('2026-11-02T02:00:00.000Z');
const products = demoProducts().map(({ id, input }) => productDoc(id, input, 'admin', at));
const product = (id: string) => {
  const found = products.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};

const firm: FirmTerms = {
  parkId: 'gaoxin',
  qualifications: ['high-tech', 'specialised-sme'],
  revenueCny: 60_000_000,
  foundedYear: 2016,
  growthStage: 'growth',
  sectors: ['ivd'],
};
const need: NeedTerms = {
  amountCny: 5_000_000,
  purpose: 'rnd',
  termMonths: 24,
  collateral: ['none', 'ip-pledge'],
  urgency: 'normal',
};

describe('eligibility gates', () => {
  it('opens every gate for a firm and need that fit', () => {
    expect(closedGates(product('cqbank-sci-tech-relending'), need, firm, at)).toEqual([]);
  });

  it('closes the amount gate with the range in both languages', () => {
    const [closed] = closedGates(product('cqbank-ip-credit'), { ...need, amountCny: 12_000_000 }, firm, at);
    expect(closed?.gate).toBe('amount');
    expect(closed?.reason.zh).toContain('1,200万元');
    expect(closed?.reason.zh).toContain('30万元–1,000万元');
    expect(closed?.reason.en).toContain('CNY 12 million');
  });

  it('lists every closed gate, not only the first', () => {
    const gates = closedGates(
      product('cqbank-collateral-uplift'),
      need,
      { ...firm, revenueCny: 8_000_000, foundedYear: 2025 },
      at,
    ).map((g) => g.gate);
    expect(gates).toEqual(['purpose', 'revenue', 'firm-age', 'collateral']);
  });

  it('leaves a gate whose fact the firm never gave (revenue, founding year, stage) to confirm, not closed', () => {
    const unknown: FirmTerms = { qualifications: [], sectors: [] };
    const uplift = product('cqbank-collateral-uplift');
    const equipment = { ...need, purpose: 'equipment' as const, collateral: ['real-estate' as const] };
    expect(closedGates(uplift, equipment, unknown, at)).toEqual([]);
    const toConfirm = gatesToConfirm(uplift, unknown);
    expect(toConfirm.map((g) => [g.gate, g.fact])).toEqual([
      ['revenue', 'revenueCny'],
      ['firm-age', 'foundedYear'],
    ]);
    expect(toConfirm[0]?.reason.zh).toBe('待确认：企业未填报年营收，产品要求年营收不低于2,000万元');
    expect(toConfirm[1]?.reason.en).toBe(
      'to be confirmed: the firm gave no founding year; the product asks for 3 years or more',
    );
    const equity = product('fund-rnd-equity');
    expect(closedGates(equity, { ...need, termMonths: 48 }, unknown, at).map((g) => g.gate)).toEqual([
      'sector',
    ]);
    expect(gatesToConfirm(equity, unknown).map((g) => g.gate)).toEqual(['stage']);
    // A fact the firm gave is checked as before: nothing is left to confirm.
    expect(gatesToConfirm(uplift, firm)).toEqual([]);
    expect(closedGates(uplift, equipment, { ...firm, revenueCny: 1_000_000 }, at).map((g) => g.gate)).toEqual(
      ['revenue'],
    );
  });

  it('lets any need through a product that lends unsecured, whatever security the firm offers', () => {
    // QA: a firm ticking only 设备 was ruled out of the three credit products that take 信用（无抵押）.
    for (const id of ['cqrcb-value-loan', 'cqbank-sci-tech-relending', 'cqbank-ip-credit'])
      for (const collateral of [['equipment'], ['real-estate', 'guarantee'], ['none']] as const)
        expect(
          closedGates(product(id), { ...need, amountCny: 3_000_000, collateral }, firm, at).map(
            (g) => g.gate,
          ),
          `${id} × ${collateral.join('+')}`,
        ).not.toContain('collateral');
    // A product that insists on security still checks what the firm can pledge.
    const [closed] = closedGates(
      product('sanxia-collateral-uplift'),
      { ...need, purpose: 'equipment', collateral: ['none', 'ip-pledge'] },
      firm,
      at,
    );
    expect(closed?.gate).toBe('collateral');
    expect(
      closedGates(
        product('sanxia-collateral-uplift'),
        { ...need, purpose: 'equipment', collateral: ['equipment'] },
        firm,
        at,
      ),
    ).toEqual([]);
  });

  it('needs one of the qualifications: 专精特新 for sci-tech relending', () => {
    const [closed] = closedGates(
      product('cqbank-sci-tech-relending'),
      need,
      { ...firm, qualifications: ['high-tech'] },
      at,
    );
    expect(closed).toMatchObject({ gate: 'qualification' });
    expect(closed?.reason.zh).toContain('专精特新');
  });

  it('serves only the parks a product names', () => {
    const bridge = { ...need, purpose: 'bridge' as const, termMonths: 3 };
    expect(closedGates(product('sanxia-bridge'), bridge, firm, at).map((g) => g.gate)).toEqual(['park']);
    expect(closedGates(product('sanxia-bridge'), bridge, { ...firm, parkId: 'fuling' }, at)).toEqual([]);
  });

  it('closes an inactive product', () => {
    expect(
      closedGates(
        { ...product('cqrcb-renewal'), active: false },
        { ...need, purpose: 'refinancing' },
        firm,
        at,
      )[0]?.gate,
    ).toBe('inactive');
  });
});

describe('scoring', () => {
  it('sums its components, each within its weight, to at most 100', () => {
    const scored = scoreProduct(product('cqbank-sci-tech-relending'), need, firm);
    expect(scored.components.map((c) => c.name)).toEqual(Object.keys(WEIGHTS));
    for (const c of scored.components) expect(c.points).toBeLessThanOrEqual(c.max);
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(scored.score).toBeCloseTo(
      scored.components.reduce((s, c) => s + c.points, 0),
      5,
    );
    expect(scored.reasons.map((r) => r.zh).join('；')).toContain('专精特新');
  });

  it('prefers a bridge loan for an emergency bridge and says why', () => {
    const emergency: NeedTerms = {
      ...need,
      purpose: 'bridge',
      termMonths: 2,
      urgency: 'emergency',
      amountCny: 3_000_000,
    };
    const bridge = scoreProduct(product('cqrcb-bridge'), emergency, firm);
    const renewal = scoreProduct(product('cqrcb-renewal'), { ...emergency, termMonths: 12 }, firm);
    expect(bridge.score).toBeGreaterThan(renewal.score);
    expect(bridge.reasons.some((r) => r.en.includes('pays out fast'))).toBe(true);
  });

  it('is deterministic', () => {
    expect(scoreProduct(product('cqrcb-value-loan'), need, firm)).toEqual(
      scoreProduct(product('cqrcb-value-loan'), need, firm),
    );
  });
});

describe('matchNeed', () => {
  it('ranks the eligible products first, best first, then the excluded with their gates', () => {
    const matches = matchNeed(products, need, firm, at);
    expect(matches).toHaveLength(products.length);
    const eligible = matches.filter((m) => m.eligible);
    expect(eligible.map((m) => m.productId)).toEqual([
      'cqbank-sci-tech-relending',
      'cqrcb-value-loan',
      'cqbank-ip-credit',
    ]);
    const scores = eligible.map((m) => m.score ?? 0);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const m of matches.filter((m) => !m.eligible)) expect(m.excludedBy.length).toBeGreaterThan(0);
    expect(matches.find((m) => m.productId === 'cqrcb-bridge')?.excludedBy.map((g) => g.gate)).toEqual([
      'purpose',
      'term',
    ]);
    // An equity fund invests for 3–7 years: a two-year need is not for it.
    expect(matches.find((m) => m.productId === 'fund-rnd-equity')?.excludedBy.map((g) => g.gate)).toEqual([
      'term',
    ]);
  });

  it('keeps the products a missing fact cannot rule out, checked ones first, saying what is to confirm', () => {
    // QA: a firm that left revenue, founding year and stage empty got no product at all.
    const unknown: FirmTerms = { parkId: 'gaoxin', qualifications: ['specialised-sme'], sectors: [] };
    const working: NeedTerms = { ...need, purpose: 'working-capital', amountCny: 2_000_000, termMonths: 12 };
    const eligible = matchNeed(products, working, unknown, at).filter((m) => m.eligible);
    expect(eligible.map((m) => [m.productId, m.toConfirm.map((g) => g.gate)])).toEqual([
      ['cqbank-sci-tech-relending', []],
      ['cqrcb-value-loan', ['revenue']],
      ['cqbank-ip-credit', ['revenue', 'stage']],
      ['cqrcb-renewal', ['firm-age']],
      ['sanxia-renewal', ['revenue', 'firm-age']],
    ]);
    const valueLoan = eligible[1];
    expect(valueLoan?.reasons[0]?.zh).toBe('待确认：企业未填报年营收，产品要求年营收不低于500万元');
    expect(valueLoan?.score).toBeGreaterThan(eligible[0]?.score ?? 0);
  });
});
