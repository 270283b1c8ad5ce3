import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

/** Variables every function reads; each function extends this with its own. */
export const BaseConfig = z.object({
  SERVICE_NAME: z.string().min(1).regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  NODE_ENV: z.enum(['development', 'test', 'staging', 'production']).default('development'),
  PORT: port.default(8080),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  EVENT_BUS_URL: z.string().min(1).default('memory://'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  AUTH_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_ISSUER: z.string().min(1).default('todo-local'),
  AUTH_AUDIENCE: z.string().min(1).default('todo'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
})
  // `when` makes these run even when other variables are invalid, so one error lists everything.
  .refine((config) => config.NODE_ENV !== 'production' || !!config.DATABASE_URL, {
    path: ['DATABASE_URL'],
    message: 'is required in production (the embedded database is for development)',
    when: () => true,
  })
  .refine((config) => config.NODE_ENV !== 'production' || !!config.AUTH_JWT_SECRET || !!config.AUTH_JWKS_URL, {
    path: ['AUTH_JWKS_URL'],
    message: 'or AUTH_JWT_SECRET is required in production',
    when: () => true,
  });
