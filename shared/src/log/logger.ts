import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; every line names the service. Query parameters and secrets are never logged. */
export function createLogger(options: { service: string; level?: string }): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['authorization', '*.authorization', 'headers.authorization', 'token', 'password'], censor: '[redacted]' },
  });
}
