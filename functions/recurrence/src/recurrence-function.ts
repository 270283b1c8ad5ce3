import { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { createRecurrenceConsumer } from './recurrence-consumer';
import type { RecurrenceDeps } from './recurrence-deps';

/** The recurrence function's parts: no HTTP API of its own, one consumer of `task-events`. */
export function createRecurrenceFunction(deps: RecurrenceDeps): { name: 'recurrence'; routes: Hono<never>; api: ApiContracts; consumer: Consumer } {
  return { name: 'recurrence', routes: new Hono<never>(), api: { tag: 'recurrence', description: 'No routes of its own: it reads task events only.', routes: [] }, consumer: createRecurrenceConsumer(deps) };
}
