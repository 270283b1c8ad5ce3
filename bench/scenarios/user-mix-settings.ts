/** The knobs of the user-mix scenario, read from the environment. */
export interface MixSettings {
  /** BENCH_MIX_USERS: users online, each with a token, a few tasks and a live page (default 10,000). */
  users: number;
  /** BENCH_MIX_SECONDS: the length of each step (default 60). */
  seconds: number;
  /** BENCH_MIX_RATE: the first step's rate as a multiple of the peak (default 1). */
  rate: number;
  /**
   * BENCH_MIX_HEAVY: the second step's rate as a multiple of the first's (default 3). Measured with 3,000
   * users, a request of this mix costs the one process on its embedded database about 4.3 ms of CPU, so
   * ×3 the peak of 10,000 users (201 a second) is about where its one core runs out and the latency
   * rises; ×10 (671 a second) is far past it: the open-loop queue only grows and requests time out.
   */
  heavy: number;
  /** BENCH_MIX_TASKS_PER_USER: tasks each user gets before the steps (default 2). */
  tasksPerUser: number;
  /** BENCH_MIX_SEED: the seed of the schedules and of what the users write (default 1). */
  seed: number;
}

/** Reads the BENCH_MIX_* variables; one error lists every invalid one. */
export function readMixSettings(env: Record<string, string | undefined>): MixSettings {
  const problems: string[] = [];
  const read = (name: string, fallback: number, valid: (value: number) => boolean, what: string) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!valid(value)) problems.push(`${name}=${text} is not ${what}`);
    return value;
  };
  const integerFrom = (min: number) => (value: number) => Number.isInteger(value) && value >= min;
  const positive = (value: number) => Number.isFinite(value) && value > 0;
  const settings: MixSettings = {
    users: read('BENCH_MIX_USERS', 10_000, integerFrom(1), 'an integer ≥ 1'),
    seconds: read('BENCH_MIX_SECONDS', 60, positive, 'a number > 0'),
    rate: read('BENCH_MIX_RATE', 1, positive, 'a number > 0'),
    heavy: read('BENCH_MIX_HEAVY', 3, positive, 'a number > 0'),
    tasksPerUser: read('BENCH_MIX_TASKS_PER_USER', 2, integerFrom(1), 'an integer ≥ 1'),
    seed: read('BENCH_MIX_SEED', 1, integerFrom(0), 'an integer ≥ 0'),
  };
  if (problems.length) throw new Error(`invalid user-mix settings:\n  ${problems.join('\n  ')}`);
  return settings;
}
