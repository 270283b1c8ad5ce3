import type { Sql } from '#shared/db/connect';
import type { Authenticator } from '#shared/http/auth';
import type { Logger } from '#shared/log/logger';
import type { Metrics } from '#shared/metrics/metrics';

/** Everything the task function needs from the outside, built once by its entry point. */
export interface TaskDeps {
  sql: Sql;
  schema: string;
  clock: () => Date;
  newId: () => string;
  /** Called after a commit that wrote events to the outbox. */
  eventsCommitted: () => void;
  authenticate: Authenticator;
  log: Logger;
  metrics: Metrics;
}

export const TASK_SOURCE = '/functions/task';
