import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { directTransport } from './service-transport';

const CONTEXT = { token: 'tok', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', selfUrl: 'http://127.0.0.1:1' };

/** A function's app that answers what it received: method, path, query, the forwarded headers and the body. */
function echoApp(name: string): Hono {
  const app = new Hono();
  app.all('*', async (c) =>
    c.json({
      by: name,
      method: c.req.method,
      path: c.req.path,
      query: c.req.query(),
      authorization: c.req.header('authorization'),
      traceparent: c.req.header('traceparent'),
      body: c.req.method === 'GET' ? null : await c.req.json(),
    }, 201),
  );
  return app;
}

let server: Server | undefined;
afterEach(() => server?.close());

async function listening(app: Hono): Promise<string> {
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', createServer }) as Server;
  await new Promise<void>((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('directTransport', () => {
  it('hands a call for a function without a URL to the app of this process, as the same HTTP request', async () => {
    const inProcess = echoApp('this process');
    const transport = directTransport({}, async (request) => inProcess.fetch(request));
    const answer = await transport.send('task', { method: 'POST', path: '/tasks?dryRun=1', body: { title: 'Buy milk' } }, CONTEXT);
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({
      by: 'this process', method: 'POST', path: '/tasks', query: { dryRun: '1' },
      authorization: 'Bearer tok', traceparent: CONTEXT.traceparent, body: { title: 'Buy milk' },
    });
  });

  it('sends a call for a function with a URL over HTTP, even when an in-process app is given', async () => {
    const url = await listening(echoApp('the reminder function'));
    const transport = directTransport({ reminder: url }, async (request) => echoApp('this process').fetch(request));
    const answer = await transport.send('reminder', { method: 'GET', path: '/reminders?taskId=t1' }, CONTEXT);
    expect(await answer.json()).toMatchObject({ by: 'the reminder function', path: '/reminders', query: { taskId: 't1' }, authorization: 'Bearer tok' });
  });

  it('without an in-process app reaches the server the request arrived on over loopback', async () => {
    const selfUrl = await listening(echoApp('the server the request arrived on'));
    const answer = await directTransport({}).send('task', { method: 'DELETE', path: '/tasks/t1', body: {} }, { ...CONTEXT, selfUrl });
    expect(await answer.json()).toMatchObject({ by: 'the server the request arrived on', method: 'DELETE', path: '/tasks/t1' });
  });
});
