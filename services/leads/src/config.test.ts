import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const env = { REDIS_URL: 'redis://127.0.0.1:6379', AUTH_SECRET: 'x'.repeat(40) };

describe('leads config', () => {
  it('uses admin/admin locally', () => {
    expect(loadConfig(env).admin).toEqual({ username: 'admin', password: 'admin' });
  });

  it('refuses the default admin account in production', () => {
    expect(() => loadConfig({ ...env, PARKMATCH_ENV: 'production' })).toThrow(
      /ADMIN_USERNAME and ADMIN_PASSWORD/,
    );
    expect(() => loadConfig({ ...env, PARKMATCH_ENV: 'production', ADMIN_USERNAME: 'ops' })).toThrow();
    const ok = loadConfig({
      ...env,
      PARKMATCH_ENV: 'production',
      ADMIN_USERNAME: 'ops',
      ADMIN_PASSWORD: 's3cret!',
    });
    expect(ok.admin.username).toBe('ops');
  });
});
