import type { Notification } from '../notification';
import type { Preferences } from '../preferences';

/** A failure retrying cannot fix (the receiver refused the message, the channel was removed): fail at once. */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

/** One attempt to send one notification, with the user's preferences as they are now. */
export interface Delivery {
  notification: Notification;
  preferences: Preferences;
  now: Date;
}

/** A channel the dispatcher sends through after commit (webhook, email). */
export interface ChannelSender {
  /**
   * The receiver this delivery goes to: the webhook's origin, the SMTP server. The dispatcher keeps a
   * circuit breaker and a limit of tries in flight per user and receiver.
   */
  receiver(delivery: Delivery): string;
  /** Resolves when the receiver accepted the message; throws `PermanentFailure` or a retryable error. */
  send(delivery: Delivery, signal: AbortSignal): Promise<void>;
}
