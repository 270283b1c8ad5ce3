import * as z from 'zod/mini';
import '../contracts/english-errors';

const port = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65_535));
const text = z.string().check(z.minLength(1));

/** Variables every function reads; each function extends this with its own. */
export const BaseConfig = z
  .object({
    SERVICE_NAME: z.string().check(z.minLength(1), z.regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes')),
    NODE_ENV: z._default(z.enum(['development', 'test', 'staging', 'production']), 'development'),
    PORT: z._default(port, 8080),
    DATABASE_URL: z.optional(z.url({ protocol: /^postgres(ql)?$/ })),
    EVENT_BUS_URL: z._default(text, 'memory://'),
    LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    DATA_DIR: z._default(text, '.data'),
    AUTH_JWT_SECRET: z.optional(z.string().check(z.minLength(32, 'at least 32 characters'))),
    AUTH_JWKS_URL: z.optional(z.url()),
    AUTH_ISSUER: z._default(text, 'todo-local'),
    AUTH_AUDIENCE: z._default(text, 'todo'),
    MAX_BODY_BYTES: z._default(z.coerce.number().check(z.int(), z.minimum(1024)), 64 * 1024),
  })
  // `when` makes these run even when other variables are invalid, so one error lists everything.
  .check(
    z.refine((config) => config.NODE_ENV !== 'production' || !!config.DATABASE_URL, {
      path: ['DATABASE_URL'],
      message: 'is required in production (the embedded database is for development)',
      when: () => true,
    }),
    z.refine((config) => config.NODE_ENV !== 'production' || !!config.AUTH_JWT_SECRET || !!config.AUTH_JWKS_URL, {
      path: ['AUTH_JWKS_URL'],
      message: 'or AUTH_JWT_SECRET is required in production',
      when: () => true,
    }),
  );
