import type { Sql } from '#shared/db/connect';
import type { Logger } from '#shared/log/logger';
import { sourceOf } from '#shared/system/function-events';

/** Everything the recurrence function needs from the outside, built once by its entry point. */
export interface RecurrenceDeps {
  sql: Sql;
  schema: string;
  clock: () => Date;
  /** Called after a commit that wrote a command to the outbox. */
  eventsCommitted: () => void;
  log: Logger;
}

export const RECURRENCE_SOURCE = sourceOf('recurrence');
