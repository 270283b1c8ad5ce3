/** The knobs of `npm run bench`, read once from the environment. */
export interface BenchConfig {
  tasks: number;
  concurrency: number;
  users: number;
  heavyTasks: number;
  databaseUrl?: string;
}

/** Reads BENCH_TASKS, BENCH_CONCURRENCY, BENCH_USERS, BENCH_HEAVY_TASKS (default a fifth of the tasks) and BENCH_DATABASE_URL; one error lists every invalid variable. */
export function readBenchConfig(env: Record<string, string | undefined>): BenchConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) problems.push(`${name}=${text} is not an integer ≥ ${min}`);
    return value;
  };
  const tasks = int('BENCH_TASKS', 100_000, 1);
  const config: BenchConfig = {
    tasks,
    concurrency: int('BENCH_CONCURRENCY', 32, 1),
    users: int('BENCH_USERS', 100, 1),
    heavyTasks: int('BENCH_HEAVY_TASKS', Math.max(1, Math.round(tasks / 5)), 1),
    ...(env.BENCH_DATABASE_URL ? { databaseUrl: env.BENCH_DATABASE_URL } : {}),
  };
  if (problems.length) throw new Error(`invalid bench settings:\n  ${problems.join('\n  ')}`);
  return Object.freeze(config);
}
