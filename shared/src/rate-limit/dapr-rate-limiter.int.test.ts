import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daprSidecarIn } from '../dapr/dapr-sidecar';
import { type FakeDaprSidecar, startFakeDaprSidecar } from '../testing/fake-dapr/fake-dapr-sidecar';
import { daprRateLimiter } from './dapr-rate-limiter';
import { rateLimiterContract } from './rate-limiter.contract';

let clockMs = Date.parse('2026-05-01T09:00:10.000Z');
const now = () => new Date(clockMs);

let sidecar: FakeDaprSidecar;
beforeAll(async () => {
  sidecar = await startFakeDaprSidecar({ appId: 'chat', stateStores: ['statestore'], now: () => clockMs });
});
afterAll(() => sidecar?.close());

function givenLimiter(limit: number, store = 'statestore') {
  sidecar.state.get('statestore')!.clear();
  sidecar.requests.length = 0;
  clockMs = Date.parse('2026-05-01T09:00:10.000Z');
  return daprRateLimiter({ sidecar: daprSidecarIn(sidecar.env), store, policy: { limit, windowSeconds: 60 } });
}

describe('Dapr state store rate limiter', () => {
  it('allows the limit, then refuses until the count has faded, keeping one counter per key and window', async () => {
    const limiter = givenLimiter(2);

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await limiter.hit('chat:alice', now()));

    expect(answers.map((answer) => [answer.allowed, answer.count, answer.retryAfterSeconds])).toEqual([[true, 1, 0], [true, 2, 0], [false, 2, 80]]);
    const stored = [...sidecar.state.get('statestore')!];
    expect(stored).toHaveLength(1);
    const [key, item] = stored[0]!;
    expect(key).toMatch(new RegExp(`^chat\\|\\|ratelimit-[0-9a-f]{32}-${Date.parse('2026-05-01T09:00:00.000Z') / 60_000}$`));
    expect(key).not.toContain('alice');
    expect(item.value).toBe('2');
    // The counter lives until the window after its own is over (50 s + 60 s, plus one).
    expect(item.expiresAt).toBe(clockMs + 111_000);
  });

  it('writes with first-write concurrency: without an ETag to create the counter, with the one it read to raise it', async () => {
    const limiter = givenLimiter(5);
    await limiter.hit('chat:alice', now());
    await limiter.hit('chat:alice', now());

    const writes = sidecar.requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(request.body)[0]);
    expect(writes[0]).toEqual({ key: expect.stringMatching(/^ratelimit-/), value: 1, options: { concurrency: 'first-write' }, metadata: { ttlInSeconds: '111' } });
    expect(writes[1]).toMatchObject({ value: 2, etag: expect.stringMatching(/^[0-9a-f-]{36}$/), options: { concurrency: 'first-write' } });
  });

  it('counts exactly under concurrent requests of one user: lost races (409, and the 500 of a lost create, trap 20) are read again', async () => {
    const limiter = givenLimiter(5);

    const answers = await Promise.all(Array.from({ length: 12 }, () => limiter.hit('chat:alice', now())));

    expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
    expect([...sidecar.state.get('statestore')!.values()].map((item) => item.value)).toEqual(['5']);
  });

  it("weighs the previous window's counter in the next one; the store drops a counter a second after the window after it", async () => {
    const limiter = givenLimiter(1);
    await limiter.hit('chat:alice', now());
    expect((await limiter.hit('chat:alice', now())).allowed).toBe(false);

    clockMs = Date.parse('2026-05-01T09:01:00.000Z');
    expect((await limiter.hit('chat:alice', now())).allowed).toBe(false);
    clockMs = Date.parse('2026-05-01T09:01:59.000Z');
    expect((await limiter.hit('chat:alice', now())).allowed).toBe(false);
    clockMs = Date.parse('2026-05-01T09:02:00.000Z');
    expect((await limiter.hit('chat:alice', now())).allowed).toBe(true);
    const live = () => [...sidecar.state.get('statestore')!.values()].filter((item) => item.expiresAt! > clockMs);
    expect(live()).toHaveLength(2);
    clockMs = Date.parse('2026-05-01T09:02:01.001Z');
    expect(live()).toHaveLength(1);
  });


  it('rejects when the store fails a read or a write, or the sidecar does not answer', async () => {
    const limiter = givenLimiter(5);
    sidecar.failNext(1);
    await expect(limiter.hit('chat:alice', now())).rejects.toThrow(/read failed: 500/);

    sidecar.failNext(1, (method) => method === 'POST');
    await expect(limiter.hit('chat:alice', now())).rejects.toThrow(/write failed: 500/);
    expect(sidecar.state.get('statestore')!.size).toBe(0);

    await expect(givenLimiter(5, 'missing').hit('chat:alice', now())).rejects.toThrow(/read failed: 400/);
    const nobody = daprRateLimiter({ sidecar: daprSidecarIn({ DAPR_HTTP_PORT: '1' }), store: 'statestore', policy: { limit: 5, windowSeconds: 60 } });
    await expect(nobody.hit('chat:alice', now())).rejects.toThrow();
  });
});

rateLimiterContract('the fake sidecar', () => daprSidecarIn(sidecar.env));
