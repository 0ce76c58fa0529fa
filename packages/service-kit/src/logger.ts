import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs. Secrets and contact data never reach a log line. */
export function createLogger(service: string, level: string = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'accessToken',
        '*.accessToken',
        'authorization',
        '*.authorization',
        '*.headers.authorization',
        'contact',
        '*.contact',
        '*.*.contact',
      ],
      censor: '[redacted]',
    },
  });
}
