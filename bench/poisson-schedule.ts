import { seededRandom } from './task-generator';

/** One scheduled request: when (ms after the step starts), of which kind, for which user (0-based). */
export interface Arrival<Kind extends string> {
  atMs: number;
  kind: Kind;
  user: number;
}

export interface PoissonScheduleOptions<Kind extends string> {
  /** Mean arrivals per second of each kind, over all users together. */
  ratesPerSecond: Record<Kind, number>;
  seconds: number;
  users: number;
  seed: number;
}

/**
 * Open-loop arrivals: for each kind an independent Poisson process (exponential gaps at its rate), each
 * arrival for a user drawn uniformly; every kind merged into one list sorted by time. Seeded, so two
 * runs with the same settings send the same requests at the same moments.
 */
export function poissonSchedule<Kind extends string>(options: PoissonScheduleOptions<Kind>): Arrival<Kind>[] {
  const random = seededRandom(options.seed);
  const endMs = options.seconds * 1000;
  const arrivals: Arrival<Kind>[] = [];
  for (const [kind, rate] of Object.entries(options.ratesPerSecond) as [Kind, number][]) {
    if (!(rate > 0)) continue;
    const meanGapMs = 1000 / rate;
    // 1 - random() is in (0, 1]: the logarithm stays finite.
    for (let atMs = -Math.log(1 - random()) * meanGapMs; atMs < endMs; atMs += -Math.log(1 - random()) * meanGapMs) {
      arrivals.push({ atMs, kind, user: Math.floor(random() * options.users) });
    }
  }
  return arrivals.sort((a, b) => a.atMs - b.atMs);
}
