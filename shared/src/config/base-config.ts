import * as z from 'zod/mini';
import '../contracts/english-errors';
import { DAPR_SIDECAR_VARIABLES } from './dapr-sidecar-variables';
import { EVENT_SENDER_VARIABLES, eventSenderChecks } from '../events/event-sender-config';
import { RATE_LIMIT_VARIABLES } from './rate-limit-variables';
import { TRACING_VARIABLES } from './tracing-variables';

const port = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65_535));
const text = z.string().check(z.minLength(1));

/** Variables every function reads, one schema each; a function's own configuration may reuse one. */
export const BASE_VARIABLES = {
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
  /** The longest a user token may live (`exp - iat`); longer ones are refused. */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(60), z.maximum(30 * 86_400)), 86_400),
  /** Prometheus `/metrics` on a port of its own (the cluster's scrape port, never behind the ingress); unset: on PORT, except in production. */
  METRICS_PORT: z.optional(port),
  MAX_BODY_BYTES: z._default(z.coerce.number().check(z.int(), z.minimum(1024)), 64 * 1024),
  ...EVENT_SENDER_VARIABLES,
  /** Writes (POST, PUT, PATCH, DELETE) per user in each window, on every REST route; over it: 429 with Retry-After. */
  WRITE_RATE_LIMIT_REQUESTS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)), 120),
  WRITE_RATE_LIMIT_WINDOW_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(86_400)), 60),
  RATE_LIMIT_STORE: RATE_LIMIT_VARIABLES.RATE_LIMIT_STORE,
  ...DAPR_SIDECAR_VARIABLES,
  ...TRACING_VARIABLES,
};

/** The runtime's configuration; each function adds its own variables beside it (defineFunction). */
export const BaseConfig = z
  .object(BASE_VARIABLES)
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
    ...eventSenderChecks,
  );
