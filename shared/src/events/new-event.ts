import type * as z from 'zod/mini';
import { activeTraceparent } from '../trace/spans';
import { CATALOG, type EventOf, type EventType } from './catalog';

export interface EventContext {
  /** The function emitting the event, e.g. `/functions/task`. */
  source: string;
  userId: string;
  traceparent: string;
  now: Date;
  newId: () => string;
}

/** Builds a valid event of a catalog type; throws if the data breaks the shared schema (a bug, not input). */
export function newEvent<T extends EventType>(
  type: T,
  context: EventContext,
  fields: { subject: string; partitionkey?: string; data: EventOf<T>['data'] },
): EventOf<T> {
  const candidate = {
    specversion: '1.0',
    id: context.newId(),
    source: context.source,
    type,
    subject: fields.subject,
    time: context.now.toISOString(),
    datacontenttype: 'application/json',
    partitionkey: fields.partitionkey ?? fields.subject,
    // The span emitting it, when traces are recorded: its consumers' spans become that span's children.
    traceparent: activeTraceparent() ?? context.traceparent,
    userid: context.userId,
    data: fields.data,
  };
  return (CATALOG[type].schema as z.ZodMiniType).parse(candidate) as EventOf<T>;
}
