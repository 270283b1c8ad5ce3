/** The first batch of a firing cycle: small, so the first reminders reach the outbox at once. */
export const FIRST_FIRE_BATCH = 500;
/** The largest batch: one transaction's worth of rows and events held in memory. */
export const MAX_FIRE_BATCH = 4_000;

/**
 * The size of the next batch of a firing cycle: twice the last while batches come back full, so a
 * burst of due reminders goes out in a few transactions (10,000 in five) instead of many equal ones.
 */
export function nextFireBatch(last: number, max = MAX_FIRE_BATCH): number {
  return Math.max(last, Math.min(max, last * 2));
}
