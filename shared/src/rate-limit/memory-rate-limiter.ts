import { decide, type RateLimitPolicy, windowAt } from './sliding-window';
import type { RateLimiter } from './rate-limiter';

const PRUNE_EVERY = 1_024;

/** Counters in this process: right for one process (`npm start`), per pod in a cluster. */
export function memoryRateLimiter(policy: RateLimitPolicy): RateLimiter {
  const counters = new Map<string, { window: number; count: number; previous: number }>();
  let hits = 0;
  return {
    store: 'memory',
    async hit(key, now) {
      const window = windowAt(policy, now).id;
      if (++hits % PRUNE_EVERY === 0) for (const [name, counter] of counters) if (counter.window < window - 1) counters.delete(name);
      const counter = counters.get(key);
      const current = counter?.window === window ? counter.count : 0;
      const previous = counter?.window === window ? counter.previous : counter?.window === window - 1 ? counter.count : 0;
      const decision = decide(policy, { previous, current }, now);
      if (decision.allowed) counters.set(key, { window, count: decision.count, previous });
      return decision;
    },
  };
}
