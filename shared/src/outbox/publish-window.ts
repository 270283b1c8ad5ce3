import type { EventBus } from '../bus/event-bus';

/**
 * A bus that keeps each partition key's order for one consumer even across publishes in flight at
 * the same time (the in-process bus) says how many it takes; any other bus gets one publish at a
 * time, since a failed batch retried after a later one succeeded would reorder a key.
 */
export interface OverlappingPublishes {
  readonly overlappingPublishes: number;
}

export function publishWindow(bus: EventBus | (EventBus & Partial<OverlappingPublishes>)): number {
  const window = 'overlappingPublishes' in bus ? bus.overlappingPublishes : undefined;
  return typeof window === 'number' && window >= 1 ? Math.floor(window) : 1;
}
