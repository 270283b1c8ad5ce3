import * as z from 'zod/mini';
import '../contracts/english-errors';

/** Raised when the environment does not satisfy a config schema; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, at the edge, into a frozen typed object.
 * @example const config = loadConfig(BaseConfig, process.env);
 */
export function loadConfig<S extends z.core.$ZodType>(schema: S, env: Record<string, string | undefined>): Readonly<z.infer<S>> {
  const result = z.safeParse(schema, env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        if (issue.code === 'custom') return `${name} ${issue.message}`;
        return env[name] === undefined && issue.code === 'invalid_type' ? `${name} is missing` : `${name} is invalid: ${issue.message}`;
      }),
    );
  }
  return Object.freeze(result.data);
}
