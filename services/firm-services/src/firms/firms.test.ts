import { createEvent, Events, type LeadRevision } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LEAD,
  type OpenFirmServices,
  OTHER_PARK,
  openFirmServices,
  PARK,
} from '../../test/open-firm-services.ts';
import { firmDocsCloser } from './close.ts';
import { onClaimed, onLiaison, onRevisions, onScored, onTransferred, onWithdrawn } from './consumers.ts';
import { firmFacts, sectorOf } from './facts.ts';
import { firmDocsMover } from './move.ts';

let t: OpenFirmServices;
beforeEach(async () => {
  t = await openFirmServices();
});
afterEach(() => t.close());

const ID = '0190a000-0000-7000-8000-00000000aaaa';
const revision = (n: number, revenueCny: number): LeadRevision => ({
  leadId: ID,
  revision: n,
  profile: {
    firm: {
      name: `质谱科技${n}`,
      creditCode: '91350100M000100Y43',
      province: '江苏',
      city: '苏州',
      foundedYear: 2015,
      revenueCny,
      qualifications: ['high-tech'],
      registrationCertificates: 0,
      filingCertificates: 0,
      patents: 0,
    },
    project: {
      title: '临床质谱仪生产',
      type: 'production',
      description: '三重四极杆液质联用仪',
      products: [],
      technologies: [],
      growthStage: 'growth',
      needs: ['financing', 'rnd-services'],
      declaredCodes: ['ivd.mass-spec'],
    },
  },
});
const ev = <D extends (typeof Events)[keyof typeof Events]>(
  definition: D,
  payload: Parameters<typeof createEvent<D>>[1]['payload'],
) => createEvent(definition, { key: ID, source: 'leads', payload });
const at = (day: number) => `2026-10-${String(day).padStart(2, '0')}T02:00:00.000Z`;

describe('firm facts from the leads service’s events', () => {
  it('keeps the newest revision, the latest owner and liaison, whatever order they come in, and applies each event idempotently', async () => {
    const { firms } = t;
    const move = firmDocsMover(t);
    await onClaimed(
      firms,
      move,
    )([ev(Events.leadClaimed, { leadId: ID, parkId: 'dadukou-ivd', by: 'a', at: at(2) })]);
    await onRevisions(firms)([ev(Events.leadUpdated, revision(2, 30_000_000))]);
    await onRevisions(firms)([ev(Events.leadSubmitted, revision(1, 10_000_000))]);
    await onTransferred(
      firms,
      move,
    )([
      ev(Events.leadTransferred, {
        leadId: ID,
        fromParkId: 'dadukou-ivd',
        toParkId: 'gaoxin',
        reason: '更合适',
        by: 'c',
        at: at(5),
      }),
    ]);
    await onClaimed(
      firms,
      move,
    )([ev(Events.leadClaimed, { leadId: ID, parkId: 'dadukou-ivd', by: 'a', at: at(2) })]);
    await onLiaison(firms)([
      ev(Events.liaisonAssigned, {
        leadId: ID,
        parkId: 'gaoxin',
        liaison: 'gaoxin-liaison',
        by: 'm',
        at: at(6),
      }),
    ]);
    await onScored(firms)([
      ev(Events.leadScored, {
        leadId: ID,
        parkId: 'gaoxin',
        firmName: 'x',
        projectTitle: 'y',
        score: 70,
        tier: 'B',
        matchedDirections: [
          { code: 'device.implants', strength: 0.9, evidence: [] },
          { code: 'bio.antibody', strength: 0.2, evidence: [] },
        ],
        reasons: { zh: [], en: [] },
        engineVersion: '1',
        catalogVersion: 1,
        profileRevision: 2,
      }),
    ]);
    const doc = await firms.get(ID);
    expect(doc && firmFacts(doc)).toEqual({
      leadId: ID,
      name: '质谱科技2',
      parkId: 'gaoxin',
      liaison: 'gaoxin-liaison',
      qualifications: ['high-tech'],
      revenueCny: 30_000_000,
      foundedYear: 2015,
      growthStage: 'growth',
      sectors: ['ivd', 'device'],
      needs: ['financing', 'rnd-services'],
      withdrawn: false,
    });
    await onWithdrawn(
      firms,
      firmDocsCloser(t.deps),
    )([ev(Events.profileWithdrawn, { leadId: ID, by: 'firm', at: at(7) })]);
    expect((await firms.get(ID))?.withdrawn).toBe(true);
  });

  it('lets the former park’s liaison go on a transfer, whatever order the events come in', async () => {
    const { firms } = t;
    const move = firmDocsMover(t);
    const named = (parkId: string, liaison: string, n: number) =>
      onLiaison(firms)([ev(Events.liaisonAssigned, { leadId: ID, parkId, liaison, by: 'm', at: at(n) })]);
    const transfer = () =>
      onTransferred(
        firms,
        move,
      )([
        ev(Events.leadTransferred, {
          leadId: ID,
          fromParkId: 'dadukou-ivd',
          toParkId: 'gaoxin',
          reason: '更合适',
          by: 'c',
          at: at(5),
        }),
      ]);
    await onClaimed(
      firms,
      move,
    )([ev(Events.leadClaimed, { leadId: ID, parkId: 'dadukou-ivd', by: 'a', at: at(2) })]);
    await named('dadukou-ivd', 'dadukou-liaison', 3);
    await transfer();
    expect((await firms.get(ID))?.liaison).toBeUndefined();
    await named('dadukou-ivd', 'dadukou-2', 4); // the former park's, late
    expect((await firms.get(ID))?.liaison).toBeUndefined();
    await named('gaoxin', 'gaoxin-liaison', 6);
    await transfer(); // again
    expect((await firms.get(ID))?.liaison).toBe('gaoxin-liaison');
  });

  it('moves the firm’s needs, orders and voucher account to the park that owns it now', async () => {
    const firmToken = await t.firmToken();
    const need = await t.send(
      'POST',
      '/v1/finance/needs',
      {
        leadId: LEAD,
        amountCny: 1_000_000,
        purpose: 'rnd',
        termMonths: 12,
        collateral: ['none'],
        urgency: 'normal',
      },
      firmToken,
    );
    expect(need.status).toBe(201);
    expect(
      (
        await t.send(
          'POST',
          '/v1/rnd/orders',
          { leadId: LEAD, serviceId: 'str-authentication', quantity: 1 },
          firmToken,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await t.send(
          'POST',
          '/v1/vouchers/applications',
          { leadId: LEAD, requestedCny: 1_000, purpose: '检测' },
          firmToken,
        )
      ).status,
    ).toBe(201);
    await onTransferred(
      t.firms,
      firmDocsMover(t),
    )([
      createEvent(Events.leadTransferred, {
        key: LEAD,
        source: 'leads',
        payload: {
          leadId: LEAD,
          fromParkId: PARK,
          toParkId: OTHER_PARK,
          reason: '更合适',
          by: 'city-manager',
          at: '2026-11-01T00:00:00.000Z',
        },
      }),
    ]);
    const list = async (path: string, token: string) =>
      ((await (await t.send('GET', path, undefined, token)).json()) as { items: unknown[] }).items.length;
    const [old, now] = [await t.analyst(PARK), await t.analyst(OTHER_PARK)];
    for (const path of ['/v1/finance/needs', '/v1/rnd/orders', '/v1/vouchers']) {
      expect(await list(path, old), path).toBe(0);
      expect(await list(path, now), path).toBe(1);
    }
  });

  it('reads a sector off a taxonomy code', () => {
    expect(sectorOf('ivd.immuno')).toBe('ivd');
    expect(sectorOf('unknown.code')).toBeUndefined();
  });
});
