import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(24).toString('base64');
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/**
 * Signs a webhook body as the Standard Webhooks spec says: HMAC-SHA256 over `<id>.<timestamp>.<body>`,
 * keyed with the base64-decoded secret, sent as `webhook-signature: v1,<base64>`.
 * @example signWebhook({ secret: 'whsec_...', id: notificationId, timestamp: Math.floor(Date.now() / 1000), body })
 */
export function signWebhook(options: { secret: string; id: string; timestamp: number; body: string }): SignedHeaders {
  return {
    'webhook-id': options.id,
    'webhook-timestamp': String(options.timestamp),
    'webhook-signature': `v1,${signature(options.secret, options.id, options.timestamp, options.body)}`,
  };
}

/** True when one of the space-separated `v1,` signatures matches (what a receiver does; used by tests). */
export function verifyWebhook(options: { secret: string; headers: Record<string, string | undefined>; body: string }): boolean {
  const id = options.headers['webhook-id'];
  const timestamp = Number(options.headers['webhook-timestamp']);
  const header = options.headers['webhook-signature'];
  if (!id || !Number.isSafeInteger(timestamp) || !header) return false;
  const expected = Buffer.from(signature(options.secret, id, timestamp, options.body));
  return header.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    const given = Buffer.from(value ?? '');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
