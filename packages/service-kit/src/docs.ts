import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';

// The API docs page: Swagger UI from the swagger-ui-dist package, served by the service
// itself so that it works offline. Asset URLs carry the package version, so browsers may
// keep them for good; the page itself is revalidated.

const requirePackage = createRequire(import.meta.url);
const dist = path.dirname(requirePackage.resolve('swagger-ui-dist/package.json'));
const { version } = requirePackage('swagger-ui-dist/package.json') as { version: string };

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Routes for `/docs` (mount with `app.route('/docs', docsRoutes(...))`). */
export function docsRoutes({ title, specUrl = '/openapi.json' }: { title: string; specUrl?: string }) {
  const assets = `/docs/assets/${version}`;
  const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${assets}/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui', validatorUrl: null });
</script>
</body>
</html>
`;
  const cache = new Map<string, Promise<Buffer>>();
  const app = new Hono();
  app.get('/', (c) => c.html(page, 200, { 'cache-control': 'no-cache' }));
  app.get('/assets/:version/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (c.req.param('version') !== version || !type) return c.notFound();
    let content = cache.get(file);
    if (!content) {
      content = readFile(path.join(dist, file));
      cache.set(file, content);
    }
    return c.body(new Uint8Array(await content), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });
  return app;
}
