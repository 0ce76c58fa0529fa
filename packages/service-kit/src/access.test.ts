import { describe, expect, it } from 'vitest';
import {
  canClaimFor,
  canSeeLead,
  canSeeLeadAt,
  canSeePark,
  canSeeRatingAt,
  canWorkLead,
  hasManagerRights,
  isCityWide,
  leadFilter,
  parkFilter,
  parkScope,
} from './access.ts';

const admin = { sub: 'a', role: 'admin' } as const;
const cityManager = { sub: 'm', role: 'manager' } as const;
const parkManager = { sub: 'm', role: 'manager', parkId: 'fuling' } as const;
const analyst = { sub: 'a', role: 'analyst', parkId: 'gaoxin' } as const;
const firm = { sub: 'f', role: 'firm', leadId: 'l1' } as const;

describe('park scope', () => {
  it('gives admins and city managers every park, analysts and park managers theirs, firms none', () => {
    expect(parkScope(admin)).toBe('all');
    expect(parkScope(cityManager)).toBe('all');
    expect(parkScope(parkManager)).toEqual(['fuling']);
    expect(parkScope(analyst)).toEqual(['gaoxin']);
    expect(parkScope(firm)).toEqual([]);
    expect(canSeePark(analyst, 'fuling')).toBe(false);
  });

  it('gives an analyst without a park nothing', () => {
    expect(parkScope({ sub: 'a', role: 'analyst' })).toEqual([]);
  });

  it('turns a principal into a store filter on the park field', () => {
    expect(parkFilter(admin)).toEqual({});
    expect(parkFilter(analyst)).toEqual({ parkId: { $in: ['gaoxin'] } });
    expect(parkFilter(firm, 'owner')).toEqual({ owner: { $in: [] } });
  });
});

describe('lead visibility', () => {
  it("shows a park's team the leads its park rated A to C, never D", () => {
    expect(canSeeLeadAt(analyst, 'gaoxin', 'C')).toBe(true);
    expect(canSeeLeadAt(analyst, 'gaoxin', 'D')).toBe(false);
    expect(canSeeLeadAt(analyst, 'fuling', 'A')).toBe(false);
    expect(canSeeLeadAt(cityManager, 'fuling', 'D')).toBe(true);
  });

  it('asks the same of a whole lead, and lets a firm see only its own', () => {
    const lead = { id: 'l1', parks: { gaoxin: { tier: 'D' }, fuling: { tier: 'B' } } } as const;
    expect(canSeeLead(analyst, lead)).toBe(false);
    expect(canSeeLead(parkManager, lead)).toBe(true);
    expect(canSeeLead(admin, lead)).toBe(true);
    expect(canSeeLead(firm, lead)).toBe(true);
    expect(canSeeLead(firm, { ...lead, id: 'l2' })).toBe(false);
  });
});

describe('owned leads', () => {
  it("shows a lead to its owner park's team whatever the park rated it", () => {
    const lead = { id: 'l1', parks: { gaoxin: { tier: 'D' } }, owner: { parkId: 'gaoxin' } } as const;
    expect(canSeeLead(analyst, lead)).toBe(true);
    expect(canSeeLead(parkManager, lead)).toBe(false);
  });

  it("shows the owner park's team its own park's rating of the lead whatever the tier, never another park's", () => {
    const owner = { parkId: 'gaoxin' };
    expect(canSeeRatingAt(analyst, 'gaoxin', 'D', owner)).toBe(true);
    expect(canSeeRatingAt(analyst, 'gaoxin', 'D', null)).toBe(false);
    expect(canSeeRatingAt(analyst, 'gaoxin', 'D', { parkId: 'fuling' })).toBe(false);
    expect(canSeeRatingAt(analyst, 'gaoxin', 'B', { parkId: 'fuling' })).toBe(true);
    expect(canSeeRatingAt(analyst, 'fuling', 'D', { parkId: 'fuling' })).toBe(false); // not its park
    expect(canSeeRatingAt(firm, 'gaoxin', 'D', owner)).toBe(false);
    expect(canSeeRatingAt(cityManager, 'fuling', 'D', undefined)).toBe(true);
  });

  it('turns the same rule into a store filter for lists', () => {
    expect(leadFilter(admin)).toEqual({});
    expect(leadFilter(cityManager)).toEqual({});
    expect(leadFilter(analyst)).toEqual({
      $or: [{ 'parks.gaoxin.tier': { $in: ['A', 'B', 'C'] } }, { 'owner.parkId': { $in: ['gaoxin'] } }],
    });
    expect(leadFilter({ sub: 'a', role: 'analyst' })).toEqual({ _id: { $in: [] } });
    expect(leadFilter(firm)).toEqual({ _id: { $in: ['l1'] } });
  });

  it('lets a park claim only a lead it rated A to C, city-wide staff on its behalf', () => {
    expect(canClaimFor(analyst, 'gaoxin', { tier: 'B' })).toBe(true);
    expect(canClaimFor(analyst, 'gaoxin', { tier: 'D' })).toBe(false);
    expect(canClaimFor(analyst, 'gaoxin', undefined)).toBe(false);
    expect(canClaimFor(analyst, 'fuling', { tier: 'A' })).toBe(false);
    expect(canClaimFor(cityManager, 'fuling', { tier: 'A' })).toBe(true);
    expect(canClaimFor(admin, 'fuling', { tier: 'D' })).toBe(false);
    expect(canClaimFor(firm, 'fuling', { tier: 'A' })).toBe(false);
  });

  it("lets the owner park's team and city-wide staff work a lead; transfers are city-wide", () => {
    const owned = { owner: { parkId: 'gaoxin' } };
    expect(canWorkLead(analyst, owned)).toBe(true);
    expect(canWorkLead(parkManager, owned)).toBe(false);
    expect(canWorkLead(cityManager, owned)).toBe(true);
    expect(canWorkLead(admin, {})).toBe(false);
    expect(canWorkLead(firm, owned)).toBe(false);
    expect([admin, cityManager, parkManager, analyst, firm].map(isCityWide)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([admin, cityManager, parkManager, analyst, firm].map(hasManagerRights)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
