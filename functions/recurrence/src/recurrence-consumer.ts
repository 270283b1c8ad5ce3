import { claimEvent } from '#shared/db/idempotency';
import type { Consumer } from '#shared/events/consumer';
import { ack, drop, type Outcome } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import { appendToOutbox } from '#shared/outbox/outbox';
import { decideSuccessor, type SuccessorDecision } from './decide';
import { RECURRENCE_SOURCE, type RecurrenceDeps } from './recurrence-deps';
import { insertSuccessor, recordDeletion, wasDeleted } from './recurrence-store';

/**
 * Regenerates recurring tasks: a completed recurring task gets exactly one next task, sent as a
 * create-task command through the outbox; a deleted task never gets one.
 */
export function createRecurrenceConsumer(deps: RecurrenceDeps): Consumer {
  const { sql, schema } = deps;
  return {
    name: 'recurrence',
    topics: [TOPICS.taskEvents],
    types: ['dev.todo.task.completed.v1', 'dev.todo.task.deleted.v1'],
    async handle(event): Promise<Outcome> {
      if (event.type === 'dev.todo.task.deleted.v1') {
        await sql.begin((tx) => recordDeletion(tx, schema, event.userid, event.data.task.id, event.time));
        return ack();
      }
      if (event.type !== 'dev.todo.task.completed.v1') return ack(`ignored ${event.type}`);
      const { task } = event.data;
      if (!task.recurrence) return ack('not recurring');

      let decision: SuccessorDecision;
      try {
        decision = decideSuccessor(task, { source: RECURRENCE_SOURCE, userId: event.userid, traceparent: event.traceparent, now: deps.clock() });
      } catch (error) {
        return drop(`cannot compute the next occurrence: ${(error as Error).message}`);
      }
      if (decision.kind === 'none') return ack(decision.reason);

      const note = await sql.begin(async (tx) => {
        if (!(await claimEvent(tx, schema, event))) return 'duplicate event';
        if (await wasDeleted(tx, schema, task.id)) return 'task was deleted';
        if (!(await insertSuccessor(tx, schema, event.userid, decision.successor, deps.clock()))) return 'next occurrence already generated';
        await appendToOutbox(tx, schema, [decision.command]);
        return null;
      });
      if (note) return ack(note);
      deps.eventsCommitted();
      deps.log.info({ taskId: task.id, nextTaskId: decision.successor.taskId, index: decision.successor.index, dueAt: decision.successor.dueAt }, 'next occurrence generated');
      return ack();
    },
  };
}
