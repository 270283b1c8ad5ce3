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

/** Parses the environment with several schemas at once; one ConfigError lists every problem of all of them. */
export function loadConfigs<const S extends readonly z.core.$ZodType[]>(schemas: S, env: Record<string, string | undefined>): { [K in keyof S]: Readonly<z.infer<S[K]>> } {
  const problems = new Set<string>();
  const configs = schemas.map((schema) => {
    try {
      return loadConfig(schema, env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const problem of error.problems) problems.add(problem);
      return undefined;
    }
  });
  if (problems.size > 0) throw new ConfigError([...problems]);
  return configs as { [K in keyof S]: Readonly<z.infer<S[K]>> };
}

