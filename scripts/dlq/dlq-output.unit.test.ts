import { describe, expect, it } from 'vitest';
import type { DeadLetter } from './dead-letter-record';
import { listLine } from './dlq-output';

const deadLetter: DeadLetter = {
  deadLetterTopic: 'audit-dead-letter',
  partition: 0,
  offset: '7',
  path: 'kafka',
  consumer: 'audit',
  reason: `database refused the data (23514):\n${'x'.repeat(200)}`,
  origin: { topic: 'task-events', partition: 3, offset: '41' },
  time: '2026-05-01T09:00:07.000Z',
  event: { type: 'dev.todo.task.created.v1', id: 'evt-1', source: '/functions/task' },
};

describe('a dead letter listed', () => {
  it('is one line: where, when, path, consumer, the event and the reason cut at 120 characters', () => {
    const line = listLine(deadLetter);

    expect(line).toBe(`audit-dead-letter 0:7  2026-05-01T09:00:07.000Z  kafka  audit  dev.todo.task.created.v1 evt-1 /functions/task  database refused the data (23514): ${'x'.repeat(84)}…`);
  });

  it('says when the record holds no CloudEvent', () => {
    expect(listLine({ ...deadLetter, event: null, reason: 'r' })).toContain('audit  (no CloudEvent)  r');
  });
});
