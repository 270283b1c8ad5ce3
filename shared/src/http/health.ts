import { Hono } from 'hono';
import type { Metrics } from '../metrics/metrics';

export type ReadinessCheck = () => Promise<boolean>;

/** `GET /metrics`: the registry in Prometheus text. */
export function metricsRoute(metrics: Metrics): Hono {
  return new Hono().get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
}

/**
 * `/live` (the process answers), `/ready` (every dependency answers: 503 names those that do not),
 * `/health` (both, with details) and, with `serveMetrics`, `/metrics` (Prometheus text).
 */
export function operationalRoutes(options: {
  service: string;
  checks: Record<string, ReadinessCheck>;
  metrics: Metrics;
  /** The process's state: `/ready` answers 503 while it is `starting` or `stopping`. */
  state?: () => 'starting' | 'running' | 'stopping';
  /** False when `/metrics` is served on a port of its own (default true). */
  serveMetrics?: boolean;
}): Hono {
  const app = new Hono();
  const runChecks = async () => {
    const entries = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
    );
    return Object.fromEntries(entries.map(([name, ok]) => [name, ok ? 'up' : 'down']));
  };
  app.get('/live', (c) => c.json({ status: 'up' }));
  app.get('/ready', async (c) => {
    const state = options.state?.() ?? 'running';
    if (state !== 'running') return c.json({ status: 'down', checks: { process: state } }, 503);
    const checks = await runChecks();
    const ready = Object.values(checks).every((state) => state === 'up');
    return c.json({ status: ready ? 'up' : 'down', checks }, ready ? 200 : 503);
  });
  app.get('/health', async (c) => {
    const checks = await runChecks();
    const up = Object.values(checks).every((state) => state === 'up');
    return c.json({ status: up ? 'up' : 'degraded', service: options.service, uptimeSeconds: Math.round(process.uptime()), checks }, up ? 200 : 503);
  });
  if (options.serveMetrics !== false) app.route('/', metricsRoute(options.metrics));
  return app;
}
