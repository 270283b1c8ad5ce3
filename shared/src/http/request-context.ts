import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../log/logger';
import { inSpan, SpanKind, SpanStatusCode } from '../trace/spans';

export interface RequestVariables {
  traceparent: string;
  log: Logger;
}

/**
 * Continues the caller's W3C trace (or starts one) in a server span around the request, echoes its
 * `traceparent`, and gives the request a child logger carrying it.
 */
export function requestContext(log: Logger): MiddlewareHandler<{ Variables: RequestVariables }> {
  return async function requestContextMiddleware(c, next) {
    const method = c.req.method;
    const attributes = { 'http.request.method': method, 'url.path': c.req.path };
    await inSpan(method, { kind: SpanKind.SERVER, parent: c.req.header('traceparent') ?? null, attributes }, async (traceparent, span) => {
      c.set('traceparent', traceparent);
      c.set('log', log.child({ traceparent }));
      c.header('traceparent', traceparent);
      await next();
      if (!span) return;
      const route = routePath(c, -1);
      span.updateName(`${method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': c.res.status });
      if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    });
  };
}
