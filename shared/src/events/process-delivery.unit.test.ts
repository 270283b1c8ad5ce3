import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../contracts/rule-violation';
import { aTaskCompleted, aTaskCreated, recordingConsumer, recordingLog } from '../testing/event-fixtures';
import { ack, drop, retry } from './outcome';
import { processDelivery } from './process-delivery';

const throwing = (error: unknown) => async () => {
  throw error;
};

describe('processDelivery', () => {
  it('hands a valid event of a subscribed type to the handler once and returns its outcome', async () => {
    const consumer = recordingConsumer({ respond: async () => ack('stored') });
    const { log } = recordingLog();
    const event = aTaskCreated();

    const outcome = await processDelivery(consumer, event, { log, attempt: 2 });

    expect(outcome).toEqual(ack('stored'));
    expect(consumer.calls).toEqual([{ event, context: { log: expect.anything(), attempt: 2 } }]);
    // The handler's log carries the delivery's trace (the event's own, continued).
    expect(consumer.calls[0]!.context.log.bindings().traceparent).toMatch(new RegExp(`^00-${event.traceparent.slice(3, 35)}-[0-9a-f]{16}-01$`));
  });

  it('acknowledges and ignores a known type the consumer does not act on', async () => {
    const consumer = recordingConsumer({ types: ['dev.todo.task.created.v1'] });

    const outcome = await processDelivery(consumer, aTaskCompleted(), { log: recordingLog().log, attempt: 0 });

    expect(outcome).toEqual(ack('ignored dev.todo.task.completed.v1'));
    expect(consumer.calls).toEqual([]);
  });

  it('drops an event with an unknown type without calling the handler', async () => {
    const consumer = recordingConsumer();

    const outcome = await processDelivery(consumer, { ...aTaskCreated(), type: 'dev.todo.task.exploded.v1' }, { log: recordingLog().log, attempt: 0 });

    expect(outcome).toEqual(drop('unknown event type "dev.todo.task.exploded.v1"'));
    expect(consumer.calls).toEqual([]);
  });

  it('drops an event that breaks its schema, naming the field', async () => {
    const consumer = recordingConsumer();
    const { userid: _userid, ...withoutUser } = aTaskCreated();

    const outcome = await processDelivery(consumer, withoutUser, { log: recordingLog().log, attempt: 0 });

    expect(outcome).toMatchObject({ kind: 'drop', reason: expect.stringContaining('userid') });
    expect(consumer.calls).toEqual([]);
  });

  it('drops something that is not an event at all', async () => {
    const outcome = await processDelivery(recordingConsumer(), null, { log: recordingLog().log, attempt: 0 });

    expect(outcome).toEqual(drop('unknown event type null'));
  });

  it('passes on a retry the handler asks for', async () => {
    const consumer = recordingConsumer({ respond: async () => retry('downstream busy') });

    const outcome = await processDelivery(consumer, aTaskCreated(), { log: recordingLog().log, attempt: 0 });

    expect(outcome).toEqual(retry('downstream busy'));
  });

  it.each([
    ['a serialization failure', { code: '40001', message: 'could not serialize access' }],
    ['a deadlock', { code: '40P01', message: 'deadlock detected' }],
    ['an admin shutdown', { code: '57P01', message: 'terminating connection' }],
    ['a lost connection', { code: '08006', message: 'connection failure' }],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a closed postgres.js connection', Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' })],
  ])('retries when the handler fails with %s', async (_name, error) => {
    const consumer = recordingConsumer({ respond: throwing(error) });

    const outcome = await processDelivery(consumer, aTaskCreated(), { log: recordingLog().log, attempt: 0 });

    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringContaining(error.code) });
  });

  it.each([
    ['a not-null violation', { code: '23502' }],
    ['a unique violation', { code: '23505', message: 'duplicate key value violates unique constraint' }],
    ['an invalid text representation', { code: '22P02', message: 'invalid input syntax for type uuid' }],
  ])('drops the event when Postgres refuses its data with %s', async (_name, error) => {
    const consumer = recordingConsumer({ respond: throwing(error) });

    const outcome = await processDelivery(consumer, aTaskCreated(), { log: recordingLog().log, attempt: 0 });

    expect(outcome).toMatchObject({ kind: 'drop', reason: expect.stringContaining(error.code) });
  });

  it('drops a command the function\'s rules refuse, naming the field, without a retry', async () => {
    const consumer = recordingConsumer({ respond: throwing(new RuleViolation('reminders', 'reminders are offsets before the due time; set dueAt first')) });

    const outcome = await processDelivery(consumer, aTaskCreated(), { log: recordingLog().log, attempt: 0 });

    expect(outcome).toEqual(drop('reminders: reminders are offsets before the due time; set dueAt first'));
  });

  it('retries any other failure with its message', async () => {
    const consumer = recordingConsumer({ respond: throwing(new TypeError('cannot read properties of undefined')) });

    const outcome = await processDelivery(consumer, aTaskCreated(), { log: recordingLog().log, attempt: 0 });

    expect(outcome).toEqual(retry('handler failed: cannot read properties of undefined'));
  });

  it('logs a drop at warn with the event id, type and source but never its data', async () => {
    const recording = recordingLog();
    const event = aTaskCreated();
    const consumer = recordingConsumer({ respond: throwing({ code: '23502', message: 'null value in column' }) });

    await processDelivery(consumer, event, { log: recording.log, attempt: 1 });

    expect(recording.lines()).toEqual([
      expect.objectContaining({ level: 40, eventId: event.id, eventType: event.type, eventSource: event.source, outcome: 'drop', attempt: 1 }),
    ]);
    expect(recording.text()).not.toContain(event.data.task.title);
  });

  it('logs a retry at warn and nothing for an ack', async () => {
    const recording = recordingLog();

    await processDelivery(recordingConsumer({ respond: throwing(new Error('boom')) }), aTaskCreated(), { log: recording.log, attempt: 0 });
    await processDelivery(recordingConsumer(), aTaskCreated(), { log: recording.log, attempt: 0 });

    expect(recording.lines()).toEqual([expect.objectContaining({ level: 40, outcome: 'retry', reason: 'handler failed: boom' })]);
  });
});
