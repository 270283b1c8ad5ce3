import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CloudEvent, HTTP } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAuthenticator } from '#shared/http/auth';
import { issueToken } from '#shared/http/issue-token';
import type { AnyEvent } from '#shared/events/catalog';
import { newEvent } from '#shared/events/new-event';
import { aTask, aTaskCreated, eventContext } from '#shared/testing/event-fixtures';
import { TEST_APP_API_TOKEN, testEventPath } from '#shared/testing/test-event-path';
import { ensureBundles, FUNCTIONS } from '../local/multi/multi-system';
import { type BundleProcess, spawnBundle } from './bundle-process';

// Each function as its pod runs it (`node dist/<fn>/main.mjs`, NODE_ENV=production), probed the way an
// attacker on the network would: forged and replayed deliveries to every event route. The event path
// here is a test issuer whose key set is served over HTTP, as the cluster's API server serves its own.

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bundle-entry-points-secret-long-enough-0123';
const users = createAuthenticator({ issuer: 'todo-local', audience: 'todo', secret: SECRET });
const eventPath = testEventPath(users);
let keys: Awaited<ReturnType<Awaited<typeof eventPath>['serveKeys']>>;

beforeAll(async () => {
  ensureBundles(root);
  keys = await (await eventPath).serveKeys();
}, 300_000);
afterAll(() => keys?.close());

async function start(name: string): Promise<BundleProcess> {
  const bundle = await spawnBundle({ root, name, env: { NODE_ENV: 'production', DATABASE_URL: inject('databaseUrl'), AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', ...keys.env } });
  await bundle.ready();
  return bundle;
}

const bearer = async (userId: string) => `Bearer ${await issueToken({ userId, secret: SECRET, issuer: 'todo-local', audience: 'todo' })}`;

function post(bundle: BundleProcess, path: string, event: AnyEvent, headers: Record<string, string> = {}) {
  const message = HTTP.binary(new CloudEvent(event as unknown as Record<string, unknown>));
  return fetch(`${bundle.url}${path}`, { method: 'POST', headers: { ...(message.headers as Record<string, string>), ...headers }, body: message.body as string });
}

describe.each(FUNCTIONS)('the %s bundle, alone, as an attacker finds it', (name) => {
  let bundle: BundleProcess;
  beforeAll(async () => {
    bundle = await start(name);
  });
  afterAll(async () => {
    bundle?.child.kill('SIGTERM');
    await bundle?.exit(11_000);
  });

  it('refuses a forged CloudEvent on POST /events without a token, with a token of another audience or one expired', async () => {
    const path = await eventPath;
    const event = aTaskCreated(aTask({ id: randomUUID() }), eventContext({ userId: 'victim', newId: randomUUID, now: new Date() }));
    const answers = [
      await post(bundle, '/events', event),
      await post(bundle, '/events', event, { authorization: `Bearer ${await path.tokenOf('system:serviceaccount:todo:task-oidc-sources.knative.dev-kafkasource', 'events:elsewhere')}` }),
      await post(bundle, '/events', event, { authorization: `Bearer ${await path.tokenOf('system:serviceaccount:other:intruder')}` }),
      await post(bundle, '/events', event, { authorization: await bearer('victim') }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 403, 403]);
  });

  it('refuses POST /dapr/events without the sidecar\'s app token, and accepts it with it', async () => {
    const event = aTaskCreated(aTask({ id: randomUUID() }), eventContext({ userId: 'victim', newId: randomUUID, now: new Date() }));
    expect((await post(bundle, '/dapr/events', event)).status).toBe(401);
    expect((await post(bundle, '/dapr/events', event, { 'dapr-api-token': 'guessed' })).status).toBe(401);
    expect(await (await post(bundle, '/dapr/events', event, { 'dapr-api-token': TEST_APP_API_TOKEN })).json()).toEqual({ status: 'SUCCESS' });
  });

  it('accepts the event path\'s delivery', async () => {
    const event = aTaskCreated(aTask({ id: randomUUID() }), eventContext({ userId: 'someone', newId: randomUUID, now: new Date() }));
    expect((await post(bundle, '/events', event, { authorization: await (await eventPath).authorization() })).status).toBe(202);
  });

  it('serves no /metrics to the public port', async () => {
    expect((await fetch(`${bundle.url}/metrics`)).status).toBe(404);
  });
});

describe('what a forged delivery could have written', () => {
  it('is nothing: the audit log of the victim stays empty, the victim has no task', async () => {
    const [audit, task] = [await start('audit'), await start('task')];
    try {
      const victim = `victim-${randomUUID().slice(0, 8)}`;
      const command = newEvent('dev.todo.task.create.v1', eventContext({ userId: victim, source: '/producers/mallory', newId: randomUUID, now: new Date() }), { subject: 'new', data: { title: 'Planted' } as never });
      for (const target of [audit, task]) {
        await post(target, '/events', command);
        await post(target, '/events', command, { authorization: await bearer('mallory') });
        await post(target, '/dapr/events', command);
      }
      const history = (await (await fetch(`${audit.url}/audit`, { headers: { authorization: await bearer(victim) } })).json()) as { items: unknown[] };
      const tasks = (await (await fetch(`${task.url}/tasks`, { headers: { authorization: await bearer(victim) } })).json()) as { items: unknown[] };
      expect(history.items).toEqual([]);
      expect(tasks.items).toEqual([]);

      // The victim's own token may send the command, for themselves only.
      expect((await post(task, '/events', command, { authorization: await bearer(victim) })).status).toBe(202);
      const mine = (await (await fetch(`${task.url}/tasks`, { headers: { authorization: await bearer(victim) } })).json()) as { items: { title: string }[] };
      expect(mine.items.map((item) => item.title)).toEqual(['Planted']);
    } finally {
      for (const bundle of [audit, task]) {
        bundle.child.kill('SIGTERM');
        await bundle.exit(11_000);
      }
    }
  });
});

describe('a bundle started with a configuration it cannot use', () => {
  it('exits 1 with one fatal log line naming every problem, not a dump of the minified source', async () => {
    const bundle = await spawnBundle({ root, name: 'task', env: { NODE_ENV: 'production', AUTH_JWT_SECRET: 'short', MAX_BODY_BYTES: 'lots' } });
    await expect(bundle.ready()).rejects.toThrow(/exited \(1\)/);
    const entries = bundle.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: string; msg: string });
    const fatal = entries.find((entry) => entry.level === 'fatal');
    expect(fatal?.msg).toMatch(/AUTH_JWT_SECRET[\s\S]*MAX_BODY_BYTES|MAX_BODY_BYTES[\s\S]*AUTH_JWT_SECRET/);
    expect(fatal?.msg).toMatch(/DATABASE_URL/);
    expect(bundle.output().split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'))).toEqual([]);
  });
});
