import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Metrics } from '../metrics/metrics';

/** Counts requests and records latency by matched route pattern (never the raw path, to bound labels). */
export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async function httpMetricsMiddleware(c, next) {
    const stop = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const labels = { method: c.req.method, route: c.finalized || c.res ? routePath(c, -1) : 'unmatched', status: String(c.res.status) };
      stop(labels);
      metrics.httpRequests.inc(labels);
    }
  };
}
