import type { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { STATS_API } from './stats-api';
import { createStatsConsumer } from './stats-consumer';
import type { StatsDeps } from './stats-deps';
import { statsRoutes } from './stats-routes';
import { functionRoutes } from '#shared/http/function-routes';

/** The stats function's parts, mounted by its own entry point or by the one-process system. */
export function createStatsFunction(deps: StatsDeps): { name: 'stats'; routes: Hono<never>; api: ApiContracts; consumer: Consumer } {
  return {
    name: 'stats',
    routes: functionRoutes(statsRoutes(deps)),
    api: STATS_API,
    consumer: createStatsConsumer(deps),
  };
}
