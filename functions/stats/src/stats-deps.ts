import type { Sql } from '#shared/db/connect';
import type { Authenticator } from '#shared/http/auth';
import type { Logger } from '#shared/log/logger';

/** Everything the stats function needs from the outside, built once by its entry point. */
export interface StatsDeps {
  sql: Sql;
  schema: string;
  /** Today (UTC) for the default range of `GET /stats`. */
  clock: () => Date;
  authenticate: Authenticator;
  log: Logger;
}
