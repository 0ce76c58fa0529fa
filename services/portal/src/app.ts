import type { Logger, Metrics } from '@parkmatch/service-kit';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Api } from './api/index.ts';
import { UpstreamError } from './api/index.ts';
import { parkDirectory } from './api/park-directory.ts';
import type { PortalEnv } from './env.ts';
import { firmRoutes } from './firm/routes.ts';
import { firmServicesRoutes } from './firm-services/routes.ts';
import { language } from './i18n/lang.ts';
import { assetRoutes } from './layout/assets.ts';
import { failurePage, messagePage, notFoundPage } from './layout/errors.ts';
import { homeRoutes } from './layout/home.ts';
import { securityHeaders } from './layout/security.ts';
import { channelRoutes } from './manager/channels-routes.ts';
import { managerRoutes } from './manager/routes.ts';
import { targetRoutes } from './manager/targets-routes.ts';
import { sessionRoutes } from './session/routes.ts';
import { createSealer } from './session/seal.ts';
import { sessions } from './session/session.ts';
import { peerAddress, site } from './session/site.ts';
import { keyFirmRoutes } from './team/key-firms-routes.ts';
import { leadRoutes } from './team/lead-routes.ts';
import { pipelineRoutes } from './team/pipeline-routes.ts';
import { teamRoutes } from './team/routes.ts';
import { settingsRoutes } from './team/settings-routes.ts';

export interface PortalAppDeps {
  api: Api;
  logger: Logger;
  metrics: Metrics;
  sessionSecret: string;
  sessionIdleMs: number;
  publicUrl?: string | undefined;
  trustProxy?: boolean;
  bodyLimitBytes?: number;
  now?: () => number;
}

const READY_TIMEOUT_MS = 2_000;
const TOO_LARGE = {
  zh: '提交的内容过多，请精简后再试。',
  en: 'What you sent is too large; please shorten it and try again.',
};

/**
 * The portal: server-rendered pages for firms and teams over the other services' HTTP APIs.
 * Security headers on every answer; health, readiness and metrics like every service; the
 * assets; then the pages, each with its language, site and session. It never listens; main.ts does.
 */
export function createPortalApp(deps: PortalAppDeps) {
  const { api, logger, metrics, now = Date.now } = deps;
  const app = new Hono<PortalEnv>();
  const directory = parkDirectory(api.matching);
  const resumeSealer = createSealer(deps.sessionSecret, 'kept-form');

  app.use(securityHeaders());
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const line = {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (c.res.status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  });
  app.use(metrics.middleware);

  app.get('/healthz', (c) => c.json({ status: 'ok', service: 'portal' }));
  app.get('/readyz', async (c) => {
    const checks = await Promise.all(
      api.upstreams.map(async (upstream) => {
        try {
          await Promise.race([
            upstream.healthy(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS)),
          ]);
          return { name: upstream.service, ok: true as const };
        } catch (error) {
          return {
            name: upstream.service,
            ok: false as const,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    const ready = checks.every((check) => check.ok);
    return c.json({ status: ready ? 'ready' : 'not ready', service: 'portal', checks }, ready ? 200 : 503);
  });
  // The portal holds no token secret to check an admin's token with: its metrics answer only
  // on the machine itself (a scraper beside it), never to a browser.
  app.get('/metrics', async (c) => {
    if (!isLoopback(peerAddress(c))) return c.text('metrics are served to the local machine only', 403);
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  app.route('/', assetRoutes());

  app.use(site({ publicUrl: deps.publicUrl, trustProxy: deps.trustProxy ?? false }));
  app.use(language());
  app.use(
    sessions({
      sealer: createSealer(deps.sessionSecret, 'session-cookie'),
      idleMs: deps.sessionIdleMs,
      isHttps: (c) => c.var.site.https,
      now,
    }),
  );
  app.use(
    bodyLimit({
      maxSize: deps.bodyLimitBytes ?? 256 * 1024,
      onError: (c) => messagePage(c, { title: TOO_LARGE, body: TOO_LARGE, status: 413 }),
    }),
  );

  app.route('/', homeRoutes());
  app.route('/', sessionRoutes({ api, resumeSealer, now }));
  app.route('/', firmRoutes({ api, directory, now }));
  app.route('/', teamRoutes({ api, directory, resumeSealer, now }));
  app.route('/', leadRoutes({ api, directory, resumeSealer, now }));
  app.route('/', pipelineRoutes({ api, now }));
  app.route('/', managerRoutes({ api, directory, resumeSealer, now }));
  app.route('/', settingsRoutes({ api, resumeSealer, now }));
  app.route('/', keyFirmRoutes({ api, now }));
  app.route('/', targetRoutes({ api, resumeSealer, now }));
  app.route('/', channelRoutes({ api, resumeSealer, now }));
  app.route('/', firmServicesRoutes({ api, resumeSealer, now }));
  app.all('*', (c) => notFoundPage(c));

  app.onError((error, c) => {
    if (error instanceof UpstreamError) {
      logger.warn({ err: error, requestId: c.var.requestId, path: c.req.path }, 'a service could not answer');
      return failurePage(c, 'unavailable');
    }
    logger.error({ err: error, requestId: c.var.requestId, path: c.req.path }, 'unhandled error');
    return failurePage(c, 'error');
  });
  return app;
}

export type PortalApp = ReturnType<typeof createPortalApp>;

const isLoopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
