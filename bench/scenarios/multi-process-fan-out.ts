import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createKafkaClient } from '#shared/bus/kafka-client';
import { connect, type Sql } from '#shared/db/connect';
import { kafkaScript } from '#shared/testing/kafka-global-setup';
import { ensureBundles, FUNCTIONS, type MultiSystem, startMultiSystem } from '../../local/multi/multi-system';
import { tokenCache } from '../../shared/src/http/token-cache';
import { type BenchScenario, loadRow, num, type Row } from '../bench-scenario';
import { UNLIMITED_WRITES } from '../bench-system';
import { profilesMarkdown } from '../cpu-profile-summary';
import { freshDatabase } from '../fresh-database';
import { cpuBetween, type CpuReading, readCpu } from '../process-cpu';
import { runLoad } from '../http-load';
import { freePort } from '../spawn-function';
import { summarize } from '../stats';
import { generateTask } from '../task-generator';
import { benchUser } from './create-throughput';
import { produceConsume, singleRowInserts } from './kafka-ceilings';

const MINUTE_MS = 60_000;
/** The consumers of `task-events`: every task change is fanned out to each of them. */
const TASK_EVENT_CONSUMERS = ['reminder', 'recurrence', 'audit', 'chat'];


async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not reached within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Records of `task-events` the consumer groups of `groups` have not committed yet. */
async function taskEventsLag(brokers: string[], groups: readonly string[]): Promise<number> {
  const admin = createKafkaClient({ brokers, clientId: 'bench-lag', log: pino({ level: 'silent' }) }).admin();
  await admin.connect();
  try {
    const ends = new Map((await admin.fetchTopicOffsets('task-events')).map((partition) => [partition.partition, Number(partition.high)]));
    let lag = 0;
    for (const groupId of groups) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: ['task-events'] });
      for (const partition of committed?.partitions ?? []) lag += (ends.get(partition.partition) ?? 0) - Math.max(0, Number(partition.offset));
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

/** TaskCreated records in the audit log: a cheap poll, so waiting does not slow down the audit function it waits for. */
async function createdInAudit(sql: Sql): Promise<number> {
  const [row] = await sql.unsafe(`select count(*)::int as n from audit.audit_records where type = 'dev.todo.task.created.v1'`);
  return (row?.n as number) ?? 0;
}

interface TraceOptions {
  tasks: number;
  users: number;
  concurrency: number;
  brokers: string[];
  /** Where this phase's task indexes start (each phase creates tasks of its own). */
  firstIndex: number;
  /** An open-loop rate; unset: as fast as `concurrency` allows. */
  pacePerSecond?: number;
}

/** `POST /tasks` through the ingress; then the time from each 201 to the task's audit record, once every consumer group drained. */
async function createAndTrace(system: MultiSystem, sql: Sql, secret: string, options: TraceOptions) {
  const token = tokenCache(secret);
  const answeredAt = new Map<string, number>();
  const auditedBefore = await createdInAudit(sql);
  const now = new Date();
  const load = await runLoad({
    count: options.tasks,
    concurrency: options.concurrency,
    maxMs: 10 * MINUTE_MS,
    ...(options.pacePerSecond ? { pacePerSecond: options.pacePerSecond } : {}),
    progressEvery: 5_000,
    onProgress: (done, elapsedMs) => console.log(`  create: ${done.toLocaleString('en')} in ${(elapsedMs / 1000).toFixed(1)} s`),
    call: async (offset) => {
      const index = options.firstIndex + offset;
      const response = await fetch(`${system.url}/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(benchUser(index % options.users))}`, 'content-type': 'application/json' },
        body: JSON.stringify(generateTask(index, now)),
      });
      const body = await response.text();
      if (response.status !== 201) return `POST /tasks answered ${response.status}: ${body.slice(0, 200)}`;
      answeredAt.set((JSON.parse(body) as { id: string }).id, Date.now());
      return null;
    },
  });
  const createdEnd = Date.now();
  await until(async () => (await createdInAudit(sql)) >= auditedBefore + answeredAt.size, 10 * MINUTE_MS, 'every TaskCreated in the audit log');
  await until(async () => (await taskEventsLag(options.brokers, TASK_EVENT_CONSUMERS)) === 0, 10 * MINUTE_MS, 'every task-events consumer group drained');
  const drainedSeconds = (Date.now() - createdEnd) / 1_000;
  // Every TaskCreated record, matched to this phase's tasks here (an `= any(<100,000 ids>)` filter scans the array per row).
  const audited = await sql.unsafe(`select task_id, received_at from audit.audit_records where type = 'dev.todo.task.created.v1'`);
  const toAudit = audited.flatMap((row) => {
    const answered = answeredAt.get(row.task_id as string);
    return answered === undefined ? [] : [new Date(row.received_at as string).getTime() - answered];
  });
  const endToEndPerSecond = answeredAt.size / (load.elapsedMs / 1_000 + drainedSeconds);
  return { load, toAudit: summarize(toAudit), drainedSeconds, endToEndPerSecond };
}

/** Every process of the system by name, for reading their CPU time. */
const systemPids = (system: MultiSystem) => ({
  ...Object.fromEntries(FUNCTIONS.map((name) => [name, system.functions[name].pid()])),
  dispatcher: system.dispatcher.pid(),
});

/** CPU milliseconds per task: the system's processes (functions and dispatcher) summed, each one, and the whole machine. */
function cpuPerTask(cpu: CpuReading, tasks: number): { system: number; machine: number; byProcess: Record<string, number> } {
  const byProcess = Object.fromEntries(Object.entries(cpu).filter(([name]) => name !== 'machine').map(([name, seconds]) => [name, (seconds * 1000) / tasks]));
  return { system: Object.values(byProcess).reduce((sum, ms) => sum + ms, 0), machine: ((cpu.machine ?? 0) * 1000) / tasks, byProcess };
}

/** What CPU per task should stay under, across every process of the system. */
const CPU_PER_TASK_GOAL_MS = 2;

/**
 * Task creation over HTTP through the multi-process system (ingress → task process → outbox → Kafka →
 * dispatcher → reminder, recurrence, audit and chat processes), beside the raw ceilings measured in the
 * same run: kafkajs produce→consume alone and single-row inserts with the `postgres` client alone.
 * Starts its own broker on BENCH_KAFKA_PORT (default 29292, fresh topics) and a fresh database on the
 * Postgres server (BENCH_DATABASE_URL, else the scripts/postgres.sh server), and removes both afterwards.
 */
export const multiProcessFanOutScenario: BenchScenario = {
  name: 'multi-process-fan-out',
  async run({ config, root }) {
    const kafkaPort = process.env.BENCH_KAFKA_PORT ?? '29292';
    const brokers = [`127.0.0.1:${kafkaPort}`];
    const serverUrl = config.databaseUrl ?? 'postgres://todo:todo@127.0.0.1:25432/todo';
    ensureBundles(root);
    kafkaScript(kafkaPort, 'stop', 'reset', 'start');
    const database = await freshDatabase(serverUrl, 'multi', 'multi-process');
    const sql = connect(database.url, { max: config.concurrency, applicationName: 'bench-multi' });
    const runDir = mkdtempSync(join(tmpdir(), 'bench-multi-'));
    const profileDir = process.env.BENCH_CPU_PROFILE === '1' ? join(runDir, 'profiles') : undefined;
    let system: MultiSystem | undefined;
    try {
      console.log('  raw ceilings: kafkajs produce→consume, postgres single-row inserts');
      const kafka = await produceConsume(brokers, config.tasks);
      const inserts = await singleRowInserts(sql, config.tasks, config.concurrency);

      const secret = randomBytes(32).toString('hex');
      const ports = Object.fromEntries(await Promise.all([...FUNCTIONS, 'dispatcher'].map(async (name) => [name, await freePort()]))) as Parameters<typeof startMultiSystem>[0]['ports'];
      // BENCH_CPU_PROFILE=1: every process runs under `node --cpu-prof`; the profiles' top frames follow the figures.
      const nodeArgs = profileDir ? (name: string) => ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`] : undefined;
      system = await startMultiSystem({ root, databaseUrl: database.url, kafkaUrl: `kafka://${brokers[0]}`, secret, runDir, dataDir: join(runDir, 'data'), ingressPort: await freePort(), ports, logLevel: 'warn', env: UNLIMITED_WRITES, ...(nodeArgs ? { nodeArgs } : {}) });
      console.log(`  multi-process system up; creating ${config.tasks.toLocaleString('en')} tasks`);
      const cpuBefore = readCpu(systemPids(system));
      const traced = await createAndTrace(system, sql, secret, { tasks: config.tasks, users: config.users, concurrency: config.concurrency, brokers, firstIndex: 0 });
      // Per task created: a refused create (none expected with writes unlimited) made no events to carry.
      const cpu = cpuPerTask(cpuBetween(cpuBefore, readCpu(systemPids(system))), traced.load.succeeded);
      // Latency without a backlog: an open-loop rate well under what the consumers drain (BENCH_PACED_RATE/s).
      const pacedRate = Number(process.env.BENCH_PACED_RATE ?? 50);
      const pacedTasks = Math.min(config.tasks, pacedRate * 60);
      console.log(`  paced: ${pacedTasks.toLocaleString('en')} tasks at ${pacedRate}/s`);
      const paced = await createAndTrace(system, sql, secret, { tasks: pacedTasks, users: config.users, concurrency: 64, brokers, firstIndex: config.tasks, pacePerSecond: pacedRate });

      const fanOut = (run: typeof traced) =>
        `end to end ${num(Math.round(run.endToEndPerSecond))}/s: fanned out to ${TASK_EVENT_CONSUMERS.length} consumer groups, drained ${run.drainedSeconds.toFixed(1)} s after the last 201`;
      const rows: Row[] = [
        loadRow('multi-process POST /tasks', `ingress, ${config.users} users, concurrency ${config.concurrency}`, traced.load, config.tasks),
        ['multi-process 201 → audit record', 'as fast as possible (backlog included)', num(traced.toAudit.count), '', num(traced.toAudit.p50Ms), num(traced.toAudit.p99Ms), num(traced.toAudit.maxMs), fanOut(traced)],
        loadRow('multi-process POST /tasks', `paced at ${pacedRate}/s`, paced.load, pacedTasks),
        ['multi-process 201 → audit record', `paced at ${pacedRate}/s`, num(paced.toAudit.count), '', num(paced.toAudit.p50Ms), num(paced.toAudit.p99Ms), num(paced.toAudit.maxMs), fanOut(paced)],
        ['kafkajs produce → consume (alone)', `${kafka.recordBytes} B records, ${kafka.partitions} partitions, batches of 100`, num(kafka.records), num(kafka.consumedPerSecond), '', '', '', `produce alone ${num(kafka.producedPerSecond)}/s`],
        loadRow('postgres single-row insert (alone)', `concurrency ${config.concurrency}`, inserts, config.tasks),
        [
          'multi-process CPU per task',
          'created at full speed until every group drained',
          num(traced.load.succeeded),
          '',
          '',
          '',
          '',
          `${cpu.system.toFixed(2)} ms in the system's processes (goal ≤ ${CPU_PER_TASK_GOAL_MS} ms ${cpu.system <= CPU_PER_TASK_GOAL_MS ? 'met' : 'missed'}: ${Object.entries(cpu.byProcess)
            .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
            .join(', ')}); ${cpu.machine.toFixed(2)} ms of the whole machine (with Kafka, Postgres and the load generator)`,
        ],
        [
          'multi-process throughput vs ceilings',
          'end to end ÷ raw ceilings of this run',
          '',
          '',
          '',
          '',
          '',
          `${((100 * traced.endToEndPerSecond) / kafka.consumedPerSecond).toFixed(1)} % of kafkajs produce → consume, ${((100 * traced.endToEndPerSecond) / inserts.perSecond).toFixed(1)} % of single-row inserts`,
        ],
      ];
      await system.stop();
      system = undefined;
      const appendix = profileDir && existsSync(profileDir) ? profilesMarkdown(profileDir, 'CPU profiles of every process (`node --cpu-prof`, start to stop: both runs and start-up)') : undefined;
      return { rows, details: { multiProcess: traced, paced, kafka, inserts, cpuPerTaskMs: cpu }, ...(appendix ? { appendix } : {}) };
    } finally {
      await system?.stop();
      await sql.end({ timeout: 5 });
      await database.drop();
      kafkaScript(kafkaPort, 'stop');
      rmSync(runDir, { recursive: true, force: true });
    }
  },
};
