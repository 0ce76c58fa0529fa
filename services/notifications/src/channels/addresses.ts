import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Where a webhook may point. A non-admin's channel may not reach the service's own network
// (loopback, private ranges, link-local cloud metadata…): checked when the channel is set up
// and again before every send, against what the host name resolves to then.

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped?.[1] ? PRIVATE.check(mapped[1], 'ipv4') : PRIVATE.check(address, 'ipv6');
  }
  return false;
}

export type AddressCheck = { ok: true } | { ok: false; reason: { zh: string; en: string } };

/** Resolves the URL's host and refuses it when any of its addresses is private or loopback. */
export async function checkPublicUrl(url: string): Promise<AddressCheck> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host)
      ? [host]
      : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return { ok: false, reason: { zh: `无法解析主机 ${host}`, en: `host ${host} does not resolve` } };
  }
  const inner = addresses.find(isPrivateAddress);
  if (inner === undefined) return { ok: true };
  return {
    ok: false,
    reason: {
      zh: `${host} 指向内网或本机地址（${inner}），仅管理员可用`,
      en: `${host} points at a private or loopback address (${inner}); only admins may use one`,
    },
  };
}
