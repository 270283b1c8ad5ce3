import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Metrics } from '../metrics/metrics';

/** The entry point a path belongs to, for `auth_failures_total` (a fixed set: labels stay bounded). */
function entryOf(path: string): string {
  if (path === '/events') return 'events';
  if (path.startsWith('/dapr/')) return 'dapr';
  if (path.startsWith('/job/')) return 'jobs';
  if (path === '/stream' || path.startsWith('/stream/')) return 'stream';
  return 'api';
}

const AUTH_REASONS: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden' };

/**
 * Counts requests and records latency by matched route pattern (never the raw path, to bound labels),
 * and every 401 and 403 as an authentication failure of its entry point.
 */
export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async function httpMetricsMiddleware(c, next) {
    const stop = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const labels = { method: c.req.method, route: c.finalized || c.res ? routePath(c, -1) : 'unmatched', status: String(c.res.status) };
      stop(labels);
      metrics.httpRequests.inc(labels);
      const reason = AUTH_REASONS[c.res.status];
      if (reason) metrics.authFailures.inc({ entry: entryOf(c.req.path), reason });
    }
  };
}
