import type { Sql } from '#shared/db/connect';
import type { Authenticator } from '#shared/http/auth';
import type { Logger } from '#shared/log/logger';

/** Everything the audit function needs from the outside, built once by its entry point. */
export interface AuditDeps {
  sql: Sql;
  schema: string;
  /** The time a record is received (appended). */
  clock: () => Date;
  authenticate: Authenticator;
  log: Logger;
}
