import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudEvent, HTTP } from 'cloudevents';
import { Hono } from 'hono';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics';
import { aTaskCreated, eventContext, recordingConsumer, recordingLog, type RecordingConsumer } from '../testing/event-fixtures';
import { testAuth } from '../testing/test-auth';
import { TEST_APP_API_TOKEN, TEST_EVENT_AUDIENCE, TEST_EVENT_ISSUER, TEST_EVENT_SENDER, testEventPath } from '../testing/test-event-path';
import type { AnyEvent } from './catalog';
import { eventSenders } from './event-senders';
import { mountEventRoutes } from './http-event-routes';
import { newEvent } from './new-event';

const auth = testAuth();
const PRODUCER = 'system:serviceaccount:imports:calendar-sync';
let path: Awaited<ReturnType<typeof testEventPath>>;

beforeAll(async () => {
  path = await testEventPath(auth.authenticate, { producers: new Map([[PRODUCER, ['dev.todo.task.create.v1']]]) });
});

/** A create-task command for `userId`, as a producer would send it. */
const aCreateTask = (userId: string, data: Record<string, unknown> = {}) =>
  newEvent('dev.todo.task.create.v1', eventContext({ userId, source: '/producers/calendar' }), { subject: 'new', data: { title: 'Dentist', ...data } as never });

/** The task function's consumer as far as senders go: commands from users, never with a chosen task id. */
function taskLikeConsumer() {
  const recording = recordingConsumer({ types: ['dev.todo.task.create.v1', 'dev.todo.task.created.v1'] });
  return Object.assign(recording, {
    fromUsers: { types: ['dev.todo.task.create.v1'] as const, refuse: (event: AnyEvent) => ('taskId' in (event.data as object) ? 'taskId is chosen by the system' : undefined) },
  });
}

function routes(consumer: RecordingConsumer = taskLikeConsumer()) {
  const metrics = createMetrics('senders-test');
  const app = mountEventRoutes(new Hono(), consumer, { log: recordingLog().log, pubsubName: 'pubsub', senders: path.senders, metrics });
  const post = (route: string, event: AnyEvent, headers: Record<string, string>) => {
    const message = HTTP.binary(new CloudEvent(event as unknown as Record<string, unknown>));
    return app.request(route, { method: 'POST', headers: { ...(message.headers as Record<string, string>), ...headers }, body: message.body as string });
  };
  const refused = async () => (await metrics.registry.getSingleMetricAsString('event_deliveries_refused_total')).split('\n').filter((line) => !line.startsWith('#'));
  return { consumer, post, refused };
}

/** A token of the platform's issuer with any claims, signed with the platform's key unless told otherwise. */
async function platformToken(claims: { sub?: string; aud?: string; iat?: number; exp?: number | null; iss?: string }, key = path.privateJwk) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid ?? 'test-event-path' }).setIssuer(claims.iss ?? TEST_EVENT_ISSUER).setAudience(claims.aud ?? TEST_EVENT_AUDIENCE).setIssuedAt(claims.iat ?? now);
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  if (claims.exp !== null) jwt.setExpirationTime(claims.exp ?? now + 300);
  return `Bearer ${await jwt.sign(await importJWK(key, 'ES256'))}`;
}

describe('POST /events refuses forged deliveries, with no effect', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['no credential at all', async () => ({}), 401],
    ['a malformed bearer token', async () => ({ authorization: 'Bearer not-a-jwt' }), 401],
    ['a token of another audience', async () => ({ authorization: await platformToken({ sub: TEST_EVENT_SENDER, aud: 'events:audit' }) }), 401],
    ['an expired token', async () => ({ authorization: await platformToken({ sub: TEST_EVENT_SENDER, iat: now() - 900, exp: now() - 600 }) }), 401],
    ['a token without exp', async () => ({ authorization: await platformToken({ sub: TEST_EVENT_SENDER, exp: null }) }), 401],
    ['a token issued in the future', async () => ({ authorization: await platformToken({ sub: TEST_EVENT_SENDER, iat: now() + 3_600, exp: now() + 7_200 }) }), 401],
    ['a token without a subject', async () => ({ authorization: await platformToken({}) }), 401],
    ['a token of the platform issuer signed with another key', async () => ({ authorization: await platformToken({ sub: TEST_EVENT_SENDER }, (await testEventPath(auth.authenticate)).privateJwk) }), 401],
    ['a token of an unlisted service account', async () => ({ authorization: await platformToken({ sub: 'system:serviceaccount:other:stranger' }) }), 403],
    ['a user token for an event a user may not send', async () => ({ authorization: `Bearer ${await auth.tokenFor('mallory')}` }), 403],
    ['the Dapr app token, which is not a bearer credential', async () => ({ authorization: `Bearer ${TEST_APP_API_TOKEN}` }), 401],
  ])('answers %s with the status it deserves', async (_, headers, status) => {
    const { consumer, post, refused } = routes();
    const event = aTaskCreated(undefined, eventContext({ userId: 'victim' }));

    const response = await post('/events', event, await headers());

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(consumer.calls).toEqual([]);
    expect(await refused()).toContain(`event_deliveries_refused_total{route="/events",status="${status}",service="senders-test"} 1`);
  });

  it('accepts the event path with a valid token for this audience', async () => {
    const { consumer, post } = routes();
    const event = aTaskCreated(undefined, eventContext({ userId: 'victim' }));

    expect((await post('/events', event, { authorization: await path.authorization() })).status).toBe(202);
    expect(consumer.calls).toHaveLength(1);
  });
});

describe('POST /events from producers', () => {
  it('lets a person send a command for themselves with their own token', async () => {
    const { consumer, post } = routes();
    const response = await post('/events', aCreateTask('alice'), { authorization: `Bearer ${await auth.tokenFor('alice')}` });
    expect(response.status).toBe(202);
    expect(consumer.calls).toHaveLength(1);
  });

  it("refuses a person's command for someone else, and one that chooses the task id", async () => {
    const { consumer, post } = routes();
    const alice = { authorization: `Bearer ${await auth.tokenFor('alice')}` };

    const forOthers = await post('/events', aCreateTask('bob'), alice);
    const chosenId = await post('/events', aCreateTask('alice', { taskId: '0196a8c4-0000-7000-8000-000000000009' }), alice);

    expect([forOthers.status, chosenId.status]).toEqual([403, 403]);
    expect(((await forOthers.json()) as { detail: string }).detail).toContain('userid');
    expect(consumer.calls).toEqual([]);
  });

  it('lets a listed service identity send the types listed for it, and nothing else', async () => {
    const { consumer, post } = routes();
    const producer = { authorization: `Bearer ${await path.tokenOf(PRODUCER)}` };

    expect((await post('/events', aCreateTask('carol', { taskId: '0196a8c4-0000-7000-8000-00000000000a' }), producer)).status).toBe(202);
    expect((await post('/events', aTaskCreated(undefined, eventContext({ userId: 'carol' })), producer)).status).toBe(403);
    expect(consumer.calls).toHaveLength(1);
  });

  it('refuses a function that takes no commands from users, whatever the event', async () => {
    const { consumer, post } = routes(recordingConsumer({ types: ['dev.todo.task.create.v1'] }));
    expect((await post('/events', aCreateTask('alice'), { authorization: `Bearer ${await auth.tokenFor('alice')}` })).status).toBe(403);
    expect(consumer.calls).toEqual([]);
  });
});

describe('POST /dapr/events', () => {
  it.each([
    ['no dapr-api-token', {}],
    ['a wrong dapr-api-token', { 'dapr-api-token': 'guess' }],
    ['a token one character short', { 'dapr-api-token': TEST_APP_API_TOKEN.slice(0, -1) }],
    ['a valid bearer token instead', { authorization: 'Bearer x' }],
  ])('answers 401 to %s, without reading the event', async (_, headers) => {
    const { consumer, post } = routes();
    const response = await post('/dapr/events', aTaskCreated(), headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(consumer.calls).toEqual([]);
  });

  it("delivers with the sidecar's token", async () => {
    const { consumer, post } = routes();
    const response = await post('/dapr/events', aTaskCreated(), { 'dapr-api-token': TEST_APP_API_TOKEN });
    expect(await response.json()).toEqual({ status: 'SUCCESS' });
    expect(consumer.calls).toHaveLength(1);
  });

  it('refuses everything when no app token is configured', async () => {
    const senders = eventSenders({ users: auth.authenticate });
    expect([senders.isDaprSidecar(undefined), senders.isDaprSidecar(''), senders.isDaprSidecar('anything')]).toEqual([false, false, false]);
  });
});

describe('the key set behind a URL, as the Kubernetes API server serves it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
  const tokenFile = join(dir, 'token');
  const seen: (string | undefined)[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers.authorization);
    if (request.headers.authorization !== 'Bearer projected-sa-token') return void response.writeHead(401).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [path.publicJwk] }));
  });
  let url: URL;

  beforeAll(async () => {
    writeFileSync(tokenFile, 'projected-sa-token\n');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = new URL(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/openid/v1/jwks`);
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is fetched with the function\'s own service-account token and verifies the event path', async () => {
    const senders = eventSenders({ tokens: { issuer: TEST_EVENT_ISSUER, audience: TEST_EVENT_AUDIENCE, jwks: url, senders: [TEST_EVENT_SENDER], producers: new Map(), tokenFile }, users: auth.authenticate });

    expect(await senders.fromAuthorization(await path.authorization())).toEqual({ kind: 'platform', subject: TEST_EVENT_SENDER });
    expect(seen).toEqual(['Bearer projected-sa-token']);
  });
});
