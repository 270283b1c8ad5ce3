import { createTransport } from 'nodemailer';
import type { ChannelSender } from './channel';
import { PermanentFailure } from './channel';

export interface EmailSenderOptions {
  /** `smtp://user:pass@host:587` or `smtps://...:465`. */
  smtpUrl: string;
  from: string;
  /** Per attempt: connecting, greeting and each SMTP reply. */
  timeoutMs: number;
}

/**
 * Sends the notification as a plain-text email over SMTP (STARTTLS when the server offers it).
 * A 5xx SMTP reply (mailbox unknown, message refused) fails at once; refused connections, timeouts
 * and 4xx replies are retried.
 */
export function emailSender(options: EmailSenderOptions): ChannelSender & { close(): void } {
  const transport = createTransport({
    url: options.smtpUrl,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    circuit: () => 'email',
    async send(delivery, signal) {
      const address = delivery.preferences.email?.address;
      if (!address) throw new PermanentFailure('the email address was removed from the preferences before delivery');
      if (signal.aborted) throw signal.reason;
      const { notification } = delivery;
      try {
        await transport.sendMail({
          from: options.from,
          to: address,
          subject: notification.title,
          text: notification.body ? `${notification.title}\n\n${notification.body}\n` : `${notification.title}\n`,
          headers: { 'X-Todo-Notification-Id': notification.id },
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500) throw new PermanentFailure(`the mail server refused it: ${(error as Error).message}`);
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
