import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createKafkaBus, type KafkaBus } from '#shared/bus/kafka-bus';
import { createKafkaClient } from '#shared/bus/kafka-client';
import { createKafkaSender } from '#shared/bus/kafka-producer';
import { parseKafkaUrl } from '#shared/bus/kafka-url';
import type { Sql } from '#shared/db/connect';
import { migrate } from '#shared/db/migrate';
import type { AnyEvent } from '#shared/events/catalog';
import type { Consumer } from '#shared/events/consumer';
import { aTask, aTaskCreated, eventContext } from '#shared/testing/event-fixtures';
import { testAuth } from '#shared/testing/test-auth';
import { testSql, uniqueSchema } from '#shared/testing/test-database';
import { createAuditConsumer } from '../../functions/audit/src/audit-consumer';
import { auditMigrations } from '../../functions/audit/src/audit-schema';
import { daprPathDeadLetter, javaTime, knativeDelivery, knativePathDeadLetter } from './dead-letter-fixtures';
import { type DeadLetter, normaliseDeadLetter } from './dead-letter-record';
import { readRecords } from './dead-letter-reader';
import { runDlq } from './dlq-cli';

// The audit function's real consumer on the project's kafkajs path (the in-process bus: retries, then the
// dead-letter topic), over the run's broker and a Postgres that refuses appends while the test says so.

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const brokers = () => parseKafkaUrl(inject('kafkaUrl')).brokers;
const slow = { timeout: 60_000, interval: 300 };
/** The consumer group, apart from every other test's, and so its own dead-letter topic. */
const name = `audit-${randomUUID().slice(0, 8)}`;
const deadLetterTopic = `${name}-dead-letter`;
const AUDIT_EVENTS_URL = 'http://audit.todo.svc.cluster.local/events';

let sql: Sql;
let schema: string;
let bus: KafkaBus;
let audit: Consumer;
const handled: { event: AnyEvent; outcome: string }[] = [];

async function refuseAppends(refusing: boolean): Promise<void> {
  await sql.unsafe(`update ${schema}.refusing set refusing = $1`, [refusing]);
}

/** Runs the CLI as an operator would; its exit code and what it printed. */
async function dlq(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runDlq(args, { brokers: brokers(), out: (line) => lines.push(line), err: (line) => lines.push(line), log });
  return { code, out: lines.join('\n') };
}

async function deadLettersOf(ids: readonly string[]): Promise<DeadLetter[]> {
  const kafka = createKafkaClient({ brokers: brokers(), clientId: 'dlq-test', log });
  const all = (await readRecords(kafka, [deadLetterTopic])).map(normaliseDeadLetter);
  return all.filter((deadLetter) => ids.includes(String(deadLetter.event?.id)));
}

async function recordedEventIds(userId: string): Promise<string[]> {
  const rows = await sql.unsafe(`select event_id from ${schema}.audit_records where user_id = $1 order by sequence`, [userId]);
  return rows.map((row) => row.event_id as string);
}

const handledOf = (id: string) => handled.filter((call) => call.event.id === id);
const positions = (deadLetters: readonly DeadLetter[]) => deadLetters.map((deadLetter) => `${deadLetter.partition}:${deadLetter.offset}`);

function taskCreated(userId: string, now = new Date()): AnyEvent {
  return aTaskCreated(aTask({ id: randomUUID() }), eventContext({ userId, newId: randomUUID, now }));
}

beforeAll(async () => {
  sql = testSql();
  schema = uniqueSchema('dlq_audit');
  await migrate(sql, auditMigrations(schema));
  await sql.unsafe(`create table ${schema}.refusing (refusing boolean not null)`);
  await sql.unsafe(`insert into ${schema}.refusing values (false)`);
  // 23514 (check_violation) is data Postgres refuses: the delivery path drops it to the dead-letter topic at once.
  await sql.unsafe(`create function ${schema}.refuse_while_told() returns trigger language plpgsql as $$
    begin
      if (select refusing from ${schema}.refusing) then
        raise exception 'the test refuses appends for now' using errcode = '23514';
      end if;
      return new;
    end $$`);
  await sql.unsafe(`create trigger refuse_while_told before insert on ${schema}.audit_records for each row execute function ${schema}.refuse_while_told()`);

  const admin = createKafkaClient({ brokers: brokers(), clientId: 'dlq-test-admin', log }).admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: deadLetterTopic, numPartitions: 1 }] });
  // The group starts at the end of task-events: records of the run's other test files are not its business.
  await admin.resetOffsets({ groupId: name, topic: 'task-events', earliest: false });
  await admin.disconnect();

  const real = createAuditConsumer({ sql, schema, clock: () => new Date(), authenticate: testAuth().authenticate, log });
  audit = real;
  const watched: Consumer = {
    ...real,
    name,
    topics: ['task-events'],
    async handle(event, context) {
      try {
        const outcome = await real.handle(event, context);
        handled.push({ event, outcome: outcome.kind === 'ack' && outcome.note ? outcome.note : outcome.kind });
        return outcome;
      } catch (error) {
        handled.push({ event, outcome: 'failed' });
        throw error;
      }
    },
  };
  bus = createKafkaBus({ brokers: brokers(), consume: 'in-process', clientId: name, log, retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 } });
  bus.subscribe(watched);
  await bus.joined();
});

afterAll(async () => {
  await bus?.close();
  await sql?.unsafe(`drop schema if exists ${schema} cascade`);
  await sql?.end();
});

describe('dead letters of the kafkajs path, replayed with the dlq tool', () => {
  it('dead-letters what a refusing database dropped; a replay records each exactly once, and a second replay changes nothing', async () => {
    const user = `dlq-${randomUUID().slice(0, 8)}`;
    const events = [taskCreated(user), taskCreated(user), taskCreated(user)];
    const ids = events.map((event) => event.id);
    await refuseAppends(true);
    await bus.publish(events);

    let deadLetters: DeadLetter[] = [];
    await vi.waitFor(async () => {
      deadLetters = await deadLettersOf(ids);
      expect(deadLetters).toHaveLength(3);
    }, slow);
    for (const deadLetter of deadLetters) {
      expect(deadLetter).toMatchObject({ path: 'kafka', consumer: name, origin: { topic: 'task-events' } });
      expect(deadLetter.reason).toMatch(/^database refused the data \(23514\): the test refuses appends for now \(after 1 attempt\)$/);
      expect(deadLetter.event).toEqual(events.find((event) => event.id === deadLetter.event?.id));
    }
    const listed = await dlq('list', deadLetterTopic);
    expect(listed.code).toBe(0);
    for (const id of ids) expect(listed.out).toContain(`dev.todo.task.created.v1 ${id} /functions/task`);
    expect(await recordedEventIds(user)).toEqual([]);

    await refuseAppends(false);
    const first = await dlq('replay', deadLetterTopic, ...positions(deadLetters));
    expect(first.code).toBe(0);
    expect(first.out).toContain('3 replayed, 0 refused.');
    expect(first.out).toContain('replaying the same dead letters again changes nothing');
    await vi.waitFor(async () => expect((await recordedEventIds(user)).sort()).toEqual([...ids].sort()), slow);
    const rows = await sql.unsafe(`select * from ${schema}.audit_records where user_id = $1 order by sequence`, [user]);
    for (const id of ids) expect(handledOf(id).map((call) => call.outcome)).toEqual(['failed', 'ack']);

    const second = await dlq('replay', deadLetterTopic, ...positions(deadLetters));
    expect(second.code).toBe(0);
    await vi.waitFor(() => {
      for (const id of ids) expect(handledOf(id).map((call) => call.outcome)).toEqual(['failed', 'ack', 'already recorded']);
    }, slow);
    expect(await sql.unsafe(`select * from ${schema}.audit_records where user_id = $1 order by sequence`, [user])).toEqual(rows);
  });

  it('replays a Dapr and a Knative dead letter as the events their producer published, and refuses an invalid one', async () => {
    const user = `dlq-${randomUUID().slice(0, 8)}`;
    const viaDapr = taskCreated(user);
    // A whole second: the Java SDK of Knative's data plane writes a time without a zero fraction.
    const viaKnative = taskCreated(user, new Date('2026-05-01T09:00:00.000Z'));
    const invalid = { ...taskCreated(user), data: { task: { ...aTask(), title: 42 }, commandId: null } };
    const dapr = await daprPathDeadLetter(viaDapr, { partition: 4, offset: '17' });
    await refuseAppends(true);
    const refused = await knativeDelivery(audit, viaKnative);
    await refuseAppends(false);
    expect(refused.status).toBe(400);
    const knative = knativePathDeadLetter(viaKnative, { destination: AUDIT_EVENTS_URL, response: refused });
    const broken = knativePathDeadLetter(invalid, { destination: AUDIT_EVENTS_URL, response: await knativeDelivery(audit, invalid) });
    const sender = createKafkaSender(createKafkaClient({ brokers: brokers(), clientId: 'dlq-test-producer', log }));
    await sender.send([{ topic: deadLetterTopic, messages: [dapr.message, knative, broken] }]).finally(() => sender.close());

    const deadLetters = await deadLettersOf([viaDapr.id, viaKnative.id, invalid.id]);
    expect(deadLetters.map((deadLetter) => [deadLetter.path, deadLetter.event?.id])).toEqual([
      ['dapr', viaDapr.id],
      ['knative', viaKnative.id],
      ['knative', invalid.id],
    ]);
    expect(deadLetters[0]!.origin).toEqual({ topic: 'task-events', partition: 4, offset: '17' });
    expect(deadLetters[1]!.reason).toBe(`HTTP 400 from ${AUDIT_EVENTS_URL}: database refused the data (23514): the test refuses appends for now`);
    const shown = await dlq('show', deadLetterTopic, positions(deadLetters)[1]!);
    expect(JSON.parse(shown.out)).toEqual(deadLetters[1]);

    const replay = await dlq('replay', deadLetterTopic, ...positions(deadLetters));
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/refused {2}\S+: invalid dev\.todo\.task\.created\.v1: data\.task\.title: /);
    expect(replay.out).toContain('2 replayed, 1 refused.');

    await vi.waitFor(async () => expect((await recordedEventIds(user)).sort()).toEqual([viaDapr.id, viaKnative.id].sort()), slow);
    expect(handledOf(viaDapr.id).map((call) => call.event)).toEqual([{ ...viaDapr, traceparent: dapr.envelope.traceparent }]);
    expect(handledOf(viaKnative.id).map((call) => call.event)).toEqual([{ ...viaKnative, time: javaTime(viaKnative.time) }]);
    expect(handledOf(invalid.id)).toEqual([]);
  });
});
