import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ChannelSender, Delivery } from './channel';
import { PermanentFailure } from './channel';
import { isPrivateHost, PrivateTargetRefused, publicOnlyLookup } from './public-address';
import { signWebhook } from './webhook-signer';

export interface WebhookSenderOptions {
  /** Per attempt, connection to last byte. */
  timeoutMs: number;
  /** Development and test only: allow loopback and private targets (production refuses them: SSRF). */
  allowPrivateTargets: boolean;
  /** Where names are resolved and checked when private targets are refused (default: `publicOnlyLookup()`, the system resolver). */
  lookup?: LookupFunction;
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);
const MAX_RESPONSE_BYTES = 64 * 1024;

export class WebhookRefused extends Error {
  constructor(readonly status: number) {
    super(`the webhook answered ${status}`);
    this.name = 'WebhookRefused';
  }
}

/** The JSON body a webhook receives. */
export function webhookBody(delivery: Delivery): string {
  const { notification } = delivery;
  return JSON.stringify({
    type: 'todo.notification',
    timestamp: delivery.now.toISOString(),
    data: {
      notificationId: notification.id,
      taskId: notification.taskId,
      reminderId: notification.reminderId,
      title: notification.title,
      body: notification.body,
      createdAt: notification.createdAt,
    },
  });
}

function post(url: URL, headers: Record<string, string>, body: string, options: { timeoutMs: number; lookup: LookupFunction | undefined }, signal: AbortSignal): Promise<number> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'todo-notification/1' },
      signal,
      // A fresh connection per try: each one resolves the name again through the guarded lookup.
      agent: false,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) response.destroy();
      });
      response.on('close', () => {
        clearTimeout(timer);
        resolve(response.statusCode ?? 0);
      });
    });
    req.end(body);
  });
}

/**
 * Posts the notification to the user's webhook, signed per Standard Webhooks (`webhook-id` is the
 * notification id, stable across retries, so receivers can drop duplicates). 2xx is delivered;
 * 408, 425, 429, 5xx, timeouts and network errors are retried; other answers (and redirects, which are
 * never followed) fail at once.
 */
export function webhookSender(options: WebhookSenderOptions): ChannelSender {
  const lookup = options.allowPrivateTargets ? undefined : (options.lookup ?? publicOnlyLookup());
  return {
    receiver: (delivery) => `webhook ${delivery.preferences.webhook ? new URL(delivery.preferences.webhook.url).origin : 'none'}`,
    async send(delivery, signal) {
      const webhook = delivery.preferences.webhook;
      if (!webhook) throw new PermanentFailure('the webhook was removed from the preferences before delivery');
      const url = new URL(webhook.url);
      if (!options.allowPrivateTargets && isPrivateHost(url.hostname)) throw new PermanentFailure(new PrivateTargetRefused(url.hostname).message);
      const body = webhookBody(delivery);
      const headers = signWebhook({ secret: webhook.secret, id: delivery.notification.id, timestamp: Math.floor(delivery.now.getTime() / 1000), body });
      let status: number;
      try {
        status = await post(url, { ...headers }, body, { timeoutMs: options.timeoutMs, lookup }, signal);
      } catch (error) {
        if (error instanceof PrivateTargetRefused || (error as { cause?: unknown }).cause instanceof PrivateTargetRefused) throw new PermanentFailure((error as Error).message);
        throw error;
      }
      if (status >= 200 && status < 300) return;
      if (status >= 500 || RETRYABLE_STATUS.has(status)) throw new WebhookRefused(status);
      throw new PermanentFailure(status >= 300 && status < 400 ? `the webhook answered ${status} (redirects are not followed)` : `the webhook refused it with ${status}`);
    },
  };
}
