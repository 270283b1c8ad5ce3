import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../notification';
import { DEFAULT_PREFERENCES } from '../preferences';
import { PermanentFailure } from './channel';
import { startLoopbackReceiver } from '../../test/channels/loopback-receiver';
import { publicOnlyLookup, type Resolve } from './public-address';
import { REFUSED_WEBHOOK_URLS } from '../../test/channels/ssrf-attack-urls';
import { webhookSender } from './webhook-sender';

const notification: Notification = {
  id: '0196a000-0000-7000-8000-000000000001', userId: 'alice', reminderId: null, taskId: null, title: 'hi', body: '', channel: 'webhook',
  status: 'sending', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', attempts: 0, nextAttemptAt: null, lastError: null,
  createdAt: '2026-05-01T08:00:00.000Z', deliveredAt: null, readAt: null,
};

const deliveryTo = (url: string) => ({ notification, preferences: { ...DEFAULT_PREFERENCES, webhook: { url, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } }, now: new Date() });
const signal = () => new AbortController().signal;
const answering = (...answers: string[][]): Resolve => {
  const queue = [...answers];
  return async () => (queue.length > 1 ? queue.shift()! : queue[0]!).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** An HTTP server on `host` that answers 200 and counts the connections it was given. */
async function listening(host: string, port = 0) {
  const connections: string[] = [];
  const server: Server = createServer((_req, res) => res.end('ok'));
  server.on('connection', (socket) => connections.push(socket.localAddress ?? ''));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

describe('webhookSender in production (SSRF guard)', () => {
  // Listens on every local address, IPv4 and IPv6: any spelling of a local target that got through would land here.
  let everywhere: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    everywhere = await listening('::');
  });
  afterAll(() => everywhere.close());

  it.each(REFUSED_WEBHOOK_URLS)('refuses %s at once, without connecting', async (target) => {
    const url = new URL(target);
    url.port = String(everywhere.port);
    const sender = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: false, lookup: publicOnlyLookup({ resolve: answering(['127.0.0.1']) }) });
    const error = await sender.send(deliveryTo(url.href), signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentFailure);
    expect((error as Error).message).toMatch(/not a public address/);
    expect(everywhere.connections).toEqual([]);
  });

  it('refuses a name that resolves to a private address, without connecting', async () => {
    const sender = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: false, lookup: publicOnlyLookup({ resolve: answering(['127.0.0.1']) }) });
    const error = await sender.send(deliveryTo(`http://hooks.attacker.test:${everywhere.port}/hook`), signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentFailure);
    expect((error as Error).message).toBe('refused to connect to hooks.attacker.test: it is not a public address');
    expect(everywhere.connections).toEqual([]);
  });

  it('refuses a name when any one of its addresses is private, even listed after a public one', async () => {
    const sender = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: false, lookup: publicOnlyLookup({ resolve: answering(['93.184.216.34', '::1']) }) });
    await expect(sender.send(deliveryTo(`http://mixed.attacker.test:${everywhere.port}/hook`), signal())).rejects.toBeInstanceOf(PermanentFailure);
    expect(everywhere.connections).toEqual([]);
  });

  it('refuses a loopback target of the system resolver (a name in /etc/hosts)', async () => {
    const production = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: false });
    const error = await production.send(deliveryTo(`http://ip6-localhost:${everywhere.port}/hook`), signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/not a public address|ENOTFOUND|EAI_AGAIN/);
    expect(everywhere.connections).toEqual([]);
  });
});

describe('webhookSender against DNS rebinding', () => {
  // 127.0.0.1 plays a public address and 127.0.0.2 a private one, on the same port.
  let outside: Awaited<ReturnType<typeof listening>>;
  let inside: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    outside = await listening('127.0.0.1');
    inside = await listening('127.0.0.2', outside.port);
  });
  afterAll(async () => {
    await outside.close();
    await inside.close();
  });

  it('connects to the address it checked; an answer that changes afterwards never reaches the private address', async () => {
    const checked: string[] = [];
    const isAllowed = (address: string) => (checked.push(address), address === '127.0.0.1');
    // The attacker's name server answers the public address once, then the private one.
    const lookup = publicOnlyLookup({ resolve: answering(['127.0.0.1'], ['127.0.0.2']), isAllowed });
    const sender = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: false, lookup });
    const url = `http://rebind.attacker.test:${outside.port}/hook`;

    await sender.send(deliveryTo(url), signal());
    const second = await sender.send(deliveryTo(url), signal()).catch((e: unknown) => e);

    expect(outside.connections).toEqual(['127.0.0.1']);
    expect(second).toBeInstanceOf(PermanentFailure);
    expect(inside.connections).toEqual([]);
    expect(checked).toEqual(['127.0.0.1', '127.0.0.2']);
  });

  it('hands the socket only checked addresses: its remoteAddress is one the guard allowed', async () => {
    const allowed: string[] = [];
    const lookup = publicOnlyLookup({ resolve: answering(['127.0.0.1']), isAllowed: (address) => (allowed.push(address), true) });
    const remote = await new Promise<string | undefined>((resolve, reject) => {
      const req = request({ host: 'rebind.attacker.test', port: outside.port, path: '/', agent: false, lookup }, (res) => {
        resolve(res.socket.remoteAddress);
        res.resume();
      });
      req.on('error', reject);
      req.end();
    });
    expect(allowed).toEqual(['127.0.0.1']);
    expect(allowed).toContain(remote);
  });
});

describe('webhookSender in development', () => {
  it('delivers to loopback', async () => {
    const development = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: true });
    const hook = await startLoopbackReceiver();
    try {
      await development.send(deliveryTo(hook.url), signal());
      expect(hook.received).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it('does not follow a redirect: it fails at once and the target is never asked', async () => {
    const target = await listening('127.0.0.1');
    const redirecting = createServer((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${target.port}/` }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const sender = webhookSender({ timeoutMs: 1_000, allowPrivateTargets: true });
      const error = await sender.send(deliveryTo(`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hook`), signal()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentFailure);
      expect((error as Error).message).toBe('the webhook answered 302 (redirects are not followed)');
      expect(target.connections).toEqual([]);
    } finally {
      redirecting.closeAllConnections();
      await new Promise((resolve) => redirecting.close(resolve));
      await target.close();
    }
  });

  it('gives up on a receiver that does not answer in time, as a retryable failure', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const sender = webhookSender({ timeoutMs: 100, allowPrivateTargets: true });
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
      const error = await sender.send(deliveryTo(url), signal()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentFailure);
      expect((error as Error).message).toBe('no answer within 100 ms');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
