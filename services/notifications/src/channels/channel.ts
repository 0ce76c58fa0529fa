import type { ChannelType, ChannelView } from '@parkmatch/contracts';
import type { ChannelTarget } from './port.ts';
import type { SecretBox } from './secret-box.ts';

// A channel as stored: where it delivers (sealed), its signing secret (sealed), and what the
// API may show of it (`target`, masked). Secrets never leave the service.

export interface ChannelDoc {
  _id: string;
  type: Exclude<ChannelType, 'inbox'>;
  name: string;
  /** `account:<username>` or `park:<parkId>`. */
  subscriber: string;
  parkId: string | null;
  /** The email address or webhook URL, sealed. */
  address: string;
  /** The signing secret, sealed; null when the channel has none. */
  secret: string | null;
  /** What the API shows: the address, or the URL with its key masked. */
  target: string;
  /** Set up by an admin: may point at a private or loopback address. */
  allowPrivate: boolean;
  createdBy: string;
  createdAt: string;
}

export function channelView(c: ChannelDoc): ChannelView {
  return {
    id: c._id,
    type: c.type,
    name: c.name,
    subscriber: c.subscriber,
    parkId: c.parkId,
    target: c.target,
    hasSecret: c.secret !== null,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
  };
}

/** Where the adapters deliver, the secrets opened. */
export function targetOf(c: ChannelDoc, box: SecretBox): ChannelTarget {
  return {
    type: c.type,
    address: box.open(c.address, c._id),
    ...(c.secret ? { secret: box.open(c.secret, c._id) } : {}),
    allowPrivate: c.allowPrivate,
  };
}

/** An address as the API may show it: `d***@example.cn`, or the URL without its query's values and with its path's last part masked. */
export function maskAddress(type: ChannelDoc['type'], address: string): string {
  if (type === 'email') {
    const [user = '', domain = ''] = address.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  const url = new URL(address);
  const masked = [...url.searchParams.keys()].map((k) => `${k}=***`).join('&');
  const parts = url.pathname.split('/');
  const last = parts.at(-1) ?? '';
  if (last.length > 12) parts[parts.length - 1] = `${last.slice(0, 4)}***`;
  return `${url.origin}${parts.join('/')}${masked ? `?${masked}` : ''}`;
}
