import { describe, expect, it } from 'vitest';
import { checkPublicUrl, isPrivateAddress } from './addresses.ts';

describe('webhook addresses', () => {
  it('knows private, loopback and link-local addresses in both families', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0'])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1'])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '119.29.29.29', '2400:3200::1'])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('refuses a URL whose host resolves to loopback, naming the address', async () => {
    const refused = await checkPublicUrl('http://localhost:9/hook');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason.en).toMatch(/127\.0\.0\.1|::1/);
    expect((await checkPublicUrl('http://[::1]:8080/')).ok).toBe(false);
    expect((await checkPublicUrl('https://93.184.215.14/hook')).ok).toBe(true);
  });
});
