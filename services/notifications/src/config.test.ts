import { describe, expect, it } from 'vitest';
import { EMAIL_OFF, loadConfig } from './config.ts';

// The service's own settings: email off unless SMTP_URL says where mail goes, the SLA sweep's
// period and the retention of what it writes, each with a default and checked at start.

const base = { AUTH_SECRET: 'config-test-secret-config-test-secret', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('notifications config', () => {
  it('runs with email off by default and says how to turn it on', () => {
    const config = loadConfig(base);
    expect(config.smtp).toBeUndefined();
    expect(EMAIL_OFF).toContain('SMTP_URL=smtp://');
    expect(config.slaSweepEveryMs).toBe(60_000);
    expect(config.retention).toEqual({
      inboxReadDays: 180,
      inboxUnreadDays: 365,
      deliveryDays: 30,
      deadLetterDays: 90,
      clockDays: 365,
    });
  });

  it('takes SMTP, the sweep period and retention from the environment', () => {
    const config = loadConfig({
      ...base,
      SMTP_URL: 'smtps://user:pass@smtp.example.cn:465',
      SMTP_FROM: '大渡口招商 <zs@example.cn>',
      SLA_SWEEP_EVERY_MS: '5000',
      RETENTION_INBOX_READ_DAYS: '90',
      RETENTION_DELIVERY_DAYS: '14',
    });
    expect(config.smtp).toEqual({
      url: 'smtps://user:pass@smtp.example.cn:465',
      from: '大渡口招商 <zs@example.cn>',
    });
    expect(config.slaSweepEveryMs).toBe(5_000);
    expect(config.retention).toMatchObject({ inboxReadDays: 90, deliveryDays: 14, deadLetterDays: 90 });
  });

  it('refuses a mail URL that is not smtp(s), a sweep faster than a second and a retention of 0 days', () => {
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://mail.example.cn' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...base, SLA_SWEEP_EVERY_MS: '10' })).toThrow(/SLA_SWEEP_EVERY_MS/);
    expect(() => loadConfig({ ...base, RETENTION_DELIVERY_DAYS: '0' })).toThrow(/RETENTION_DELIVERY_DAYS/);
  });
});
