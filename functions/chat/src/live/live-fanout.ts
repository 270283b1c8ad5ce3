import type { LiveMessage, UserHub } from './user-hub';

/** A live message for one user, with the event's source (with the message id, what makes it unique). */
export interface LiveDelivery {
  source: string;
  userId: string;
  message: LiveMessage;
}

/** Brings each live message the consumer receives to the user's open pages on every chat instance. */
export interface LiveFanout {
  publish(delivery: LiveDelivery): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** One instance (the one-process system on its embedded database): straight to this hub. */
export function inProcessFanout(hub: UserHub): LiveFanout {
  return {
    publish: async ({ userId, message }) => void hub.publish(userId, message),
    start: async () => {},
    stop: async () => {},
  };
}
