import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../demo-data.ts';
import { productDoc } from '../products.ts';
import { closedGates, matchNeed, scoreProduct, WEIGHTS } from './index.ts';
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
    expect(closed?.reason.zh).toContain('1200万元');
    expect(closed?.reason.zh).toContain('30万元–1000万元');
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

  it('closes a gate whose fact the firm never gave (revenue, founding year, stage)', () => {
    const unknown: FirmTerms = { qualifications: [], sectors: [] };
    expect(
      closedGates(
        product('cqbank-collateral-uplift'),
        { ...need, purpose: 'equipment', collateral: ['real-estate'] },
        unknown,
        at,
      ).map((g) => g.gate),
    ).toEqual(['revenue', 'firm-age']);
    expect(
      closedGates(product('fund-rnd-equity'), { ...need, termMonths: 48 }, unknown, at).map((g) => g.gate),
    ).toEqual(['sector', 'stage']);
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
});
