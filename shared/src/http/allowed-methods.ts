import { PatternRouter } from 'hono/router/pattern-router';
import type { RouterRoute } from 'hono/types';
import { findTargetHandler, isMiddleware } from 'hono/utils/handler';

const ANY_METHOD = 'ALL';

/**
 * The methods the routes of an app serve at a path, for the `Allow` header of a 405: empty when
 * no route has the path. HEAD comes with GET (Hono answers it from the GET route).
 */
export function allowedMethods(routes: readonly RouterRoute[], path: string): string[] {
  const router = new PatternRouter<string>();
  for (const route of routes) {
    if (route.method !== ANY_METHOD && !isMiddleware(findTargetHandler(route.handler))) router.add(ANY_METHOD, route.path, route.method);
  }
  const [matches] = router.match('GET', path);
  const methods = new Set(matches.map(([method]) => method));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
