import { randomBytes, randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { pino } from 'pino';
import { connect, type Sql } from '../../shared/src/db/connect';
import { startEmbeddedPostgres } from '../../shared/src/db/embedded';
import { migrate } from '../../shared/src/db/migrate';
import { processDelivery } from '../../shared/src/events/process-delivery';
import { createAuditConsumer } from '../../functions/audit/src/audit-consumer';
import { auditModule } from '../../functions/audit/src/audit-module';
import { auditMigrations } from '../../functions/audit/src/audit-schema';
import { verifyUserChain } from '../../functions/audit/src/verify-audit';
import type { ChainVerdict } from '../../functions/audit/src/verify-chain';
import { type BenchScenario, num, type Row } from '../bench-scenario';
import { startBenchSystem } from '../bench-system';
import { runLoad } from '../http-load';
import { type LatencySummary, round1, summarize } from '../stats';

export interface AuditAppendOptions {
  /** Distinct events to append (default 20,000). */
  events?: number;
  /** Users the events are spread over, round robin: each user's chain gets events / users records (default 200). */
  users?: number;
  /** Deliveries in flight at once (default 16); the `sql` pool should have at least this many connections. */
  concurrency?: number;
  /** Also deliver this share of the events a second time, mixed in, as redeliveries (default 0). */
  redeliveredShare?: number;
}

export interface AuditAppendResult {
  scenario: 'audit-append';
  path: 'consumer' | 'http';
  events: number;
  users: number;
  concurrency: number;
  /** Deliveries made: every event once, plus the redelivered ones. */
  deliveries: number;
  seconds: number;
  /** Records appended per second: distinct events / seconds (the redeliveries' time included). */
  appendsPerSecond: number;
  deliveriesPerSecond: number;
  /** Latency of one delivery until it is acknowledged (durably appended, or found already recorded). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Every user's chain recomputed afterwards: intact, and exactly one record per distinct event. */
  verified: boolean;
  verifySeconds: number;
}

/** A task event as the task function publishes it, for `userid`. */
function anEvent(userid: string, index: number): Record<string, unknown> {
  const taskId = randomUUID();
  const now = new Date(Date.UTC(2026, 4, 1, 9) + index * 1_000).toISOString();
  const task = {
    id: taskId, title: `Task ${index}`, description: 'benchmark', status: 'pending', priority: 'medium', tags: ['bench'], dueAt: null,
    reminders: [], recurrence: null, series: null, version: 1, createdAt: now, updatedAt: now, completedAt: null,
  };
  return {
    specversion: '1.0', id: randomUUID(), source: '/functions/task', type: 'dev.todo.task.created.v1', subject: taskId, time: now,
    datacontenttype: 'application/json', partitionkey: taskId, traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    userid, data: { task, commandId: null },
  };
}

/** The events to deliver, built before any clock starts: each once, and every n-th again a few deliveries later, as a broker's retry. */
function workload(options: AuditAppendOptions) {
  const events = options.events ?? 20_000;
  const users = options.users ?? 200;
  const run = randomBytes(3).toString('hex');
  const userIds = Array.from({ length: users }, (_, i) => `bench-audit-${run}-${i}`);
  const firsts = Array.from({ length: events }, (_, i) => anEvent(userIds[i % users]!, i));
  const share = options.redeliveredShare ?? 0;
  const every = share > 0 ? Math.max(1, Math.round(1 / share)) : 0;
  const LATER = 7;
  const deliveries = firsts.flatMap((event, i) => (every && i >= LATER && (i - LATER) % every === 0 ? [event, firsts[i - LATER]!] : [event]));
  return { events, users, userIds, deliveries, concurrency: options.concurrency ?? 16 };
}

function result(path: AuditAppendResult['path'], load: ReturnType<typeof workload>, seconds: number, latency: LatencySummary, verdicts: ChainVerdict[], verifySeconds: number): AuditAppendResult {
  const records = verdicts.reduce((total, verdict) => total + (verdict.ok ? verdict.records : 0), 0);
  return {
    scenario: 'audit-append',
    path,
    events: load.events,
    users: load.users,
    concurrency: load.concurrency,
    deliveries: load.deliveries.length,
    seconds: round1(seconds),
    appendsPerSecond: Math.round(load.events / seconds),
    deliveriesPerSecond: Math.round(load.deliveries.length / seconds),
    p50Ms: latency.p50Ms,
    p99Ms: latency.p99Ms,
    maxMs: latency.maxMs,
    verified: verdicts.every((verdict) => verdict.ok) && records === load.events,
    verifySeconds: round1(verifySeconds),
  };
}

/**
 * Sustained appends through the shared delivery path (schema validation) straight into the audit
 * consumer, `concurrency` deliveries at a time, in a fresh schema that is dropped afterwards: the
 * database side of appending, without HTTP. Appends for one user serialize on their chain head;
 * deliveries that arrive while a transaction is in flight share the next one (group commit).
 */
export async function auditAppend(sql: Sql, options: AuditAppendOptions = {}): Promise<AuditAppendResult> {
  const load = workload(options);
  const schema = `audit_bench_${randomBytes(4).toString('hex')}`;
  const log = pino({ level: 'silent' });
  await migrate(sql, auditMigrations(schema));
  try {
    const consumer = createAuditConsumer({ sql, schema, clock: () => new Date(), log, authenticate: async () => ({ id: '' }) });
    const latencies: number[] = [];
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < load.deliveries.length) {
        const event = load.deliveries[next++]!;
        const sent = performance.now();
        const outcome = await processDelivery(consumer, event, { log, attempt: 0 });
        latencies.push(performance.now() - sent);
        if (outcome.kind !== 'ack') failed++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: load.concurrency }, worker));
    const seconds = (performance.now() - started) / 1_000;
    if (failed > 0) throw new Error(`${failed} deliveries were not acknowledged`);

    const verifyStarted = performance.now();
    const verdicts = await Promise.all(load.userIds.map((userId) => verifyUserChain(sql, schema, userId)));
    return result('consumer', load, seconds, summarize(latencies), verdicts, (performance.now() - verifyStarted) / 1_000);
  } finally {
    await sql.unsafe(`drop schema ${schema} cascade`);
  }
}

/**
 * The same workload as Knative delivers it: each event a binary-mode CloudEvent (built by the
 * `cloudevents` SDK) POSTed to the audit function's `/events`, served over a real socket by the
 * audit function running in this process; the chains are then verified with `GET /audit/verify`.
 */
export async function auditAppendOverHttp(options: AuditAppendOptions & { databaseUrl?: string }): Promise<AuditAppendResult> {
  const load = workload(options);
  const schema = `audit_bench_${randomBytes(4).toString('hex')}`;
  const messages = load.deliveries.map((event) => HTTP.binary(new CloudEvent(event)));
  const system = await startBenchSystem({ modules: [{ ...auditModule, schema }], ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  try {
    const run = await runLoad({
      count: messages.length,
      concurrency: load.concurrency,
      maxMs: 30 * 60_000,
      call: async (i) => {
        const { headers, body } = messages[i]!;
        const response = await fetch(`${system.url}/events`, { method: 'POST', headers: headers as Record<string, string>, body: body as string });
        await response.arrayBuffer();
        return response.status === 202 ? null : `POST /events answered ${response.status}`;
      },
    });
    if (run.failed > 0) throw new Error(`${run.failed} deliveries were not acknowledged: ${run.errors.join('; ')}`);

    const verifyStarted = performance.now();
    const verdicts = await Promise.all(
      load.userIds.map(async (userId) => {
        const response = await fetch(`${system.url}/audit/verify`, { headers: { authorization: `Bearer ${await system.token(userId)}` } });
        return (await response.json()) as ChainVerdict;
      }),
    );
    return result('http', load, run.elapsedMs / 1_000, run.latency, verdicts, (performance.now() - verifyStarted) / 1_000);
  } finally {
    await system.stop();
    if (options.databaseUrl) {
      const sql = connect(options.databaseUrl, { max: 1, applicationName: 'bench-audit' });
      await sql.unsafe(`drop schema if exists ${schema} cascade`).finally(() => sql.end({ timeout: 5 }));
    }
  }
}

const rowOf = (result: AuditAppendResult, database: string): Row => [
  result.path === 'http' ? 'audit append, POST /events' : 'audit append, consumer',
  `${database}, ${result.users} users, ${result.concurrency} in flight`,
  num(result.events),
  num(result.appendsPerSecond),
  num(result.p50Ms),
  num(result.p99Ms),
  num(result.maxMs),
  `${num(result.deliveries)} deliveries (${num(result.deliveries - result.events)} redelivered); chains ${result.verified ? 'verified' : 'BROKEN'} in ${result.verifySeconds} s`,
];

/**
 * Sustained audit appends against the server Postgres (BENCH_DATABASE_URL), else the embedded one:
 * straight into the consumer, then over HTTP. BENCH_TASKS / 5 events (at most 20,000, at least 1,000).
 */
export const auditAppendScenario: BenchScenario = {
  name: 'audit-append',
  async run({ config }) {
    const concurrency = 16;
    const events = Math.min(20_000, Math.max(1_000, Math.round(config.tasks / 5)));
    const options = { events, users: 200, concurrency, redeliveredShare: 0.1 };
    const embedded = config.databaseUrl ? null : await startEmbeddedPostgres();
    const url = config.databaseUrl ?? embedded!.url;
    const database = embedded ? 'embedded Postgres' : 'server Postgres';
    const sql = connect(url, { max: concurrency, applicationName: 'bench-audit' });
    try {
      const direct = await auditAppend(sql, options);
      const overHttp = await auditAppendOverHttp({ ...options, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
      return { rows: [rowOf(direct, database), rowOf(overHttp, database)], details: { database, consumer: direct, http: overHttp } };
    } finally {
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    }
  },
};
