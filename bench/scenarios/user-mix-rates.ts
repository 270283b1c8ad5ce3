/** The operations of the user mix. */
export const MIX_OPERATIONS = ['list', 'create', 'complete', 'edit', 'delete', 'chat'] as const;
export type MixOperation = (typeof MIX_OPERATIONS)[number];

/**
 * Per online user and day, as knative/README.md's Capacity section assumes them: 100 task lists, 10
 * creates, 8 completions, 5 edits, 2 deletions, 20 chat messages.
 */
export const PER_USER_PER_DAY: Readonly<Record<MixOperation, number>> = { list: 100, create: 10, complete: 8, edit: 5, delete: 2, chat: 20 };

/** The peak hour's rate over the day's average (the same section). */
export const PEAK_FACTOR = 4;
const SECONDS_PER_DAY = 86_400;

/** Requests per second of each operation at the peak for `users` online users, times `multiplier`: per day × users ÷ 86,400 × 4. */
export function peakRatesPerSecond(users: number, multiplier: number): Record<MixOperation, number> {
  const perSecond = (perDay: number) => ((perDay * users) / SECONDS_PER_DAY) * PEAK_FACTOR * multiplier;
  return Object.fromEntries(MIX_OPERATIONS.map((operation) => [operation, perSecond(PER_USER_PER_DAY[operation])])) as Record<MixOperation, number>;
}
