import { Hono } from 'hono';
import type { Env } from 'hono/types';

/**
 * A function's route groups as the one app the runtime mounts. Each group keeps its own typed context
 * (the signed-in user, the request id); the runtime only mounts the result, so the context types are
 * erased here, once, instead of by a cast in every function.
 */
export function functionRoutes<const E extends readonly Env[]>(...groups: { [K in keyof E]: Hono<E[K]> }): Hono<never> {
  const routes = new Hono();
  for (const group of groups) routes.route('/', group);
  return routes as unknown as Hono<never>;
}
