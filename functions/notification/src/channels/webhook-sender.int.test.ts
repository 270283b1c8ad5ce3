import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Notification } from '../notification';
import { DEFAULT_PREFERENCES } from '../preferences';
import { PermanentFailure } from './channel';
import { startLoopbackReceiver } from './loopback-receiver';
import { webhookSender } from './webhook-sender';

const notification: Notification = {
  id: '0196a000-0000-7000-8000-000000000001', userId: 'alice', reminderId: null, taskId: null, title: 'hi', body: '', channel: 'webhook',
  status: 'sending', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', attempts: 0, nextAttemptAt: null, lastError: null,
  createdAt: '2026-05-01T08:00:00.000Z', deliveredAt: null, readAt: null,
};

const deliveryTo = (url: string) => ({ notification, preferences: { ...DEFAULT_PREFERENCES, webhook: { url, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } }, now: new Date() });

describe('webhookSender in production (SSRF guard)', () => {
  const production = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: false });

  it('refuses a loopback target without sending anything', async () => {
    const hook = await startLoopbackReceiver();
    try {
      await expect(production.send(deliveryTo(hook.url), new AbortController().signal)).rejects.toBeInstanceOf(PermanentFailure);
      await expect(production.send(deliveryTo(hook.url.replace('127.0.0.1', 'localhost')), new AbortController().signal)).rejects.toBeInstanceOf(PermanentFailure);
      expect(hook.received).toHaveLength(0);
    } finally {
      await hook.close();
    }
  });

  it('refuses a name that resolves to a private address', async () => {
    // `localtest.me`-style names need DNS; a name in /etc/hosts resolving to loopback shows the same check.
    const error = await production.send(deliveryTo('http://ip6-localhost:9/hook'), new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/not a public address|ENOTFOUND|EAI_AGAIN/);
  });
});

describe('webhookSender in development', () => {
  it('delivers to loopback', async () => {
    const development = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: true });
    const hook = await startLoopbackReceiver();
    try {
      await development.send(deliveryTo(hook.url), new AbortController().signal);
      expect(hook.received).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it('gives up on a receiver that does not answer in time, as a retryable failure', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const sender = webhookSender({ timeoutMs: 100, allowPrivateTargets: true });
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
      const error = await sender.send(deliveryTo(url), new AbortController().signal).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentFailure);
      expect((error as Error).message).toBe('no answer within 100 ms');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
