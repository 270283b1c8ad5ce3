import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RuleViolation } from '../contracts/rule-violation';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import { allowedMethods } from './allowed-methods';
import { httpMetrics } from './http-metrics';
import { Problem, problemResponse } from './problem';
import { type RequestVariables, requestContext } from './request-context';

const EVENT_ROUTE = /^\/(events|dapr\/)/;

/**
 * The Hono app every function starts from: trace context and logger per request, metrics, a body
 * size limit (413), and problem+json for every error — 405 with `Allow` for a path served only
 * for other methods, and an unexpected error logged and answered 500 without details.
 */
export function createHttpApp(options: { log: Logger; metrics: Metrics; maxBodyBytes: number }): Hono<{ Variables: RequestVariables }> {
  const app = new Hono<{ Variables: RequestVariables }>();
  app.use(httpMetrics(options.metrics));
  app.use(requestContext(options.log));
  const limitBody = bodyLimit({
    maxSize: options.maxBodyBytes,
    onError: (c) => problemResponse(c, new Problem(413, 'Content Too Large', `the body must be at most ${options.maxBodyBytes} bytes`)),
  });
  // Event routes answer oversize deliveries in their caller's language (Dapr needs 200 + DROP).
  app.use(async (c, next) => (EVENT_ROUTE.test(c.req.path) ? next() : limitBody(c, next)));
  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path);
    if (allowed.length === 0) return problemResponse(c, new Problem(404, 'Not Found', `no route for ${c.req.method} ${c.req.path}`));
    const allow = allowed.join(', ');
    return problemResponse(c, new Problem(405, 'Method Not Allowed', `${c.req.path} answers ${allow}, not ${c.req.method}`, undefined, { headers: { allow } }));
  });
  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error);
    if (error instanceof RuleViolation) return problemResponse(c, new Problem(422, 'Unprocessable Content', error.message, [{ field: error.field, message: error.message }]));
    const status = (error as { status?: number }).status;
    if (status === 413) return problemResponse(c, new Problem(413, 'Content Too Large', 'the body is too large'));
    (c.get('log') ?? options.log).error({ err: error, path: c.req.path, method: c.req.method }, 'unhandled error');
    return problemResponse(c, new Problem(500, 'Internal Server Error', 'something went wrong on our side; it was logged'));
  });
  return app;
}
