import { randomBytes, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { Sql } from '../../shared/src/db/connect';
import { migrate } from '../../shared/src/db/migrate';
import { processDelivery } from '../../shared/src/events/process-delivery';
import { createAuditConsumer } from '../../functions/audit/src/audit-consumer';
import { auditMigrations } from '../../functions/audit/src/audit-schema';
import { verifyUserChain } from '../../functions/audit/src/verify-audit';
import { connect } from '../../shared/src/db/connect';
import { startEmbeddedPostgres } from '../../shared/src/db/embedded';
import { type BenchScenario, num } from '../bench-scenario';
import { percentile } from '../stats';

export interface AuditAppendOptions {
  /** Events to append (default 20,000). */
  events?: number;
  /** Users the events are spread over, round robin: each user's chain gets events / users records (default 200). */
  users?: number;
  /** Deliveries in flight at once (default 16); the `sql` pool should have at least this many connections. */
  concurrency?: number;
  /** Also deliver this share of the events a second time, to measure duplicates (default 0). */
  redeliveredShare?: number;
}

export interface AuditAppendResult {
  scenario: 'audit-append';
  events: number;
  users: number;
  concurrency: number;
  /** Deliveries (first and repeated) through validation and the audit consumer. */
  deliveries: number;
  seconds: number;
  appendsPerSecond: number;
  /** Latency of one delivery (validate, lock the chain head, insert, advance the head, commit). */
  p50Ms: number;
  p99Ms: number;
  /** Every user's chain recomputed afterwards: records counted and all intact. */
  verified: boolean;
  verifySeconds: number;
}


/** A task event as the task function publishes it, one of a few kinds, for `userid`. */
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

/**
 * Sustained appends: `events` task events over `users` users, `concurrency` deliveries at a time,
 * each through the shared delivery path (schema validation) into the audit consumer, in a fresh
 * schema that is dropped afterwards. Appends for one user serialize on their chain head, so the
 * figure includes that contention. Events are built before the clock starts.
 */
export async function auditAppend(sql: Sql, options: AuditAppendOptions = {}): Promise<AuditAppendResult> {
  const events = options.events ?? 20_000;
  const users = options.users ?? 200;
  const concurrency = options.concurrency ?? 16;
  const schema = `audit_bench_${randomBytes(4).toString('hex')}`;
  const log = pino({ level: 'silent' });
  const run = randomBytes(3).toString('hex');
  const userIds = Array.from({ length: users }, (_, i) => `bench-audit-${run}-${i}`);
  const firsts = Array.from({ length: events }, (_, i) => anEvent(userIds[i % users]!, i));
  const share = options.redeliveredShare ?? 0;
  const repeats = share > 0 ? firsts.filter((_, i) => i % Math.max(1, Math.round(1 / share)) === 0) : [];
  const deliveries = [...firsts, ...repeats];

  await migrate(sql, auditMigrations(schema));
  try {
    const consumer = createAuditConsumer({ sql, schema, clock: () => new Date(), log, authenticate: async () => ({ id: '' }) });
    const samples: number[] = [];
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < deliveries.length) {
        const event = deliveries[next++]!;
        const started = performance.now();
        const outcome = await processDelivery(consumer, event, { log, attempt: 0 });
        samples.push(performance.now() - started);
        if (outcome.kind !== 'ack') failed++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1_000;
    if (failed > 0) throw new Error(`${failed} deliveries were not acknowledged`);

    const verifyStarted = performance.now();
    const verdicts = await Promise.all(userIds.map((userId) => verifyUserChain(sql, schema, userId)));
    const verifySeconds = (performance.now() - verifyStarted) / 1_000;
    const records = verdicts.reduce((total, verdict) => total + (verdict.ok ? verdict.records : 0), 0);

    samples.sort((a, b) => a - b);
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      scenario: 'audit-append',
      events,
      users,
      concurrency,
      deliveries: deliveries.length,
      seconds: round(seconds),
      appendsPerSecond: Math.round(events / seconds),
      p50Ms: round(percentile(samples, 50)),
      p99Ms: round(percentile(samples, 99)),
      verified: verdicts.every((verdict) => verdict.ok) && records === events,
      verifySeconds: round(verifySeconds),
    };
  } finally {
    await sql.unsafe(`drop schema ${schema} cascade`);
  }
}

/** Sustained audit appends against the server Postgres (BENCH_DATABASE_URL), else the embedded one. */
export const auditAppendScenario: BenchScenario = {
  name: 'audit-append',
  async run({ config }) {
    const concurrency = 16;
    const embedded = config.databaseUrl ? null : await startEmbeddedPostgres();
    const sql = connect(config.databaseUrl ?? embedded!.url, { max: concurrency, applicationName: 'bench-audit' });
    try {
      const result = await auditAppend(sql, { events: 20_000, users: 200, concurrency, redeliveredShare: 0.1 });
      const database = embedded ? 'embedded Postgres' : 'server Postgres';
      const note = `${num(result.deliveries)} deliveries incl. 10% redelivered; chains ${result.verified ? 'verified' : 'BROKEN'} in ${result.verifySeconds} s`;
      return {
        rows: [['audit append', `${database}, ${result.users} users, concurrency ${concurrency}`, num(result.events), num(result.appendsPerSecond), num(result.p50Ms), num(result.p99Ms), '', note]],
        details: { ...result, database },
      };
    } finally {
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    }
  },
};
