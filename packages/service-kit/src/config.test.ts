import { describe, expect, it } from 'vitest';
import { ConfigError, loadServiceConfig } from './config.ts';

const base = { REDIS_URL: 'redis://127.0.0.1:6379', AUTH_SECRET: 'a-local-secret-of-some-length' };

describe('service config', () => {
  it('defaults to the local runtime', () => {
    const config = loadServiceConfig('leads', 3001, base);
    expect(config).toMatchObject({
      port: 3001,
      production: false,
      bus: { kind: 'redis', url: base.REDIS_URL, prefix: 'pm', partitions: 8 },
      store: { kind: 'sqlite', dir: '.data/leads' },
      outboxRelay: true,
    });
  });

  it('takes STORE=embedded, the former name of the local store, as sqlite', () => {
    const config = loadServiceConfig('leads', 3001, { ...base, STORE: 'embedded', DATA_DIR: '/var/pm' });
    expect(config.store).toEqual({ kind: 'sqlite', dir: '/var/pm' });
    expect(() => loadServiceConfig('leads', 3001, { ...base, STORE: 'nedb' })).toThrow(/STORE/);
  });

  it('builds the scale-out runtime from BUS=kafka STORE=mongo', () => {
    const config = loadServiceConfig('matching', 3002, {
      ...base,
      BUS: 'kafka',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      STORE: 'mongo',
      MONGO_URL: 'mongodb://m:27017/?replicaSet=rs0',
    });
    expect(config.bus).toEqual({
      kind: 'kafka',
      brokers: ['k1:9092', 'k2:9092'],
      clientId: 'matching',
      partitions: 8,
    });
    expect(config.store).toEqual({
      kind: 'mongo',
      url: 'mongodb://m:27017/?replicaSet=rs0',
      database: 'parkmatch-matching',
    });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      loadServiceConfig('leads', 3001, {
        ...base,
        BUS: 'kafka',
        STORE: 'mongo',
        PORT: 'eighty',
        REDIS_URL: 'http://x',
      }),
    ).toThrow(/KAFKA_BROKERS[\s\S]*MONGO_URL|PORT[\s\S]*REDIS_URL/);
    try {
      loadServiceConfig('leads', 3001, { ...base, BUS: 'kafka', PORT: 'eighty' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain('PORT');
    }
  });

  it('requires a long secret in production', () => {
    expect(() => loadServiceConfig('leads', 3001, { ...base, PARKMATCH_ENV: 'production' })).toThrow(
      /AUTH_SECRET/,
    );
    expect(() => loadServiceConfig('leads', 3001, { REDIS_URL: base.REDIS_URL })).toThrow(/AUTH_SECRET/);
  });
});
