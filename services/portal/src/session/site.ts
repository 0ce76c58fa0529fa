import type { MiddlewareHandler } from 'hono';

// Where the visitor reached the portal: its origin (for links given out, and for checking
// that a form was posted from the portal itself) and whether it came over https.

export interface Site {
  /** The origin links are written with: PUBLIC_URL, else the origin the request came to. */
  origin: string;
  /** Origins a form may be posted from. */
  origins: string[];
  https: boolean;
}

export type SiteEnv = { Variables: { site: Site } };

export interface SiteOptions {
  publicUrl?: string | undefined;
  /** Behind a TLS-terminating proxy: X-Forwarded-Proto and X-Forwarded-Host tell the visitor's origin. */
  trustProxy: boolean;
}

const first = (header: string | undefined) => header?.split(',')[0]?.trim() || undefined;

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
    });
    await next();
  };
}
