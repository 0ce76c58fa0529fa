import type { Principal } from '@parkmatch/service-kit';
import { describe, expect, it } from 'vitest';
import { ledgerAccess } from './access.ts';

const owned = {
  _id: 'lead-1',
  parks: { 'dadukou-ivd': { tier: 'A' as const, score: 80 }, 'bio-city': { tier: 'B' as const, score: 60 } },
  owner: { parkId: 'dadukou-ivd', by: 'dadukou', since: '2026-10-01T00:00:00.000Z' },
};
const unowned = { _id: 'lead-2', parks: owned.parks };

const analyst = (parkId: string): Principal => ({ sub: `${parkId}-analyst`, role: 'analyst', parkId });

describe('who keeps a lead’s ledgers', () => {
  it('is the owner park’s team and city-wide staff', () => {
    expect(ledgerAccess(analyst('dadukou-ivd'), owned)).toEqual({ ok: true, parkId: 'dadukou-ivd' });
    expect(ledgerAccess({ sub: 'm', role: 'manager', parkId: 'dadukou-ivd' }, owned).ok).toBe(true);
    expect(ledgerAccess({ sub: 'city-manager', role: 'manager' }, owned).ok).toBe(true);
    expect(ledgerAccess({ sub: 'admin', role: 'admin' }, owned).ok).toBe(true);
  });

  it('tells another park, even one that rated the lead, and the firm that there is no such lead', () => {
    expect(ledgerAccess(analyst('bio-city'), owned)).toEqual({ ok: false, status: 404 });
    expect(ledgerAccess(analyst('fuling'), owned)).toEqual({ ok: false, status: 404 });
    expect(ledgerAccess({ sub: 'firm:lead-1', role: 'firm', leadId: 'lead-1' }, owned)).toEqual({
      ok: false,
      status: 404,
    });
  });

  it('says an unowned lead has no ledger yet to those who may see the lead, and nothing to others', () => {
    expect(ledgerAccess(analyst('bio-city'), unowned)).toEqual({ ok: false, status: 409 });
    expect(ledgerAccess({ sub: 'admin', role: 'admin' }, unowned)).toEqual({ ok: false, status: 409 });
    expect(ledgerAccess(analyst('fuling'), unowned)).toEqual({ ok: false, status: 404 });
  });
});
