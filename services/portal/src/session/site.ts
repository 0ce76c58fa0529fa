import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';

// Where the visitor reached the portal: its origin (for links given out, and for checking
// that a form was posted from the portal itself), whether it came over https, and from which
// address (what leads counts failed sign-ins by).

export interface Site {
  /** The origin links are written with: PUBLIC_URL, else the origin the request came to. */
  origin: string;
  /** Origins a form may be posted from. */
  origins: string[];
  https: boolean;
  /** The visitor's address: the peer, or behind a trusted proxy the last X-Forwarded-For entry ('' unknown). */
  visitor: string;
}

export type SiteEnv = { Variables: { site: Site } };

export interface SiteOptions {
  publicUrl?: string | undefined;
  /** Behind a TLS-terminating proxy: X-Forwarded-Proto and X-Forwarded-Host tell the visitor's origin. */
  trustProxy: boolean;
}

const first = (header: string | undefined) => header?.split(',')[0]?.trim() || undefined;
const last = (header: string | undefined) => header?.split(',').at(-1)?.trim() || undefined;

/** The peer's address as the socket saw it ('' when there is no socket, as in app.request tests). */
export function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return '';
  }
}

export function site({ publicUrl, trustProxy }: SiteOptions): MiddlewareHandler<SiteEnv> {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return async (c, next) => {
    const url = new URL(c.req.url);
    const proto = (trustProxy && first(c.req.header('x-forwarded-proto'))) || url.protocol.replace(':', '');
    const host = (trustProxy && first(c.req.header('x-forwarded-host'))) || url.host;
    const own = `${proto}://${host}`;
    c.set('site', {
      origin: publicOrigin ?? own,
      origins: publicOrigin && publicOrigin !== own ? [own, publicOrigin] : [own],
      https: proto === 'https',
      visitor: (trustProxy && last(c.req.header('x-forwarded-for'))) || peerAddress(c),
    });
    await next();
  };
}
