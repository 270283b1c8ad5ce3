import type { EventOf } from '../events/catalog';
import { type EventContext, newEvent } from '../events/new-event';
import type { FunctionName, SYSTEM } from './system-declaration';

/** The event types a function's declaration says it emits. */
export type EmittedBy<N extends FunctionName> = (typeof SYSTEM)[N]['emits'][number];

/** A function's CloudEvents `source`. */
export const sourceOf = <N extends FunctionName>(name: N) => `/functions/${name}` as const;

/**
 * `newEvent` for one function: a type it does not declare is a type error, so what a function writes
 * and what the declaration (and from it the topics, AsyncAPI and manifests) says cannot drift apart.
 */
export function eventsOf<N extends FunctionName>(_name: N) {
  return <T extends EmittedBy<N>>(type: T, context: EventContext, fields: { subject: string; partitionkey?: string; data: EventOf<T>['data'] }): EventOf<T> =>
    newEvent(type, context, fields);
}
