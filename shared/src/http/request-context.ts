import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log/logger';
import { continueTrace } from '../trace/traceparent';

export interface RequestVariables {
  traceparent: string;
  log: Logger;
}

/** Continues the caller's W3C trace (or starts one), echoes it, and gives the request a child logger. */
export function requestContext(log: Logger): MiddlewareHandler<{ Variables: RequestVariables }> {
  return async function requestContextMiddleware(c, next) {
    const traceparent = continueTrace(c.req.header('traceparent'));
    c.set('traceparent', traceparent);
    c.set('log', log.child({ traceparent }));
    c.header('traceparent', traceparent);
    await next();
  };
}
