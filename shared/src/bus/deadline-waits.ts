/** Waits that end together when woken, or each at its own deadline, whichever comes first. */
export interface DeadlineWaits {
  /** Resolves at `deadline` (ms since the epoch) at the latest; at once when it has passed. */
  until(deadline: number): Promise<void>;
  wakeAll(): void;
}

export function deadlineWaits(): DeadlineWaits {
  const waiting = new Set<() => void>();
  return {
    until(deadline) {
      const left = deadline - Date.now();
      if (left <= 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        waiting.add(done);
      });
    },
    wakeAll() {
      for (const done of [...waiting]) done();
    },
  };
}
