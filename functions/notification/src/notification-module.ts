import { defineFunction } from '#shared/runtime/function-module';
import { emailSender } from './channels/email-sender';
import { newWebhookSecret } from './channels/webhook-signer';
import { webhookSender } from './channels/webhook-sender';
import { DEFAULT_DELIVERY_POLICY } from './dispatcher/delivery-policy';
import { allowsPrivateTargets, NotificationConfig } from './notification-config';
import { createNotificationFunction } from './notification-function';
import { notificationMigrations } from './notification-migrations';

export const notificationModule = defineFunction({
  name: 'notification',
  schema: 'notification',
  migrations: notificationMigrations,
  config: NotificationConfig,
  create: (deps, config) => {
    const allowPrivateTargets = allowsPrivateTargets(config);
    const email = config.SMTP_URL ? emailSender({ smtpUrl: config.SMTP_URL, from: config.SMTP_FROM, timeoutMs: config.NOTIFY_TIMEOUT_MS }) : undefined;
    const parts = createNotificationFunction({
      ...deps,
      senders: { webhook: webhookSender({ timeoutMs: config.NOTIFY_TIMEOUT_MS, allowPrivateTargets }), ...(email ? { email } : {}) },
      mailer: email,
      delivery: { ...DEFAULT_DELIVERY_POLICY, maxAttempts: config.NOTIFY_MAX_ATTEMPTS, initialDelayMs: config.NOTIFY_BACKOFF_MS },
      allowPrivateTargets,
      newSecret: newWebhookSecret,
    });
    return {
      routes: parts.routes,
      api: parts.api,
      consumer: parts.consumer,
      start: parts.start,
      stop: async () => {
        await parts.stop();
        email?.close();
      },
    };
  },
});
