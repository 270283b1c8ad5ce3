import postgres from 'postgres';

/** Connections a function's pool opens at most on a database server (the cluster's connection budget counts it). */
export const POOL_SIZE = 10;

export type Sql = postgres.Sql<Record<string, never>>;
export type TransactionSql = postgres.TransactionSql<Record<string, never>>;

/**
 * A pooled `postgres` client; notices are silenced and numeric/bigint come back as numbers. Statements
 * are prepared (named, per connection) unless `prepare` is false. `socket` replaces the TCP connection:
 * the embedded database's in-process connections, which free their statements when they close.
 */
export function connect(
  url: string,
  options: { max?: number; applicationName?: string; prepare?: boolean; socket?: () => unknown } = {},
): Sql {
  return postgres(url, {
    ...(options.socket ? { socket: options.socket as never } : {}),
    max: options.max ?? POOL_SIZE,
    prepare: options.prepare ?? true,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'todo' },
    types: { bigint: postgres.BigInt },
    transform: { undefined: null },
  }) as unknown as Sql;
}

/** True when the database answers a trivial query within the timeout. */
export async function isDatabaseReady(sql: Sql, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      sql`select 1`.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True when every run of a statement is planned for its values already: statements are not
 * prepared, or the client is on the embedded database's session (which forces custom plans).
 */
export function plansEachRun(sql: Sql): boolean {
  return !sql.options.prepare || (sql.options as { socket?: unknown }).socket !== undefined;
}
