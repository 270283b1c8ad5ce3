import type { MiddlewareHandler } from 'hono';
import { Counter } from 'prom-client';
import { type Authenticator, requireUser, type User } from '../http/auth';
import { Problem } from '../http/problem';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import type { RateLimiter } from './rate-limiter';

const METRIC = 'rate_limit_decisions_total';
/** While the store is down every request would log; once per this many ms is enough. */
const WARN_EVERY_MS = 10_000;

export interface PerUserRateLimitOptions {
  limiter: RateLimiter;
  authenticate: Authenticator;
  clock: () => Date;
  log: Logger;
  metrics: Metrics;
}

function decisionsCounter(metrics: Metrics): Counter<'scope' | 'outcome'> {
  const existing = metrics.registry.getSingleMetric(METRIC) as Counter<'scope' | 'outcome'> | undefined;
  return existing ?? new Counter({ name: METRIC, help: 'Rate limit decisions by scope and outcome (allowed, limited, unavailable = store down, allowed)', labelNames: ['scope', 'outcome'], registers: [metrics.registry] });
}

/**
 * Per-user limits for routes: returns the middlewares to put in front of a route, `requireUser`
 * (401 without a valid token; the limit is keyed by the verified user, never by a claim an attacker
 * could choose) and the limit itself: over it → 429 problem+json with `Retry-After`. When the
 * limiter's store cannot answer the request goes ahead (graceful degradation), with a warning in the
 * log and `rate_limit_decisions_total{outcome="unavailable"}`.
 * @example routes.use('/chat', ...limit('chat'));
 */
export function perUserRateLimit(options: PerUserRateLimitOptions): (scope: string) => MiddlewareHandler[] {
  const decisions = decisionsCounter(options.metrics);
  let lastWarning = 0;
  return (scope) => {
    const limit: MiddlewareHandler<{ Variables: { user: User; log?: Logger } }> = async function perUserRateLimitMiddleware(c, next) {
      const now = options.clock();
      let decision;
      try {
        decision = await options.limiter.hit(`${scope}:${c.var.user.id}`, now);
      } catch (error) {
        decisions.inc({ scope, outcome: 'unavailable' });
        if (now.getTime() - lastWarning >= WARN_EVERY_MS) {
          lastWarning = now.getTime();
          (c.var.log ?? options.log).warn({ err: error, scope, store: options.limiter.store }, 'rate limit store unavailable; requests are let through');
        }
        return next();
      }
      decisions.inc({ scope, outcome: decision.allowed ? 'allowed' : 'limited' });
      if (decision.allowed) return next();
      options.metrics.rateLimitRefusals.inc({ limit: scope });
      c.header('Retry-After', String(decision.retryAfterSeconds));
      throw new Problem(429, 'Too Many Requests', `at most ${decision.limit} requests per ${decision.windowSeconds} s to /${scope}; try again in ${decision.retryAfterSeconds} s`);
    };
    return [requireUser(options.authenticate) as MiddlewareHandler, limit as MiddlewareHandler];
  };
}
