import { inSpan, SpanKind } from '../trace/spans';
import type { Sql } from './connect';

type Query = PromiseLike<unknown> & { then: PromiseLike<unknown>['then'] };
type Tagged = (...args: unknown[]) => unknown;

const isTemplate = (args: unknown[]): args is [TemplateStringsArray, ...unknown[]] => Array.isArray(args[0]) && Object.hasOwn(args[0], 'raw');

/** `select`, `insert`, `with`, … : the statement's first word, never its values. */
function operationOf(strings: TemplateStringsArray): string {
  return /^\s*([a-z]+)/i.exec(strings[0] ?? '')?.[1]?.toLowerCase() ?? 'query';
}

/** Runs the query in a client span the first time it is awaited (postgres.js sends a query then). */
function traceQuery(query: Query, strings: TemplateStringsArray, attributes: Record<string, string>): Query {
  const send = query.then.bind(query);
  let sent: Promise<unknown> | undefined;
  const operation = operationOf(strings);
  query.then = ((onFulfilled, onRejected) => {
    sent ??= inSpan(`db ${operation}`, { kind: SpanKind.CLIENT, attributes: { ...attributes, 'db.operation.name': operation } }, () => Promise.resolve(send((rows) => rows)));
    return sent.then(onFulfilled, onRejected);
  }) as Query['then'];
  return query;
}

function traceTagged<T extends Tagged>(tagged: T, attributes: Record<string, string>): T {
  return new Proxy(tagged, {
    apply(target, self, args: unknown[]) {
      const result = Reflect.apply(target, self, args);
      return isTemplate(args) ? traceQuery(result as Query, args[0], attributes) : result;
    },
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'begin' || typeof value !== 'function') return value;
      // A transaction is one span; its statements are spans inside it.
      return (...args: unknown[]) => {
        const work = args.at(-1) as (tx: Tagged) => unknown;
        const rest = args.slice(0, -1);
        return inSpan('db transaction', { kind: SpanKind.CLIENT, attributes }, () =>
          Promise.resolve((value as Tagged).call(target, ...rest, (tx: Tagged) => work(traceTagged(tx, attributes)))),
        );
      };
    },
  });
}

/**
 * The client with a span per statement (`db select`, … the statement's first word; never its values)
 * and per transaction, for a process that exports traces; nothing changes what a query does.
 */
export function tracedSql(sql: Sql, attributes: { database: string }): Sql {
  return traceTagged(sql as unknown as Tagged, { 'db.system.name': 'postgresql', 'db.namespace': attributes.database }) as unknown as Sql;
}
