import type { Context, MiddlewareHandler } from 'hono';
import { perUserRateLimit, type PerUserRateLimitOptions } from './per-user-rate-limit';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Not a user's write: deliveries (authenticated as the event path or the sidecar) and signing in. */
const EXEMPT = /^\/(events|dapr|job|auth)(\/|$)/;

const isUserWrite = (c: Context) => WRITES.has(c.req.method) && !EXEMPT.test(c.req.path);

/**
 * One per-user limit on every REST write of the functions in this process (scope `writes`): a user
 * who sends more than the window allows gets 429 with `Retry-After`, and nothing is written; other
 * users are not affected. Reads, event deliveries and sign-in are not counted.
 */
export function writeRateLimit(options: PerUserRateLimitOptions): MiddlewareHandler {
  const [requireUser, limit] = perUserRateLimit(options)('writes') as [MiddlewareHandler, MiddlewareHandler];
  return async function writeRateLimitMiddleware(c, next) {
    if (!isUserWrite(c)) return next();
    return requireUser(c, async () => {
      await limit(c, next);
    });
  };
}
