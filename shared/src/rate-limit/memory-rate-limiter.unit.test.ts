import { describe, expect, it } from 'vitest';
import { memoryRateLimiter } from './memory-rate-limiter';

const now = new Date('2026-05-01T09:00:10.000Z');
const nextWindow = new Date('2026-05-01T09:01:00.000Z');
const halfIntoNext = new Date('2026-05-01T09:01:30.000Z');

describe('memory rate limiter', () => {
  it('counts per key: the limit, then refusals until the count has faded', async () => {
    const limiter = memoryRateLimiter({ limit: 2, windowSeconds: 60 });

    const answers = [await limiter.hit('chat:alice', now), await limiter.hit('chat:alice', now), await limiter.hit('chat:alice', now)];

    expect(answers.map((answer) => [answer.allowed, answer.remaining])).toEqual([[true, 1], [true, 0], [false, 0]]);
    expect(answers[2]!.retryAfterSeconds).toBe(80);
    expect((await limiter.hit('chat:bob', now)).allowed).toBe(true);
    expect((await limiter.hit('mcp:alice', now)).allowed).toBe(true);
    expect((await limiter.hit('chat:alice', nextWindow)).allowed).toBe(false);
    expect((await limiter.hit('chat:alice', halfIntoNext)).allowed).toBe(true);
    expect((await limiter.hit('chat:alice', halfIntoNext)).allowed).toBe(false);
  });

  it('does not count refused requests', async () => {
    const limiter = memoryRateLimiter({ limit: 1, windowSeconds: 60 });
    await limiter.hit('k', now);
    for (let i = 0; i < 5; i++) await limiter.hit('k', now);

    expect((await limiter.hit('k', now)).count).toBe(1);
  });
});
