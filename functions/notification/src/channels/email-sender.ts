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

/** Mails the code that proves a user owns an email address. */
export interface VerificationMailer {
  /** Resolves when the SMTP server accepted the mail. */
  sendVerificationCode(mail: { to: string; code: string; validMinutes: number }): Promise<void>;
}

/**
 * Sends the notification as a plain-text email over SMTP (STARTTLS when the server offers it), only
 * to an address its user verified (checked again at each try: the address may have changed since the
 * notification was planned). A 5xx SMTP reply (mailbox unknown, message refused) fails at once;
 * refused connections, timeouts and 4xx replies are retried.
 */
export function emailSender(options: EmailSenderOptions): ChannelSender & VerificationMailer & { close(): void } {
  const transport = createTransport({
    url: options.smtpUrl,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    receiver: () => 'email',
    async send(delivery, signal) {
      const email = delivery.preferences.email;
      if (!email) throw new PermanentFailure('the email address was removed from the preferences before delivery');
      if (!email.verifiedAt) throw new PermanentFailure('not sent: the email address is not verified');
      if (signal.aborted) throw signal.reason;
      const { notification } = delivery;
      try {
        await transport.sendMail({
          from: options.from,
          to: email.address,
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
    async sendVerificationCode({ to, code, validMinutes }) {
      await transport.sendMail({
        from: options.from,
        to,
        subject: 'Your code for todo notifications',
        text:
          `Your code: ${code}\n\n` +
          `Enter it within ${validMinutes} minutes to get your todo notifications at this address.\n` +
          'If you did not ask for it, ignore this mail: nothing more will be sent to you.\n',
      });
    },
    close: () => transport.close(),
  };
}
