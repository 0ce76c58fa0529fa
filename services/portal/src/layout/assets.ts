import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';

// The portal's own CSS, scripts and icon — nothing from a CDN. Read once at start; each URL
// carries its content hash (`?v=`), so browsers keep a file until it changes.

interface Asset {
  body: string;
  type: string;
  hash: string;
}

const here = path.join(import.meta.dirname, 'assets');
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');

const hashOf = (body: string) => createHash('sha256').update(body).digest('base64url').slice(0, 12);
const asset = (body: string, type: string): Asset => ({ body, type, hash: hashOf(body) });

const creditCode = asset(read('credit-code.js'), 'text/javascript; charset=utf-8');
// portal.js imports the credit-code check by its URL with the hash.
const script = read('portal.js').replace("'./credit-code.js'", `'./credit-code.js?v=${creditCode.hash}'`);

const ASSETS = {
  'portal.css': asset(read('portal.css'), 'text/css; charset=utf-8'),
  'portal.js': asset(script, 'text/javascript; charset=utf-8'),
  'credit-code.js': creditCode,
  'icon.svg': asset(read('icon.svg'), 'image/svg+xml'),
} as const satisfies Record<string, Asset>;

export type AssetName = keyof typeof ASSETS;

/** The URL of an asset, with its content hash. */
export const assetHref = (name: AssetName): string => `/assets/${name}?v=${ASSETS[name].hash}`;

const isAsset = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

export function assetRoutes() {
  const app = new Hono();
  const serve = (name: AssetName, version: string | undefined) => {
    const { body, type, hash } = ASSETS[name];
    const cache = version === hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
    return new Response(body, {
      headers: { 'content-type': type, 'cache-control': cache, etag: `"${hash}"` },
    });
  };
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    if (!isAsset(name)) return c.notFound();
    if (c.req.header('if-none-match') === `"${ASSETS[name].hash}"`) return c.body(null, 304);
    return serve(name, c.req.query('v'));
  });
  app.get('/favicon.ico', () => serve('icon.svg', undefined));
  return app;
}
