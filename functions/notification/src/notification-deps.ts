import type { NotificationChannel } from '#shared/events/notification-events';
import type { FunctionDeps } from '#shared/runtime/function-module';
import type { ChannelSender } from './channels/channel';
import type { VerificationMailer } from './channels/email-sender';
import type { DeliveryPolicyOptions } from './dispatcher/delivery-policy';

/** Everything the notification function needs from the outside, built once by its entry point. */
export interface NotificationDeps extends FunctionDeps {
  /** Senders of the channels delivered after commit; email is absent without SMTP_URL. */
  senders: Partial<Record<Exclude<NotificationChannel, 'in-app'>, ChannelSender>>;
  delivery: DeliveryPolicyOptions;
  /** Development and test only: webhooks may target loopback and private addresses. */
  allowPrivateTargets: boolean;
  /** A new webhook secret (`whsec_...`). */
  newSecret: () => string;
  /** Mails the codes that verify email addresses; absent without SMTP_URL. */
  mailer?: VerificationMailer;
}
