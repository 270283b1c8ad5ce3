import type { AnyEvent } from '../events/catalog';
import type { Consumer } from '../events/consumer';

/**
 * Where events go after commit. `publish` resolves once the bus has durably accepted every event
 * (Kafka: the broker acknowledged; in-process: every subscriber acknowledged or dead-lettered it)
 * and rejects when it could not, so the outbox keeps the events and tries again.
 */
export interface EventBus {
  publish(events: readonly AnyEvent[]): Promise<void>;
  subscribe(consumer: Consumer): void;
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DeadLetter {
  consumer: string;
  topic: string;
  reason: string;
  attempts: number;
  event: unknown;
  at: string;
}
