import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import type { Sql } from '#shared/db/connect';
import { migrate } from '#shared/db/migrate';
import type { AnyEvent } from '#shared/events/catalog';
import { newEvent } from '#shared/events/new-event';
import { aTask, eventContext } from '#shared/testing/event-fixtures';
import { testSql, uniqueSchema } from '#shared/testing/test-database';
import { successorTaskId } from './decide';
import { createRecurrenceConsumer } from './recurrence-consumer';
import { recurrenceMigrations } from './recurrence-schema';

const log = pino({ level: 'silent' });
const delivery = { log, attempt: 0 };
const now = () => new Date('2026-05-01T08:00:00Z');

let sql: Sql;
const schemas: string[] = [];

/** One recurrence engine on its own schema (its own database, as far as it can tell). */
async function anEngine(schema = uniqueSchema('recurrence')) {
  if (!schemas.includes(schema)) {
    schemas.push(schema);
    await migrate(sql, recurrenceMigrations(schema));
  }
  const consumer = createRecurrenceConsumer({ sql, schema, clock: now, eventsCommitted: () => {}, log });
  return {
    schema,
    deliver: (event: AnyEvent) => consumer.handle(event, delivery),
    commands: async (predecessorId?: string) => {
      const rows = await sql.unsafe(`select event from ${schema}.outbox order by position`);
      const events = rows.map((row) => row.event as AnyEvent);
      return predecessorId ? events.filter((event) => event.subject === successorTaskId(predecessorId)) : events;
    },
  };
}

function aRecurringTask(overrides: Partial<Task> = {}): Task {
  const id = randomUUID();
  return aTask({
    id,
    dueAt: '2026-05-01T07:00:00.000Z',
    recurrence: { rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' },
    series: { id, index: 1 },
    status: 'completed',
    completedAt: '2026-05-01T07:30:00.000Z',
    ...overrides,
  });
}

const completed = (task: Task) => newEvent('dev.todo.task.completed.v1', eventContext({ newId: randomUUID }), { subject: task.id, data: { task } });
const deleted = (task: Task) => newEvent('dev.todo.task.deleted.v1', eventContext({ newId: randomUUID }), { subject: task.id, data: { task } });

beforeAll(() => {
  sql = testSql();
});
afterAll(async () => {
  for (const schema of schemas) await sql.unsafe(`drop schema ${schema} cascade`);
  await sql.end();
});

describe('the recurrence consumer', () => {
  it('puts one create-task command for the next occurrence into its outbox', async () => {
    const engine = await anEngine();
    const task = aRecurringTask();

    expect(await engine.deliver(completed(task))).toEqual({ kind: 'ack' });

    const commands = await engine.commands(task.id);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ type: 'dev.todo.task.create.v1', userid: 'user-1', data: { dueAt: '2026-05-04T07:00:00.000Z', series: { id: task.id, index: 2 } } });
  });

  it('generates nothing more for a redelivered completion', async () => {
    const engine = await anEngine();
    const event = completed(aRecurringTask());

    await engine.deliver(event);
    expect(await engine.deliver(event)).toEqual({ kind: 'ack', note: 'duplicate event' });

    expect(await engine.commands()).toHaveLength(1);
  });

  it('generates nothing more when the task is reopened and completed again', async () => {
    const engine = await anEngine();
    const task = aRecurringTask();

    await engine.deliver(completed(task));
    const again = await engine.deliver(completed({ ...task, version: 4, completedAt: '2026-05-02T10:00:00.000Z' }));

    expect(again).toEqual({ kind: 'ack', note: 'next occurrence already generated' });
    expect(await engine.commands()).toHaveLength(1);
  });

  it('generates one next task when two engines on one database race for the same completion', async () => {
    const first = await anEngine();
    const second = await anEngine(first.schema);
    const task = aRecurringTask();

    await Promise.all([first.deliver(completed(task)), second.deliver(completed(task)), first.deliver(completed(task))]);

    expect(await first.commands(task.id)).toHaveLength(1);
  });

  it('makes engines with separate databases send the same command for the same task', async () => {
    const [a, b] = [await anEngine(), await anEngine()];
    const task = aRecurringTask();

    await a.deliver(completed(task));
    await b.deliver(completed(task));

    const [fromA] = await a.commands(task.id);
    const [fromB] = await b.commands(task.id);
    expect({ id: fromB!.id, source: fromB!.source, data: fromB!.data }).toEqual({ id: fromA!.id, source: fromA!.source, data: fromA!.data });
  });

  it('generates nothing for a deleted task, even when the deletion arrives before the completion', async () => {
    const engine = await anEngine();
    const task = aRecurringTask();

    await engine.deliver(deleted(task));
    expect(await engine.deliver(completed(task))).toEqual({ kind: 'ack', note: 'task was deleted' });

    expect(await engine.commands()).toEqual([]);
  });

  it('generates nothing for a task that does not recur, or at the end of its series', async () => {
    const engine = await anEngine();
    const single = aRecurringTask({ recurrence: null, series: null });
    const last = aRecurringTask({ recurrence: { rrule: 'FREQ=DAILY;COUNT=3', timezone: 'UTC' } });
    last.series = { id: randomUUID(), index: 3 };

    expect(await engine.deliver(completed(single))).toEqual({ kind: 'ack', note: 'not recurring' });
    expect(await engine.deliver(completed(last))).toEqual({ kind: 'ack', note: 'series ended (count)' });
    expect(await engine.commands()).toEqual([]);
  });
});
