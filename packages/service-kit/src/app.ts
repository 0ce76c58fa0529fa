import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AuthEnv } from './auth.ts';
import { jsonGuard } from './json-guard.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { fieldErrors, HttpProblem, problemResponse } from './problem.ts';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface ServiceAppOptions {
  service: string;
  version?: string;
  description?: string;
  logger: Logger;
  metrics: Metrics;
  readiness?: ReadinessCheck[];
  bodyLimitBytes?: number;
}

export type AppEnv = Env & AuthEnv & { Variables: { requestId: string } };
export type ServiceApp = OpenAPIHono<AppEnv>;

const READY_TIMEOUT_MS = 2_000;

/** A new router for a group of routes that answers validation failures with problem+json. */
export function createRouter(): ServiceApp {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problemResponse(c, 400, 'request failed validation', {
          errors: fieldErrors(result.error.issues),
        });
      }
    },
  });
}

/**
 * The Hono app every service starts from: request ids, access logs, metrics, body limit,
 * JSON guard, problem+json errors, health, readiness, metrics, OpenAPI and a docs page.
 * It never listens; main.ts does.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const {
    service,
    logger,
    metrics,
    readiness = [],
    bodyLimitBytes = 256 * 1024,
    version = '0.1.0',
  } = options;
  const app = createRouter();

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const line = {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms,
    };
    if (c.res.status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  });
  app.use(metrics.middleware);
  app.use(
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: (c) => problemResponse(c, 413, `request body is larger than ${bodyLimitBytes} bytes`),
    }),
  );
  app.use(jsonGuard);

  app.onError((error, c) => {
    if (error instanceof HttpProblem) {
      return problemResponse(c, error.status, error.message, { errors: error.errors, type: error.type });
    }
    if (error instanceof HTTPException) {
      return problemResponse(c, error.status as ContentfulStatusCode, error.message || 'request rejected');
    }
    logger.error({ err: error, requestId: c.var.requestId, path: c.req.path }, 'unhandled error');
    return problemResponse(c, 500, 'internal error; the request id identifies it in the logs');
  });
  app.notFound((c) => problemResponse(c, 404, `no route ${c.req.method} ${c.req.path}`));

  app.get('/healthz', (c) => c.json({ status: 'ok', service }));
  app.get('/readyz', async (c) => {
    const results = await Promise.all(
      readiness.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), READY_TIMEOUT_MS, `${name} did not answer in ${READY_TIMEOUT_MS} ms`);
          return { name, ok: true as const };
        } catch (error) {
          return { name, ok: false as const, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    return c.json({ status: ready ? 'ready' : 'not ready', service, checks: results }, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: `parkmatch ${service}`, version, description: options.description ?? '' },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));
  return app;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
