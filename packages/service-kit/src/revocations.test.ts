import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRedisStreamsBus, type EventBus } from '@parkmatch/bus';
import { createEvent, Events } from '@parkmatch/contracts';
import { createStore, type DocumentStore } from '@parkmatch/store';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTokenService, TokenRevokedError } from './auth.ts';
import { createLogger } from './logger.ts';
import { type FollowedRevocations, followRevocations, RevocationList } from './revocations.ts';

// Another service (matching, say) hears of a revocation leads made and refuses the token from
// then on, also after a restart; epochs only go up, whatever order the events come in.

const SECRET = 'revocations-test-secret-revocations';
const logger = createLogger('test', 'silent');

let dir: string;
let store: DocumentStore;
let bus: EventBus;
let followed: FollowedRevocations | undefined;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parkmatch-revocations-'));
  store = await createStore({ kind: 'sqlite', dir });
  bus = createRedisStreamsBus({ url: inject('redisUrl'), prefix: `revoke${Date.now()}${Math.random()}` });
});
afterEach(async () => {
  await followed?.close();
  followed = undefined;
  await bus.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const revoked = (subject: string, epoch: number) =>
  createEvent(Events.accessRevoked, {
    key: subject,
    source: 'leads',
    payload: { subject, epoch, reason: 'sessions-revoked', by: 'admin', at: new Date().toISOString() },
  });

const publish = (...events: ReturnType<typeof revoked>[]) =>
  bus.publish(
    Events.accessRevoked.topic,
    events.map((e) => ({ key: e.key, value: JSON.stringify(e) })),
  );

describe('token revocations in a service that did not make them', () => {
  it('refuses a token once the revocation event arrives, and again after a restart', async () => {
    followed = await followRevocations({ bus, store, service: 'matching', logger, refreshMs: 50 });
    const tokens = createTokenService(SECRET, { revocations: followed.list });
    const old = await tokens.sign({ sub: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd', ep: 0 });
    const legacy = await createTokenService(SECRET).sign({ sub: 'dadukou', role: 'analyst' }); // no `ep`
    const other = await tokens.sign({ sub: 'fuling', role: 'analyst', parkId: 'fuling', ep: 0 });
    expect((await tokens.verify(old)).sub).toBe('dadukou');

    await publish(revoked('dadukou', 1));
    await expect.poll(() => followed?.list.minEpoch('dadukou'), { timeout: 10_000 }).toBe(1);
    await expect(tokens.verify(old)).rejects.toBeInstanceOf(TokenRevokedError);
    await expect(tokens.verify(legacy)).rejects.toBeInstanceOf(TokenRevokedError);
    expect((await tokens.verify(other)).sub).toBe('fuling');
    const fresh = await tokens.sign({ sub: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd', ep: 1 });
    expect((await tokens.verify(fresh)).ep).toBe(1);

    // A restarted service loads what it stored: the token stays refused.
    await followed.close();
    followed = undefined;
    const reloaded = createTokenService(SECRET, { revocations: await RevocationList.open(store) });
    await expect(reloaded.verify(old)).rejects.toBeInstanceOf(TokenRevokedError);
    expect((await reloaded.verify(fresh)).sub).toBe('dadukou');
  });

  it('keeps the highest epoch: a redelivered or older event lowers nothing', async () => {
    const list = await RevocationList.open(store);
    const at = new Date().toISOString();
    await list.apply([{ subject: 'firm:x', epoch: 3, at }]);
    await list.apply([
      { subject: 'firm:x', epoch: 2, at },
      { subject: 'firm:x', epoch: 3, at },
    ]);
    expect(list.minEpoch('firm:x')).toBe(3);
    expect((await RevocationList.open(store)).minEpoch('firm:x')).toBe(3);
    expect(list.minEpoch('never-revoked')).toBe(0);
  });

  it('learns what another instance of the service stored (they share the store)', async () => {
    const mine = await RevocationList.open(store);
    mine.startRefreshing(20, () => {});
    const theirs = await RevocationList.open(store);
    await theirs.apply([{ subject: 'gaoxin', epoch: 1, at: new Date().toISOString() }]);
    await expect.poll(() => mine.minEpoch('gaoxin'), { timeout: 5_000 }).toBe(1);
    mine.stopRefreshing();
  });
});
