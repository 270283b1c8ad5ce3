import type { Logger } from '../log/logger';
import type { AnyEvent, EventType } from './catalog';
import type { Outcome } from './outcome';
import type { Topic } from './topics';

export interface DeliveryContext {
  log: Logger;
  /** How many times this event was handed to this consumer before (0 on first delivery). */
  attempt: number;
}

/**
 * A function's subscription: the topics it reads and the event types it acts on.
 * Events of other known types on those topics are acknowledged and ignored; unknown or invalid
 * events are dropped to the dead-letter path before `handle` is called.
 */
export interface Consumer {
  /** The consumer group / subscription name; equals the function's name. */
  name: string;
  topics: readonly Topic[];
  types: readonly EventType[];
  handle: (event: AnyEvent, context: DeliveryContext) => Promise<Outcome>;
  /**
   * The events a person may send to this function with their own token (`POST /events`): commands,
   * for themselves. `refuse` names what a user may not ask even so. Absent: none.
   */
  fromUsers?: { types: readonly EventType[]; refuse?: (event: AnyEvent) => string | undefined };
  /** Requests wait for what this consumer does: the one-process system never holds its deliveries back for them. */
  awaitedByRequests?: boolean;
  /**
   * Nobody waits for what this consumer does (an audit trail, counts): the one-process bus delivers
   * to it after the other consumers' waiting deliveries, never much later than it would have.
   */
  bookkeeping?: boolean;
}
