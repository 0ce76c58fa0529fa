import { createLogger, createMetrics, createRouter, runService } from '@parkmatch/service-kit';
import { createApi } from './api/index.ts';
import { createPortalApp } from './app.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const logger = createLogger('portal', config.logLevel);
if (config.sessionSecretGenerated)
  logger.warn('no SESSION_SECRET: using a random one, so sessions end when the portal restarts');

const portal = createPortalApp({
  api: createApi({ upstream: config.upstream, timeoutMs: config.upstreamTimeoutMs }),
  logger,
  metrics: createMetrics('portal'),
  sessionSecret: config.sessionSecret,
  sessionIdleMs: config.sessionIdleMs,
  publicUrl: config.publicUrl,
  trustProxy: config.trustProxy,
  bodyLimitBytes: config.bodyLimitBytes,
});

// runService serves a service-kit router: the portal's pages are mounted on one.
const app = createRouter();
app.route('/', portal);

await runService({ app, host: config.host, port: config.port, logger, onShutdown: [] });
