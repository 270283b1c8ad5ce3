import { pino } from 'pino';

/**
 * The logger's settings before the configuration is parsed (the secret store is read first, and the
 * stop may begin then). An invalid value falls back here; the configuration then reports it.
 */
export function bootstrapLogSettings(env: Record<string, string | undefined>): { service: string; level: string } {
  const level = env.LOG_LEVEL && env.LOG_LEVEL in pino.levels.values ? env.LOG_LEVEL : env.LOG_LEVEL === 'silent' ? 'silent' : 'info';
  return { service: env.SERVICE_NAME || 'todo', level };
}
