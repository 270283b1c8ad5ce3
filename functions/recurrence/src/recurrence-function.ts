import { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import { createRecurrenceConsumer } from './recurrence-consumer';
import type { RecurrenceDeps } from './recurrence-deps';

/** The recurrence function's parts: no HTTP API of its own, one consumer of `task-events`. */
export function createRecurrenceFunction(deps: RecurrenceDeps): { name: 'recurrence'; routes: Hono<never>; consumer: Consumer } {
  return { name: 'recurrence', routes: new Hono<never>(), consumer: createRecurrenceConsumer(deps) };
}
