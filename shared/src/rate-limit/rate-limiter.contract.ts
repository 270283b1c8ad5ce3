import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DaprSidecar } from '../dapr/dapr-sidecar';
import { daprRateLimiter } from './dapr-rate-limiter';

/** A moment well inside a window, so no case straddles a window boundary. */
const NOW = new Date('2026-05-01T09:00:10.000Z');

/**
 * The state API as the rate limiter relies on it (ETags, first-write concurrency, the lost-create 500
 * of trap 20, a missing store), run against the fake sidecar in the quick suite and against a real
 * daprd with state.postgresql v2 in the Dapr suite, so the fake cannot say what daprd does not.
 */
export function rateLimiterContract(label: string, sidecar: () => DaprSidecar): void {
  describe(`the state API under the rate limiter, as ${label} answers it`, () => {
    const limiter = (limit: number, store = 'statestore') => daprRateLimiter({ sidecar: sidecar(), store, policy: { limit, windowSeconds: 60 } });
    const aUser = () => `chat:contract-${randomUUID()}`;

    it('allows the limit one request after another, then refuses with the wait', async () => {
      const user = aUser();
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await limiter(2).hit(user, NOW));
      expect(answers.map((answer) => [answer.allowed, answer.count, answer.retryAfterSeconds])).toEqual([[true, 1, 0], [true, 2, 0], [false, 2, 80]]);
    });

    it('counts exactly when one user sends 12 requests at once with a limit of 5 (every lost race read again)', async () => {
      const user = aUser();
      const shared = limiter(5);
      const answers = await Promise.all(Array.from({ length: 12 }, () => shared.hit(user, NOW)));
      expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
      expect((await shared.hit(user, NOW)).allowed).toBe(false);
    });

    it('keeps users apart', async () => {
      const [alice, bob] = [aUser(), aUser()];
      expect((await limiter(1).hit(alice, NOW)).allowed).toBe(true);
      expect((await limiter(1).hit(alice, NOW)).allowed).toBe(false);
      expect((await limiter(1).hit(bob, NOW)).allowed).toBe(true);
    });

    it('rejects when the store does not exist', async () => {
      await expect(limiter(5, 'no-such-store').hit(aUser(), NOW)).rejects.toThrow(/no-such-store read failed: 4\d\d/);
    });
  });
}
