import postgres from 'postgres';
import { parseQuery } from '#shared/http/parse-query';
import type { Sql } from '#shared/db/connect';
import { ListQuery } from '../functions/task/src/list-query';
import { listTasks } from '../functions/task/src/list-tasks';

export interface ListPlan {
  path: string;
  /** The statement as the task function sends it. */
  statement: string;
  /** `EXPLAIN (ANALYZE, BUFFERS)` with the values planned in, as `listTasks` has them planned. */
  plan: string;
}

interface Statement {
  text: string;
  parameters: unknown[];
}

/** The query of a `GET /tasks` path, as the route parses it. */
function listQueryOf(path: string): ListQuery {
  const raw: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(path.split('?')[1] ?? '')) (raw[name] ??= []).push(value);
  return parseQuery(ListQuery, raw);
}

/**
 * Records the plans of `GET /tasks` for one user: the task function's own `listTasks` runs each path on
 * a connection that notes what it sends, and the list statement is explained with its values after the
 * settings it was run with.
 */
export async function explainListPaths(options: { databaseUrl: string; schema: string; userId: string; paths: string[]; now: Date }): Promise<ListPlan[]> {
  const sent: Statement[] = [];
  const sql = postgres(options.databaseUrl, {
    max: 1,
    onnotice: () => {},
    transform: { undefined: null },
    debug: (_connection, text, parameters) => {
      if (!/^\s*(begin|commit)\b/i.test(text)) sent.push({ text, parameters });
    },
  }) as unknown as Sql;
  try {
    const plans: ListPlan[] = [];
    for (const path of options.paths) {
      sent.length = 0;
      await listTasks(sql, options.schema, options.userId, listQueryOf(path), options.now);
      const [statement, ...settings] = sent.reverse();
      if (!statement) throw new Error(`GET ${path} sent no statement`);
      // unsafe(): these are the texts listTasks sent; the settings it made for the statement are made again first.
      const lines = await sql.begin(async (tx) => {
        for (const setting of settings.reverse()) await tx.unsafe(setting.text, setting.parameters as never[]);
        return tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${statement.text}`, statement.parameters as never[]);
      });
      plans.push({ path, statement: statement.text, plan: lines.map((line) => line['QUERY PLAN']).join('\n') });
    }
    return plans;
  } finally {
    await sql.end();
  }
}
