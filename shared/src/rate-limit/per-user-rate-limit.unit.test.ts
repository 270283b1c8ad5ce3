import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../http/auth';
import { createHttpApp } from '../http/create-http-app';
import { metricsRoute } from '../http/health';
import { issueToken } from '../http/issue-token';
import { createMetrics } from '../metrics/metrics';
import { recordingLog } from '../testing/event-fixtures';
import type { RateLimitDecision } from './sliding-window';
import { memoryRateLimiter } from './memory-rate-limiter';
import { perUserRateLimit } from './per-user-rate-limit';
import type { RateLimiter } from './rate-limiter';

const SECRET = 'rate-limit-test-secret-that-is-long-enough';
const AUTH = { issuer: 'todo-local', audience: 'todo' };
const NOW = new Date('2026-05-01T09:00:10.000Z');

function givenApp(limiter: RateLimiter) {
  const { log, lines } = recordingLog();
  const metrics = createMetrics('test');
  const app = createHttpApp({ log, metrics, maxBodyBytes: 65_536 });
  const limit = perUserRateLimit({ limiter, authenticate: createAuthenticator({ secret: SECRET, ...AUTH }), clock: () => NOW, log, metrics });
  app.use('/chat', ...limit('chat'));
  app.use('/mcp', ...limit('mcp'));
  app.post('/chat', (c) => c.json({ reply: 'ok' }));
  app.post('/mcp', (c) => c.json({ tools: [] }));
  const postWithToken = (path: string, token?: string) => app.request(path, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const post = async (path: string, userId?: string) => postWithToken(path, userId ? await issueToken({ userId, secret: SECRET, ...AUTH }) : undefined);
  const counted = async () => (await metrics.registry.getSingleMetricAsString('rate_limit_decisions_total')).split('\n').filter((line) => !line.startsWith('#'));
  app.route('/', metricsRoute(metrics));
  const scraped = async (name: string) => (await (await app.request('/metrics')).text()).split('\n').filter((line) => line.startsWith(`${name}{`));
  return { post, postWithToken, lines, counted, scraped };
}

describe('per-user rate limit on a route', () => {
  it('lets a user through up to the limit, then answers 429 problem+json with Retry-After', async () => {
    const { post } = givenApp(memoryRateLimiter({ limit: 2, windowSeconds: 60 }));

    const statuses = [(await post('/chat', 'alice')).status, (await post('/chat', 'alice')).status];
    const refused = await post('/chat', 'alice');

    expect(statuses).toEqual([200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('80');
    expect(await refused.json()).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'at most 2 requests per 60 s to /chat; try again in 80 s', instance: '/chat' });
  });

  it('counts each user and each route apart', async () => {
    const { post, scraped } = givenApp(memoryRateLimiter({ limit: 1, windowSeconds: 60 }));
    await post('/chat', 'alice');

    expect((await post('/chat', 'alice')).status).toBe(429);
    expect((await post('/chat', 'bob')).status).toBe(200);
    expect((await post('/mcp', 'alice')).status).toBe(200);
    expect(await scraped('rate_limit_refusals_total')).toEqual(['rate_limit_refusals_total{limit="chat",service="test"} 1']);
  });

  it('keys on the verified user: no token or a forged one is 401 and counts nothing', async () => {
    const hits: string[] = [];
    const { postWithToken, scraped } = givenApp({ store: 'memory', hit: async (key) => (hits.push(key), { allowed: true }) as RateLimitDecision });
    const forged = await issueToken({ userId: 'alice', secret: 'another-secret-that-is-long-enough-too', ...AUTH });

    expect((await postWithToken('/chat')).status).toBe(401);
    expect((await postWithToken('/chat', forged)).status).toBe(401);
    expect(hits).toEqual([]);
    expect(await scraped('auth_failures_total')).toEqual(['auth_failures_total{entry="api",reason="unauthenticated",service="test"} 2']);
    expect(await scraped('rate_limit_refusals_total')).toEqual([]);
  });

  it('lets requests through when the store is unavailable, with a warning and a metric', async () => {
    const { post, lines, counted } = givenApp({ store: 'dapr', hit: () => Promise.reject(new Error('state store statestore read failed: 500')) });

    const statuses = [(await post('/chat', 'alice')).status, (await post('/chat', 'alice')).status];

    expect(statuses).toEqual([200, 200]);
    const warnings = lines().filter((line) => line.msg === 'rate limit store unavailable; requests are let through');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ scope: 'chat', store: 'dapr', err: { message: 'state store statestore read failed: 500' } });
    expect(await counted()).toContain('rate_limit_decisions_total{scope="chat",outcome="unavailable",service="test"} 2');
  });
});
