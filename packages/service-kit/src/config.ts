import type { BusConfig } from '@parkmatch/bus';
import type { StoreConfig } from '@parkmatch/store';
import { z } from 'zod';

// Environment, parsed once with zod. Each service's own config.ts calls loadServiceConfig;
// nothing else in the code base reads process.env.

const Env = z
  .object({
    PARKMATCH_ENV: z.enum(['local', 'production']).default('local'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    BUS: z.enum(['redis', 'kafka']).default('redis'),
    /** `embedded`: the former name of `sqlite` (the local store was nedb), still accepted. */
    STORE: z.enum(['sqlite', 'embedded', 'mongo']).default('sqlite'),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }),
    /** Prefix of every Redis key (bus streams, jobs): several systems can share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .default('pm'),
    KAFKA_BROKERS: z.string().optional(),
    BUS_PARTITIONS: z.coerce.number().int().min(1).max(256).default(8),
    /** Redis Streams: hours an event stays once every consumer group has it (Kafka: the topic's own retention). */
    BUS_RETENTION_HOURS: z.coerce.number().min(0).max(87_600).default(168),
    MONGO_URL: z.string().optional(),
    MONGO_DB: z.string().optional(),
    DATA_DIR: z.string().optional(),
    AUTH_SECRET: z.string().min(16, 'AUTH_SECRET must be at least 16 characters'),
    /** off: writes keep their events in the outbox until a process with the relay on publishes them. */
    OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024),
  })
  .superRefine((env, ctx) => {
    if (env.BUS === 'kafka' && !env.KAFKA_BROKERS) {
      ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'required when BUS=kafka' });
    }
    if (env.STORE === 'mongo' && !env.MONGO_URL) {
      ctx.addIssue({ code: 'custom', path: ['MONGO_URL'], message: 'required when STORE=mongo' });
    }
    if (env.PARKMATCH_ENV === 'production' && env.AUTH_SECRET.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'must be at least 32 characters in production',
      });
    }
  });

export interface ServiceConfig {
  service: string;
  production: boolean;
  host: string;
  port: number;
  redisUrl: string;
  redisPrefix: string;
  bus: BusConfig;
  store: StoreConfig;
  authSecret: string;
  outboxRelay: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  bodyLimitBytes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses `schema` from the environment, throwing one readable error listing every bad variable. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

export function loadServiceConfig(
  service: string,
  defaultPort: number,
  env: Record<string, string | undefined>,
): ServiceConfig {
  const e = parseEnv(Env, env);
  const partitions = e.BUS_PARTITIONS;
  return {
    service,
    production: e.PARKMATCH_ENV === 'production',
    host: e.HOST,
    port: e.PORT ?? defaultPort,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    bus:
      e.BUS === 'kafka'
        ? {
            kind: 'kafka',
            brokers: (e.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()),
            clientId: service,
            partitions,
          }
        : {
            kind: 'redis',
            url: e.REDIS_URL,
            prefix: e.REDIS_PREFIX,
            partitions,
            retentionMs: e.BUS_RETENTION_HOURS * 3_600_000,
          },
    store:
      e.STORE === 'mongo'
        ? { kind: 'mongo', url: e.MONGO_URL ?? '', database: e.MONGO_DB ?? `parkmatch-${service}` }
        : { kind: 'sqlite', dir: e.DATA_DIR ?? `.data/${service}` },
    authSecret: e.AUTH_SECRET,
    outboxRelay: e.OUTBOX_RELAY === 'on',
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
  };
}
