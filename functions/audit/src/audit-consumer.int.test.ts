import { HTTP } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, type EventType } from '#shared/events/catalog';
import { TOPICS } from '#shared/events/topics';
import { TRACEPARENT } from '#shared/testing/event-fixtures';
import { TEST_APP_API_TOKEN } from '#shared/testing/test-event-path';
import { type AuditKit, anEvent, startAuditKit, TASK_ID } from '../test/audit-test-kit';

let kit: AuditKit;
beforeAll(async () => {
  kit = await startAuditKit();
});
afterAll(() => kit.stop());

let users = 0;
/** A user of this test alone, so every test starts from an empty chain. */
const aUser = () => `consumer-user-${++users}`;

const verify = async (userId: string) => (await kit.call(userId, 'GET', '/audit/verify')).body;

/** How many transactions wrote the users' records (rows written by one transaction share its `xmin`). */
async function transactionsThatWrote(userIds: string[]): Promise<number> {
  const [row] = await kit.sql.unsafe(`select count(distinct xmin::text)::int as n from ${kit.schema}.audit_records where user_id = any($1::text[])`, [userIds] as never[]);
  return row!.n as number;
}

describe('the audit subscription', () => {
  it('reads every topic and acts on every catalog type, with its own dead-letter topic', async () => {
    expect(kit.consumer.name).toBe('audit');
    expect([...kit.consumer.topics].sort()).toEqual(Object.values(TOPICS).sort());
    expect([...kit.consumer.types].sort()).toEqual(Object.keys(CATALOG).sort());
    const subscribe = await kit.app.request('/dapr/subscribe');
    const subscriptions = (await subscribe.json()) as { topic: string; deadLetterTopic: string }[];
    expect(subscriptions.map((s) => s.topic).sort()).toEqual(Object.values(TOPICS).sort());
    expect(new Set(subscriptions.map((s) => s.deadLetterTopic))).toEqual(new Set(['audit-dead-letter']));
  });
});

describe('appending events', () => {
  it('appends one record with the event identity, times, correlation id and data', async () => {
    const alice = aUser();
    const event = anEvent('dev.todo.task.created.v1', alice, { time: '2026-05-01T09:59:00+02:00' });
    kit.clock.set('2026-05-01T08:00:01.234Z');
    expect(await kit.deliver(event)).toEqual({ status: 202, body: null });

    const rows = await kit.rowsOf(alice);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: alice,
      sequence: 1,
      event_source: '/functions/task',
      event_id: event.id,
      type: 'dev.todo.task.created.v1',
      subject: TASK_ID,
      task_id: TASK_ID,
      event_time: new Date('2026-05-01T07:59:00Z'),
      received_at: new Date('2026-05-01T08:00:01.234Z'),
      traceparent: TRACEPARENT,
      data: event.data,
      prev_hash: '0'.repeat(64),
    });
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(Object.keys(CATALOG) as EventType[])('accepts %s', async (type) => {
    const alice = aUser();
    const event = anEvent(type, alice);
    expect(await kit.deliver(event)).toEqual({ status: 202, body: null });
    const rows = await kit.rowsOf(alice);
    expect(rows.map((row) => [row.type, row.event_id, row.task_id])).toEqual([[type, event.id, TASK_ID]]);
  });

  it('accepts structured events pushed by Dapr', async () => {
    const alice = aUser();
    const event = anEvent('dev.todo.reminder.delivered.v1', alice);
    const { headers, body } = HTTP.structured(event);
    const envelope = { ...JSON.parse(body as string), topic: 'reminder-events', pubsubname: 'pubsub' };
    const response = await kit.app.request('/dapr/events', { method: 'POST', headers: { ...(headers as Record<string, string>), 'dapr-api-token': TEST_APP_API_TOKEN }, body: JSON.stringify(envelope) });
    expect(await response.json()).toEqual({ status: 'SUCCESS' });
    expect(await kit.rowsOf(alice)).toHaveLength(1);
  });

  it('records an event delivered three times once', async () => {
    const alice = aUser();
    const event = anEvent('dev.todo.task.completed.v1', alice);
    for (let i = 0; i < 3; i++) expect((await kit.deliver(event)).status).toBe(202);
    expect(await kit.process(event, 3)).toEqual({ kind: 'ack', note: 'already recorded' });
    expect(await kit.rowsOf(alice)).toHaveLength(1);
    expect(await verify(alice)).toEqual({ ok: true, records: 1 });
  });

  it('records an event delivered three times at once once, over HTTP and the bus path alike', async () => {
    const alice = aUser();
    const event = anEvent('dev.todo.task.updated.v1', alice);
    const outcomes = await Promise.all([kit.deliver(event), kit.process(event), kit.deliver(event), kit.process(event), kit.deliver(event), kit.process(event)]);
    expect(outcomes.map((outcome) => ('status' in outcome ? outcome.status : outcome.kind))).toEqual([202, 'ack', 202, 'ack', 202, 'ack']);
    expect(await kit.rowsOf(alice)).toHaveLength(1);
    expect(await verify(alice)).toEqual({ ok: true, records: 1 });
  });

  it('keeps one unforked chain when many events of one user arrive at once', async () => {
    const alice = aUser();
    const types = Object.keys(CATALOG) as EventType[];
    const events = Array.from({ length: 40 }, (_, i) => anEvent(types[i % types.length]!, alice));
    await Promise.all(events.flatMap((event, i): Promise<unknown>[] => (i % 2 ? [kit.deliver(event)] : [kit.process(event), kit.process(event)])));
    const rows = await kit.rowsOf(alice);
    expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(events.map((event) => event.id)));
    expect(await verify(alice)).toEqual({ ok: true, records: 40 });
  });

  it('appends the events that arrive during a write together in one transaction, whichever users they belong to', async () => {
    const people = [aUser(), aUser(), aUser()];
    const events = Array.from({ length: 30 }, (_, i) => anEvent('dev.todo.task.updated.v1', people[i % 3]!));

    const outcomes = await Promise.all(events.map((event) => kit.process(event)));

    expect(outcomes.every((outcome) => outcome.kind === 'ack')).toBe(true);
    for (const person of people) expect(await verify(person)).toEqual({ ok: true, records: 10 });
    // the first event at once; the 29 that arrived while it was being written, together
    expect(await transactionsThatWrote(people)).toBe(2);
  });

  it('drops only the event whose data Postgres refuses when it shares a transaction with others', async () => {
    const alice = aUser();
    const good = Array.from({ length: 6 }, () => anEvent('dev.todo.task.updated.v1', alice));
    const created = anEvent('dev.todo.task.created.v1', alice);
    const { task } = created.data as { task: object };
    const bad = created.cloneWith({ data: { task: { ...task, description: 'a\u0000b' }, commandId: null } });

    // all but the first wait for the first one's write, and are then written together
    const outcomes = await Promise.all([...good.slice(0, 3), bad, ...good.slice(3)].map((event) => kit.process(event)));

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['ack', 'ack', 'ack', 'drop', 'ack', 'ack', 'ack']);
    expect(outcomes[3]).toMatchObject({ reason: expect.stringContaining('database refused the data') });
    expect((await kit.rowsOf(alice)).map((row) => row.event_id).sort()).toEqual(good.map((event) => event.id).sort());
    expect(await verify(alice)).toEqual({ ok: true, records: 6 });
  });

  it('keeps each user in their own chain', async () => {
    const [alice, bob] = [aUser(), aUser()];
    await Promise.all([kit.deliver(anEvent('dev.todo.task.created.v1', alice)), kit.deliver(anEvent('dev.todo.task.created.v1', bob)), kit.deliver(anEvent('dev.todo.task.deleted.v1', alice))]);
    expect((await kit.rowsOf(alice)).map((row) => row.sequence)).toEqual([1, 2]);
    expect((await kit.rowsOf(bob)).map((row) => row.sequence)).toEqual([1]);
  });

  it('drops an event that breaks its schema, recording nothing', async () => {
    const alice = aUser();
    const event = anEvent('dev.todo.task.created.v1', alice).cloneWith({ data: { task: { id: 'not a task' } } }, false);
    const answer = await kit.deliver(event);
    expect(answer).toEqual({ status: 400, body: expect.objectContaining({ title: 'Event Dropped', detail: expect.stringContaining('invalid dev.todo.task.created.v1') }) });
    expect(await kit.rowsOf(alice)).toHaveLength(0);
  });

  it('drops an unknown event type, recording nothing', async () => {
    const alice = aUser();
    const event = anEvent('dev.todo.task.created.v1', alice).cloneWith({ type: 'dev.todo.task.exploded.v1' }, false);
    expect((await kit.deliver(event)).status).toBe(400);
    expect(await kit.rowsOf(alice)).toHaveLength(0);
  });
});
