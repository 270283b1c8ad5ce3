import type { Sql } from '#shared/db/connect';
import type { NotificationChannel } from '#shared/events/notification-events';
import type { Authenticator } from '#shared/http/auth';
import type { Logger } from '#shared/log/logger';
import type { Metrics } from '#shared/metrics/metrics';
import type { ChannelSender } from './channels/channel';
import type { DeliveryPolicyOptions } from './dispatcher/delivery-policy';

/** Everything the notification function needs from the outside, built once by its entry point. */
export interface NotificationDeps {
  sql: Sql;
  schema: string;
  clock: () => Date;
  newId: () => string;
  /** Called after a commit that wrote events to the outbox. */
  eventsCommitted: () => void;
  authenticate: Authenticator;
  log: Logger;
  metrics: Metrics;
  /** Senders of the channels delivered after commit; email is absent without SMTP_URL. */
  senders: Partial<Record<Exclude<NotificationChannel, 'in-app'>, ChannelSender>>;
  delivery: DeliveryPolicyOptions;
  /** Development and test only: webhooks may target loopback and private addresses. */
  allowPrivateTargets: boolean;
  /** A new webhook secret (`whsec_...`). */
  newSecret: () => string;
}
