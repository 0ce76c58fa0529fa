import { serve } from '@hono/node-server';
import type { ServiceApp } from './app.ts';
import type { Logger } from './logger.ts';

export interface RunServiceOptions {
  app: ServiceApp;
  host: string;
  port: number;
  logger: Logger;
  /** Run in order after HTTP has stopped: consumers and workers first, connections last. */
  onShutdown: Array<() => Promise<void>>;
  shutdownTimeoutMs?: number;
}

/**
 * Listens, and on SIGTERM/SIGINT shuts down cleanly: stop taking requests and let
 * in-flight ones finish, then the shutdown steps in order, then exit.
 */
export function runService(options: RunServiceOptions): Promise<{ port: number }> {
  const { app, host, port, logger, onShutdown, shutdownTimeoutMs = 15_000 } = options;
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      logger.info({ url: `http://${host}:${info.port}` }, 'listening');
      resolve({ port: info.port });
    });
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, shutdownTimeoutMs);
      force.unref();
      await new Promise<void>((done) => {
        server.close(() => done());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      for (const step of onShutdown) {
        try {
          await step();
        } catch (error) {
          logger.error({ err: error }, 'shutdown step failed');
        }
      }
      logger.info('stopped');
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  });
}
